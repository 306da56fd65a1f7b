"""Presentation mode and embedding: slides built from the data, stepped through and opened by
URL, on a fixture dataset (tests/datasets.py); one smoke pass opens every slide of the app's
own data."""

import html
import json
import re

from components import clicker, slides
from components.data import load_dataset
from tests import datasets
from tests.apptest import caption_text, chart_alts, deck_specs, lane_names, html_bodies, open_page, plotly_specs, values
from tests.conftest import DATA_DIR

DATA = datasets.dataset()
SLIDES = slides.build_slides(DATA.initiatives, DATA.metrics)
# TINY with a second People measure of one figure, which a compare slide sets apart.
LONE = datasets.dataset(datasets.records(metrics=[
    *datasets.TINY["metrics.yaml"],
    {"initiative": "beta", "metric": "households", "value": 80, "unit": "households", "year": 2014,
     "status": "achieved", "source": "doc-b", "note": "Beta households."},
]))


def slide_number(at) -> str:
    return "".join(m.value for m in at.markdown if "cadenas-slide-number" in m.value)


def figure_texts(at) -> list[str]:
    """Each figure on the slide as people read it (measure, value, status, year, source)."""
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", figure)).split()) for body in html_bodies(at)
            for figure in re.findall(r"<div class='cadenas-figure'>(.*?</div></div>)", body)]


def test_the_talk_tells_each_initiative_then_compares():
    assert [(s.kind, s.initiative or s.family) for s in SLIDES] == [
        ("title", None),
        ("story", "alpha"), ("timeline", "alpha"), ("story", "beta"), ("timeline", "beta"),
        ("story", "gamma"), ("timeline", "gamma"),
        ("compare", "people"), ("compare", "land"), ("compare", "money"),  # the families the data has
        ("governance", None),
    ]


def test_slides_follow_the_data():
    fewer = slides.build_slides(DATA.initiatives.head(1), DATA.metrics[DATA.metrics["family"] == "land"])
    assert [s.kind for s in fewer] == ["title", "story", "timeline", "compare", "governance"]


def test_opens_at_the_slide_in_the_url_with_live_charts():
    at = open_page("present", DATA, slide="3")
    assert not at.exception
    assert at.title[0].value == "Alpha Banana Group"
    spec = plotly_specs(at)[0]
    assert lane_names(spec) == ["Alpha"]  # the timeline builder, live
    assert chart_alts(at)[0] in caption_text(at)
    story = open_page("present", DATA, slide="2")
    assert deck_specs(story)
    assert figure_texts(story) == ["Producers more than 900 growers achieved 2020 · Doc A (2021-04-28)"]


def test_next_and_previous_step_through_and_keep_the_url():
    at = open_page("present", DATA)
    assert "Slide 1 of 11" in slide_number(at)
    at.button(key="present_next").click().run()
    at.button(key="present_next").click().run()
    assert at.query_params["slide"] == "3"
    at.button(key="present_previous").click().run()
    assert at.query_params["slide"] == "2"
    assert at.title[0].value == "Alpha Banana Group"


def test_last_slide_cannot_step_past_the_end():
    at = open_page("present", DATA, slide=str(len(SLIDES)))
    assert at.button(key="present_next").disabled
    assert at.title[0].value == "Partner organisations by type"
    assert "2 partner organisations of 2 initiatives" in chart_alts(at)[0]


def test_a_clicker_move_stays_within_the_talk():
    assert clicker.MOVES["PageDown"] == clicker.MOVES["ArrowRight"] == "next"  # what clickers send
    assert clicker.MOVES["PageUp"] == "previous"
    assert [clicker.target(move, 3, 11) for move in ("next", "previous", "first", "last")] == [4, 2, 1, 11]
    assert clicker.target("next", 11, 11) == 11 and clicker.target("previous", 1, 11) == 1
    assert clicker.target("7", 3, 11) == 7  # Back or Forward to the slide in the address
    assert [clicker.target(move, 3, 11) for move in ("0", "12", "-1", "x", None)] == [3] * 5


def test_unknown_slide_falls_back_to_the_first_with_a_notice():
    at = open_page("present", DATA, slide="99")
    assert "slide=99" in at.info[0].value
    assert "Slide 1 of" in slide_number(at)


def test_slides_speak_spanish():
    at = open_page("present", DATA, slide="2", lang="es")
    assert at.title[0].value == "Grupo Bananero Alfa"  # the initiative's own name_es
    assert "Diapositiva 2 de 11" in slide_number(at)
    assert figure_texts(at) == ["Productores más de 900 growers logrado 2020 · Doc A (2021-04-28)"]


def test_presentation_hides_the_sidebar_and_enlarges_type():
    at = open_page("present", DATA)
    styles = "".join(json.dumps(e.proto.body) for e in at.get("html"))
    assert "stSidebar" in styles and "font-size: 21px" in styles


def test_embed_parameters_are_not_reported_as_unknown():
    at = open_page("compare", DATA, embed="true", embed_options="show_toolbar", family="people")
    assert not at.exception and not at.info
    assert plotly_specs(at)


def test_a_compare_slide_sets_lone_figures_apart_and_keeps_its_data_closed():
    number = next(i for i, s in enumerate(slides.build_slides(LONE.initiatives, LONE.metrics), start=1)
                  if s.kind == "compare" and s.family == "people")
    at = open_page("present", LONE, slide=str(number))
    assert at.title[0].value == "Comparing the initiatives: People"
    assert not at.dataframe  # the data waits in its closed expander
    bars = sorted(value for t in plotly_specs(at)[0]["data"] if t["type"] == "bar" for value in values(t["x"]))
    assert bars == [40, 300, 900, 2000]  # every producers figure, each its own bar
    assert figure_texts(at) == ["Households · Beta 80 households achieved 2014 · Doc B (undated)"]  # set apart
    at = open_page("present", LONE, slide=str(number), table="1")
    assert len(at.dataframe) == 1
    at.button(key="present_next").click().run()
    assert not at.dataframe and "table" not in at.query_params  # the next slide opens closed


# --- Smoke: every slide of the app's own data ---------------------------------------------

def test_every_slide_of_the_apps_own_data_opens():
    """Whatever data/ (or CADENAS_DATA_DIR) holds: every slide opens in Spanish without error,
    numbered and titled, and every chart says what it shows."""
    own = load_dataset(DATA_DIR)
    total = len(slides.build_slides(own.initiatives, own.metrics))
    for number in range(1, total + 1):
        at = open_page("present", slide=str(number), lang="es")
        assert not at.exception, number
        assert not at.error, number
        assert at.title[0].value, number
        assert f"Diapositiva {number} de {total}" in slide_number(at), number
        for alt in chart_alts(at):
            assert alt in caption_text(at), number
