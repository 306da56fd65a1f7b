"""The bundled region boundaries: every Peruvian region, correctly named, from Natural Earth.

They are read from the repository's data/ (what a data folder without its own boundaries uses),
with the regions.yaml that scripts/build_regions.py writes beside them."""

import json

import pytest

from tests.conftest import CURATED_DIR, read_records

GEOJSON = json.loads((CURATED_DIR / "regions.geojson").read_text(encoding="utf-8"))
FEATURES = {f["properties"]["id"]: f for f in GEOJSON["features"]}

EXPECTED_NAMES = {
    "amazonas": "Amazonas", "ancash": "Áncash", "apurimac": "Apurímac", "arequipa": "Arequipa",
    "ayacucho": "Ayacucho", "cajamarca": "Cajamarca", "callao": "Callao", "cusco": "Cusco",
    "huancavelica": "Huancavelica", "huanuco": "Huánuco", "ica": "Ica", "junin": "Junín",
    "la-libertad": "La Libertad", "lambayeque": "Lambayeque", "lima": "Lima",
    "lima-metropolitana": "Lima Metropolitana", "loreto": "Loreto", "madre-de-dios": "Madre de Dios",
    "moquegua": "Moquegua", "pasco": "Pasco", "piura": "Piura", "puno": "Puno",
    "san-martin": "San Martín", "tacna": "Tacna", "tumbes": "Tumbes", "ucayali": "Ucayali",
}


def bbox(feature):
    polygons = feature["geometry"]["coordinates"]
    if feature["geometry"]["type"] == "Polygon":
        polygons = [polygons]
    points = [pt for polygon in polygons for ring in polygon for pt in ring]
    lons, lats = zip(*points)
    return min(lons), min(lats), max(lons), max(lats)


def test_every_region_once_with_its_correct_name():
    assert len(GEOJSON["features"]) == len(FEATURES)
    assert {k: f["properties"]["name"] for k, f in FEATURES.items()} == EXPECTED_NAMES


def test_regions_yaml_and_boundaries_agree():
    regions = read_records(CURATED_DIR, "regions.yaml")
    assert {r["id"]: (r["name"], r["iso_code"]) for r in regions} == {
        k: (f["properties"]["name"], f["properties"]["iso"]) for k, f in FEATURES.items()}


def test_puno_is_puno_and_callao_is_the_port():
    """Natural Earth's PER-573 is Puno mislabelled "Callao": the build must fix it."""
    west, south, east, north = bbox(FEATURES["puno"])
    assert south < -15 < north and west < -70 < east
    west, south, east, north = bbox(FEATURES["callao"])
    assert east - west < 0.2 and north - south < 0.2
    assert south < -12.05 < north


@pytest.mark.parametrize("region", read_records(CURATED_DIR, "regions.yaml"), ids=lambda r: r["id"])
def test_label_point_inside_its_bounding_box(region):
    west, south, east, north = bbox(FEATURES[region["id"]])
    assert west <= region["lon"] <= east and south <= region["lat"] <= north


def test_coordinates_are_rounded_and_the_file_is_small():
    assert (CURATED_DIR / "regions.geojson").stat().st_size < 400_000
    text = (CURATED_DIR / "regions.geojson").read_text()
    assert not any(len(number.split(".")[1]) > 5 for number in text.replace("[", ",").replace("]", ",").split(",")
                   if "." in number)
