"""Small datasets written in the tests, so that tests of pages, charts, maps and queries never
depend on the curated data in data/ (whose own facts live in tests/test_curated_data.py).

A dataset is given as records, `{file name: [record, ...]}`, exactly as the YAML files hold
them; `dataset(records)` validates them with the real loader, `write(folder, records)` writes
them as a data folder for CADENAS_DATA_DIR, and `zip_bytes(records)` packs them as an upload.
Region ids must have a boundary in the bundled regions.geojson (`BOUNDARY_IDS`).
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path

import yaml

from components import export
from components.data import BOUNDARIES_FILE, DEFAULT_DATA_DIR, Dataset, load_dataset_from_files

_BOUNDARIES = json.loads((DEFAULT_DATA_DIR / BOUNDARIES_FILE).read_text(encoding="utf-8"))
BOUNDARY_IDS = tuple(feature["properties"]["id"] for feature in _BOUNDARIES["features"])


def _label_point(region_id: str) -> tuple[float, float]:
    """A point for a region's label: the mean of its first ring (good enough for a fixture)."""
    feature = next(f for f in _BOUNDARIES["features"] if f["properties"]["id"] == region_id)
    polygon = feature["geometry"]["coordinates"]
    ring = polygon[0][0] if feature["geometry"]["type"] == "MultiPolygon" else polygon[0]
    lon = sum(point[0] for point in ring) / len(ring)
    lat = sum(point[1] for point in ring) / len(ring)
    return round(lat, 3), round(lon, 3)


def region(region_id: str, name: str | None = None) -> dict:
    """A region record for one of the bundled boundaries, named `name` (default: its id)."""
    lat, lon = _label_point(region_id)
    code = "PE-" + (region_id.replace("-", "") + "XXX")[:3].upper()
    return {"id": region_id, "name": name or region_id.title(), "iso_code": code, "capital": "Capital",
            "lat": lat, "lon": lon}


def source(source_id: str, citation: str | None = None, date: str | None = "2020") -> dict:
    return {"id": source_id, "citation": citation or f"{source_id} citation", "title": f"{source_id} title",
            "publisher": None, "date": date, "kind": "article", "description": f"What {source_id} covers."}


# A fixture small enough to read in one go: three initiatives (one crop; one crop, two
# regions, ended; two crops), every status, dates at every precision, and one region with
# no initiative. Names are deliberately not the curated data's.
TINY = {
    "sources.yaml": [source("doc-a", "Doc A", "2021-04-28"), source("doc-b", "Doc B", None)],
    "regions.yaml": [region("piura", "Piura"), region("cajamarca", "Cajamarca"), region("cusco", "Cusco"),
                     region("loreto", "Loreto")],
    "initiatives.yaml": [
        {"id": "alpha", "name": "Alpha Banana Group", "name_es": "Grupo Bananero Alfa", "short_name": "Alpha",
         "crops": ["banana"], "regions": ["piura"], "start": 2010, "end": None,
         "phases": [{"name": "Alpha start-up", "start": 2010, "end": 2014, "source": "doc-a"}],
         "organisations": [{"name": "Alpha Growers", "type": "producer_association", "role": "members",
                            "source": "doc-a"}],
         "summary": "Alpha is a fixture initiative.", "summary_es": "Alfa es una iniciativa de prueba.",
         "sources": ["doc-a"]},
        {"id": "beta", "name": "Beta Coffee Table", "short_name": "Beta", "crops": ["coffee"],
         "regions": ["cajamarca", "cusco"], "start": 2005, "end": 2016,
         "organisations": [{"name": "Beta NGO", "type": "ngo", "role": "facilitator", "source": "doc-b"}],
         "summary": "Beta is another fixture.", "sources": ["doc-b"]},
        {"id": "gamma", "name": "Gamma Two Crops", "short_name": "Gamma", "crops": ["coffee", "cacao"],
         "regions": ["cusco"], "start": 2003, "end": None,
         "phases": [{"name": "Gamma coffee", "start": 2003, "end": None, "crop": "coffee", "source": "doc-a"},
                    {"name": "Gamma cacao", "start": 2012, "end": None, "crop": "cacao", "source": "doc-a"}],
         "summary": "Gamma grows two crops.", "sources": ["doc-a", "doc-b"]},
    ],
    "metrics.yaml": [
        {"initiative": "alpha", "metric": "producers", "value": 900, "qualifier": "more_than",
         "unit": "growers", "year": 2020, "status": "achieved", "source": "doc-a", "note": "Alpha growers."},
        {"initiative": "alpha", "metric": "producers", "value": 2000, "unit": "growers", "year": 2020,
         "target_year": 2021, "status": "target", "source": "doc-a", "note": "Alpha's plan."},
        {"initiative": "beta", "metric": "producers", "value": 300, "unit": "growers", "year": 2015,
         "status": "achieved", "source": "doc-b", "note": "Beta growers."},
        {"initiative": "beta", "metric": "funding_usd", "value": 1_500_000, "unit": "US$", "year": 2016,
         "year_start": 2012, "status": "commitment", "source": "doc-b", "note": "Beta money."},
        {"initiative": "gamma", "metric": "hectares", "value": 120, "unit": "hectares", "year": 2012,
         "year_circa": True, "crop": "coffee", "status": "estimate", "source": "doc-a", "note": "Gamma land."},
        {"initiative": "gamma", "metric": "producers", "value": 40, "unit": "cacao growers", "year": 2013,
         "crop": "cacao", "status": "achieved", "source": "doc-a", "note": "Gamma cacao growers."},
    ],
    "events.yaml": [
        {"initiative": "alpha", "date": "2010", "title": "Alpha founded", "kind": "founding", "source": "doc-a"},
        {"initiative": "alpha", "date": "2019-03", "title": "Alpha exports", "kind": "export",
         "regions": ["piura"], "source": "doc-a"},
        {"initiative": "beta", "date": "2005-06-01", "title": "Beta launched", "kind": "launch", "source": "doc-b"},
        {"initiative": "gamma", "date": "2021", "title": "Gamma plans more", "kind": "milestone",
         "status": "planned", "source": "doc-a"},
    ],
}


def records(**changes) -> dict[str, list]:
    """A deep copy of TINY, with whole files replaced by `changes` (metrics=[] for none)."""
    result = copy.deepcopy(TINY)
    for name, value in changes.items():
        result[f"{name}.yaml"] = value
    return result


def awkward_records() -> dict[str, list]:
    """TINY with no figures and no events, and text that CSV and HTML must both keep as written:
    accents, quotes, commas, semicolons, a line break and tags. Gamma still grows two crops."""
    data = records(metrics=[], events=[])
    alpha = data["initiatives.yaml"][0]
    alpha["name"] = 'Ñandú <b>bold</b> & "quoted", with commas'
    alpha["name_es"] = "Café <script>alert(1)</script>"
    alpha["short_name"] = "Ñ&<i>"
    alpha["summary"] = "Line one; not a list.\nLine two, after a break."
    alpha["organisations"][0]["role"] = "Árbitro <em>y</em> socio"
    data["sources.yaml"][0]["citation"] = "Crónica “entre comillas”"
    data["regions.yaml"][2]["name"] = "Cusco <img src=x>"
    return data


def bare_records() -> dict[str, list]:
    """Initiatives with nothing but their required fields: every table past them is empty."""
    data = records(metrics=[], events=[])
    for initiative in data["initiatives.yaml"]:
        initiative.pop("phases", None)
        initiative.pop("organisations", None)
    return data


def yaml_files(data: dict[str, list]) -> dict[str, bytes]:
    """The records as the YAML files a data folder holds."""
    return {name: yaml.safe_dump(items, allow_unicode=True, sort_keys=False).encode("utf-8")
            for name, items in data.items()}


def dataset(data: dict[str, list] | None = None) -> Dataset:
    """The records (default TINY) loaded and validated by the real loader."""
    return load_dataset_from_files(yaml_files(TINY if data is None else data))


def write(folder: Path, data: dict[str, list] | None = None) -> Path:
    """Write the records (default TINY) as a data folder, for CADENAS_DATA_DIR."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in yaml_files(TINY if data is None else data).items():
        (folder / name).write_bytes(content)
    return folder


def zip_bytes(data: dict[str, list] | None = None) -> bytes:
    """The records (default TINY) packed as a zip of a data folder, as the upload page takes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in yaml_files(TINY if data is None else data).items():
            archive.writestr(f"data/{name}", content)
    return buffer.getvalue()


def unzipped(data: Dataset, folder: Path) -> Path:
    """Unpack the dataset's download into `folder`; the path of its datapackage.json."""
    zipfile.ZipFile(io.BytesIO(export.dataset_zip(data))).extractall(folder)
    return folder / export.FOLDER / "datapackage.json"


def problems(report) -> list:
    """A frictionless validation report's problems, one line each."""
    return report.flatten(["type", "note", "rowNumber", "fieldName"])
