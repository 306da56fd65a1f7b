"""Chart images that stand on their own in a report: the chart with its title, what it shows,
its key, its sources and the view's link drawn in, as PNG or SVG. Pure, no Streamlit; drawn on
the server by kaleido with the machine's Chromium, so they need no network.
"""

from __future__ import annotations

import html as html_text
import re
import shutil
import textwrap

import plotly.graph_objects as go

from components import design, maps
from components.i18n import t

WIDTH = 1600  # pixels: a slide or a page of a report
HEAD, FOOT = 120, 130  # pixels above and below the chart for its words
LINE_CHARS = 150  # characters per line of the words around the chart, at this width

# The swatches of html.legend: a crop's colour, or a status's pattern, then its name.
_SWATCH = re.compile(r"<span class='cadenas-legend'><i (?:style='background:(#[0-9A-Fa-f]{6})[^']*'|class='(?:status-)?(\w+)'[^>]*)></i>(.*?)</span>")
_STATUS_MARKS = {"achieved": "■", "target": "▨", "commitment": "▦", "estimate": "□", "size": "●"}


def key_text(legend: str) -> str:
    """A key (html.legend's swatches) as one line of plotly text: '■ Banana   ▨ Target'."""
    items = []
    for colour, status, name in _SWATCH.findall(legend):
        mark = f"<span style='color:{colour}'>■</span>" if colour else _STATUS_MARKS.get(status, "■")
        items.append(f"{mark} {name}")  # the name is already escaped, as plotly's text needs
    return "   ".join(items)


def _lines(text: str) -> str:
    return "<br>".join(textwrap.wrap(html_text.escape(text, quote=False), LINE_CHARS)) if text else ""


def standalone(fig: go.Figure, title: str, alt: str, legend: str, sources: str, address: str, lang: str) -> go.Figure:
    """A copy of `fig` with `title` and `alt` above it, and its key, `sources` and `address`
    (the view's link; none when unknown) below it."""
    out = go.Figure(fig)
    height = (fig.layout.height or 500) + HEAD + FOOT
    margin = fig.layout.margin
    out.update_layout(
        width=WIDTH, height=height,
        margin=dict(l=margin.l or 10, r=margin.r or 20, t=(margin.t or 0) + HEAD, b=(margin.b or 0) + FOOT),
        title=dict(text=f"<b>{html_text.escape(title, quote=False)}</b>", x=0.01, xanchor="left", yref="container",
                   y=1, yanchor="top", pad=dict(t=14), font=dict(size=26, color=design.INK)),
    )
    out.add_annotation(text=_lines(alt), xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom",
                       yshift=(margin.t or 0) + 10, showarrow=False, align="left",
                       font=dict(size=15, color=design.MUTED))
    footer = [key_text(legend), f"<b>{t('chart.sources', lang)}:</b> {_lines(sources)}" if sources else "",
              _lines(address)]
    out.add_annotation(text="<br>".join(line for line in footer if line), xref="paper", yref="paper", x=0,
                       y=0, xanchor="left", yanchor="top", yshift=-(margin.b or 0) - 12, showarrow=False,
                       align="left", font=dict(size=15, color=design.INK))
    return out


def can_draw() -> bool:
    """Whether this server can draw images: kaleido and a Chromium for it to drive."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return bool(shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome"))


def image(fig: go.Figure, fmt: str) -> bytes:
    """`fig` as PNG or SVG bytes, at its own size."""
    return fig.to_image(format=fmt, width=fig.layout.width, height=fig.layout.height, scale=1)


MAP_WIDTH, MAP_HEIGHT = 1200, 800  # pixels of map in an image, at the zoom the page shows


def _colour(rgba: list) -> str:
    red, green, blue, *alpha = rgba
    return f"rgba({red},{green},{blue},{round((alpha[0] if alpha else 255) / 255, 3)})"


def _rings(kind: str | None, points: list) -> tuple[bool, list]:
    """Whether a GeoJSON geometry is filled, and the lines that draw it: a polygon's outer ring,
    a line itself; any other kind (a point, a collection) is not drawn."""
    if kind == "Polygon":
        return True, points[:1]
    if kind == "MultiPolygon":
        return True, [polygon[0] for polygon in points if polygon]
    return False, {"LineString": [points], "MultiLineString": points}.get(kind, [])


def deck_figure(spec: dict) -> go.Figure:
    """A map as the page draws it (a deck's JSON: regions, links, markers and names, at its
    view's centre and zoom), redrawn as a plotly figure that kaleido can write."""
    shapes: dict[tuple, tuple[list, list]] = {}  # regions and links of one look, drawn as one trace
    dots, names = [], []
    for layer in spec["layers"]:
        if layer["@@type"] == "TextLayer":
            names += layer["data"]
            continue
        for feature in layer["data"]["features"]:
            geometry, style = feature.get("geometry") or {}, feature["properties"]
            points = geometry.get("coordinates") or []
            if geometry.get("type") == "LineString" and len(points) == 2 and abs(points[1][0] - points[0][0]) < 1e-3:
                dots.append((points[0], style))  # a marker: a line too short to see, as wide as the dot
                continue
            filled, rings = _rings(geometry.get("type"), points)
            xs, ys = shapes.setdefault((filled, _colour(style["fill"]), _colour(style["line"]), style["width"]), ([], []))
            for ring in rings:
                xs += [point[0] for point in ring] + [None]
                ys += [maps.mercator(point[1]) for point in ring] + [None]
    fig = go.Figure()
    for (filled, fill, line, width), (xs, ys) in shapes.items():
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself" if filled else None, fillcolor=fill,
                                 line=dict(color=line, width=width), hoverinfo="skip"))
    for (lon, lat), style in dots:
        fig.add_trace(go.Scatter(x=[lon], y=[maps.mercator(lat)], mode="markers", hoverinfo="skip",
                                 marker=dict(size=style["width"], color=_colour(style["line"]), line=dict(width=0))))
    view = spec["initialViewState"]
    degrees = 360 / (maps.TILE * 2 ** view["zoom"])  # per pixel
    offsets = [name.get("offset", (0, maps.LABEL_GAP)) for name in names]  # as the page places them
    fig.add_trace(go.Scatter(x=[name["position"][0] + dx * degrees for name, (dx, _) in zip(names, offsets)],
                             y=[maps.mercator(name["position"][1]) - dy * degrees for name, (_, dy) in zip(names, offsets)],
                             mode="text", text=[html_text.escape(name["text"]) for name in names], hoverinfo="skip",
                             textposition="middle center", textfont=dict(size=15, color=design.INK)))
    fig.update_layout(
        width=MAP_WIDTH, height=MAP_HEIGHT, margin=dict(l=10, r=10, t=10, b=10), showlegend=False,
        plot_bgcolor=design.PAPER, paper_bgcolor=design.PAPER,
        xaxis=dict(visible=False, range=[view["longitude"] + side * degrees * MAP_WIDTH / 2 for side in (-1, 1)]),
        yaxis=dict(visible=False, scaleanchor="x", scaleratio=1,  # Web Mercator, as the page's map
                   range=[maps.mercator(view["latitude"]) + side * degrees * MAP_HEIGHT / 2 for side in (-1, 1)]))
    return fig
