"""Pure data questions: formats keep the source's precision, filters combine, nothing is summed.

Run on the small fixture datasets of tests/datasets.py."""

import datetime as dt

import pandas as pd
import pytest

from components import design, queries
from tests import datasets


@pytest.fixture(scope="module")
def data():
    """The fixture dataset TINY (tests/datasets.py): three initiatives, every status."""
    return datasets.dataset()


def figure_record(initiative, metric, value, status="achieved", year=2015, **fields):
    return {"initiative": initiative, "metric": metric, "value": value, "unit": "units", "year": year,
            "status": status, "source": "doc-a", "note": f"{metric} of {initiative}.", **fields}


def figure(**fields):
    base = {"metric": "producers", "value": 9000, "unit": "banana producers", "qualifier": None,
            "year": 2021, "year_start": None, "year_circa": False, "target_year": None}
    return pd.Series({**base, **fields})


@pytest.mark.parametrize("fields, lang, expected", [
    ({}, "en", "9,000 banana producers"),
    ({"qualifier": "more_than"}, "en", "more than 9,000 banana producers"),
    ({"qualifier": "more_than"}, "es", "más de 9\u202f000 banana producers"),
    ({"metric": "export_value_usd_per_year", "value": 150_000_000, "unit": "US$ per year"}, "en",
     "US$150 million per year"),
    ({"metric": "funding_usd", "value": 36_000_000, "unit": "US$"}, "es", "US$36 millones"),
    ({"metric": "funding_usd", "value": 36_123_456, "unit": "US$"}, "en", "US$36,123,456"),
    ({"metric": "producers_share_pct", "value": 70, "unit": "% of producers"}, "en", "70%"),
])
def test_values_read_as_the_source_states_them(fields, lang, expected):
    assert queries.format_value(figure(**fields), lang) == expected


@pytest.mark.parametrize("fields, expected", [
    ({}, "2021"),
    ({"year_start": 2012, "year": 2016}, "2012–2016"),
    ({"year": 2012, "year_circa": True}, "c. 2012"),
    ({"year": 2017, "target_year": 2021}, "2017, for 2021"),
])
def test_years(fields, expected):
    assert queries.format_year(figure(**fields), "en") == expected


@pytest.mark.parametrize("date, lang, expected", [
    ("2003", "en", "2003"), ("2020-03", "en", "Mar 2020"), ("2017-03-07", "en", "7 Mar 2017"),
    ("2020-12", "es", "dic 2020"),
])
def test_event_dates_at_their_precision(date, expected, lang):
    assert queries.format_event_date(date, lang) == expected


def test_year_only_events_never_sit_on_the_first_of_january():
    assert queries.plot_date("2003") == dt.date(2003, 7, 2)
    assert queries.plot_date("2020-03") == dt.date(2020, 3, 15)
    assert queries.plot_date("2017-03-07") == dt.date(2017, 3, 7)


def test_headline_figures_prefer_reported_ones():
    metrics = [
        figure_record("alpha", "producers", 900, year=2020),
        figure_record("alpha", "producers", 100, year=2012),     # an earlier, smaller count
        figure_record("alpha", "producers", 2000, status="target"),
        figure_record("alpha", "organisations", 6),
        figure_record("alpha", "jobs", 12, status="estimate"),
        figure_record("alpha", "hectares", 40),
        figure_record("alpha", "households", 5000, status="commitment"),
    ]
    data = datasets.dataset(datasets.records(metrics=metrics))
    headline = queries.headline_figures(data.metrics, "alpha")
    # Reported figures only (an estimate is reported), one per measure, the largest, most telling first.
    assert list(zip(headline["metric"], headline["value"])) == [("producers", 900), ("hectares", 40), ("jobs", 12)]


def test_a_plan_is_a_headline_only_where_nothing_is_reported(data):
    assert list(queries.headline_figures(data.metrics, "alpha")["value"]) == [900]  # not the 2,000 planned
    plans = [figure_record("beta", "producers", 2000, status="target")]
    planned = datasets.dataset(datasets.records(metrics=plans))
    assert list(queries.headline_figures(planned.metrics, "beta")["status"]) == ["target"]


def test_headlines_of_all_initiatives_match_each_initiatives_own(data):
    many = [figure_record(initiative, metric, value) for initiative in ("alpha", "beta")
            for value, metric in enumerate(queries.HEADLINE_METRICS, start=1)]
    many += datasets.TINY["metrics.yaml"]
    for dataset in (data, datasets.dataset(datasets.records(metrics=many))):
        everyone = queries.headlines(dataset.metrics)
        for initiative in dataset.initiatives["id"]:
            own = queries.headline_figures(dataset.metrics, initiative)
            pd.testing.assert_frame_equal(everyone[everyone["initiative"] == initiative], own)
        assert everyone.groupby("initiative").size().max() <= 3


def test_latest_achieved_ignores_targets():
    metrics = datasets.records()["metrics.yaml"] + [
        figure_record("alpha", "producers", 5000, year=2018),            # larger but older
        figure_record("beta", "producers", 350, year=2015),               # same year: the larger
        figure_record("gamma", "households", 80, status="target", crop="cacao"),  # only a plan
    ]
    data = datasets.dataset(datasets.records(metrics=metrics))
    rows = queries.latest_achieved(data.metrics, "producers").set_index("initiative")
    assert rows["value"].to_dict() == {"alpha": 900, "beta": 350, "gamma": 40}
    assert queries.latest_achieved(data.metrics, "households").empty
    assert queries.latest_achieved(data.metrics, "funding_usd").empty  # Beta's money is a commitment


def test_filters_combine():
    events = [
        {"initiative": "beta", "date": "2005-06-01", "title": "Beta launched", "kind": "launch", "source": "doc-b"},
        {"initiative": "beta", "date": "2008", "title": "Beta in Cajamarca", "kind": "launch",
         "regions": ["cajamarca"], "source": "doc-b"},
        {"initiative": "gamma", "date": "2012-02", "title": "Gamma in Cusco", "kind": "launch",
         "regions": ["cusco"], "source": "doc-a"},
        {"initiative": "beta", "date": "2012-05", "title": "Beta signs", "kind": "partnership",
         "regions": ["cusco"], "source": "doc-b"},
        {"initiative": "gamma", "date": "2014", "title": "Gamma again", "kind": "launch", "source": "doc-a"},
        {"initiative": "alpha", "date": "2010", "title": "Alpha founded", "kind": "launch", "source": "doc-a"},
    ]
    data = datasets.dataset(datasets.records(events=events))
    coffee_in_cusco = queries.initiatives_in(data.initiatives, crops=["coffee"], region="cusco")
    assert list(coffee_in_cusco["id"]) == ["beta", "gamma"]
    assert list(queries.initiatives_in(data.initiatives, crops=["banana", "cacao"])["id"]) == ["alpha", "gamma"]
    shown = queries.filter_events(data.events, coffee_in_cusco["id"], kinds=["launch"], years=(2005, 2013),
                                  region="cusco")
    # An event with no region of its own counts in each of its initiative's regions.
    assert list(shown["title"]) == ["Beta launched", "Gamma in Cusco"]


def test_region_presence(data):
    presence = queries.region_presence(data.initiatives, data.regions).set_index("region")
    assert presence.loc["cusco", "initiatives"] == ["beta", "gamma"]
    assert presence.loc["cusco", "crops"] == ["cacao", "coffee"]
    assert presence.loc["cusco", "crop_key"] == queries.MIXED
    assert presence.loc["cajamarca", "crop_key"] == "coffee"
    assert presence.loc["piura", "crop_key"] == "banana"
    assert presence.loc["loreto", "initiatives"] == [] and pd.isna(presence.loc["loreto", "crop_key"])


def test_search_is_literal_and_case_insensitive(data):
    assert list(queries.search(data.organisations, "ngo")["name"]) == ["Beta NGO"]
    assert queries.search(data.organisations, ".*").empty  # a pattern is not interpreted
    assert len(queries.search(data.organisations, "")) == len(data.organisations)


def test_source_counts_cover_every_record(data):
    counts = queries.source_counts(data.sources, data.metrics, data.events).set_index("id")
    assert counts.to_dict("index") == {"doc-a": {"figures": 4, "events": 3}, "doc-b": {"figures": 2, "events": 1}}


def test_a_figure_is_coloured_by_the_crop_it_names_else_its_initiatives(data):
    crops = queries.figure_crops(data.metrics, data.initiatives)
    by_figure = dict(zip(zip(data.metrics["initiative"], data.metrics["value"]), crops))
    assert by_figure == {("alpha", 900): "banana", ("alpha", 2000): "banana", ("beta", 300): "coffee",
                         ("beta", 1_500_000): "coffee", ("gamma", 120): "coffee", ("gamma", 40): "cacao"}
    assert queries.crop_colour(by_figure[("gamma", 40)]) == design.CROP_COLOURS["cacao"]


def test_comparable_figures_have_another_of_the_same_measure():
    figures = pd.DataFrame({"metric": ["producers", "producers", "households", "hectares", "hectares", "hectares"]})
    assert queries.comparable(figures).tolist() == [True, True, False, True, True, True]
    assert queries.comparable(figures.iloc[[2]]).tolist() == [False]


def test_a_phase_still_going_runs_to_the_last_year_shown():
    assert queries.last_year(float("nan")) == queries.vocab.LAST_YEAR == 2021
    assert queries.last_year(pd.NA) == 2021 and queries.last_year(2016) == 2016


def test_phases_in_a_year_range_include_those_still_going(data):
    phases = data.phases
    shown = queries.filter_phases(phases, ["gamma"], (2015, 2018))
    assert list(shown["name"]) == ["Gamma coffee", "Gamma cacao"]  # since 2003 and since 2012, still going
    assert queries.filter_phases(phases, ["gamma"], (2000, 2002)).empty
    assert list(queries.filter_phases(phases, ["alpha", "gamma"], (2005, 2010))["name"]) == [
        "Alpha start-up", "Gamma coffee"]
    assert queries.filter_phases(phases, ["alpha"], (2015, 2021)).empty  # ended in 2014


def test_a_table_shows_a_missing_value_as_an_empty_cell_and_whole_years_whole():
    table = pd.DataFrame({"name": ["a", None], "year": [2012.0, None], "share": [0.5, None], "end": [None, 2019]})
    shown = queries.blank_gaps(table)
    assert list(shown["name"]) == ["a", ""] and list(shown["year"]) == [2012, ""]
    assert list(shown["share"]) == [0.5, ""] and list(shown["end"]) == ["", 2019]
    assert str(shown["year"].iloc[0]) == "2012"
    assert table["name"].isna().sum() == 1  # the data itself is untouched
