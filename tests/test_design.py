"""Design tokens live in components/design.py alone: a colour changes there and the charts, the
maps, the stylesheets and the theme follow."""

import re
import tomllib

import pytest

from components import charts, design, maps, queries
from components.ui import PRESENTATION_STYLE, STYLE
from tests import datasets
from tests.conftest import ROOT

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|\brgba?\(\s*\d|\"white\"")
DECK_COLOUR = re.compile(r"\[\s*\d{1,3},\s*\d{1,3},\s*\d{1,3}\b")  # deck.gl's [r, g, b(, a)]
DRAWING_CODE = ["components/charts.py", "components/maps.py", "components/ui.py", "components/queries.py",
                "components/exhibits.py", "components/style.css", "components/presentation.css",
                *[f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py")]]


def test_no_colour_is_written_outside_the_tokens():
    found = {path: COLOUR.findall((ROOT / path).read_text(encoding="utf-8")) for path in DRAWING_CODE}
    found["components/maps.py"] += DECK_COLOUR.findall((ROOT / "components/maps.py").read_text(encoding="utf-8"))
    assert not {path: colours for path, colours in found.items() if colours}


def test_the_stylesheets_read_the_tokens_as_css_variables():
    variables = dict(re.findall(r"--cadenas-([a-z]+): ([^;]+);", design.css_variables()))
    assert variables == design.CSS
    used = set(re.findall(r"var\(--cadenas-([a-z]+)\)", STYLE + PRESENTATION_STYLE))
    assert used and used <= set(variables)


def test_the_theme_repeats_the_tokens():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert (theme["primaryColor"], theme["backgroundColor"], theme["secondaryBackgroundColor"],
            theme["textColor"], theme["baseFontSize"]) == (design.PRIMARY, design.PAPER, design.SURFACE,
                                                           design.INK, design.BASE_SIZE)


def test_a_crop_colour_changed_in_the_tokens_reaches_chart_map_and_key(monkeypatch):
    monkeypatch.setitem(design.CROP_COLOURS, "banana", "#123456")
    data = datasets.dataset()
    timeline = charts.timeline(data.initiatives, data.phases, data.events, data.sources, "en").fig
    assert "#123456" in {trace.marker.color for trace in timeline.data if isinstance(trace.marker.color, str)} | {
        colour for trace in timeline.data for colour in (trace.marker.color or []) if isinstance(colour, str)}
    deck = maps.region_map(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, data.sources, "en")
    region_fills = [feature["properties"]["fill"] for layer in deck.layers if layer.id == maps.REGION_LAYER
                    for feature in layer.data["features"] if feature["properties"].get("id") == "piura"]
    assert region_fills and region_fills[0][:3] == [0x12, 0x34, 0x56]
    assert queries.crop_colour("banana") == "#123456"


def test_greys_come_from_the_tokens():
    data = datasets.dataset()
    timeline = charts.timeline(data.initiatives, data.phases, data.events, data.sources, "en").fig
    assert timeline.layout.xaxis.gridcolor == design.GRID and timeline.layout.paper_bgcolor == design.PAPER
    assert maps.EMPTY_FILL == design.rgba(design.EMPTY) and maps.SELECTED_OUTLINE == design.rgba(design.INK)


TEXT_ON = {"page": design.PAPER, "panel": design.SURFACE}


@pytest.mark.parametrize("text", ["INK", "MUTED", "PRIMARY"])
@pytest.mark.parametrize("ground", sorted(TEXT_ON))
def test_text_reads_at_least_4_5_to_1_on_every_ground(text, ground):
    """WCAG 1.4.3 (AA) for body text, captions, keys and links, on the page and the sidebar."""
    assert design.contrast(getattr(design, text), TEXT_ON[ground]) >= 4.5


@pytest.mark.parametrize("crop", [*design.CROP_COLOURS, "mixed"])
def test_a_crop_badge_reads_at_least_4_5_to_1(crop):
    colour = design.CROP_COLOURS.get(crop, design.MIXED_COLOUR)
    assert design.contrast(design.text_on(colour), colour) >= 4.5


def test_contrast_is_wcags_ratio():
    assert design.contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert design.contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the familiar AA grey


def test_a_count_inside_a_partner_bar_reads_at_least_4_5_to_1():
    data = datasets.dataset()
    fig = charts.partners(data.organisations, data.initiatives, "en").fig
    for bar in fig.data:
        assert design.contrast(bar.insidetextfont.color, bar.marker.color) >= 4.5, bar.name
