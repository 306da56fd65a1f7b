"""Downloads: the whole dataset as one zip of its YAML, a CSV per table, the data dictionary and a
datapackage.json that describes every table (components/datapackage.py)."""

from __future__ import annotations

import io
import math
import zipfile

import pandas as pd

from components import datapackage
from components.data import BOUNDARIES_FILE, DEFAULT_DATA_DIR, Dataset

TABLES = tuple(datapackage.TABLES)
FOLDER = "cadenas-data"  # the zip's one top-level folder: the package's root


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _number(value) -> str:
    """9000.0 -> '9000' (as the source wrote it), 12.5 -> '12.5'."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


# How a cell of each Table Schema type is written, so frictionless reads it back as that type.
_WRITE = {
    "integer": lambda value: str(int(value)),
    "number": _number,
    "boolean": lambda value: "true" if value else "false",
    "string": lambda value: datapackage.LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else str(value),
}


def spreadsheet_csv(table: pd.DataFrame) -> bytes:
    """A table as people read it, as CSV that Excel opens with its accents intact: UTF-8 with a
    byte-order mark (without one, Excel on Windows reads 'Huánuco' as 'HuÃ¡nuco')."""
    return table.to_csv(index=False).encode("utf-8-sig")


def table_csv(table: pd.DataFrame, schema: dict) -> bytes:
    """A table as UTF-8 CSV, each column written as its Table Schema field says; a missing value
    (or an empty list) is an empty cell."""
    columns = {}
    for field in schema["fields"]:
        write = _WRITE[field["type"]]
        columns[field["name"]] = [
            "" if _missing(value) or value == [] else write(value) for value in table[field["name"]].tolist()
        ]
    return pd.DataFrame(columns, columns=[f["name"] for f in schema["fields"]]).to_csv(
        index=False, lineterminator="\n").encode("utf-8")


def dataset_zip(dataset: Dataset) -> bytes:
    """yaml/ (the files the data was read from, with the boundaries it uses), csv/ (one per table),
    the data dictionary and datapackage.json."""
    package = datapackage.descriptor(dataset)
    schemas = {resource["name"]: resource["schema"] for resource in package["resources"] if "schema" in resource}
    files = {BOUNDARIES_FILE: (DEFAULT_DATA_DIR / BOUNDARIES_FILE).read_bytes(), **dataset.files}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            archive.writestr(f"{FOLDER}/yaml/{name}", content)
        for name in TABLES:
            archive.writestr(f"{FOLDER}/csv/{name}.csv", table_csv(getattr(dataset, name), schemas[name]))
        archive.writestr(f"{FOLDER}/README.md", (DEFAULT_DATA_DIR / "README.md").read_bytes())
        archive.writestr(f"{FOLDER}/datapackage.json", datapackage.to_json(package))
    return buffer.getvalue()
