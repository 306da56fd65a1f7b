"""data/README.md documents exactly the fields and values the code enforces.

The dictionary documents the schema, which is code: it is read from the repository's data/
whatever data the app runs on (CADENAS_DATA_DIR)."""

import re

import pytest

from components import schema
from components import vocabulary as vocab
from tests.conftest import CURATED_DIR

README = (CURATED_DIR / "README.md").read_text(encoding="utf-8")


def section(heading: str) -> str:
    """The text under a markdown heading, up to the next heading of any level."""
    match = re.search(rf"^#+ {re.escape(heading)}\s*$(.*?)(?=^#+ |\Z)", README, re.M | re.S)
    assert match, f"data/README.md has no section '{heading}'"
    return match.group(1)


def table_rows(text: str) -> list[list[str]]:
    rows = [line.strip().strip("|").split("|") for line in text.splitlines() if line.startswith("| `")]
    return [[cell.strip().strip("`") for cell in row] for row in rows]


MODELS = {
    "`sources.yaml`": schema.Source,
    "`regions.yaml`": schema.Region,
    "`initiatives.yaml`": schema.Initiative,
    "`metrics.yaml`": schema.Metric,
    "`events.yaml`": schema.Event,
    "Phase (inside `phases`)": schema.Phase,
    "Organisation (inside `organisations`)": schema.Organisation,
}


@pytest.mark.parametrize("heading, model", MODELS.items())
def test_fields_and_required_flags_match_the_schema(heading, model):
    documented = {row[0]: row[1] for row in table_rows(section(heading))}
    enforced = {name: "yes" if info.is_required() else "no" for name, info in model.model_fields.items()}
    assert documented == enforced, f"{heading}: dictionary and schema differ"


def test_every_data_file_is_documented():
    for name in schema.FILES:
        section(f"`{name}`")


@pytest.mark.parametrize("heading, values", [
    ("Crops", vocab.CROPS),
    ("Statuses", vocab.STATUSES),
    ("Metrics", vocab.METRICS),
    ("Qualifiers", vocab.QUALIFIERS),
    ("Organisation types", vocab.ORGANISATION_TYPES),
    ("Event kinds", vocab.EVENT_KINDS),
    ("Event statuses", vocab.EVENT_STATUSES),
    ("Source kinds", vocab.SOURCE_KINDS),
])
def test_vocabularies_match(heading, values):
    assert [row[0] for row in table_rows(section(heading))] == list(values)


def test_metric_families_match():
    rows = table_rows(section("Metrics"))
    assert {row[0]: row[1] for row in rows} == {metric: spec.family for metric, spec in vocab.METRICS.items()}


def test_data_dir_variable_is_documented():
    from components.data import DATA_DIR_ENV
    assert f"`{DATA_DIR_ENV}`" in README


def test_metric_families_and_their_number_formats_match():
    rows = table_rows(section("Metric families"))
    assert [row[0] for row in rows] == list(vocab.FAMILIES)
    assert {row[0]: (row[1], row[2] == "yes") for row in rows} == {
        family: (spec.number, spec.slide) for family, spec in vocab.FAMILIES.items()}
    assert {spec.number for spec in vocab.FAMILIES.values()} <= set(vocab.NUMBER_FORMATS)
