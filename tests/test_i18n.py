"""Spanish and English: every string in both languages, and no English UI string on a
Spanish page. Pages run on the fixture dataset TINY (tests/datasets.py); whether the curated
data has its Spanish text is for tests/test_curated_data.py."""

import html
import json
import re

import pytest
from google.protobuf import json_format

from components import vocabulary as vocab
from components.i18n import LANGUAGES, STRINGS, localised_value
from tests import datasets
from tests.apptest import PAGES, open_page
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"{(\w+)}")
CODE = [*ROOT.glob("app.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("components/*.py")]
DATA = datasets.dataset()


def test_every_key_has_both_languages_with_the_same_placeholders():
    for key, entry in STRINGS.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert set(PLACEHOLDER.findall(entry["en"])) == set(PLACEHOLDER.findall(entry["es"])), key


def test_every_literal_key_used_in_code_exists():
    used = {key for path in CODE for key in re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""", path.read_text())}
    assert used and used <= set(STRINGS), used - set(STRINGS)


@pytest.mark.parametrize("kind, values", [
    ("crop", vocab.CROPS), ("status", vocab.STATUSES), ("metric", vocab.METRICS), ("family", vocab.FAMILIES),
    ("org_type", vocab.ORGANISATION_TYPES), ("kind", vocab.EVENT_KINDS), ("qualifier", vocab.QUALIFIERS),
    ("event_status", vocab.EVENT_STATUSES),
])
def test_every_vocabulary_value_has_a_label(kind, values):
    assert {f"{kind}.{v}" for v in values} <= set(STRINGS)


# --- Spanish pages ------------------------------------------------------------------------

def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# Fields of an element's message that people read (the rest are ids, paths and settings).
DISPLAYED = ("label", "body", "help", "options", "placeholder", "alt", "formattedOptions", "text")


def plotly_texts(spec):
    """What a plotly figure shows: trace names and labels, axis ticks and titles, annotations."""
    for trace in spec["data"]:
        for key in ("name", "text", "hovertext"):
            yield from _strings(trace.get(key))
    layout = spec["layout"]
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            yield from _strings(value.get("ticktext"))
            yield from _strings(value.get("title"))
    yield from _strings([a.get("text") for a in layout.get("annotations", [])])


def page_texts(at, raw_tables: bool):
    """Every text a page shows: labels, markdown, chart and map text, table headers and cells."""
    texts = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            walk(child)
        proto = getattr(node, "proto", None)
        if proto is None:
            return
        kind = getattr(node, "type", "")
        if kind == "plotly_chart":
            texts.extend([*plotly_texts(json.loads(proto.spec)), proto.alt])
        elif kind == "deck_gl_json_chart":
            spec = json.loads(proto.json)
            for layer in spec["layers"]:
                data = layer.get("data")
                features = data.get("features", []) if isinstance(data, dict) else data or []
                for item in features:
                    props = item.get("properties", item)
                    texts.extend(str(props.get(k, "")) for k in ("title", "body", "text"))
        elif kind == "arrow_data_frame":
            table = node.value
            texts.extend(str(c) for c in table.columns)
            if not raw_tables:
                texts.extend(str(v) for v in table.to_numpy().ravel())
        elif kind == "html":  # figures, keys, captions under charts; and the stylesheet, which is not text
            body = re.sub(r"<style>.*?</style>", "", proto.body, flags=re.S)
            texts.extend(html.unescape(text).strip() for text in re.split(r"<[^>]+>", body) if text.strip())
        else:
            message = json_format.MessageToDict(proto)
            texts.extend(text for key in DISPLAYED if key in message for text in _strings(message[key]))

    walk(at._tree)
    return texts


def english_only_strings():
    """UI strings whose English differs from Spanish, minus those that are also names or
    Spanish text in the data (a proper noun may read the same in both)."""
    spanish = " ".join(entry["es"] for entry in STRINGS.values())
    names = list(_strings(datasets.TINY))
    allowed = spanish + " " + " ".join(names)
    candidates = {entry["en"] for entry in STRINGS.values() if entry["en"] != entry["es"]}
    return sorted(s for s in candidates if len(s) > 3 and "{" not in s and s not in allowed)


ENGLISH = english_only_strings()


@pytest.mark.parametrize("page", PAGES)
def test_spanish_page_shows_no_english_ui_string(page):
    at = open_page(page, data=DATA, lang="es")
    assert not at.exception
    texts = re.sub(r"<[^>]+>", " ", "\n".join(page_texts(at, raw_tables=(page == "sources"))))  # tags aren't read
    found = [s for s in ENGLISH if re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", texts)]
    assert found == [], f"English on the Spanish {page} page: {found}"


def test_the_check_catches_english():
    """Guard against a check that cannot fail: the English page does show these strings."""
    texts = "\n".join(page_texts(open_page("timeline", data=DATA), raw_tables=False))
    assert any(re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", texts) for s in ENGLISH)


def test_a_records_spanish_text_is_used_where_given():
    record = {"note": "A note.", "note_es": "Una nota.", "unit": "growers", "unit_es": None}
    assert localised_value(record, "note", "es") == "Una nota."
    assert localised_value(record, "note", "en") == "A note."
    assert localised_value(record, "unit", "es") == "growers"  # no Spanish given: the English
