"""Faults the generated datasets found (tests/test_generated_datasets.py), each kept as the small
dataset it shrank to, written out so that it runs on every test run."""

import copy

from tests import datasets
from tests.apptest import open_page


def with_initiatives(*changes: dict, **files) -> dict:
    """TINY's records with each initiative updated by the matching `changes` (in order), and whole
    files replaced by `files`."""
    records = datasets.records(**files)
    for initiative, change in zip(records["initiatives.yaml"], changes):
        initiative.update(copy.deepcopy(change))
    return records


def test_overview_card_shows_markdown_in_a_region_name_as_typed():
    """The cards escaped region names for HTML but not for Markdown, so ':red[…]' drew red text
    and '[x](javascript:…)' a link."""
    records = datasets.records(regions=[datasets.region("piura", ":red[Piura] [x](javascript:alert(1))"),
                                        datasets.region("cajamarca"), datasets.region("cusco")])
    at = open_page("overview", datasets.dataset(records))
    card = next(m.value for m in at.markdown if "cadenas-crop" in m.value)
    assert "\\:red\\[Piura\\] \\[x\\]\\(javascript\\:alert\\(1\\)\\)" in card
    assert ":red[" not in card and "](javascript" not in card


def test_an_entity_in_a_name_shows_as_typed_not_as_the_character():
    """Markdown decodes '&lt;' to '<', so a name typed with an entity showed another text."""
    records = with_initiatives({"name": "Alpha &lt;b&gt; &amp; Co"})
    at = open_page("initiative", datasets.dataset(records), initiative="alpha")
    assert at.header[0].value == "Alpha \\&lt;b\\&gt; \\&amp; Co"

