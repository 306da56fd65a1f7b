"""pydeck map builders. Pure: tables in, `pdk.Deck` out, no Streamlit calls.

Offline by default: `map_provider=None` draws no basemap (with `map_style=None` alone deck.gl
still fetches one). Initiative markers sit in the initiative's first region and are sized by
the whole initiative's figure: a figure is never divided among regions.
"""

from __future__ import annotations

import math
import pandas as pd
import pydeck as pdk

from components import design, queries
from components.i18n import localised_value, t, term

REGION_LAYER = "regions"
EMPTY_FILL = design.rgba(design.EMPTY)  # a region no initiative works in
OUTLINE = design.rgba(design.PAPER)
SELECTED_OUTLINE = design.rgba(design.INK)
MAX_RADIUS_PX = 34  # the largest marker; others scale by the square root of their value
MIN_RADIUS_PX = 7
MAP_HEIGHT = 520  # pixels, unless a page asks for another
NARROWEST_MAP = 300  # pixels: a 320-px screen (the narrowest WCAG reflow asks for) less the page's margins, so the country fits it too
MARGIN = 1.1  # room around the country, so no tip touches the map's edge
TILE = 512  # deck.gl's pixels for 360 degrees at zoom 0
LABEL_SIZE = 14  # pixels: a region's name
LABEL_GAP = 18  # pixels from a region's point to the middle of its name
MIN_SPAN = 4  # degrees: a single small region is still shown among its neighbours
PERU_CENTRE = (-9.2, -75.0)  # (latitude, longitude), where boundaries give no shape
DOT_LENGTH = 1e-4  # degrees (about 10 m): a marker's line, far below a pixel at any zoom shown


# Streamlit fills {title} and {body} from each object (or its GeoJSON properties) and escapes
# them, so data text is always shown as text; pre-line keeps the body's line breaks.
TOOLTIP_HTML = ("<div style='font-weight:700;font-size:15px;margin-bottom:4px'>{title}</div>"
                "<div style='white-space:pre-line'>{body}</div>")


def _tooltip(title: str, lines: list[str]) -> dict:
    return {"title": title, "body": "\n".join(lines)}


def region_features(boundaries: dict, regions: pd.DataFrame, region_names: dict, initiatives: pd.DataFrame,
                    metrics: pd.DataFrame, lang: str, metric: str | None = None,
                    selected: str | None = None, focus: list[str] | None = None) -> dict:
    """The boundaries with fill colour and tooltip per region: its crops and the initiatives
    working there, with each initiative's figure for `metric`."""
    presence = queries.region_presence(initiatives, regions).set_index("region")
    names = queries.initiative_names(initiatives, lang, short=False)
    figures = queries.latest_achieved(metrics, metric).set_index("initiative") if metric else pd.DataFrame()
    features = []
    for feature in boundaries["features"]:
        region = feature["properties"]["id"]
        row = presence.loc[region] if region in presence.index else None
        active = row is not None and row["initiatives"] and (focus is None or region in focus)
        crop = queries.crop_colour(row["crop_key"]) if active else None
        colour = design.rgba(crop, 215) if active else EMPTY_FILL
        lines = []
        for initiative in (row["initiatives"] if row is not None else []):
            line = names[initiative]
            if metric and initiative in figures.index:
                figure = figures.loc[initiative]
                line += f" — {queries.format_value(figure, lang)} ({queries.format_year(figure, lang)})"
            lines.append(line)
        if row is not None and row["crops"]:
            lines.insert(0, " · ".join(term("crop", c, lang) for c in row["crops"]))
        else:
            lines.append(t("map.no_initiative", lang))
        features.append({
            "type": "Feature",
            "geometry": feature["geometry"],
            "properties": {
                "id": region,
                "name": region_names.get(region, feature["properties"]["name"]),
                "fill": colour,
                "line": SELECTED_OUTLINE if region == selected else region_outline(crop),
                "width": 3 if region == selected else 1,
                **_tooltip(region_names.get(region, region), lines),
            },
        })
    return {"type": "FeatureCollection", "features": features}


def region_outline(crop_colour: str | None) -> list[int]:
    """A region's edge: where an initiative works, its crop's colour darkened until it stands
    at 3:1 from the page and from a region with none beside it (WCAG 1.4.11); else the page's."""
    if crop_colour is None:
        return OUTLINE
    return design.rgba(design.mark_outline(crop_colour, (design.PAPER, design.EMPTY)))


def initiative_markers(initiatives: pd.DataFrame, regions: pd.DataFrame, metrics: pd.DataFrame,
                       sources: pd.DataFrame, lang: str, metric: str) -> list[dict]:
    """One marker per initiative with an achieved figure for `metric`, sized by that figure."""
    figures = queries.latest_achieved(metrics, metric).set_index("initiative")
    points = regions.set_index("id")[["lat", "lon"]]
    names = queries.initiative_names(initiatives, lang, short=False)
    crops = queries.figure_crops(figures.reset_index(), initiatives).set_axis(figures.index)
    shown = [i for i in initiatives["id"] if i in figures.index]
    top = max((figures.loc[i, "value"] for i in shown), default=0)
    markers = []
    for initiative in shown:
        figure = figures.loc[initiative]
        home = initiatives.set_index("id").loc[initiative, "regions"]
        lat, lon = points.loc[home[0], "lat"], points.loc[home[0], "lon"]
        radius = _radius(figure["value"], top)
        markers.append({
            "initiative": initiative,
            "position": [float(lon), float(lat)],
            "radius": round(radius, 1),
            "colour": design.rgba(queries.crop_colour(crops[initiative]), 235),
            **_tooltip(names[initiative], [
                f"{queries.format_value(figure, lang)} · {queries.format_year(figure, lang)} · "
                f"{term('status', figure['status'], lang)}",
                localised_value(figure, "note", lang),
                f"{t('chart.source', lang)}: {queries.source_names(sources, [figure['source']], lang)}",
            ]),
            "links": [[float(lon), float(lat)], *[[float(points.loc[r, "lon"]), float(points.loc[r, "lat"])] for r in home[1:]]],
        })
    return markers


def _radius(value: float, top: float) -> float:
    """A marker's radius in pixels: its area grows with its value, the largest at MAX_RADIUS_PX."""
    return MIN_RADIUS_PX + (MAX_RADIUS_PX - MIN_RADIUS_PX) * math.sqrt(value / top) if top > 0 else MIN_RADIUS_PX


def size_key(initiatives: pd.DataFrame, metrics: pd.DataFrame, metric: str, lang: str) -> list[tuple[float, str]]:
    """The key to the markers' sizes: (diameter in pixels, value) for the largest and the
    smallest figure drawn, or the one figure."""
    figures = queries.latest_achieved(metrics, metric)
    figures = figures[figures["initiative"].isin(initiatives["id"])].sort_values("value", ascending=False)
    if figures.empty:
        return []
    top = figures["value"].iloc[0]
    ends = [figures.iloc[0]] + ([figures.iloc[-1]] if figures["value"].iloc[-1] != top else [])
    return [(round(2 * _radius(figure["value"], top)), queries.format_value(figure, lang)) for figure in ends]


def link_features(markers: list[dict]) -> list[dict]:
    """A line from each marker to the initiative's other regions, as GeoJSON, so that the region
    layer draws them (no layer of their own)."""
    return [{
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": marker["links"]},
        "properties": {"fill": design.rgba(design.PAPER, 0), "line": marker["colour"], "width": 2,
                       "title": marker["title"], "body": marker["body"]},
    } for marker in markers if len(marker["links"]) > 1]


def marker_features(markers: list[dict]) -> list[dict]:
    """Each marker as a dot the region layer draws: a line too short to see, as wide as the dot,
    with round caps, over a white halo 2 px larger all round. A marker layer of its own would be
    one more shader program to compile (see docs/performance.md, "Map layers")."""
    features = []
    for marker in markers:
        lon, lat = marker["position"]
        for colour, width in ((OUTLINE, 2 * marker["radius"] + 4), (marker["colour"], 2 * marker["radius"])):
            features.append({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[lon, lat], [lon + DOT_LENGTH, lat]]},
                "properties": {"initiative": marker["initiative"], "fill": design.rgba(design.PAPER, 0), "line": colour,
                               "width": width, "title": marker["title"], "body": marker["body"]},
            })
    return features


def mercator(lat: float) -> float:
    """A latitude's Web Mercator y, in degrees of longitude at the equator."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _positions(coordinates):
    if not coordinates:  # an empty ring or part: nothing to fit
        return
    if isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates:
            yield from _positions(part)


def whole_view(boundaries: dict, height: int) -> dict:
    """The centre and zoom that show every region of `boundaries` whole in a map `height` pixels
    tall and only as wide as a phone's, whatever the screen."""
    shapes = [feature["geometry"]["coordinates"] for feature in boundaries["features"]
              if (feature.get("geometry") or {}).get("coordinates")]
    positions = [position[:2] for shape in shapes for position in _positions(shape)]
    lons, lats = zip(*positions) if positions else ((PERU_CENTRE[1],), (PERU_CENTRE[0],))
    north, south = mercator(max(lats)), mercator(min(lats))
    pixels_per_degree = min(height / (max(north - south, MIN_SPAN) * MARGIN),
                            NARROWEST_MAP / (max(max(lons) - min(lons), MIN_SPAN) * MARGIN))
    middle = math.degrees(2 * math.atan(math.exp(math.radians((north + south) / 2))) - math.pi / 2)
    return dict(latitude=round(middle, 4), longitude=round((max(lons) + min(lons)) / 2, 4),
                zoom=round(math.log2(pixels_per_degree * 360 / TILE), 3))


def place_labels(labels: list[dict], zoom: float) -> list[dict]:
    """Each region's name with an `offset` in pixels from its point: under it where there is
    room, else above, beside or further from it, so that no two names drawn at `zoom` overlap
    (under it where no place is free)."""
    scale = TILE * 2 ** zoom / 360  # pixels per degree
    placed, out = [], []
    for label in sorted(labels, key=lambda label: -label["position"][1]):  # north to south
        x, y = label["position"][0] * scale, -mercator(label["position"][1]) * scale
        half_width, half_height = LABEL_SIZE * 0.3 * len(label["text"]) + 3, LABEL_SIZE * 0.6
        side = half_width + LABEL_GAP / 2
        places = [(0, LABEL_GAP), (0, -LABEL_GAP), (side, 0), (-side, 0), (side, LABEL_GAP), (-side, LABEL_GAP),
                  (side, -LABEL_GAP), (-side, -LABEL_GAP), (0, 2 * LABEL_GAP), (0, -2 * LABEL_GAP)]
        boxes = [(x + dx - half_width, y + dy - half_height, x + dx + half_width, y + dy + half_height)
                 for dx, dy in places]
        free = next((n for n, box in enumerate(boxes) if not any(_overlap(box, other) for other in placed)), 0)
        placed.append(boxes[free])
        out.append({**label, "offset": list(places[free])})
    return out


def _overlap(one: tuple, other: tuple) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _active_regions(initiatives: pd.DataFrame, focus: list[str] | None) -> set[str]:
    present = {r for regions in initiatives["regions"] for r in regions}
    return present if focus is None else present & set(focus)


def region_map(boundaries: dict, regions: pd.DataFrame, region_names: dict, initiatives: pd.DataFrame,
               metrics: pd.DataFrame, sources: pd.DataFrame, lang: str, metric: str | None = None, selected: str | None = None,
               focus: list[str] | None = None, basemap: bool = False, height: int = MAP_HEIGHT,
               ) -> pdk.Deck:
    """Peru's regions coloured by the crops present, with initiative markers sized by `metric`;
    fitted to a map `height` pixels tall: all of Peru, or the `selected` region among its
    neighbours."""
    # Two layers, each a shader program to compile: on machines drawing WebGL in software (no
    # GPU, as on many workshop laptops) every extra one adds a fifth of a second or more to the
    # map. Links and markers are drawn by the region layer's line program, markers last.
    features = region_features(boundaries, regions, region_names, initiatives, metrics, lang, metric, selected, focus)
    markers = initiative_markers(initiatives, regions, metrics, sources, lang, metric) if metric else []
    features["features"] += link_features(markers) + marker_features(markers)
    layers = [pdk.Layer(
        "GeoJsonLayer", id=REGION_LAYER, data=features,
        pickable=True, stroked=True, filled=True, auto_highlight=True,
        get_fill_color="properties.fill", get_line_color="properties.line",
        get_line_width="properties.width", line_width_units="'pixels'", line_cap_rounded=True,
        highlight_color=design.rgba(design.PAPER, 90),
    )]
    chosen = [feature for feature in boundaries["features"] if feature["properties"]["id"] == selected]
    view = whole_view({"features": chosen} if chosen else boundaries, height)
    labels = place_labels([{"position": [float(r.lon), float(r.lat)], "text": r.name}
                           for r in regions.itertuples() if r.id in _active_regions(initiatives, focus)], view["zoom"])
    layers.append(pdk.Layer(  # region names last, so markers never hide them
        "TextLayer", id="labels", data=labels, get_position="position", get_text="text",
        get_size=LABEL_SIZE, size_units="'pixels'", get_color=design.rgba(design.INK)[:3], font_weight=600,
        font_family=f"'{design.FONT_FAMILY}'",
        character_set="'auto'", get_pixel_offset="offset", pickable=False,
    ))
    view = pdk.ViewState(**view)
    # Passing map_style=None would make Streamlit fall back to a Carto basemap: leave it unset.
    basemap_args = {"map_provider": "carto", "map_style": "light"} if basemap else {"map_provider": None}
    return pdk.Deck(
        layers=layers, initial_view_state=view, **basemap_args,
        tooltip={"html": TOOLTIP_HTML,
                 "style": {"backgroundColor": design.PAPER, "color": design.INK, "fontSize": "14px",
                           "border": f"1px solid {design.RULE}", "borderRadius": "6px", "padding": "8px"}},
    )


def selected_region(selection: dict) -> str | None:
    """The region id picked in a pydeck selection event, if any."""
    objects = (selection or {}).get("objects", {}).get(REGION_LAYER) or []
    if not objects:
        return None
    picked = objects[0]
    return (picked.get("properties") or {}).get("id") or picked.get("id")
