"""Presentation mode and embedding: slides built from the data, stepped through and opened by URL."""

import json

from components import slides
from components.data import load_dataset
from tests.conftest import DATA_DIR
from tests.apptest import deck_specs, html_bodies, open_page, plotly_specs

DATA = load_dataset(DATA_DIR)
SLIDES = slides.build_slides(DATA.initiatives, DATA.metrics)


def test_the_talk_tells_each_initiative_then_compares():
    kinds = [s.kind for s in SLIDES]
    assert kinds[0] == "title" and kinds[-1] == "governance"
    assert [s.initiative for s in SLIDES if s.kind == "story"] == list(DATA.initiatives["id"])
    assert [s.family for s in SLIDES if s.kind == "compare"] == ["people", "land", "money", "partners"]


def test_slides_follow_the_data():
    fewer = slides.build_slides(DATA.initiatives.head(1), DATA.metrics[DATA.metrics["family"] == "land"])
    assert [s.kind for s in fewer] == ["title", "story", "timeline", "compare", "governance"]


def test_opens_at_the_slide_in_the_url_with_live_charts():
    at = open_page("present", slide="3")
    assert not at.exception
    assert at.title[0].value == "Organic Banana Cluster of the Piura Region"
    spec = plotly_specs(at)[0]
    assert spec["layout"]["yaxis"]["ticktext"] == ["Piura Banana Cluster"]  # the timeline builder, live
    story = open_page("present", slide="2")
    assert deck_specs(story) and "cadenas-figure" in "".join(html_bodies(story))


def test_next_and_previous_step_through_and_keep_the_url():
    at = open_page("present")
    assert "Slide 1 of" in "".join(m.value for m in at.markdown)
    at.button(key="present_next").click().run()
    at.button(key="present_next").click().run()
    assert at.query_params["slide"] == "3"
    at.button(key="present_previous").click().run()
    assert at.query_params["slide"] == "2"
    assert at.title[0].value == "Organic Banana Cluster of the Piura Region"


def test_last_slide_cannot_step_past_the_end():
    at = open_page("present", slide=str(len(SLIDES)))
    assert at.button(key="present_next").disabled
    assert at.title[0].value == "Partner organisations by type"


def test_unknown_slide_falls_back_to_the_first_with_a_notice():
    at = open_page("present", slide="99")
    assert "slide=99" in at.info[0].value
    assert "Slide 1 of" in "".join(m.value for m in at.markdown)


def test_every_slide_renders_in_spanish():
    for number in range(1, len(SLIDES) + 1):
        at = open_page("present", slide=str(number), lang="es")
        assert not at.exception, number
        assert f"Diapositiva {number} de {len(SLIDES)}" in "".join(m.value for m in at.markdown)


def test_presentation_hides_the_sidebar_and_enlarges_type():
    at = open_page("present")
    styles = "".join(json.dumps(e.proto.body) for e in at.get("html"))
    assert "stSidebar" in styles and "font-size: 21px" in styles


def test_embed_parameters_are_not_reported_as_unknown():
    at = open_page("compare", embed="true", embed_options="show_toolbar", family="land")
    assert not at.exception and not at.info
    assert plotly_specs(at)


def test_a_compare_slide_sets_lone_figures_apart_and_keeps_its_data_closed():
    number = next(i for i, s in enumerate(SLIDES, start=1) if s.kind == "compare" and s.family == "people")
    at = open_page("present", slide=str(number))
    assert not at.dataframe  # the data waits in its closed expander
    assert sum(len(t["y"]) for t in plotly_specs(at)[0]["data"] if t["type"] == "bar" and t.get("text")) == 8
    assert any("cadenas-figures" in body for body in html_bodies(at))  # the six lone figures, side by side
    at = open_page("present", slide=str(number), table="1")
    assert len(at.dataframe) == 1
    at.button(key="present_next").click().run()
    assert not at.dataframe and "table" not in at.query_params  # the next slide opens closed
