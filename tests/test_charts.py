"""Chart builders: what each figure draws, read from the figure itself."""

import datetime as dt
import re

import pytest

from components import charts, queries
from components import vocabulary as vocab
from components.data import load_dataset
from components.i18n import term
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA_DIR)


def visible(fig):
    return [trace for trace in fig.data if trace.x is not None and any(v is not None for v in trace.x)]


def test_timeline_has_a_lane_per_initiative_and_every_event(data):
    fig = charts.timeline_figure(data.initiatives, data.phases, data.events, data.sources, "en")
    assert list(fig.layout.yaxis.ticktext) == list(queries.initiative_names(data.initiatives, "en").values())
    markers = [t for t in visible(fig) if t.type == "scatter"]
    assert sum(len(t.x) for t in markers) == len(data.events)
    bars = [t for t in visible(fig) if t.type == "bar"]
    assert sum(len(t.x) for t in bars) == len(data.phases)
    assert len(fig.data) <= 2 + len(vocab.EVENT_KINDS) + len(vocab.CROPS) + 1  # traces per kind, not per point
    hovers = [h for t in bars for h in t.hovertext]
    assert any("Second phase" in h or "2017–" in h for h in hovers) and all("Source: " in h for h in hovers)
    assert fig.layout.meta["alt"]


def test_timeline_hover_shows_dates_at_source_precision(data):
    fig = charts.timeline_figure(data.initiatives, data.phases, data.events, data.sources, "en")
    hovers = [h for t in visible(fig) if t.type == "scatter" for h in t.hovertext]
    founding = next(h for h in hovers if "Bio Azul founded" in h)
    assert "<br>2003 · Founding" in founding and "Jan" not in founding
    assert any("<br>7 Mar 2017 · Launch" in h for h in hovers)
    assert any("Source: Technical Update: Peru Cocoa Alliance" in h for h in hovers)


def test_timeline_places_year_only_events_mid_year(data):
    fig = charts.timeline_figure(data.initiatives, data.phases, data.events, data.sources, "en")
    xs = [x for t in visible(fig) if t.type == "scatter" for x in t.x]
    assert dt.date(2003, 7, 2) in xs and dt.date(2003, 1, 1) not in xs


def test_planned_events_are_hollow(data):
    fig = charts.timeline_figure(data.initiatives, data.phases, data.events, data.sources, "en")
    symbols = {h: s for t in visible(fig) if t.type == "scatter" for h, s in zip(t.hovertext, t.marker.symbol)}
    planned = [s for h, s in symbols.items() if "planned" in h]
    assert planned and all(s.endswith("-open") for s in planned)


def key_entries(fig):
    """(colour, glyph, label) for each entry of a figure's key annotation."""
    (key,) = [a.text for a in fig.layout.annotations if "<span" in a.text]
    return re.findall(r"<span style='color:([^;]+);[^']*'>(.)</span>&nbsp;<span[^>]*>([^<]+)</span>", key)


def test_timeline_colours_follow_crops(data):
    fig = charts.timeline_figure(data.initiatives, data.phases, data.events, data.sources, "en")
    colours = {label.strip(): colour for colour, _, label in key_entries(fig)}
    assert colours["Banana"] == vocab.CROP_COLOURS["banana"]
    assert colours["Cacao"] == vocab.CROP_COLOURS["cacao"]
    lanes = {colour for t in visible(fig) for colour in t.marker.color}
    assert {colours[name] for name in ("Banana", "Coffee", "Cacao", "Several crops")} == lanes


def test_timeline_key_is_part_of_the_figure_and_draws_no_traces(data):
    """The key travels with an exported image, and costs plotly no trace of its own."""
    fig = charts.timeline_figure(data.initiatives, data.phases, data.events, data.sources, "en")
    assert len(fig.data) == 2 and fig.layout.showlegend is False
    glyphs = {label.strip(): glyph for _, glyph, label in key_entries(fig)}
    assert {term("kind", kind, "en") for kind in data.events["kind"]} <= set(glyphs)
    assert glyphs["Founding"] == charts.SYMBOL_GLYPHS[charts.EVENT_SYMBOLS["founding"]][0]
    assert set(charts.EVENT_SYMBOLS.values()) <= set(charts.SYMBOL_GLYPHS)


def test_timeline_alt_text_names_a_lone_initiative_and_counts_in_words(data):
    fig = charts.timeline_figure(data.initiatives, data.phases, data.events, data.sources, "en")
    expected = f"Timeline of 4 initiatives from 2000 to 2021 with {len(data.events)} dated events;"
    assert fig.layout.meta["alt"].startswith(expected)
    bio_azul = data.initiatives[data.initiatives["id"] == "bio-azul"]
    founding = data.events[(data.events["initiative"] == "bio-azul") & (data.events["kind"] == "founding")]
    fig = charts.timeline_figure(bio_azul, data.phases, founding, data.sources, "es")
    assert fig.layout.meta["alt"].startswith("Cronología de Bio Azul de 2000 a 2021 con un evento fechado;")


def test_compare_draws_one_bar_per_figure_and_never_stacks(data):
    people = queries.metrics_in_family(data.metrics, "people")
    fig = charts.compare_figure(people, data.initiatives, data.sources, "people", "en")
    bars = visible(fig)
    assert sum(len(t.x) for t in bars) == len(people)
    assert fig.layout.barmode != "stack"
    values = sorted(v for t in bars for v in t.x)
    assert values == sorted(people["value"])  # each figure as stated: nothing summed


def test_compare_distinguishes_statuses_in_bars_and_their_labels(data):
    people = queries.metrics_in_family(data.metrics, "people")
    fig = charts.compare_figure(people, data.initiatives, data.sources, "people", "en")
    patterns = {t.name: t.marker.pattern.shape for t in visible(fig)}
    assert patterns["achieved"] == "" and patterns["target"] == "/"
    assert fig.layout.showlegend is False and len(visible(fig)) == len(fig.data)  # the page draws the key
    labels = [text for t in visible(fig) for text in t.text]
    assert "more than 20,000 farmers · target" in labels


def test_compare_log_scale_and_value_labels(data):
    money = queries.metrics_in_family(data.metrics, "money")
    fig = charts.compare_figure(money, data.initiatives, data.sources, "money", "en", log=True)
    axes = [axis for name, axis in fig.layout.to_plotly_json().items() if name.startswith("xaxis")]
    assert axes and all(axis["type"] == "log" for axis in axes)
    hovers = [h for t in visible(fig) for h in t.hovertext]
    assert any("US$150 million per year" in h and "Source:" in h for h in hovers)


def test_partners_counts_by_type(data):
    fig = charts.partners_figure(data.organisations, data.initiatives, "en")
    government = next(t for t in fig.data if t.name == "Government")
    counts = dict(zip(government.y, government.x))
    assert counts["Cajamarca Coffee Platform"] == 7
    assert sum(sum(t.x) for t in fig.data) == len(data.organisations)


def test_markup_in_data_is_shown_as_text(data):
    hostile = data.initiatives.copy()
    hostile.loc[0, "short_name"] = "<script>alert(1)</script>"
    fig = charts.timeline_figure(hostile, data.phases, data.events, data.sources, "en")
    text = str(fig.to_plotly_json())
    assert "<script>" not in text and "&lt;script&gt;" in text


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    """Synthetic data with more initiatives than a timeline shows and more figures than a panel."""
    from bench.synthetic import generate

    return load_dataset(generate(12, tmp_path_factory.mktemp("crowd")))


def test_a_crowded_timeline_draws_its_first_lanes_and_says_so(crowd):
    assert len(crowd.initiatives) > charts.MAX_LANES
    fig = charts.timeline_figure(crowd.initiatives, crowd.phases, crowd.events, crowd.sources, "en")
    assert len(fig.layout.yaxis.ticktext) == charts.MAX_LANES
    drawn = set(crowd.initiatives["id"][:charts.MAX_LANES])
    markers = [t for t in visible(fig) if t.type == "scatter"]
    assert sum(len(t.x) for t in markers) == crowd.events["initiative"].isin(drawn).sum()
    assert f"first {charts.MAX_LANES} of {len(crowd.initiatives)} initiatives" in fig.layout.meta["alt"]


def test_a_crowded_compare_panel_draws_its_largest_figures_and_says_so(crowd):
    family = "people"
    rows = queries.metrics_in_family(crowd.metrics, family)
    fig = charts.compare_figure(rows, crowd.initiatives, crowd.sources, family, "en")
    bars = [t for t in visible(fig) if t.type == "bar"]
    drawn = [v for t in bars for v in t.x]
    per_metric = rows.groupby("metric")["value"]
    assert len(drawn) == sum(min(n, charts.MAX_BARS) for n in per_metric.size())
    assert sorted(drawn) == sorted(v for _, values in per_metric for v in values.nlargest(charts.MAX_BARS))
    hidden = len(rows) - len(drawn)
    assert hidden > 0 and f"{hidden} more are in the table below" in fig.layout.meta["alt"]


def test_axis_labels_get_a_fixed_margin_wide_enough_instead_of_automargin(data):
    """automargin makes plotly lay a chart out again per axis; the margin is set from the labels."""
    figures = [
        charts.timeline_figure(data.initiatives, data.phases, data.events, data.sources, "en"),
        charts.compare_figure(queries.metrics_in_family(data.metrics, "people"), data.initiatives, data.sources,
                              "people", "en"),
        charts.partners_figure(data.organisations, data.initiatives, "en"),
    ]
    for fig in figures:
        axes = list(fig.select_yaxes())
        assert not any(axis.automargin for axis in axes)
        labels = [str(text) for axis in axes for text in (axis.ticktext or ())] or [
            str(y) for trace in fig.data for y in (trace.y or ()) if y is not None]
        longest = max(len(label) for label in labels)
        assert fig.layout.margin.l >= longest * charts.FONT["size"] * 0.5
