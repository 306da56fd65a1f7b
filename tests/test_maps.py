"""Map builders: offline by default, coloured by crop, figures never split among regions."""

import json
import re

import pytest

from components import maps, queries
from components import vocabulary as vocab
from components.data import load_dataset
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA_DIR)


def spec(deck):
    return json.loads(deck.to_json())


def layer(deck_spec, layer_id):
    return next(layer for layer in deck_spec["layers"] if layer["id"] == layer_id)


def test_no_basemap_by_default_and_one_when_asked(data):
    offline = spec(maps.region_map(data.boundaries, data.regions, data.initiatives, data.metrics, data.sources, "en"))
    # pydeck's sentinel tells Streamlit to draw no basemap; a missing mapStyle would fetch Carto's.
    assert offline["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in offline
    online = spec(maps.region_map(data.boundaries, data.regions, data.initiatives, data.metrics, data.sources,
                                  "en", basemap=True))
    assert online["mapProvider"] == "carto"


def test_regions_are_coloured_by_the_crops_present(data):
    deck = spec(maps.region_map(data.boundaries, data.regions, data.initiatives, data.metrics, data.sources, "en"))
    fills = {f["properties"]["id"]: f["properties"]["fill"] for f in layer(deck, maps.REGION_LAYER)["data"]["features"]}
    assert len(fills) == len(data.regions)
    assert fills["piura"][:3] == maps._rgb(vocab.CROP_COLOURS["banana"])[:3]
    assert fills["san-martin"][:3] == maps._rgb(vocab.CROP_COLOURS["cacao"])[:3]
    assert fills["huanuco"][:3] == maps._rgb(vocab.MIXED_COLOUR)[:3]
    assert fills["loreto"] == maps.EMPTY_FILL


def test_region_tooltip_names_initiatives_and_figures(data):
    features = maps.region_features(data.boundaries, data.regions, data.initiatives, data.metrics, "en",
                                    metric="hectares")
    huanuco = next(f for f in features["features"] if f["properties"]["id"] == "huanuco")["properties"]
    assert huanuco["title"] == "Huánuco"
    huanuco = huanuco["body"]
    assert "Peru Cocoa/Cacao Alliance — 28,000 hectares of cacao (2012–2016)" in huanuco
    assert "Bio Azul — more than 3,000 hectares of coffee (c. 2012)" in huanuco


def test_one_marker_per_initiative_with_its_whole_figure(data):
    markers = maps.initiative_markers(data.initiatives, data.regions, data.metrics, data.sources, "en", "hectares")
    by_initiative = {m["initiative"]: m for m in markers}
    assert set(by_initiative) == {"peru-cacao-alliance", "bio-azul"}
    alliance = by_initiative["peru-cacao-alliance"]
    assert "28,000 hectares" in alliance["body"]  # the whole figure, not a third of it
    assert len(alliance["links"]) == 3  # joined to each of its three regions
    assert alliance["radius"] == maps.MAX_RADIUS_PX
    assert by_initiative["bio-azul"]["radius"] < alliance["radius"]


def test_selected_region_is_outlined_and_focus_limits_colour(data):
    features = maps.region_features(data.boundaries, data.regions, data.initiatives, data.metrics, "en",
                                    selected="cusco", focus=["cusco"])
    props = {f["properties"]["id"]: f["properties"] for f in features["features"]}
    assert props["cusco"]["line"] == maps.SELECTED_OUTLINE
    assert props["piura"]["fill"] == maps.EMPTY_FILL


def test_selection_event_gives_the_region(data):
    event = {"indices": {"regions": [3]}, "objects": {"regions": [{"properties": {"id": "cusco"}}]}}
    assert maps.selected_region(event) == "cusco"
    assert maps.selected_region({"indices": {}, "objects": {}}) is None


def test_tooltips_carry_data_as_text_for_streamlit_to_escape(data):
    """Streamlit HTML-escapes each {placeholder} value; the template itself holds no data."""
    hostile = data.initiatives.copy()
    hostile.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    built = maps.region_map(data.boundaries, data.regions, hostile, data.metrics, data.sources, "en")
    assert built._tooltip["html"] == maps.TOOLTIP_HTML
    deck = spec(built)
    piura = next(f for f in layer(deck, maps.REGION_LAYER)["data"]["features"] if f["properties"]["id"] == "piura")
    assert piura["properties"]["body"].endswith("<img src=x onerror=alert(1)>")  # raw text, escaped on display
    assert set(re.findall(r"{(\w+)}", maps.TOOLTIP_HTML)) == {"title", "body"}


def test_labels_only_for_regions_with_initiatives(data):
    deck = spec(maps.region_map(data.boundaries, data.regions, data.initiatives, data.metrics, data.sources, "en"))
    names = {label["text"] for label in layer(deck, "labels")["data"]}
    present = set(queries.region_presence(data.initiatives, data.regions).query("crop_key.notna()")["region"])
    assert names == set(data.regions.set_index("id").loc[sorted(present), "name"])


def test_the_map_keeps_to_two_layers_with_links_and_markers_drawn_by_the_region_layer(data):
    """Each layer is a shader program to compile; links and markers ride on the region layer's
    line program, markers last so that they sit on top."""
    deck = spec(maps.region_map(data.boundaries, data.regions, data.initiatives, data.metrics, data.sources, "en",
                                metric="hectares"))
    assert [layer["@@type"] for layer in deck["layers"]] == ["GeoJsonLayer", "TextLayer"]
    region_layer = layer(deck, maps.REGION_LAYER)
    assert region_layer["lineCapRounded"]  # a marker's short line drawn as a round dot
    lines = [f for f in region_layer["data"]["features"] if f["geometry"]["type"] == "LineString"]
    links = [line for line in lines if "initiative" not in line["properties"]]
    by_title = {line["properties"]["title"]: line["geometry"]["coordinates"] for line in links}
    regions = dict(zip(data.initiatives["name"], data.initiatives["regions"]))
    assert {title: len(path) for title, path in by_title.items()} == {
        name: len(regions[name]) for name in ("Peru Cocoa/Cacao Alliance", "Bio Azul")}  # to each of its regions
    assert not layer(deck, "labels").get("background")
    assert maps.selected_region({"objects": {"regions": [links[0]]}}) is None  # a click on a link picks no region


def test_markers_are_dots_on_a_white_halo_after_everything_else(data):
    markers = maps.initiative_markers(data.initiatives, data.regions, data.metrics, data.sources, "en", "hectares")
    deck = spec(maps.region_map(data.boundaries, data.regions, data.initiatives, data.metrics, data.sources, "en",
                                metric="hectares"))
    features = layer(deck, maps.REGION_LAYER)["data"]["features"]
    dots = features[-2 * len(markers):]
    assert all("initiative" in dot["properties"] for dot in dots)
    assert all("initiative" not in f["properties"] for f in features[:-2 * len(markers)])
    for marker, (halo, dot) in zip(markers, zip(dots[::2], dots[1::2])):
        assert halo["properties"]["initiative"] == dot["properties"]["initiative"] == marker["initiative"]
        assert dot["properties"]["width"] == 2 * marker["radius"]  # a dot's line width is its diameter
        assert halo["properties"]["width"] == dot["properties"]["width"] + 4
        assert halo["properties"]["line"] == maps.OUTLINE and dot["properties"]["line"] == marker["colour"]
        start, end = dot["geometry"]["coordinates"]
        assert start == marker["position"] and 0 < end[0] - start[0] < 1e-3 and end[1] == start[1]
        assert dot["properties"]["body"] == marker["body"]  # the same tooltip as before
    assert maps.selected_region({"objects": {"regions": [dots[-1]]}}) is None  # a click on a marker picks no region
