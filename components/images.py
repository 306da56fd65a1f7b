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

from components import design
from components.i18n import t

WIDTH = 1600  # pixels: a slide or a page of a report
HEAD, FOOT = 120, 130  # pixels above and below the chart for its words
LINE_CHARS = 150  # characters per line of the words around the chart, at this width

# The swatches of html.legend: a crop's colour, or a status's pattern, then its name.
_SWATCH = re.compile(r"<span class='cadenas-legend'><i (?:style='background:(#[0-9A-Fa-f]{6})'|class='status-(\w+)')></i>(.*?)</span>")
_STATUS_MARKS = {"achieved": "■", "target": "▨", "commitment": "▦", "estimate": "□"}


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
