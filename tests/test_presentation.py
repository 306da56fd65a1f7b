"""Presentation mode and embedding: slides built from the data, stepped through and opened by
URL, on a fixture dataset (tests/datasets.py); one smoke pass opens every slide of the app's
own data."""

import dataclasses
import html
import json
import re

from components import clicker, design, exhibits, slides
from components.data import load_dataset
from tests import datasets
from tests.apptest import bar_labels, caption_text, chart_alts, deck_specs, lane_names, html_bodies, open_page, plotly_specs, values
from tests.conftest import DATA_DIR

DATA = datasets.dataset()
SLIDES = slides.build_slides(DATA)
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


def test_the_talk_tells_each_initiative_then_compares_a_measure_at_a_time():
    assert [(s.kind, s.initiative or s.metric or s.family) for s in SLIDES] == [
        ("title", None),
        ("story", "alpha"), ("timeline", "alpha"), ("story", "beta"), ("timeline", "beta"),
        ("story", "gamma"), ("timeline", "gamma"),
        ("compare", "producers"),  # the one measure with figures to compare
        ("figures", "land"), ("figures", "money"),  # families whose measures have a figure each
        ("governance", None), ("end", None),  # then where to explore it all
    ]


def test_slides_follow_the_data():
    fewer = slides.build_slides(dataclasses.replace(
        DATA, initiatives=DATA.initiatives.head(1), metrics=DATA.metrics[DATA.metrics["family"] == "land"]))
    assert [s.kind for s in fewer] == ["title", "story", "timeline", "figures", "governance", "end"]


# Alpha with nine events and ten producers figures: more than one slide holds.
MANY = datasets.dataset(datasets.records(
    events=[*datasets.TINY["events.yaml"],
            *({"initiative": "alpha", "date": f"{2011 + n}", "title": f"Alpha step {n}", "kind": "milestone",
               "source": "doc-a"} for n in range(7))],
    metrics=[*datasets.TINY["metrics.yaml"],
             *({"initiative": "beta", "metric": "producers", "value": 10 * n, "unit": "growers", "year": 2010 + n,
                "status": "achieved", "source": "doc-b", "note": f"Beta producers {n}."} for n in range(1, 7))]))
MANY_TALK = slides.build_slides(MANY)


def row_labels(spec) -> list[str]:
    return [html.unescape(note["text"]) for note in spec["layout"]["annotations"] if note.get("name") == "row"]


def test_an_initiative_with_many_events_tells_them_over_several_slides_in_date_order():
    parts = [s for s in MANY_TALK if s.kind == "timeline" and s.initiative == "alpha"]
    assert [(s.part, s.parts) for s in parts] == [(1, 3), (2, 3), (3, 3)]
    number = MANY_TALK.index(parts[1]) + 1
    at = open_page("present", MANY, slide=str(number))
    spec = plotly_specs(at)[0]
    assert row_labels(spec) == [  # its phase on every part, then the next four events
        "<b>2010–2014 · Phase:</b> Alpha start-up", "<b>2014 · Milestone:</b> Alpha step 3",
        "<b>2015 · Milestone:</b> Alpha step 4", "<b>2016 · Milestone:</b> Alpha step 5",
        "<b>2017 · Milestone:</b> Alpha step 6"]
    assert spec["layout"]["xaxis"]["range"] == ["2010-01-01", "2019-12-31"]  # Alpha's own years, not 2000–2021
    assert "Events 5–8 of 9" in caption_text(at)


def test_long_event_titles_take_more_slides_so_their_text_stays_large_in_either_language():
    long = "A partnership of many cooperatives, exporters and buyers, written out at length " * 2
    events = [{"initiative": "alpha", "date": f"{2011 + n}", "title": f"Step {n}", "title_es": f"{long}{n}",
               "kind": "milestone", "source": "doc-a"} for n in range(4)]
    data = datasets.dataset(datasets.records(events=events))
    parts = slides.timeline_parts(data.phases[data.phases["initiative"] == "alpha"], data.events)
    assert [len(part) for part in parts] == [2, 2]  # the Spanish titles need four lines each
    for lang in ("en", "es"):
        fig = exhibits.timeline_slide(data, "alpha", 1, len(parts), lang).chart
        assert {note.font.size for note in fig.layout.annotations} == {design.SLIDE_TEXT}


def test_a_timeline_slide_writes_out_each_phase_and_event_with_its_date_and_kind():
    at = open_page("present", DATA, slide="3")
    spec = plotly_specs(at)[0]
    assert row_labels(spec) == ["<b>2010–2014 · Phase:</b> Alpha start-up", "<b>2010 · Founding:</b> Alpha founded",
                                "<b>Mar 2019 · Export:</b> Alpha exports"]
    assert spec["layout"]["annotations"][0]["font"]["size"] == design.SLIDE_TEXT
    assert chart_alts(at)[0] in caption_text(at)


def test_a_long_measure_continues_on_the_next_slide_on_the_same_scale():
    parts = [s for s in MANY_TALK if s.kind == "compare"]
    assert [(s.metric, s.part, s.parts) for s in parts] == [("producers", 1, 2), ("producers", 2, 2)]
    specs = [plotly_specs(open_page("present", MANY, slide=str(MANY_TALK.index(s) + 1)))[0] for s in parts]
    drawn = [sorted(v for t in spec["data"] if t["type"] == "bar" for v in values(t["x"])) for spec in specs]
    assert sorted(drawn[0] + drawn[1]) == [10, 20, 30, 40, 40, 50, 60, 300, 900, 2000]  # each once
    assert all(len(bars) <= slides.BARS_PER_SLIDE for bars in drawn)
    assert specs[0]["layout"]["xaxis"]["range"] == specs[1]["layout"]["xaxis"]["range"]


def test_opens_at_the_slide_in_the_url_with_live_charts():
    at = open_page("present", DATA, slide="3")
    assert not at.exception
    assert at.title[0].value == "Alpha Banana Group"
    story = open_page("present", DATA, slide="2")
    assert deck_specs(story)
    assert figure_texts(story) == ["Producers more than 900 growers achieved 2020 · Doc A (2021-04-28)"]


def test_next_and_previous_step_through_and_keep_the_url():
    at = open_page("present", DATA)
    assert "Slide 1 of 12" in slide_number(at)
    at.button(key="present_next").click().run()
    at.button(key="present_next").click().run()
    assert at.query_params["slide"] == "3"
    at.button(key="present_previous").click().run()
    assert at.query_params["slide"] == "2"
    assert at.title[0].value == "Alpha Banana Group"


def test_last_slide_cannot_step_past_the_end():
    at = open_page("present", DATA, slide=str(len(SLIDES)))
    assert at.button(key="present_next").disabled
    assert at.title[0].value == "Explore the data yourself"
    at = open_page("present", DATA, slide=str(len(SLIDES) - 1))
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
    assert "Diapositiva 2 de 12" in slide_number(at)
    assert figure_texts(at) == ["Productores más de 900 growers logrado 2020 · Doc A (2021-04-28)"]


def test_presentation_hides_the_sidebar_and_enlarges_type():
    at = open_page("present", DATA)
    styles = "".join(json.dumps(e.proto.body) for e in at.get("html"))
    assert "stSidebar" in styles and "font-size: 21px" in styles


def test_embed_parameters_are_not_reported_as_unknown():
    at = open_page("compare", DATA, embed="true", embed_options="show_toolbar", family="people")
    assert not at.exception and not at.info
    assert plotly_specs(at)


def test_a_compare_slide_draws_every_figure_of_its_measure_and_the_next_sets_lone_figures_apart():
    talk = slides.build_slides(LONE)
    number = next(i for i, s in enumerate(talk, start=1) if s.kind == "compare" and s.metric == "producers")
    at = open_page("present", LONE, slide=str(number))
    assert at.title[0].value == "People: Producers"
    bars = sorted(value for t in plotly_specs(at)[0]["data"] if t["type"] == "bar" for value in values(t["x"]))
    assert bars == [40, 300, 900, 2000]  # every producers figure, each its own bar
    labels = [html.unescape(text) for text in bar_labels(plotly_specs(at)[0])]
    assert "<b>Alpha · 2020:</b> more than 900 growers · achieved" in labels
    assert talk[number] == slides.Slide("figures", family="people")
    at = open_page("present", LONE, slide=str(number + 1))
    assert at.title[0].value == "People: measures with a single figure"
    assert figure_texts(at) == ["Households · Beta 80 households achieved 2014 · Doc B (undated)"]


def test_the_data_switch_puts_the_slides_table_in_place_of_its_chart_and_the_next_slide_opens_closed():
    at = open_page("present", DATA, slide="8")
    assert plotly_specs(at) and not at.dataframe and not at.toggle(key="present_table").value
    at = open_page("present", DATA, slide="8", table="1")
    assert not plotly_specs(at) and len(at.dataframe) == 1
    assert len(at.dataframe[0].value) == 4  # the slide's four producers figures
    at.button(key="present_next").click().run()
    assert not at.dataframe and "table" not in at.query_params
    assert open_page("present", DATA, slide="1").toggle(key="present_table").disabled  # no table to show


# --- Smoke: every slide of the app's own data ---------------------------------------------

def test_every_slide_of_the_apps_own_data_opens():
    """Whatever data/ (or CADENAS_DATA_DIR) holds: every slide opens in Spanish without error,
    numbered and titled, and every chart says what it shows."""
    own = load_dataset(DATA_DIR)
    total = len(slides.build_slides(own))
    for number in range(1, total + 1):
        at = open_page("present", slide=str(number), lang="es")
        assert not at.exception, number
        assert not at.error, number
        assert at.title[0].value, number
        assert f"Diapositiva {number} de {total}" in slide_number(at), number
        for alt in chart_alts(at):
            assert alt in caption_text(at), number


def test_an_address_to_follow_is_shown_as_text_however_it_was_reached():
    """The address comes from the request (its Host header), so whatever it holds stays text."""
    from components import html as markup
    block = markup.follow("http://x/'><script>alert(1)</script>", "Follow")
    assert "<script>" not in block and "&lt;script&gt;" in block
    assert "src='data:image/svg+xml" in block  # drawn here, no request for it
