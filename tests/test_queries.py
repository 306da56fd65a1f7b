"""Pure data questions: formats keep the source's precision, filters combine, nothing is summed."""

import datetime as dt

import pandas as pd
import pytest

from components import queries
from components.data import load_dataset
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA_DIR)


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


def test_headline_figures_prefer_reported_ones(data):
    headline = queries.headline_figures(data.metrics, "piura-banana-cluster")
    assert len(headline) == 3
    assert set(headline["status"]) == {"achieved"}
    assert headline.iloc[0]["value"] == 9000  # producers first, the 2021 figure, not 2019's 1,000


def test_headlines_of_all_initiatives_match_each_initiatives_own(data):
    everyone = queries.headlines(data.metrics)
    for initiative in data.initiatives["id"]:
        own = queries.headline_figures(data.metrics, initiative)
        pd.testing.assert_frame_equal(everyone[everyone["initiative"] == initiative], own)
    assert everyone.groupby("initiative").size().max() == 3


def test_latest_achieved_ignores_targets(data):
    rows = queries.latest_achieved(data.metrics, "producers").set_index("initiative")
    assert "peru-cacao-alliance" not in rows.index  # it has only producer targets
    assert rows.loc["piura-banana-cluster", "value"] == 9000


def test_filters_combine(data):
    cacao = queries.initiatives_in(data.initiatives, crops=["cacao"], region="huanuco")
    assert set(cacao["id"]) == {"peru-cacao-alliance", "bio-azul"}
    events = queries.filter_events(data.events, cacao["id"], kinds=["partnership"], years=(2012, 2013),
                                   region="huanuco")
    assert list(events["date"]) == ["2012-02", "2013-02-15"]


def test_region_presence(data):
    presence = queries.region_presence(data.initiatives, data.regions).set_index("region")
    assert presence.loc["huanuco", "initiatives"] == ["peru-cacao-alliance", "bio-azul"]
    assert presence.loc["huanuco", "crop_key"] == queries.MIXED
    assert presence.loc["piura", "crop_key"] == "banana"
    assert presence.loc["loreto", "initiatives"] == []


def test_search_is_literal_and_case_insensitive(data):
    assert list(queries.search(data.organisations, "ROMEX")["name"]) == ["Romex"]
    assert queries.search(data.organisations, ".*").empty  # a pattern is not interpreted


def test_source_counts_cover_every_record(data):
    counts = queries.source_counts(data.sources, data.metrics, data.events)
    assert counts["figures"].sum() == len(data.metrics)
    assert counts["events"].sum() == len(data.events)


def test_comparable_figures_have_another_of_the_same_measure():
    figures = pd.DataFrame({"metric": ["producers", "producers", "households", "hectares", "hectares", "hectares"]})
    assert queries.comparable(figures).tolist() == [True, True, False, True, True, True]
    assert queries.comparable(figures.iloc[[2]]).tolist() == [False]


def test_a_phase_still_going_runs_to_the_last_year_shown():
    assert queries.last_year(float("nan")) == queries.vocab.LAST_YEAR == 2021
    assert queries.last_year(pd.NA) == 2021 and queries.last_year(2016) == 2016


def test_phases_in_a_year_range_include_those_still_going(data):
    phases = data.phases
    shown = queries.filter_phases(phases, ["bio-azul"], (2015, 2018))
    assert len(shown) == 2  # coffee since 2003 and cocoa since 2012, both still going
    assert queries.filter_phases(phases, ["bio-azul"], (2000, 2002)).empty
