"""Exhibits: what each chart, map, figure list and table carries with it (its words, its sources,
its rows), and the note each gives when a view leaves nothing to show."""

import plotly.graph_objects as go
import pydeck as pdk
import pytest

from components import exhibits, maps
from tests import datasets

DATA = datasets.dataset()
EVERYONE = ("alpha", "beta", "gamma")


def test_a_timeline_cites_the_sources_of_what_it_draws_and_tables_its_events():
    beta = exhibits.timeline(DATA, ("beta",), None, None, (2000, 2021), "en")
    assert isinstance(beta.chart, go.Figure) and beta.alt.startswith("Timeline of Beta")
    assert beta.sources == "Doc B (undated)"
    assert list(beta.rows["title"]) == ["Beta launched"]
    assert beta.name == "timeline-beta"


def test_a_timeline_that_keeps_nothing_blames_the_filters_only_when_there_are_some():
    filtered = exhibits.timeline(DATA, EVERYONE, ("banana",), None, (2000, 2005), "en")
    assert filtered.instead == "timeline.empty" and filtered.chart is None
    bare = datasets.dataset(datasets.bare_records())
    assert exhibits.timeline(bare, ("alpha",), None, None, (2000, 2021), "en").instead == "profile.no_chronology"


def test_a_comparison_charts_measures_with_two_figures_and_lists_those_alone():
    people = exhibits.comparison(DATA, "people", ("achieved", "target"), EVERYONE, "en", False)
    assert isinstance(people.chart, go.Figure) and "People" in people.alt
    assert "status-achieved" in people.legend and "status-target" in people.legend
    assert people.sources == "Doc A (2021-04-28); Doc B (undated)"
    assert len(people.rows) == 4 and not people.after
    land = exhibits.comparison(DATA, "land", ("estimate",), EVERYONE, "en", False)
    assert land.chart is None and "Gamma land" not in land.figures and "120" in land.figures
    assert len(land.rows) == 1
    assert exhibits.comparison(DATA, "land", ("target",), EVERYONE, "en", False).instead == "compare.empty"


def test_maps_say_what_they_show_and_cite_their_sources():
    peru = exhibits.peru_map(DATA, "en", 400)
    assert isinstance(peru.chart, pdk.Deck) and peru.alt and "Doc A" in peru.sources and "Doc B" in peru.sources
    assert set(peru.rows["region"]) == {"Piura", "Cajamarca", "Cusco"}  # where an initiative works
    alpha = exhibits.initiative_map(DATA, "alpha", "en", 440)
    assert alpha.sources == "Doc A (2021-04-28)"
    producers = exhibits.metric_map(DATA, "en", "producers", None, False)
    assert "Producers" in producers.alt and "Doc B" in producers.sources and "Circle area:" in producers.legend
    assert "Circles show" in producers.alt  # how to read them, under the map


def test_a_region_without_initiatives_says_so_once():
    assert exhibits.region_figures(DATA, "loreto", "en").instead == "map.no_initiatives"
    events = exhibits.region_events(DATA, "loreto", "en")
    assert events.rows is None and not events.instead
    assert list(exhibits.region_events(DATA, "piura", "en").rows["title"]) == ["Alpha founded", "Alpha exports"]


def test_one_initiative_at_a_glance():
    gamma = exhibits.about(DATA, "gamma", "en")
    assert gamma.name == "Gamma Two Crops" and "Cusco" in gamma.facts and "2003" in gamma.facts
    assert "Doc A (2021-04-28)" in gamma.figures.figures
    assert [title for title, _ in gamma.sources] == ["doc-a title", "doc-b title"]
    assert exhibits.about(DATA, "alpha", "es").name == "Grupo Bananero Alfa"
    assert not exhibits.about(datasets.dataset(datasets.bare_records()), "alpha", "en").figures.figures


@pytest.mark.parametrize("query, shown, instead", [("", 6, ""), ("beta", 2, ""), ("nothing", 0, "sources.no_match")])
def test_a_raw_table_counts_the_rows_its_search_keeps(query, shown, instead):
    table = exhibits.raw_table(DATA, "metrics", query, "en")
    assert table.alt.startswith(f"{shown} of 6 rows") and table.instead == instead
    assert table.rows is None if instead else len(table.rows) == shown


def test_a_raw_table_is_one_of_the_datasets_tables():
    with pytest.raises(ValueError):
        exhibits.raw_table(DATA, "boundaries", "", "en")


def test_a_comparison_names_each_chosen_initiative_it_leaves_out_and_why():
    money = exhibits.comparison(DATA, "money", ("commitment",), EVERYONE, "en", False)
    assert "Not shown: Alpha, Gamma, whose sources give no money figure." in money.figures + money.after
    targets = exhibits.comparison(DATA, "people", ("target",), EVERYONE, "en", False)
    assert "Not shown: Beta, Gamma, whose people figures have none of the statuses chosen." in (
        targets.figures + targets.after)
    everyone = exhibits.comparison(DATA, "people", ("achieved", "target"), EVERYONE, "en", False)
    assert "Not shown" not in everyone.after + everyone.figures
    assert "Not shown" not in exhibits.comparison(DATA, "money", ("commitment",), ("beta",), "en", False).figures


def test_a_chosen_region_fills_the_map():
    cusco = {"features": [f for f in DATA.boundaries["features"] if f["properties"]["id"] == "cusco"]}
    view = exhibits.metric_map(DATA, "en", "producers", "cusco", False).chart.spec["initialViewState"]
    assert view == maps.whole_view(cusco, maps.MAP_HEIGHT)
    peru = exhibits.metric_map(DATA, "en", "producers", None, False).chart.spec["initialViewState"]
    assert peru == maps.whole_view(DATA.boundaries, maps.MAP_HEIGHT)
