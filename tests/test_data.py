"""The data layer: a dataset loads into tidy tables, and each kind of bad data gets its own
message naming the file, the record and the field.

Everything here runs on the small fixture datasets of tests/datasets.py, broken on purpose in
a throwaway folder; what the curated data itself says is in tests/test_curated_data.py.
"""

import hashlib

import pandas as pd
import pytest

from components import vocabulary as vocab
from components.data import DataError, load_dataset, load_dataset_from_files
from components.schema import date_parts
from tests import datasets

DELETE = object()  # in a change, removes the field instead of setting it
BOM = b"\xef\xbb\xbf"


def issues_of(data_dir):
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    return caught.value.issues


def only_issue(data_dir):
    issues = issues_of(data_dir)
    assert len(issues) == 1, "\n".join(map(str, issues))
    return issues[0]


def change(records, path, value):
    """Set (or DELETE) the field at `path`: (file, record index, field, ...), e.g.
    ("initiatives.yaml", 0, "phases", 0, "end")."""
    *parents, last = path
    target = records
    for step in parents:
        target = target[step]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return records


def folder_with(tmp_path, *changes):
    """A fixture data folder (tests/datasets.py's TINY) with each (path, value) change made."""
    records = datasets.records()
    for path, value in changes:
        change(records, path, value)
    return datasets.write(tmp_path / "data", records)


def record_line(folder, name, index) -> int:
    """The line where record `index` of a written file starts (each record starts with '- ')."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if line.startswith("- ")][index]


def line_of(folder, name, text) -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def insert_after(folder, name, line_text, new_line) -> int:
    """Write `new_line` right after the first line equal to `line_text`; returns its line."""
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(line_text) + 1
    lines.insert(at, new_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


# --- A dataset, loaded --------------------------------------------------------------------

def test_every_record_becomes_one_row():
    data = datasets.dataset()
    tiny = datasets.TINY
    for table, name in [(data.sources, "sources.yaml"), (data.regions, "regions.yaml"),
                        (data.initiatives, "initiatives.yaml"), (data.metrics, "metrics.yaml"),
                        (data.events, "events.yaml")]:
        assert len(table) == len(tiny[name]), name
    assert list(data.phases["name"]) == ["Alpha start-up", "Gamma coffee", "Gamma cacao"]
    assert list(data.phases["initiative"]) == ["alpha", "gamma", "gamma"]
    assert list(data.organisations["name"]) == ["Alpha Growers", "Beta NGO"]


def test_event_dates_keep_their_precision():
    events = datasets.dataset().events.set_index("title")
    assert events.loc["Alpha founded", "precision"] == "year"
    assert events.loc["Alpha exports", "precision"] == "month"
    assert (events.loc["Alpha exports", "year"], events.loc["Alpha exports", "month"]) == (2019, 3)
    assert pd.isna(events.loc["Alpha exports", "day"])
    assert events.loc["Beta launched", "precision"] == "day"


def test_every_metric_has_its_family():
    figures = [{"initiative": "alpha", "metric": metric, "value": 1, "unit": "units", "year": 2015,
                "status": "achieved", "source": "doc-a", "note": f"One {metric}."} for metric in vocab.METRICS]
    data = datasets.dataset(datasets.records(metrics=figures))
    assert dict(zip(data.metrics["metric"], data.metrics["family"])) == {m: spec.family for m, spec in vocab.METRICS.items()}
    assert {spec.family for spec in vocab.METRICS.values()} <= set(vocab.FAMILIES)


def test_a_figure_keeps_the_crop_it_names():
    metrics = datasets.records()["metrics.yaml"]
    metrics[0]["crop"] = "banana"  # the one crop of its initiative may be named too
    data = datasets.dataset(datasets.records(metrics=metrics))
    crops = dict(zip(zip(data.metrics["initiative"], data.metrics["metric"], data.metrics["value"]),
                     data.metrics["crop"]))
    assert crops[("gamma", "hectares", 120)] == "coffee"
    assert crops[("gamma", "producers", 40)] == "cacao"
    assert crops[("alpha", "producers", 900)] == "banana"
    assert pd.isna(crops[("alpha", "producers", 2000)])  # one crop: naming it is optional


def test_a_folder_without_boundaries_uses_the_bundled_ones(tmp_path):
    folder = datasets.write(tmp_path / "data")
    assert not (folder / "regions.geojson").exists()
    data = load_dataset(folder)
    assert {f["properties"]["id"] for f in data.boundaries["features"]} == set(datasets.BOUNDARY_IDS)


def test_loading_never_writes_to_the_data(tmp_path):
    folder = datasets.write(tmp_path / "data")

    def digests():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}

    before = digests()
    load_dataset(folder)
    (folder / "metrics.yaml").write_text("- {broken", encoding="utf-8")
    before["metrics.yaml"] = hashlib.sha256(b"- {broken").hexdigest()
    with pytest.raises(DataError):
        load_dataset(folder)
    assert digests() == before


# --- Each kind of bad data, its own message ---------------------------------------------

def test_malformed_yaml_names_the_line(tmp_path):
    folder = datasets.write(tmp_path / "data")
    path = folder / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Alpha exports\n", "title: Alpha exports: a colon left unquoted\n"), encoding="utf-8")
    issue = only_issue(folder)
    assert issue.file == "events.yaml"
    line = line_of(folder, "events.yaml", "  title: Alpha exports: a colon left unquoted")
    assert issue.message.startswith(f"malformed YAML at line {line}, column ")


def test_missing_required_field(tmp_path):
    folder = folder_with(tmp_path, (("metrics.yaml", 3, "unit"), DELETE))
    issue = only_issue(folder)
    assert (issue.file, issue.field, issue.message) == ("metrics.yaml", "unit", "required field is missing")
    assert issue.record == f"record 4 (line {record_line(folder, 'metrics.yaml', 3)}): beta / funding_usd"


@pytest.mark.parametrize("path, bad, kind", [
    (("metrics.yaml", 0, "initiative"), "atlantis", "initiative"),
    (("metrics.yaml", 2, "source"), "blog-2099", "source"),
    (("events.yaml", 2, "source"), "blog-2099", "source"),
    (("events.yaml", 1, "regions"), ["narnia"], "region"),
    (("initiatives.yaml", 1, "regions"), ["narnia"], "region"),
    (("initiatives.yaml", 0, "sources"), ["blog-2099"], "source"),
    (("initiatives.yaml", 0, "phases", 0, "source"), "blog-2099", "source"),
    (("initiatives.yaml", 1, "organisations", 0, "source"), "blog-2099", "source"),
])
def test_unknown_ids(tmp_path, path, bad, kind):
    issue = only_issue(folder_with(tmp_path, (path, bad)))
    bad_id = bad[0] if isinstance(bad, list) else bad
    fields = [step for step in path[2:] if isinstance(step, str)]
    assert (issue.file, issue.field) == (path[0], ".".join(fields))
    assert issue.message == f"unknown {kind} id '{bad_id}'"


def test_duplicate_id(tmp_path):
    folder = folder_with(tmp_path, (("sources.yaml", 1, "id"), "doc-a"))
    issues = issues_of(folder)
    duplicate = [i for i in issues if i.message.startswith("duplicate id")]
    assert len(duplicate) == 1
    assert (duplicate[0].file, duplicate[0].record, duplicate[0].field) == ("sources.yaml", "doc-a", "id")
    assert duplicate[0].message == "duplicate id: used by 2 records"


@pytest.mark.parametrize("bad, expected", [
    ("9,000", "must be a number, got '9,000'"),
    ("lots", "must be a number, got 'lots'"),
    (-5, "must not be negative, got -5"),
    (float("inf"), "must be a finite number"),
    (float("nan"), "must be a finite number"),
])
def test_value_not_a_number_or_negative(tmp_path, bad, expected):
    folder = folder_with(tmp_path, (("metrics.yaml", 1, "value"), bad))
    issue = only_issue(folder)
    assert (issue.file, issue.field, issue.message) == ("metrics.yaml", "value", expected)
    assert issue.record == f"record 2 (line {record_line(folder, 'metrics.yaml', 1)}): alpha / producers"


@pytest.mark.parametrize("bad, expected", [
    ("2020-13", "'2020-13' is not a real calendar date"),
    ("2019-02-30", "'2019-02-30' is not a real calendar date"),
    ("March 2020", "'March 2020' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("1999", "1999 is outside 2000–2021"),
    ("2022-01-05", "2022 is outside 2000–2021"),
])
def test_bad_dates(tmp_path, bad, expected):
    issue = only_issue(folder_with(tmp_path, (("events.yaml", 0, "date"), bad)))
    assert (issue.file, issue.field, issue.message) == ("events.yaml", "date", expected)


def test_year_outside_range(tmp_path):
    issue = only_issue(folder_with(tmp_path, (("metrics.yaml", 0, "year"), 2030)))
    assert (issue.field, issue.message) == ("year", "2030 is outside 2000–2021")


def test_unknown_status(tmp_path):
    issue = only_issue(folder_with(tmp_path, (("metrics.yaml", 0, "status"), "promised")))
    assert issue.field == "status"
    assert issue.message == ("'promised' is not allowed; expected one of: "
                             "'achieved', 'target', 'commitment' or 'estimate'")


def test_unknown_metric(tmp_path):
    issue = only_issue(folder_with(tmp_path, (("metrics.yaml", 0, "metric"), "happiness")))
    assert issue.field == "metric"
    assert issue.message.startswith("'happiness' is not allowed; expected one of: 'producers'")


def test_region_without_boundary(tmp_path):
    records = datasets.records()
    records["regions.yaml"].append({**records["regions.yaml"][0], "id": "galapagos", "name": "Galápagos"})
    issue = only_issue(datasets.write(tmp_path / "data", records))
    assert (issue.file, issue.record, issue.field) == ("regions.yaml", "galapagos", "id")
    assert issue.message == "region 'galapagos' has no boundary in regions.geojson"


def test_unknown_field_is_reported(tmp_path):
    issue = only_issue(folder_with(tmp_path, (("metrics.yaml", 0, "vaule"), 3)))
    assert issue.field == "vaule"
    assert issue.message == "unknown field (not in the data dictionary, data/README.md)"


def test_span_running_backwards(tmp_path):
    issue = only_issue(folder_with(tmp_path, (("initiatives.yaml", 0, "end"), 2005)))
    assert (issue.record, issue.field, issue.message) == ("alpha", "end", "2005 is before start 2010")


def test_all_problems_are_reported_together(tmp_path):
    folder = folder_with(tmp_path, (("metrics.yaml", 0, "status"), "promised"), (("metrics.yaml", 1, "value"), -1))
    (folder / "events.yaml").unlink()
    issues = issues_of(folder)
    assert {(i.file, i.field) for i in issues} == {("metrics.yaml", "status"), ("metrics.yaml", "value"),
                                                   ("events.yaml", "")}
    assert [i.message for i in issues if i.file == "events.yaml"] == ["required file is missing"]


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


# --- Every other case of the data dictionary, its own message ---------------------------

@pytest.mark.parametrize("path, bad, field, message", [
    (("sources.yaml", 1, "id"), "Doc B", "id",
     "'Doc B' is not a valid id or code (expected pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$)"),
    (("sources.yaml", 0, "publisher"), DELETE, "publisher", "required field is missing"),
    (("sources.yaml", 0, "date"), "2020-02-30", "date", "'2020-02-30' is not a real calendar date"),
    (("sources.yaml", 0, "kind"), "tweet", "kind",
     "'tweet' is not allowed; expected one of: 'article', 'interview', 'news release', 'technical update', "
     "'case study' or 'report'"),
    (("regions.yaml", 0, "iso_code"), "PER", "iso_code",
     "'PER' is not a valid id or code (expected pattern ^PE-[A-Z]{3}$)"),
    (("regions.yaml", 0, "lat"), "-5", "lat", "must be a number, got '-5'"),
    (("initiatives.yaml", 0, "crops"), ["rice"], "crops.0",
     "'rice' is not allowed; expected one of: 'banana', 'coffee' or 'cacao'"),
    (("initiatives.yaml", 0, "end"), DELETE, "end", "required field is missing"),
    (("initiatives.yaml", 0, "start"), "2010", "start", "must be a number, got '2010'"),
    (("initiatives.yaml", 0, "phases", 0, "end"), 2009, "phases.end", "2009 is before phases.start 2010"),
    (("initiatives.yaml", 2, "phases", 0, "crop"), "rice", "phases.0.crop",
     "'rice' is not allowed; expected one of: 'banana', 'coffee' or 'cacao'"),
    (("initiatives.yaml", 2, "phases", 0, "source"), DELETE, "phases.0.source", "required field is missing"),
    (("initiatives.yaml", 0, "organisations", 0, "type"), "club", "organisations.0.type",
     "'club' is not allowed; expected one of: 'producer_association', 'cooperative', 'ngo', 'government', "
     "'donor_agency', 'private_company', 'financial_institution', 'university' or 'certifier'"),
    (("metrics.yaml", 0, "qualifier"), "roughly", "qualifier",
     "'roughly' is not allowed; expected one of: 'more_than', 'at_least', 'about' or 'up_to'"),
    (("metrics.yaml", 1, "target_year"), 2030, "target_year", "2030 is outside 2000–2021"),
    (("metrics.yaml", 3, "year_start"), 2018, "year", "2016 is before year_start 2018"),
    (("metrics.yaml", 4, "crop"), "rice", "crop",
     "'rice' is not allowed; expected one of: 'banana', 'coffee' or 'cacao'"),
    (("events.yaml", 0, "kind"), "party", "kind",
     "'party' is not allowed; expected one of: 'founding', 'funding', 'partnership', 'certification', 'export', "
     "'launch', 'milestone' or 'policy'"),
    (("events.yaml", 0, "status"), "rumoured", "status",
     "'rumoured' is not allowed; expected one of: 'happened' or 'planned'"),
    (("events.yaml", 0, "title"), DELETE, "title", "required field is missing"),
])
def test_each_case_of_the_dictionary_has_its_own_message(tmp_path, path, bad, field, message):
    """The record's own file reports it once, by field; (records that cite a refused record
    may report that too, which is why only the file's own issues are read)."""
    folder = folder_with(tmp_path, (path, bad))
    own = [issue for issue in issues_of(folder) if issue.file == path[0]]
    assert [(issue.field, issue.message) for issue in own] == [(field, message)], own
    record = change(datasets.records(), path, bad)[path[0]][path[1]]
    assert (record.get("id") or record["initiative"]) in own[0].record


def test_a_record_that_is_not_a_mapping(tmp_path):
    records = datasets.records()
    records["events.yaml"].append("Alpha exports again")
    folder = datasets.write(tmp_path / "data", records)
    issue = only_issue(folder)
    assert (issue.file, issue.field) == ("events.yaml", "")
    assert issue.record == f"record 5 (line {record_line(folder, 'events.yaml', 4)})"
    assert issue.message == "each record must be a mapping of fields"


# --- A key written twice, a byte-order mark, a figure's crop (the stricter loader) -------

def test_a_key_written_twice_in_a_record_is_refused_with_its_line(tmp_path):
    """PyYAML alone keeps the second value without a word: a copy-paste slip would become a
    wrong figure on the screen."""
    folder = datasets.write(tmp_path / "data")
    line = insert_after(folder, "metrics.yaml", "  value: 300", "  value: 999999")
    issue = only_issue(folder)
    assert (issue.file, issue.field) == ("metrics.yaml", "value")
    assert issue.message == f"line {line}: written twice in one record; keep one value"
    assert issue.record.startswith("record 3") and issue.record.endswith("beta / producers")


def test_a_key_written_twice_names_its_record_as_every_other_message_does(tmp_path):
    """Every message names a record as 'record N (line L): key'; so must this one."""
    folder = datasets.write(tmp_path / "data")
    insert_after(folder, "metrics.yaml", "  value: 300", "  value: 999999")
    issue = only_issue(folder)
    assert issue.record == f"record 3 (line {record_line(folder, 'metrics.yaml', 2)}): beta / producers"


@pytest.mark.parametrize("after, repeated, key", [
    ("    start: 2010", "    start: 2011", "start"),        # inside alpha's phase
    ("    role: members", "    role: owners", "role"),      # inside alpha's organisation
])
def test_a_key_written_twice_inside_a_phase_or_organisation_is_refused(tmp_path, after, repeated, key):
    folder = datasets.write(tmp_path / "data")
    line = insert_after(folder, "initiatives.yaml", after, repeated)
    own = [issue for issue in issues_of(folder) if issue.file == "initiatives.yaml"]
    assert len(own) == 1, own
    assert (own[0].record, own[0].field) == ("record 1 (line 1): alpha", key)
    assert own[0].message == f"line {line}: written twice in one record; keep one value"


@pytest.mark.parametrize("as_text", [False, True], ids=["bytes", "str"])
def test_a_file_with_a_byte_order_mark_loads_as_usual(as_text):
    """Some Windows editors start a UTF-8 file with a byte-order mark."""
    plain = datasets.yaml_files(datasets.TINY)
    marked = {name: BOM + content for name, content in plain.items()}
    if as_text:
        marked = {name: content.decode("utf-8") for name, content in marked.items()}
    data, expected = load_dataset_from_files(marked), load_dataset_from_files(plain)
    for table in ("sources", "regions", "initiatives", "metrics", "events"):
        pd.testing.assert_frame_equal(getattr(data, table), getattr(expected, table))


def test_a_data_folder_saved_with_byte_order_marks_loads(tmp_path):
    folder = datasets.write(tmp_path / "data")
    for path in folder.glob("*.yaml"):
        path.write_bytes(BOM + path.read_bytes())
    assert list(load_dataset(folder).initiatives["id"]) == ["alpha", "beta", "gamma"]


def test_a_figure_of_an_initiative_with_several_crops_must_name_its_crop(tmp_path):
    issue = only_issue(folder_with(tmp_path, (("metrics.yaml", 4, "crop"), DELETE)))
    assert (issue.file, issue.record, issue.field) == ("metrics.yaml", "gamma / hectares (2012)", "crop")
    assert issue.message == "required: 'gamma' works in several crops (coffee, cacao)"


@pytest.mark.parametrize("index, crop, initiative, grown", [
    (0, "cacao", "alpha", "banana"),
    (5, "banana", "gamma", "coffee, cacao"),
])
def test_a_figure_crop_must_be_one_of_its_initiatives(tmp_path, index, crop, initiative, grown):
    issue = only_issue(folder_with(tmp_path, (("metrics.yaml", index, "crop"), crop)))
    assert (issue.file, issue.field) == ("metrics.yaml", "crop")
    assert issue.record.startswith(f"{initiative} / ")
    assert issue.message == f"'{crop}' is not one of the crops of '{initiative}' ({grown})"


def test_lookups_by_id_come_with_the_dataset():
    data = datasets.dataset()
    assert data.region_names == {region["id"]: region["name"] for region in datasets.TINY["regions.yaml"]}
    assert list(data.initiatives_among(["gamma", "alpha"])["id"]) == ["alpha", "gamma"]  # the data's order
    assert data.region_names is data.region_names  # built once


@pytest.mark.parametrize("date, parts", [("2019", (2019, None, None)), ("2019-03", (2019, 3, None)),
                                         ("2019-03-07", (2019, 3, 7))])
def test_a_date_is_read_at_the_precision_it_is_written(date, parts):
    assert date_parts(date) == parts
