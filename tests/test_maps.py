"""Map builders: offline by default, coloured by crop, figures never split among regions.

Run on the fixture dataset TINY (tests/datasets.py): Alpha (banana) in Piura, Beta (coffee) in
Cajamarca and Cusco, Gamma (coffee and cacao) in Cusco, and Loreto with no initiative."""

import json
import math
import re

import pytest

from components import design, exhibits, maps
from components.i18n import t
from tests import datasets


@pytest.fixture(scope="module")
def data():
    return datasets.dataset()


def spec(deck):
    return json.loads(deck.to_json())


def layer(deck_spec, layer_id):
    return next(layer for layer in deck_spec["layers"] if layer["id"] == layer_id)


def test_no_basemap_by_default_and_one_when_asked(data):
    offline = spec(maps.region_map(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, data.sources, "en"))
    # pydeck's sentinel tells Streamlit to draw no basemap; a missing mapStyle would fetch Carto's.
    assert offline["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in offline
    online = spec(maps.region_map(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, data.sources,
                                  "en", basemap=True))
    assert online["mapProvider"] == "carto"


def test_regions_are_coloured_by_the_crops_present(data):
    deck = spec(maps.region_map(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, data.sources, "en"))
    fills = {f["properties"]["id"]: f["properties"]["fill"] for f in layer(deck, maps.REGION_LAYER)["data"]["features"]}
    assert set(fills) == set(datasets.BOUNDARY_IDS)  # the whole country is drawn
    assert fills["piura"][:3] == design.rgba(design.CROP_COLOURS["banana"])[:3]
    assert fills["cajamarca"][:3] == design.rgba(design.CROP_COLOURS["coffee"])[:3]
    assert fills["cusco"][:3] == design.rgba(design.MIXED_COLOUR)[:3]  # Beta's coffee, Gamma's coffee and cacao
    assert fills["loreto"] == maps.EMPTY_FILL
    assert fills["puno"] == maps.EMPTY_FILL  # a boundary the data does not list


def test_region_tooltip_names_initiatives_and_figures(data):
    features = maps.region_features(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, "en",
                                    metric="producers")
    props = {f["properties"]["id"]: f["properties"] for f in features["features"]}
    assert props["cusco"]["title"] == "Cusco"
    assert props["cusco"]["body"].split("\n") == [
        "Cacao · Coffee",
        "Beta Coffee Table — 300 growers (2015)",
        "Gamma Two Crops — 40 cacao growers (2013)",
    ]
    assert props["piura"]["body"].split("\n") == ["Banana", "Alpha Banana Group — more than 900 growers (2020)"]
    assert props["loreto"]["body"] == t("map.no_initiative", "en")


def test_one_marker_per_initiative_with_its_whole_figure(data):
    markers = maps.initiative_markers(data.initiatives, data.regions, data.metrics, data.sources, "en", "producers")
    by_initiative = {m["initiative"]: m for m in markers}
    assert set(by_initiative) == {"alpha", "beta", "gamma"}  # Alpha's 2,000 planned is no marker of its own
    beta = by_initiative["beta"]
    assert "300 growers" in beta["body"]  # the whole figure, not half of it for each region
    assert len(beta["links"]) == 2  # joined to each of its two regions
    assert by_initiative["alpha"]["radius"] == maps.MAX_RADIUS_PX
    assert by_initiative["gamma"]["radius"] < beta["radius"] < by_initiative["alpha"]["radius"]
    assert "Source: Doc A (2021-04-28)" in by_initiative["alpha"]["body"]


def test_the_key_gives_the_size_of_the_largest_and_smallest_circle_drawn(data):
    markers = maps.initiative_markers(data.initiatives, data.regions, data.metrics, data.sources, "en", "producers")
    radii = {m["initiative"]: m["radius"] for m in markers}
    key = maps.size_key(data.initiatives, data.metrics, "producers", "en")
    assert key == [(round(2 * radii["alpha"]), "more than 900 growers"), (round(2 * radii["gamma"]), "40 cacao growers")]
    legend = exhibits.metric_map(data, "en", "producers", None, False).legend
    assert "Circle area:" in legend and "more than 900 growers" in legend and "40 cacao growers" in legend
    assert maps.size_key(data.initiatives_among(["beta"]), data.metrics, "producers", "en") == [
        (2 * maps.MAX_RADIUS_PX, "300 growers")]  # one circle, one size


def test_a_marker_takes_the_colour_of_its_figures_crop(data):
    """Gamma grows coffee and cacao; its figure counts cacao growers, so its marker is cacao."""
    markers = maps.initiative_markers(data.initiatives, data.regions, data.metrics, data.sources, "en", "producers")
    colours = {m["initiative"]: m["colour"][:3] for m in markers}
    assert colours == {"alpha": design.rgba(design.CROP_COLOURS["banana"])[:3],
                       "beta": design.rgba(design.CROP_COLOURS["coffee"])[:3],
                       "gamma": design.rgba(design.CROP_COLOURS["cacao"])[:3]}


def test_selected_region_is_outlined_and_focus_limits_colour(data):
    features = maps.region_features(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, "en",
                                    selected="cusco", focus=["cusco"])
    props = {f["properties"]["id"]: f["properties"] for f in features["features"]}
    assert props["cusco"]["line"] == maps.SELECTED_OUTLINE
    assert props["piura"]["fill"] == maps.EMPTY_FILL


def test_a_region_where_an_initiative_works_stands_at_3_to_1_from_the_page_and_an_empty_neighbour(data):
    """WCAG 1.4.11: Okabe–Ito's orange and green fills alone read about 2:1 against white."""
    features = maps.region_features(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, "en")
    active = [f["properties"] for f in features["features"] if f["properties"]["fill"] != maps.EMPTY_FILL]
    assert {tuple(p["fill"][:3]) for p in active} >= {tuple(design.rgba(design.CROP_COLOURS["banana"])[:3])}
    for region in active:
        edge = "#" + "".join(f"{c:02X}" for c in region["line"][:3])
        assert design.contrast(edge, design.PAPER) >= 3 and design.contrast(edge, design.EMPTY) >= 3, region["id"]


def test_selection_event_gives_the_region(data):
    event = {"indices": {"regions": [3]}, "objects": {"regions": [{"properties": {"id": "cusco"}}]}}
    assert maps.selected_region(event) == "cusco"
    assert maps.selected_region({"indices": {}, "objects": {}}) is None


def test_tooltips_carry_data_as_text_for_streamlit_to_escape(data):
    """Streamlit HTML-escapes each {placeholder} value; the template itself holds no data."""
    hostile = data.initiatives.copy()
    hostile.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    built = maps.region_map(data.boundaries, data.regions, data.region_names, hostile, data.metrics, data.sources, "en")
    assert built._tooltip["html"] == maps.TOOLTIP_HTML
    deck = spec(built)
    piura = next(f for f in layer(deck, maps.REGION_LAYER)["data"]["features"] if f["properties"]["id"] == "piura")
    assert piura["properties"]["body"].endswith("<img src=x onerror=alert(1)>")  # raw text, escaped on display
    assert set(re.findall(r"{(\w+)}", maps.TOOLTIP_HTML)) == {"title", "body"}


def test_labels_only_for_regions_with_initiatives(data):
    deck = spec(maps.region_map(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, data.sources, "en"))
    assert sorted(label["text"] for label in layer(deck, "labels")["data"]) == ["Cajamarca", "Cusco", "Piura"]


def test_links_join_a_marker_to_its_other_regions_and_region_names_sit_on_top(data):
    deck = spec(maps.region_map(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, data.sources, "en",
                                metric="producers"))
    assert deck["layers"][-1]["id"] == "labels"  # drawn last, so no marker hides a region's name
    assert not layer(deck, "labels").get("background")
    region_layer = layer(deck, maps.REGION_LAYER)
    assert region_layer["lineCapRounded"]  # a marker's short line is drawn as a round dot
    lines = [f for f in region_layer["data"]["features"] if f["geometry"]["type"] == "LineString"]
    links = [line for line in lines if "initiative" not in line["properties"]]
    assert {line["properties"]["title"]: len(line["geometry"]["coordinates"]) for line in links} == {
        "Beta Coffee Table": 2}  # only Beta works in more than one region
    assert maps.selected_region({"objects": {"regions": [links[0]]}}) is None  # a click on a link picks no region


def test_markers_are_dots_on_a_white_halo_after_everything_else(data):
    markers = maps.initiative_markers(data.initiatives, data.regions, data.metrics, data.sources, "en", "producers")
    assert len(markers) == 3
    deck = spec(maps.region_map(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics, data.sources, "en",
                                metric="producers"))
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


def _extent(view: dict, features: list) -> tuple[list, list]:
    """Where deck.gl's Web Mercator view puts every point of `features`, in pixels from the map's
    centre."""
    world = maps.TILE * 2 ** view["zoom"]

    def pixel(lon, lat):
        return ((lon + 180) / 360 * world,
                (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * world)

    centre_x, centre_y = pixel(view["longitude"], view["latitude"])
    points = [pixel(*position[:2]) for feature in features
              for position in maps._positions(feature["geometry"]["coordinates"])]
    return [x - centre_x for x, _ in points], [y - centre_y for _, y in points]


@pytest.mark.parametrize("height", [300, 400, 440, 620])
def test_all_of_peru_fits_the_map_whole_at_its_height_and_a_phones_width(data, height):
    """No tip of the country is cut, however tall the map and however narrow the screen."""
    xs, ys = _extent(maps.whole_view(data.boundaries, height), data.boundaries["features"])
    assert -height / 2 < min(ys) and max(ys) < height / 2
    assert -maps.NARROWEST_MAP / 2 < min(xs) and max(xs) < maps.NARROWEST_MAP / 2
    assert max(ys) - min(ys) > 0.8 * height or max(xs) - min(xs) > 0.8 * maps.NARROWEST_MAP  # and fills it


@pytest.mark.parametrize("region", ["piura", "cusco", "loreto"])
def test_a_chosen_region_fills_the_map_whole(data, region):
    view = spec(maps.region_map(data.boundaries, data.regions, data.region_names, data.initiatives, data.metrics,
                                data.sources, "en", selected=region, height=300))["initialViewState"]
    chosen = [feature for feature in data.boundaries["features"] if feature["properties"]["id"] == region]
    xs, ys = _extent(view, chosen)
    assert -150 < min(ys) and max(ys) < 150 and -maps.NARROWEST_MAP / 2 < min(xs) and max(xs) < maps.NARROWEST_MAP / 2
    assert view["zoom"] > maps.whole_view(data.boundaries, 300)["zoom"] + 1  # closer than all of Peru


def test_region_names_that_would_overlap_are_placed_apart():
    """Cajamarca and San Martín's points are close on a map of all Peru: the second name moves."""
    near = [{"position": [-78.5, -6.5], "text": "Cajamarca"}, {"position": [-77.0, -6.9], "text": "San Martín"},
            {"position": [-71.5, -13.5], "text": "Cusco"}]
    placed = maps.place_labels(near, zoom=4.1)
    assert [label["offset"] for label in placed] != [[0, maps.LABEL_GAP]] * 3
    scale = maps.TILE * 2 ** 4.1 / 360
    boxes = []
    for label in placed:
        (lon, lat), (dx, dy) = label["position"], label["offset"]
        x, y = lon * scale + dx, -maps.mercator(lat) * scale + dy
        half = maps.LABEL_SIZE * 0.3 * len(label["text"])
        boxes.append((x - half, y - 8, x + half, y + 8))
    assert not any(maps._overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert placed[-1]["offset"] == [0, maps.LABEL_GAP]  # a name with room stays under its point


def test_a_boundary_with_an_empty_ring_is_fitted_by_its_other_points(data):
    """An uploaded GeoJSON may hold an empty ring or part; the map fits the points there are."""
    features = [*data.boundaries["features"],
                {"type": "Feature", "properties": {"id": "nowhere"}, "geometry": {"type": "Polygon", "coordinates": [[]]}}]
    assert maps.whole_view({"features": features}, 400) == maps.whole_view(data.boundaries, 400)
