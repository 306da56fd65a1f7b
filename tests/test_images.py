"""Chart images that stand on their own: title, what the chart shows, key, sources and link."""

import re
import struct
from html import unescape

import pytest

from components import exhibits, html, images, vocabulary as vocab
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


def test_download_image_offers_png_and_svg_once_opened():
    at = open_page("timeline", DATA)
    at.session_state["timeline_chart_image"] = True
    at.run()
    assert not at.exception
    labels = [button.proto.label for button in at.get("download_button")]
    assert any(re.match("PNG", label) for label in labels) and any(re.match("SVG", label) for label in labels)
