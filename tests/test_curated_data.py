"""What the curated data in data/ must say: the sources' figures, events, regions and statuses.

This is the one module that knows the seed data. A maintainer who corrects a figure or adds an
initiative changes the matching expectation here, and nowhere else: every other test runs on
small datasets written in the tests (tests/datasets.py) or generated ones. Each expectation
names what the source says, so a reader can check it against ../shared/seeds/.
"""

import pytest

from components.data import load_dataset
from tests.conftest import CURATED_DIR


@pytest.fixture(scope="module")
def curated():
    return load_dataset(CURATED_DIR)


# --- The data as a whole ----------------------------------------------------------------

def test_every_record_of_every_file_loads(curated):
    from tests.conftest import read_records  # the files as written, to count what was kept

    for name, table in [("initiatives.yaml", curated.initiatives), ("regions.yaml", curated.regions),
                        ("metrics.yaml", curated.metrics), ("events.yaml", curated.events),
                        ("sources.yaml", curated.sources)]:
        assert len(table) == len(read_records(CURATED_DIR, name)), name


def test_the_four_initiatives_are_there_with_their_crops(curated):
    crops = dict(zip(curated.initiatives["id"], curated.initiatives["crops"]))
    assert crops == {
        "piura-banana-cluster": ["banana"],
        "cajamarca-coffee-platform": ["coffee"],
        "peru-cacao-alliance": ["cacao"],
        "bio-azul": ["coffee", "cacao"],
    }


def test_cacao_alliance_phases_follow_the_sources(curated):
    # A start-up period 2012–2016 (USAID, 2013), then a second phase from 2017 with goals to 2021.
    phases = curated.phases[curated.phases["initiative"] == "peru-cacao-alliance"]
    assert list(zip(phases["start"], phases["end"])) == [(2012, 2016), (2017, 2021)]


def test_every_region_cited_exists_with_a_boundary(curated):
    boundary_ids = {f["properties"]["id"] for f in curated.boundaries["features"]}
    cited = set(curated.initiatives["regions"].explode()) | set(curated.events["regions"].explode().dropna())
    assert cited <= set(curated.regions["id"]) <= boundary_ids


@pytest.mark.parametrize("initiative, date, precision", [
    ("peru-cacao-alliance", "2017-03-07", "day"),          # the second phase's launch event
    ("cajamarca-coffee-platform", "2020-03", "month"),     # the tripartite agreement, March 2020
    ("bio-azul", "2003", "year"),                          # Bio Azul founded
])
def test_dates_are_as_precise_as_their_sources(curated, initiative, date, precision):
    events = curated.events[(curated.events["initiative"] == initiative) & (curated.events["date"] == date)]
    assert len(events) >= 1 and set(events["precision"]) == {precision}, events


def test_data_text_shown_to_people_has_spanish(curated):
    shown = {"initiatives": ["name", "short_name", "summary"], "phases": ["name"], "organisations": ["role"],
             "events": ["title"], "metrics": ["unit", "note"], "sources": ["citation", "description"]}
    missing = []
    for table, fields in shown.items():
        frame = getattr(curated, table)
        for field in fields:
            lacking = frame[frame[f"{field}_es"].isna()]
            missing += [f"{table}: {row.get('id') or row.get('initiative')} · {row[field]} lacks {field}_es"
                        for row in lacking.to_dict("records")]
    assert not missing, "\n".join(missing)


# --- Figures and their statuses ---------------------------------------------------------

def _figures(curated, initiative, metric, value):
    metrics = curated.metrics
    return metrics[(metrics["initiative"] == initiative) & (metrics["metric"] == metric) & (metrics["value"] == value)]


@pytest.mark.parametrize("initiative, metric, value, status", [
    ("piura-banana-cluster", "producers", 9000, "achieved"),               # "more than 9,000 producers"
    ("piura-banana-cluster", "export_value_usd_per_year", 150_000_000, "achieved"),
    ("piura-banana-cluster", "producers_share_pct", 70, "target"),
    ("cajamarca-coffee-platform", "organisations", 14, "achieved"),        # members of the platform
    ("peru-cacao-alliance", "hectares", 28_000, "achieved"),              # the start-up period's result
    ("peru-cacao-alliance", "hectares", 19_855, "commitment"),            # hectares partners pledged to plant
    ("peru-cacao-alliance", "funding_usd", 36_000_000, "commitment"),
    ("bio-azul", "coffee_bags", 26_800, "estimate"),                      # "an estimated 26,800 bags"
])
def test_key_figures_carry_the_status_the_source_gives(curated, initiative, metric, value, status):
    assert list(_figures(curated, initiative, metric, value)["status"]) == [status]


@pytest.mark.parametrize("initiative, metric, value", [
    ("piura-banana-cluster", "organisations", 15),      # "more than 15 associations" planned
    ("piura-banana-cluster", "producers_share_pct", 70),
    ("peru-cacao-alliance", "producers", 20_000),      # 2013 aim and 2017 goal to 2021
    ("peru-cacao-alliance", "funding_usd", 49_000_000),
    ("peru-cacao-alliance", "investment_usd", 40_000_000),
    ("bio-azul", "producers", 500),                    # farmers the LWR alliance will certify
    ("bio-azul", "beneficiaries", 1_000),              # expected this year
])
def test_plans_are_never_recorded_as_achieved(curated, initiative, metric, value):
    rows = _figures(curated, initiative, metric, value)
    assert len(rows) >= 1 and set(rows["status"]) <= {"target", "commitment"}, rows


@pytest.mark.parametrize("metric, value, crop", [
    ("producers", 700, "coffee"),        # "over 700 active coffee members"
    ("coffee_bags", 26_800, "coffee"),
    ("producers", 500, "cacao"),         # "certify 500 cocoa farmers"
    ("beneficiaries", 1_000, "cacao"),   # farmers working in cocoa
])
def test_bio_azul_figures_name_the_crop_the_source_counts(curated, metric, value, crop):
    assert list(_figures(curated, "bio-azul", metric, value)["crop"]) == [crop]


# --- Corrections from the line-by-line audit against the sources -------------------------


# --- What the pages show of the curated data --------------------------------------------
