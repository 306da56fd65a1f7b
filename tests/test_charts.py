"""Chart builders: what each figure draws, read from the figure itself.

Run on the small fixture datasets of tests/datasets.py: TINY has Alpha (banana), Beta (coffee,
two regions, ended) and Gamma (coffee and cacao, a phase of each), four events at every
precision (Gamma's is planned) and six figures of every status.
"""

import datetime as dt
import math
import re
from html import unescape

import pytest

from components import charts, design, queries
from components.i18n import term
from tests import datasets
from tests.apptest import bar_labels


@pytest.fixture(scope="module")
def data():
    return datasets.dataset()


def visible(fig):
    """The traces that draw marks (bars, markers), not those that only write labels."""
    return [trace for trace in fig.data if trace.x is not None and any(v is not None for v in trace.x)
            and getattr(trace, "mode", None) != "text"]


def timeline(data, lang="en"):
    return charts.timeline(data.initiatives, data.phases, data.events, data.sources, lang).fig


def timeline_alt(data, lang="en"):
    return charts.timeline(data.initiatives, data.phases, data.events, data.sources, lang).alt


def lane_names(fig) -> list[str]:
    """The names drawn above a timeline's lanes, top to bottom."""
    return [note.text for note in fig.layout.annotations if note.name == "lane"]


def event_markers(fig):
    return [t for t in visible(fig) if t.type == "scatter"]


def phase_bars(fig):
    return [t for t in visible(fig) if t.type == "bar"]


def test_timeline_has_a_lane_per_initiative_and_every_event(data):
    fig = timeline(data)
    assert lane_names(fig) == ["Alpha", "Beta", "Gamma"]
    hovers = [h for t in event_markers(fig) for h in t.hovertext]
    assert [h.split("</b>")[0].removeprefix("<b>") for h in hovers] == [
        "Beta launched", "Alpha founded", "Alpha exports", "Gamma plans more"]
    phases = [h for t in phase_bars(fig) for h in t.hovertext]
    assert sorted(h.split("</b>")[0].removeprefix("<b>") for h in phases) == [
        "Alpha start-up", "Gamma cacao", "Gamma coffee"]
    assert any("Gamma cacao" in h and "2012–" in h for h in phases)
    assert any("Alpha start-up" in h and "2010–2014" in h for h in phases)
    assert all("Source: doc-a title" in h for h in phases)
    assert timeline_alt(data)


def test_each_lane_is_shaded_apart_and_holds_its_name_phases_and_events(data):
    """Read down the chart, a lane's name comes first and everything of that initiative lies in
    the same band, every other band shaded, so no name seems to head its neighbour's events."""
    fig, _, _ = charts.timeline(data.initiatives, data.phases, data.events, data.sources, "en")
    bands = sorted((shape.y0, shape.y1) for shape in fig.layout.shapes if shape.type == "rect")
    assert len(bands) == math.ceil(len(data.initiatives) / 2)  # every other lane
    height = bands[0][1] - bands[0][0]
    lanes = [(top, top + height) for top in (bands[0][0] + n * height for n in range(len(data.initiatives)))]
    names = [note.y for note in fig.layout.annotations if note.name == "lane"]
    markers, bars = event_markers(fig)[0], phase_bars(fig)[0]
    owners = dict(zip(data.initiatives["id"], range(len(data.initiatives))))
    for initiative, lane in owners.items():
        top, bottom = lanes[lane]
        assert top < names[lane] < bottom
        own_events = [y for y, who in zip(markers.y, data.events["initiative"]) if who == initiative]
        name = queries.initiative_names(data.initiatives, "en")[initiative]
        own_bars = [y for y, hover in zip(bars.y, bars.hovertext) if f"<br>{name} · " in hover]
        assert all(names[lane] < y < bottom - 0.08 for y in own_events + own_bars), initiative  # a marker's half inside


def test_timeline_hover_shows_dates_at_source_precision(data):
    hovers = [h for t in event_markers(timeline(data)) for h in t.hovertext]
    founding = next(h for h in hovers if "Alpha founded" in h)
    assert "<br>2010 · Founding" in founding and "Jan" not in founding
    assert any("<br>Mar 2019 · Export" in h for h in hovers)
    assert any("<br>1 Jun 2005 · Launch" in h for h in hovers)
    assert any("Beta launched" in h and "Source: doc-b title" in h for h in hovers)


def test_timeline_places_year_only_events_mid_year(data):
    xs = [x for t in event_markers(timeline(data)) for x in t.x]
    assert dt.date(2010, 7, 2) in xs and dt.date(2010, 1, 1) not in xs
    assert dt.date(2019, 3, 15) in xs and dt.date(2005, 6, 1) in xs


def test_planned_events_are_hollow(data):
    symbols = {h: s for t in event_markers(timeline(data)) for h, s in zip(t.hovertext, t.marker.symbol)}
    planned = [s for h, s in symbols.items() if "planned" in h]
    assert len(planned) == 1 and planned[0].endswith("-open")
    assert not any(s.endswith("-open") for h, s in symbols.items() if "planned" not in h)


def key_entries(fig):
    """(colour, glyph, label) for each entry of a figure's key annotation."""
    (key,) = [a.text for a in fig.layout.annotations if "<span" in a.text]
    return re.findall(r"<span style='color:([^;]+);[^']*'>(.)</span>&nbsp;<span[^>]*>([^<]+)</span>", key)


def test_timeline_colours_follow_crops(data):
    fig = timeline(data)
    colours = {label.strip(): colour for colour, _, label in key_entries(fig)}
    assert colours["Banana"] == design.CROP_COLOURS["banana"]
    assert colours["Several crops"] == design.MIXED_COLOUR
    bars = {h.split("</b>")[0].removeprefix("<b>"): colour
            for t in phase_bars(fig) for h, colour in zip(t.hovertext, t.marker.color)}
    assert bars == {"Alpha start-up": design.CROP_COLOURS["banana"], "Gamma coffee": design.CROP_COLOURS["coffee"],
                    "Gamma cacao": design.CROP_COLOURS["cacao"]}  # a phase of one crop takes that crop's colour
    markers = {h.split("</b>")[0].removeprefix("<b>"): colour
               for t in event_markers(fig) for h, colour in zip(t.hovertext, t.marker.color)}
    assert markers["Gamma plans more"] == design.MIXED_COLOUR
    assert markers["Beta launched"] == design.CROP_COLOURS["coffee"]


def test_timeline_key_explains_every_colour_drawn(data):
    """Gamma's cacao phase is drawn in the cacao colour, so the key must say what that colour is."""
    fig = timeline(data)
    drawn = {colour for t in visible(fig) for colour in t.marker.color}
    assert {colour for colour, _, _ in key_entries(fig) if colour != charts.LEGEND_GREY} == drawn


def test_timeline_key_is_part_of_the_figure(data):
    """The key travels with an exported image: it is drawn in the figure, not by a legend."""
    fig = timeline(data)
    assert fig.layout.showlegend is False
    glyphs = {label.strip(): glyph for _, glyph, label in key_entries(fig)}
    assert {term("kind", kind, "en") for kind in data.events["kind"]} <= set(glyphs)
    assert {"Founding", "Export", "Launch", "Milestone"} <= set(glyphs) and "Policy" not in glyphs
    assert glyphs["Founding"] == charts.SYMBOL_GLYPHS[charts.EVENT_SYMBOLS["founding"]][0]
    assert set(charts.EVENT_SYMBOLS.values()) <= set(charts.SYMBOL_GLYPHS)


def test_timeline_alt_text_names_a_lone_initiative_and_counts_in_words(data):
    alt = timeline_alt(data)
    assert alt.startswith("Timeline of 3 initiatives from 2000 to 2021 with 4 dated events;")
    gamma = data.initiatives[data.initiatives["id"] == "gamma"]
    planned = data.events[data.events["initiative"] == "gamma"]
    alt = charts.timeline(gamma, data.phases, planned, data.sources, "es").alt
    assert alt.startswith("Cronología de Gamma de 2000 a 2021 con un evento fechado;")


def bar_values(fig):
    return sorted(v for t in visible(fig) for v in t.x)


def test_compare_draws_one_bar_per_figure_and_never_stacks(data):
    people = queries.metrics_in_family(data.metrics, "people")
    fig = charts.comparison(people, data.initiatives, data.sources, "people", "en").fig
    assert fig.layout.barmode != "stack"
    assert bar_values(fig) == [40, 300, 900, 2000]  # each figure as stated: the target is not added to anything


def test_compare_distinguishes_statuses_in_bars_and_their_labels(data):
    people = queries.metrics_in_family(data.metrics, "people")
    fig = charts.comparison(people, data.initiatives, data.sources, "people", "en").fig
    patterns = {t.name: t.marker.pattern.shape for t in visible(fig)}
    assert patterns["achieved"] == "" and patterns["target"] == "/"
    assert fig.layout.showlegend is False  # the page draws the key
    labels = bar_labels(fig.to_plotly_json())
    assert "Alpha · 2020<br>more than 900 growers · achieved" in labels and "Alpha · 2020, for 2021<br>2,000 growers · target" in labels


@pytest.mark.parametrize("lang, expected", [
    ("en", ["Beta · 2015<br>the donor's share: US$36 · commitment", "Beta · 2015<br>with its partners: US$49 · commitment"]),
    ("es", ["Beta · 2015<br>parte del donante: US$36 · compromiso",  # no Spanish label: the English one
            "Beta · 2015<br>with its partners: US$49 · compromiso"]),
])
def test_compare_tells_apart_two_figures_of_one_initiative_and_year_by_their_labels(lang, expected):
    """Two funding figures of one initiative, stated the same year, read alike unless the data
    says which is which."""
    money = [{"initiative": "beta", "metric": "funding_usd", "value": value, "unit": "US$", "year": 2015,
              "status": "commitment", "source": "doc-b", "note": "A grant.", "label": label, **spanish}
             for value, label, spanish in [(36, "the donor's share", {"label_es": "parte del donante"}),
                                           (49, "with its partners", {})]]
    data = datasets.dataset({**datasets.records(), "metrics.yaml": money})
    fig = charts.comparison(queries.metrics_in_family(data.metrics, "money"), data.initiatives, data.sources,
                            "money", lang).fig
    labels = sorted(unescape(text) for text in bar_labels(fig.to_plotly_json()))
    assert labels == expected


def test_a_long_bar_label_moves_its_status_up_to_fit_a_phone():
    """'más de 700 socios cafetaleros activos · logrado' would run off a phone's plot."""
    figure = {"initiative": "beta", "metric": "producers", "value": 700, "qualifier": "more_than",
              "unit": "active coffee-growing members", "unit_es": "socios cafetaleros activos", "year": 2012,
              "status": "achieved", "source": "doc-b", "note": "Members."}
    data = datasets.dataset({**datasets.records(), "metrics.yaml": [figure]})
    fig = charts.comparison(queries.metrics_in_family(data.metrics, "people"), data.initiatives, data.sources,
                            "people", "es").fig
    (label,) = bar_labels(fig.to_plotly_json())
    assert label == "Beta · 2012 · logrado<br>más de 700 socios cafetaleros activos"
    assert all(len(line) <= charts.PHONE_LINE_CHARS for line in label.split("<br>"))


def test_compare_colours_each_bar_by_its_figures_crop(data):
    """Gamma grows two crops: its cacao growers are drawn in the cacao colour."""
    people = queries.metrics_in_family(data.metrics, "people")
    fig = charts.comparison(people, data.initiatives, data.sources, "people", "en").fig
    colours = {value: colour for t in visible(fig) for value, colour in zip(t.x, t.marker.pattern.fgcolor)}
    assert colours == {40: design.CROP_COLOURS["cacao"], 300: design.CROP_COLOURS["coffee"],
                       900: design.CROP_COLOURS["banana"], 2000: design.CROP_COLOURS["banana"]}


def test_every_bar_and_marker_stands_out_from_the_page_at_3_to_1(data):
    """WCAG 1.4.11: banana orange is 2.2:1 on white, so its marks get a darker outline."""
    people = queries.metrics_in_family(data.metrics, "people")
    figures = [charts.comparison(people, data.initiatives, data.sources, "people", "en").fig,
               charts.timeline(data.initiatives, data.phases, data.events, data.sources, "en").fig,
               charts.partners(data.organisations, data.initiatives, "en").fig]
    outlines = [colour for fig in figures for trace in visible(fig)
                for colour in ([trace.marker.line.color] if isinstance(trace.marker.line.color, str)
                               else trace.marker.line.color)]
    assert outlines and all(design.contrast(colour, design.PAPER) >= 3 for colour in outlines)
    assert design.mark_outline(design.CROP_COLOURS["banana"]) != design.CROP_COLOURS["banana"]
    assert design.mark_outline(design.CROP_COLOURS["cacao"]) == design.CROP_COLOURS["cacao"]  # dark enough already


def test_compare_log_scale_and_value_labels():
    metrics = datasets.records()["metrics.yaml"] + [
        {"initiative": "alpha", "metric": "export_value_usd_per_year", "value": 150_000_000, "unit": "US$ per year",
         "year": 2020, "status": "achieved", "source": "doc-a", "note": "Alpha's exports."}]
    data = datasets.dataset(datasets.records(metrics=metrics))
    money = queries.metrics_in_family(data.metrics, "money")
    fig = charts.comparison(money, data.initiatives, data.sources, "money", "en", log=True).fig
    axes = [axis for name, axis in fig.layout.to_plotly_json().items() if name.startswith("xaxis")]
    assert len(axes) == 2 and all(axis["type"] == "log" for axis in axes)
    hovers = [h for t in visible(fig) for h in t.hovertext]
    assert any("US$150 million per year" in h and "Source: doc-a title" in h for h in hovers)
    # Plotly hides text outside the axis: each panel's labels start just inside its left end.
    labels = [trace for trace in fig.data if trace.name == "labels"]
    assert len(labels) == len(axes) and all(
        axis["range"][0] + 1e-4 < math.log10(x) < axis["range"][0] + 0.01 for axis, trace in zip(axes, labels) for x in trace.x)
    assert any("US$1.5 million" in h and "2012–2016" in h and "commitment" in h for h in hovers)


def test_partners_counts_by_type():
    initiatives = datasets.records()["initiatives.yaml"]
    initiatives[1]["organisations"] += [
        {"name": "Cajamarca region", "type": "government", "role": "host", "source": "doc-b"},
        {"name": "Cusco region", "type": "government", "role": "host", "source": "doc-b"}]
    data = datasets.dataset(datasets.records(initiatives=initiatives))
    fig = charts.partners(data.organisations, data.initiatives, "en").fig
    counts = {(t.name, y): x for t in fig.data for y, x in zip(t.y, t.x)}
    assert counts == {("Government", "Beta"): 2, ("NGO", "Beta"): 1, ("Producer association", "Alpha"): 1}


def test_markup_in_data_is_shown_as_text(data):
    hostile = data.initiatives.copy()
    hostile.loc[0, "short_name"] = "<script>alert(1)</script>"
    fig = charts.timeline(hostile, data.phases, data.events, data.sources, "en").fig
    text = str(fig.to_plotly_json())
    assert "<script>" not in text and "&lt;script&gt;" in text


# --- More than a chart shows --------------------------------------------------------------

def crowded(initiatives: int, producers: int):
    """A fixture with more initiatives than a timeline shows, each with one event, and more
    producer figures than a Compare panel shows."""
    records = datasets.records(initiatives=[
        {"id": f"initiative-{n:02d}", "name": f"Initiative {n}", "short_name": f"Initiative {n}",
         "crops": ["coffee"], "regions": ["cajamarca"], "start": 2010, "end": None,
         "summary": "One of many.", "sources": ["doc-a"]} for n in range(initiatives)])
    records["events.yaml"] = [{"initiative": f"initiative-{n:02d}", "date": "2015", "title": f"Event {n}",
                               "kind": "launch", "source": "doc-a"} for n in range(initiatives)]
    records["metrics.yaml"] = [
        {"initiative": f"initiative-{n % initiatives:02d}", "metric": "producers", "value": 100 + n,
         "unit": "growers", "year": 2015, "status": "achieved", "source": "doc-a", "note": "Growers."}
        for n in range(producers)] + [
        {"initiative": "initiative-00", "metric": "households", "value": 7, "unit": "households", "year": 2015,
         "status": "achieved", "source": "doc-a", "note": "Households."}]
    return datasets.dataset(records)


def test_a_crowded_timeline_draws_its_first_lanes_and_says_so():
    crowd = crowded(charts.MAX_LANES + 5, 1)
    fig, alt, _ = charts.timeline(crowd.initiatives, crowd.phases, crowd.events, crowd.sources, "en")
    assert lane_names(fig) == [f"Initiative {n}" for n in range(charts.MAX_LANES)]
    titles = [h.split("</b>")[0].removeprefix("<b>") for t in event_markers(fig) for h in t.hovertext]
    assert sorted(titles) == sorted(f"Event {n}" for n in range(charts.MAX_LANES))
    assert f"first {charts.MAX_LANES} of {charts.MAX_LANES + 5} initiatives" in alt


def test_a_crowded_compare_panel_draws_its_largest_figures_and_says_so():
    crowd = crowded(3, charts.MAX_BARS + 5)
    rows = queries.metrics_in_family(crowd.metrics, "people")
    fig, alt, _ = charts.comparison(rows, crowd.initiatives, crowd.sources, "people", "en")
    largest = [100 + n for n in range(5, charts.MAX_BARS + 5)]
    assert bar_values(fig) == sorted([7, *largest])  # the smallest five producer figures are left out
    assert "5 more are in the table below" in alt


def test_axis_labels_fit_in_the_margin_left_for_them():
    initiatives = datasets.records()["initiatives.yaml"]
    initiatives[0]["short_name"] = "Alpha Banana Growers of the Chira"
    data = datasets.dataset(datasets.records(initiatives=initiatives))
    figures = [  # the timeline and Compare name their rows above them, in the plot's full width
        charts.partners(data.organisations, data.initiatives, "en").fig,
    ]
    for fig in figures:
        axes = list(fig.select_yaxes())
        labels = [str(text) for axis in axes for text in (axis.ticktext or ())] or [
            str(y) for trace in fig.data for y in (trace.y or ()) if y is not None]
        longest = max(len(label) for label in labels)
        assert longest >= len("Alpha Banana Growers of the Chira")
        assert fig.layout.margin.l >= longest * charts.FONT["size"] * 0.5


# --- Timeline slides -----------------------------------------------------------------------

def timeline_slide(data, titles: list[str]):
    alpha = data.initiatives[data.initiatives["id"] == "alpha"]
    events = data.events[data.events["initiative"] == "alpha"].head(1)
    events = events.loc[events.index.repeat(len(titles))].assign(title=titles, title_es=titles)
    return charts.timeline_slide(alpha, data.phases[data.phases["initiative"] == "alpha"], events, data.sources,
                                 (2010, 2014), "en").fig


def rows_height(fig) -> float:
    """The pixels a timeline slide's labels take: lines times their leading, plus the gaps."""
    notes = [note for note in fig.layout.annotations if note.name == "row"]
    lines = sum(note.text.count("<br>") + 1 for note in notes)
    return notes[0].font.size * charts.SLIDE_LEADING * (lines + design.SLIDE_ROW_GAP * (len(notes) - 1))


def test_a_timeline_slide_keeps_its_text_large_when_it_fits_and_smaller_only_as_needed(data):
    short = timeline_slide(data, ["Founded"] * 4)
    assert {note.font.size for note in short.layout.annotations} == {design.SLIDE_TEXT}
    long = timeline_slide(data, ["A partnership of many cooperatives and exporters, written out at length " * 3] * 4)
    size = long.layout.annotations[0].font.size
    assert 16 <= size < design.SLIDE_TEXT and rows_height(long) <= charts.SLIDE_ROWS_HEIGHT
    assert all(len(line) <= design.SLIDE_LINE_CHARS * design.SLIDE_TEXT // size
               for note in long.layout.annotations for line in re.sub("<[^>]+>", "", note.text.replace("<br>", "\n")).split("\n"))
    assert long.layout.xaxis.range == (dt.date(2010, 1, 1), dt.date(2014, 12, 31))
