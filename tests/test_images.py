"""Chart images that stand on their own: title, what the chart shows, key, sources and link."""

import struct
from html import unescape

import pytest

from components import exhibits, html, images, maps, vocabulary as vocab
from tests import datasets
from tests.apptest import open_page

DATA = datasets.dataset()
LINK = "http://10.0.0.5:8501/compare?family=people"


def people_chart():
    comparison = exhibits.comparison(DATA, "people", tuple(vocab.STATUSES), tuple(DATA.initiatives["id"]), "en", False)
    return images.standalone(comparison.chart, "Compare <initiatives>", comparison.alt, comparison.legend,
                             comparison.sources, LINK, "en")


def drawn_text(fig) -> str:
    return " ".join([fig.layout.title.text, *(note.text for note in fig.layout.annotations)])


def test_a_key_of_swatches_becomes_one_line_of_chart_text():
    legend = html.legend(["banana", "cacao"], "es", statuses=["achieved", "target"])
    assert images.key_text(legend) == ("<span style='color:#E69F00'>■</span> Banano   "
                                       "<span style='color:#882255'>■</span> Cacao   ■ logrado   ▨ meta")


def test_an_image_carries_its_title_what_it_shows_its_key_sources_and_link():
    text = drawn_text(people_chart())
    for part in ["Compare &lt;initiatives&gt;", "Bar chart of 4 People figures", "■</span> Banana", "▨ target",
                 "Sources:</b> Doc A (2021-04-28); Doc B (undated)", LINK]:
        assert part in text, part
    assert people_chart().layout.width == images.WIDTH


def test_an_image_without_a_known_link_has_no_empty_line_for_it():
    comparison = exhibits.comparison(DATA, "people", tuple(vocab.STATUSES), tuple(DATA.initiatives["id"]), "en", False)
    fig = images.standalone(comparison.chart, "T", "", "", comparison.sources, "", "en")
    assert not fig.layout.annotations[-1].text.endswith("<br>")


@pytest.mark.server  # drives Chromium through kaleido
def test_png_and_svg_are_drawn_with_their_words():
    fig = people_chart()
    svg = images.image(fig, "svg").decode()
    assert "<initiatives>" not in svg  # the title is text, not markup
    assert "Compare <initiatives>" in unescape(svg) and "Doc A (2021-04-28)" in svg and LINK in svg
    png = images.image(fig, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (fig.layout.width, fig.layout.height)


@pytest.mark.parametrize("page, control", [("timeline", "timeline_chart_image"), ("regions", "map_deck_None_image")])
def test_download_image_offers_png_and_svg_once_opened(page, control):
    at = open_page(page, DATA)
    at.session_state[control] = True
    at.run()
    assert not at.exception
    labels = [button.proto.label for button in at.get("download_button")]
    assert any(label.startswith("PNG") for label in labels) and any(label.startswith("SVG") for label in labels)


def test_a_map_is_redrawn_for_an_image_as_the_page_shows_it():
    deck = exhibits.metric_map(DATA, "en", "producers", "cusco", False).chart
    fig = images.deck_figure(deck.spec)
    view = deck.spec["initialViewState"]
    assert sum(fig.layout.xaxis.range) / 2 == pytest.approx(view["longitude"])  # centred where the page is
    assert sum(fig.layout.yaxis.range) / 2 == pytest.approx(maps.mercator(view["latitude"]))  # in Web Mercator
    filled = {trace.fillcolor for trace in fig.data if trace.fill == "toself"}
    assert any(colour.startswith("rgba(0,114,178") for colour in filled)  # Cusco's coffee
    dots = [trace for trace in fig.data if trace.mode == "markers"]
    assert len(dots) == 2 * 3  # a halo and a dot for each initiative with an achieved producers figure
    (names,) = [trace for trace in fig.data if trace.mode == "text"]
    assert set(names.text) == {"Piura", "Cajamarca", "Cusco"}  # the regions where an initiative works


def test_a_map_of_any_boundaries_can_be_redrawn():
    """An uploaded boundaries file may hold a feature with no geometry, a point or lines."""
    spec = exhibits.peru_map(DATA, "en", 400).chart.spec
    features = next(layer for layer in spec["layers"] if layer["@@type"] == "GeoJsonLayer")["data"]["features"]
    style = features[0]["properties"]
    features += [{"type": "Feature", "geometry": None, "properties": style},
                 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-75, -9]}, "properties": style},
                 {"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": [[[-75, -9], [-74, -8]]]},
                  "properties": style}]
    fig = images.deck_figure(spec)
    assert any(-75 in (trace.x or ()) for trace in fig.data)  # the lines are drawn


@pytest.mark.server  # drives Chromium through kaleido
def test_a_map_image_carries_its_title_key_and_sources():
    shown = exhibits.metric_map(DATA, "es", "producers", None, False)
    fig = images.standalone(images.deck_figure(shown.chart.spec), "Mapa de regiones", shown.alt, shown.legend,
                            shown.sources, LINK, "es")
    svg = unescape(images.image(fig, "svg").decode())
    assert "Mapa de regiones" in svg and "Café" in svg and "Fuentes:" in svg and "Doc A (2021-04-28)" in svg
    assert "● más de 900 growers" in svg  # the circles' key too
