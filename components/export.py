"""Downloads: the whole dataset as one zip of its YAML, a CSV per table and the data dictionary."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from components.data import DEFAULT_DATA_DIR, Dataset

TABLES = ("sources", "regions", "initiatives", "phases", "organisations", "metrics", "events")


def table_csv(table: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV; list cells (crops, regions) are joined with ';'."""
    flat = table.apply(lambda column: column.map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v))
    return flat.to_csv(index=False).encode("utf-8")


def dataset_zip(dataset: Dataset) -> bytes:
    """yaml/ (the files the data was read from), csv/ (one per table) and the data dictionary."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(dataset.files.items()):
            archive.writestr(f"cadenas-data/yaml/{name}", content)
        for name in TABLES:
            archive.writestr(f"cadenas-data/csv/{name}.csv", table_csv(getattr(dataset, name)))
        archive.writestr("cadenas-data/README.md", (DEFAULT_DATA_DIR / "README.md").read_bytes())
    return buffer.getvalue()
