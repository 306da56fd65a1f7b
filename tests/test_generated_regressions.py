"""Faults the generated datasets found (tests/test_generated_datasets.py), each kept as the small
dataset it shrank to, written out so that it runs on every test run."""

import copy

from components import slides
from components.i18n import t
from tests import datasets
from tests.apptest import html_bodies, open_page, plotly_specs


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


def test_presentation_timeline_of_an_initiative_without_phases_or_events_says_so():
    """The slide drew an empty timeline, an axis with nothing on it."""
    records = with_initiatives({}, {}, {"phases": []},
                               events=[e for e in datasets.TINY["events.yaml"] if e["initiative"] != "gamma"])
    data = datasets.dataset(records)
    talk = slides.build_slides(data)
    at = open_page("present", data, slide=str(talk.index(slides.Slide("timeline", initiative="gamma")) + 1))
    assert at.title[0].value == "Gamma Two Crops"
    assert not plotly_specs(at)
    assert [i.value for i in at.info] == [t("profile.no_chronology")]


def test_presentation_governance_slide_without_partners_says_so():
    """With no partner organisations in the data, the governance slide drew an empty bar chart."""
    records = with_initiatives({"organisations": []}, {"organisations": []})
    data = datasets.dataset(records)
    talk = slides.build_slides(data)
    at = open_page("present", data, slide=str(talk.index(slides.Slide("governance")) + 1))
    assert not plotly_specs(at)
    assert [i.value for i in at.info] == [t("compare.no_partners")]


def test_a_figure_that_rounds_to_a_whole_number_shows_no_bare_decimal_point():
    """Figures are shown to two decimals, and 99.999 came out as '100.' (0.001 as '0.')."""
    records = datasets.records(metrics=[{**datasets.TINY["metrics.yaml"][0], "value": 99.999}])
    at = open_page("initiative", datasets.dataset(records), initiative="alpha")
    card = next(body for body in html_bodies(at) if "cadenas-figure" in body)
    assert "<div class='value'>more than 100 <span>growers</span></div>" in card
