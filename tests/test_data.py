"""The data layer: the curated data loads whole, and each kind of bad data gets its own
message naming the file, the record and the field."""

import hashlib

import pytest

from components import vocabulary as vocab
from components.data import DataError, load_dataset, load_dataset_from_files
from tests.conftest import DATA_DIR, read_records, write_records


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def issues_of(data_dir):
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    return caught.value.issues


def only_issue(data_dir):
    issues = issues_of(data_dir)
    assert len(issues) == 1, "\n".join(map(str, issues))
    return issues[0]


# --- The curated data -------------------------------------------------------------------

def test_every_record_of_every_file_loads(dataset):
    for name, table in [("initiatives.yaml", dataset.initiatives), ("regions.yaml", dataset.regions),
                        ("metrics.yaml", dataset.metrics), ("events.yaml", dataset.events),
                        ("sources.yaml", dataset.sources)]:
        assert len(table) == len(read_records(DATA_DIR, name)), name


def test_the_four_initiatives_are_there_with_their_crops(dataset):
    crops = dict(zip(dataset.initiatives["id"], dataset.initiatives["crops"]))
    assert crops == {
        "piura-banana-cluster": ["banana"],
        "cajamarca-coffee-platform": ["coffee"],
        "peru-cacao-alliance": ["cacao"],
        "bio-azul": ["coffee", "cacao"],
    }


def test_cacao_alliance_phases_follow_the_sources(dataset):
    phases = dataset.phases[dataset.phases["initiative"] == "peru-cacao-alliance"]
    assert list(zip(phases["start"], phases["end"])) == [(2012, 2016), (2017, 2021)]


@pytest.mark.parametrize("initiative, metric, value, status", [
    ("piura-banana-cluster", "producers", 9000, "achieved"),
    ("piura-banana-cluster", "export_value_usd_per_year", 150_000_000, "achieved"),
    ("piura-banana-cluster", "producers_share_pct", 70, "target"),
    ("cajamarca-coffee-platform", "organisations", 14, "achieved"),
    ("peru-cacao-alliance", "hectares", 28_000, "achieved"),
    ("peru-cacao-alliance", "hectares", 19_855, "commitment"),
    ("peru-cacao-alliance", "funding_usd", 36_000_000, "commitment"),
    ("bio-azul", "coffee_bags", 26_800, "estimate"),
])
def test_key_figures_carry_the_status_the_source_gives(dataset, initiative, metric, value, status):
    m = dataset.metrics
    rows = m[(m["initiative"] == initiative) & (m["metric"] == metric) & (m["value"] == value)]
    assert list(rows["status"]) == [status]


@pytest.mark.parametrize("initiative, metric, value", [
    ("piura-banana-cluster", "organisations", 15),      # "more than 15 associations" planned
    ("piura-banana-cluster", "producers_share_pct", 70),
    ("peru-cacao-alliance", "producers", 20_000),      # 2013 aim and 2017 goal to 2021
    ("peru-cacao-alliance", "funding_usd", 49_000_000),
    ("peru-cacao-alliance", "investment_usd", 40_000_000),
    ("bio-azul", "producers", 500),                    # farmers the LWR alliance will certify
    ("bio-azul", "beneficiaries", 1_000),              # expected this year
])
def test_plans_are_never_recorded_as_achieved(dataset, initiative, metric, value):
    m = dataset.metrics
    rows = m[(m["initiative"] == initiative) & (m["metric"] == metric) & (m["value"] == value)]
    assert len(rows) >= 1 and set(rows["status"]) <= {"target", "commitment"}, rows


def test_event_dates_keep_their_precision(dataset):
    e = dataset.events.set_index("date")
    assert e.loc["2017-03-07", "precision"] == "day"
    assert e.loc["2020-03", "precision"] == "month"
    assert (e.loc["2003", "precision"]) == "year"


def test_every_region_referenced_exists_with_a_boundary(dataset):
    boundary_ids = {f["properties"]["id"] for f in dataset.boundaries["features"]}
    used = set(dataset.initiatives["regions"].explode()) | set(dataset.events["regions"].explode().dropna())
    assert used <= set(dataset.regions["id"]) <= boundary_ids


def test_every_metric_has_a_family(dataset):
    assert set(dataset.metrics["family"]) <= set(vocab.FAMILIES)
    assert dataset.metrics["family"].notna().all()


def test_loading_never_writes_to_the_data(data_copy):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.iterdir()}
    load_dataset(data_copy)
    (data_copy / "metrics.yaml").write_text("- {broken", encoding="utf-8")
    before["metrics.yaml"] = hashlib.sha256(b"- {broken").hexdigest()
    with pytest.raises(DataError):
        load_dataset(data_copy)
    assert before == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.iterdir()}


# --- Each kind of bad data, its own message ---------------------------------------------

def test_malformed_yaml_names_the_line(data_copy):
    text = (data_copy / "events.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[20] = "  title: [unclosed"
    (data_copy / "events.yaml").write_text("\n".join(lines), encoding="utf-8")
    issue = only_issue(data_copy)
    assert issue.file == "events.yaml"
    assert "malformed YAML" in issue.message and "line 2" in issue.message


def test_missing_required_field(data_copy):
    records = read_records(data_copy, "metrics.yaml")
    del records[3]["unit"]
    write_records(data_copy, "metrics.yaml", records)
    issue = only_issue(data_copy)
    assert (issue.file, issue.field, issue.message) == ("metrics.yaml", "unit", "required field is missing")
    assert issue.record.startswith("record 4 (line ") and "piura-banana-cluster / people_involved" in issue.record


@pytest.mark.parametrize("file, index, fld, bad, kind", [
    ("metrics.yaml", 0, "initiative", "atlantis", "initiative"),
    ("events.yaml", 2, "source", "blog-2099", "source"),
    ("initiatives.yaml", 1, "regions", ["narnia"], "region"),
])
def test_unknown_ids(data_copy, file, index, fld, bad, kind):
    records = read_records(data_copy, file)
    records[index][fld] = bad
    write_records(data_copy, file, records)
    issue = only_issue(data_copy)
    bad_id = bad[0] if isinstance(bad, list) else bad
    assert (issue.file, issue.field) == (file, fld)
    assert issue.message == f"unknown {kind} id '{bad_id}'"


def test_duplicate_id(data_copy):
    records = read_records(data_copy, "sources.yaml")
    records[1]["id"] = records[0]["id"]
    write_records(data_copy, "sources.yaml", records)
    issues = issues_of(data_copy)
    duplicate = [i for i in issues if i.message.startswith("duplicate id")]
    assert len(duplicate) == 1
    assert (duplicate[0].file, duplicate[0].record, duplicate[0].field) == ("sources.yaml", records[0]["id"], "id")


@pytest.mark.parametrize("bad, expected", [
    ("9,000", "must be a number, got '9,000'"),
    ("lots", "must be a number, got 'lots'"),
    (-5, "must not be negative, got -5"),
])
def test_value_not_a_number_or_negative(data_copy, bad, expected):
    records = read_records(data_copy, "metrics.yaml")
    records[1]["value"] = bad
    write_records(data_copy, "metrics.yaml", records)
    issue = only_issue(data_copy)
    assert (issue.file, issue.field, issue.message) == ("metrics.yaml", "value", expected)
    assert "record 2" in issue.record


@pytest.mark.parametrize("bad, expected", [
    ("2020-13", "'2020-13' is not a real calendar date"),
    ("March 2020", "'March 2020' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("1999", "1999 is outside 2000–2021"),
    ("2022-01-05", "2022 is outside 2000–2021"),
])
def test_bad_dates(data_copy, bad, expected):
    records = read_records(data_copy, "events.yaml")
    records[0]["date"] = bad
    write_records(data_copy, "events.yaml", records)
    issue = only_issue(data_copy)
    assert (issue.file, issue.field, issue.message) == ("events.yaml", "date", expected)


def test_year_outside_range(data_copy):
    records = read_records(data_copy, "metrics.yaml")
    records[0]["year"] = 2030
    write_records(data_copy, "metrics.yaml", records)
    issue = only_issue(data_copy)
    assert (issue.field, issue.message) == ("year", "2030 is outside 2000–2021")


def test_unknown_status(data_copy):
    records = read_records(data_copy, "metrics.yaml")
    records[0]["status"] = "promised"
    write_records(data_copy, "metrics.yaml", records)
    issue = only_issue(data_copy)
    assert issue.field == "status"
    assert issue.message.startswith("'promised' is not allowed; expected one of: 'achieved'")


def test_unknown_metric(data_copy):
    records = read_records(data_copy, "metrics.yaml")
    records[0]["metric"] = "happiness"
    write_records(data_copy, "metrics.yaml", records)
    issue = only_issue(data_copy)
    assert issue.field == "metric"
    assert issue.message.startswith("'happiness' is not allowed; expected one of: 'producers'")


def test_region_without_boundary(data_copy):
    records = read_records(data_copy, "regions.yaml")
    records.append({**records[0], "id": "galapagos", "name": "Galápagos"})
    write_records(data_copy, "regions.yaml", records)
    issue = only_issue(data_copy)
    assert (issue.file, issue.record, issue.field) == ("regions.yaml", "galapagos", "id")
    assert issue.message == "region 'galapagos' has no boundary in regions.geojson"


def test_unknown_field_is_reported(data_copy):
    records = read_records(data_copy, "metrics.yaml")
    records[0]["vaule"] = 3
    write_records(data_copy, "metrics.yaml", records)
    issue = only_issue(data_copy)
    assert issue.field == "vaule" and "unknown field" in issue.message


def test_span_running_backwards(data_copy):
    records = read_records(data_copy, "initiatives.yaml")
    records[0]["end"] = 2010
    write_records(data_copy, "initiatives.yaml", records)
    issue = only_issue(data_copy)
    assert (issue.record, issue.field, issue.message) == ("piura-banana-cluster", "end", "2010 is before start 2019")


def test_all_problems_are_reported_together(data_copy):
    metrics = read_records(data_copy, "metrics.yaml")
    metrics[0]["status"] = "promised"
    metrics[1]["value"] = -1
    write_records(data_copy, "metrics.yaml", metrics)
    (data_copy / "events.yaml").unlink()
    issues = issues_of(data_copy)
    assert {(i.file, i.field) for i in issues} == {("metrics.yaml", "status"), ("metrics.yaml", "value"),
                                                   ("events.yaml", "")}


def test_missing_data_directory(tmp_path):
    issue = only_issue(tmp_path / "nowhere")
    assert issue.message == "data directory not found"


@pytest.mark.parametrize("text, expected", [
    ("- &a [1, 2]\n- *a\n", "anchors and aliases"),
    ("- " + "[" * 60 + "]" * 60 + "\n", "nested more than"),
    ("- value: " + "9" * 5000 + "\n", "malformed YAML"),
    (b"\xff\xfe- id: x", "not UTF-8"),
    ("id: just-a-mapping\n", "must be a YAML list"),
])
def test_hostile_yaml_is_refused_with_a_message(text, expected):
    files = {"sources.yaml": text}
    with pytest.raises(DataError) as caught:
        load_dataset_from_files(files)
    sources = [i for i in caught.value.issues if i.file == "sources.yaml"]
    assert len(sources) == 1 and expected in sources[0].message, sources


def test_python_object_tags_are_not_constructed():
    text = "- !!python/object/apply:os.system ['echo pwned']\n"
    with pytest.raises(DataError) as caught:
        load_dataset_from_files({"sources.yaml": text})
    assert any("malformed YAML" in i.message and i.file == "sources.yaml" for i in caught.value.issues)
