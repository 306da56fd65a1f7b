"""Unit tests for scripts/build_regions.py; they use hand-made data and never touch the network."""

from __future__ import annotations

import importlib.util
import io
import json
import tarfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_regions.py"


def _load_script():
    # scripts/ is not a package, so load the module straight from its file.
    spec = importlib.util.spec_from_file_location("build_regions", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


br = _load_script()

SQUARE = [[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]]  # clockwise

# Properties of the real mislabelled feature, trimmed to the fields that matter.
MISLABELLED_PUNO = {
    "adm1_code": "PER-573",
    "name": "Callao",
    "name_alt": "El Callao",
    "woe_name": "Callao",
    "code_hasc": "PE.CL",
    "postal": "CL",
    "fips": "PE21",
    "fips_alt": "PE07",
    "gn_a1_code": "PE.21",
    "gn_name": "Region de Puno",
}


def _square_at(x: float, y: float, size: float = 0.5) -> list:
    """A clockwise square polygon with its south-west corner at (x, y)."""
    return [[[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]]


def _source_feature(region, polygon, **overrides) -> dict:
    """A Natural-Earth-like feature for ``region`` with the given polygon."""
    properties = {
        "adm1_code": f"PER-{region.id}",
        "name": region.source_name or region.name,
        "gn_a1_code": region.geonames_code,
        **overrides,
    }
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Polygon", "coordinates": polygon},
    }


def _fake_source() -> list[dict]:
    """One small square per region, laid out on a grid inside Peru's bounding box."""
    features = []
    for index, region in enumerate(br.REGIONS):
        polygon = _square_at(-80.0 + (index % 6), -5.0 - (index // 6))
        if region.id == "puno":
            features.append(_source_feature(region, polygon, **MISLABELLED_PUNO))
        else:
            features.append(_source_feature(region, polygon))
    return features


# --- Puno / Callao fix -------------------------------------------------------


def test_fix_relabels_mislabelled_puno():
    fixed = br.fix_puno_label(MISLABELLED_PUNO)
    assert fixed["name"] == "Puno"
    assert fixed["code_hasc"] == "PE.PU"
    assert fixed["postal"] == "PU"
    assert fixed["woe_name"] == "Puno"
    assert fixed["name_alt"] is None and fixed["fips_alt"] is None
    # Fields that were already right are untouched, and the input is not mutated.
    assert fixed["gn_a1_code"] == "PE.21" and fixed["fips"] == "PE21"
    assert MISLABELLED_PUNO["name"] == "Callao"


def test_fix_leaves_real_callao_alone():
    callao = {"adm1_code": "PER-3505", "name": "Callao", "gn_a1_code": "PE.07"}
    assert br.fix_puno_label(callao) == callao


def test_fix_is_a_no_op_once_upstream_is_corrected():
    corrected = {**MISLABELLED_PUNO, "name": "Puno"}
    assert br.fix_puno_label(corrected) == corrected


def test_fix_refuses_when_the_feature_is_not_puno():
    with pytest.raises(ValueError, match="PE.21"):
        br.fix_puno_label({**MISLABELLED_PUNO, "gn_a1_code": "PE.07"})


def test_fixed_feature_matches_puno():
    assert br.region_for(br.fix_puno_label(MISLABELLED_PUNO)).id == "puno"


# --- Matching ------------------------------------------------------------------


def test_region_for_ignores_accents_and_maps_lima_province():
    assert br.region_for({"gn_a1_code": "PE.02", "name": "Ancash"}).id == "ancash"
    assert br.region_for({"gn_a1_code": "PE.LMA", "name": "Lima Province"}).id == "lima-metropolitana"


def test_region_for_rejects_name_that_contradicts_code():
    # This is what the unfixed Puno feature looks like.
    with pytest.raises(ValueError, match="named 'Callao'"):
        br.region_for({"gn_a1_code": "PE.21", "name": "Callao"})


def test_region_for_rejects_unknown_code():
    with pytest.raises(ValueError, match="unknown gn_a1_code"):
        br.region_for({"gn_a1_code": "PE.99", "name": "Atlantis"})


def test_region_table_is_consistent():
    assert len(br.REGIONS) == 26
    for column in ("id", "iso", "geonames_code"):
        values = [getattr(region, column) for region in br.REGIONS]
        assert len(set(values)) == len(values), column
    assert [r.id for r in br.REGIONS] == sorted(r.id for r in br.REGIONS)


# --- Geometry helpers --------------------------------------------------------------


def test_round_ring_drops_duplicates_made_by_rounding():
    ring = [[0.0, 0.0], [0.000001, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]
    assert br.round_ring(ring) == [[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]


def test_round_ring_drops_degenerate_rings():
    sliver = [[0.0, 0.0], [0.000001, 0.000001], [0.000002, 0.0], [0.0, 0.0]]
    assert br.round_ring(sliver) is None


def test_round_polygon_drops_degenerate_holes_but_not_the_polygon():
    hole = [[0.5, 0.5], [0.500001, 0.5], [0.5, 0.500001], [0.5, 0.5]]
    assert br.round_polygon([SQUARE, hole]) == [SQUARE]
    assert br.round_polygon([hole]) is None


def test_ring_area_sign_and_centroid():
    assert br.ring_area(SQUARE) == -1.0  # clockwise, as Natural Earth winds exteriors
    assert br.ring_centroid(SQUARE) == pytest.approx((0.5, 0.5))


def test_point_in_polygon_respects_holes():
    hole = [[0.25, 0.25], [0.75, 0.25], [0.75, 0.75], [0.25, 0.75], [0.25, 0.25]]
    assert br.point_in_polygon(0.1, 0.1, [SQUARE, hole])
    assert not br.point_in_polygon(0.5, 0.5, [SQUARE, hole])
    assert not br.point_in_polygon(1.5, 0.5, [SQUARE])


def test_pole_of_inaccessibility_of_square_is_its_centre():
    x, y = br.pole_of_inaccessibility([SQUARE], precision=1e-6)
    assert (x, y) == pytest.approx((0.5, 0.5), abs=1e-3)


def test_pole_of_inaccessibility_avoids_the_notch_of_an_l_shape():
    # The L's centroid (~0.83, 0.83) is only ~0.24 from the inner corner; the
    # widest inscribed circle sits in the elbow, touching both outer walls and
    # the inner corner, with radius 2 - sqrt(2).
    l_shape = [[[0, 0], [0, 3], [1, 3], [1, 1], [3, 1], [3, 0], [0, 0]]]
    x, y = br.pole_of_inaccessibility(l_shape, precision=1e-6)
    assert br.point_in_polygon(x, y, l_shape)
    assert br.signed_distance(x, y, l_shape) == pytest.approx(2 - 2**0.5, abs=1e-3)
    cx, cy = br.ring_centroid(l_shape[0])
    assert br.signed_distance(x, y, l_shape) > br.signed_distance(cx, cy, l_shape)


def test_label_point_centroid_falls_back_to_pole_when_outside():
    # A U shape whose centroid lies in the gap between the arms.
    u_shape = [[[0, 0], [0, 3], [1, 3], [1, 1], [2, 1], [2, 3], [3, 3], [3, 0], [0, 0]]]
    geometry = {"type": "Polygon", "coordinates": u_shape}
    x, y = br.label_point(geometry, use_centroid=True)
    assert br.point_in_polygon(x, y, u_shape)


def test_label_point_uses_largest_polygon():
    geometry = {"type": "MultiPolygon", "coordinates": [_square_at(10, 10, 0.1), [SQUARE]]}
    assert br.label_point(geometry) == pytest.approx((0.5, 0.5), abs=1e-3)


# --- Assembly and output -------------------------------------------------------------


def test_build_features_fixes_matches_and_orders():
    features = br.build_features(_fake_source())
    assert [f["properties"]["id"] for f in features] == [r.id for r in br.REGIONS]
    properties = {f["properties"]["id"]: f["properties"] for f in features}
    assert properties["puno"] == {"id": "puno", "name": "Puno", "iso": "PE-PUN"}
    assert properties["callao"]["name"] == "Callao"
    assert properties["lima-metropolitana"]["name"] == "Lima Metropolitana"


def test_build_features_merges_features_of_one_region():
    source = _fake_source()
    tumbes = next(r for r in br.REGIONS if r.id == "tumbes")
    source.append(_source_feature(tumbes, _square_at(-70.0, -15.0)))
    features = br.build_features(source)
    geometry = next(f for f in features if f["properties"]["id"] == "tumbes")["geometry"]
    assert geometry["type"] == "MultiPolygon"
    assert len(geometry["coordinates"]) == 2


def test_build_features_fails_on_missing_region():
    source = [f for f in _fake_source() if f["properties"]["gn_a1_code"] != "PE.11"]
    with pytest.raises(ValueError, match="ica"):
        br.build_features(source)


def test_load_features_rejects_topojson():
    with pytest.raises(ValueError, match="Topology"):
        br.load_features(b'{"type": "Topology", "objects": {}, "arcs": []}')


def test_extract_member_reads_one_file_from_a_tarball(tmp_path):
    tarball = tmp_path / "pkg.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        for name, payload in ((br.TARBALL_MEMBER, b"{}"), ("package/other.json", b"[]")):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    assert br.extract_member(tarball, br.TARBALL_MEMBER) == b"{}"


def test_yaml_scalar_quotes_only_when_needed():
    assert br.yaml_scalar("San Martín") == "San Martín"
    assert br.yaml_scalar("PE-AMA") == "PE-AMA"
    assert br.yaml_scalar("yes") == '"yes"'
    assert br.yaml_scalar("a: b") == '"a: b"'
    assert br.yaml_scalar(-12.05) == "-12.050"


def test_main_writes_both_outputs_from_local_json(tmp_path):
    source = tmp_path / "per.json"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": _fake_source()}))
    out, yaml_out = tmp_path / "regions.geojson", tmp_path / "regions.yaml"
    argv = ["--from-json", str(source), "--out", str(out), "--regions-yaml", str(yaml_out)]
    br.main(argv)
    first = (out.read_bytes(), yaml_out.read_bytes())
    br.main(argv)
    assert (out.read_bytes(), yaml_out.read_bytes()) == first  # deterministic

    collection = json.loads(out.read_text(encoding="utf-8"))
    assert len(collection["features"]) == 26
    text = yaml_out.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "name: Áncash" in text

    yaml = pytest.importorskip("yaml")
    records = yaml.safe_load(text)
    assert [r["id"] for r in records] == [r.id for r in br.REGIONS]
    assert list(records[0]) == ["id", "name", "iso_code", "capital", "lat", "lon"]
    puno = next(r for r in records if r["id"] == "puno")
    assert (puno["lon"], puno["lat"]) == (-76.75, -7.75)  # centre of its fake square
