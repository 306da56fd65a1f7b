"""Helpers for AppTest tests of the pages: open a page on a dataset, and read what it sends to
the browser (chart and map specs, tables, HTML, captions)."""

import base64
import html
import json
import re

import numpy as np
from streamlit.testing.v1 import AppTest

from components import site
from components.i18n import LANGUAGES, t
from components.data import Dataset
from components.store import UPLOADED
from tests.conftest import ROOT

PAGES = [page.path.removeprefix("pages/").removesuffix(".py") for page in site.PAGES]  # every page file


def open_page(page: str, data: Dataset | None = None, **params) -> AppTest:
    """Run one page with URL `params`, on `data` when given (as a session's upload is used),
    else on the app's own data (data/, or CADENAS_DATA_DIR)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"pages/{page}.py")
    if data is not None:
        at.session_state[UPLOADED] = data
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def plotly_specs(at):
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def chart_alts(at) -> list[str]:
    """What each plotly chart on the page shows, in words (its alt text)."""
    return [element.proto.alt for element in at.get("plotly_chart")]


def popover_labels(at, share: bool = False) -> list[str]:
    """The label of every popover (a control that opens more controls) on the page; the page's
    Share control and each chart's "Download image" only with `share`."""
    found = []
    shares = {t(key, code) for key in ("share.open", "chart.download_image") for code in LANGUAGES}

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "popover" and (share or child.proto.popover.label not in shares):
                found.append(child.proto.popover.label)
            walk(child)
    walk(at._tree)
    return found


def lane_names(spec) -> list[str]:
    """A timeline's lanes, top to bottom, by the names drawn above them."""
    return [note["text"] for note in spec["layout"].get("annotations", []) if note.get("name") == "lane"]


def deck_specs(at):
    return [json.loads(element.proto.json) for element in at.get("deck_gl_json_chart")]


def values(array) -> list:
    """A plotly array from a spec: plain list, or base64 typed array as plotly 6+ sends numbers."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def bar_labels(spec) -> list[str]:
    """The label over each bar of a Compare chart (its two lines joined by `<br>`) or of a
    compare slide, panel by panel: a text trace per panel. `spec` is a figure's JSON, or
    `Figure.to_plotly_json()`."""
    return [text for trace in spec["data"] if trace.get("name") == "labels" for text in trace["text"]]


def markers(trace_list):
    return [t for t in trace_list if t["type"] == "scatter" and any(x is not None for x in values(t.get("x", [])))]


def table(at, *columns):
    """The table whose first columns are `columns` (tables have no key to find them by)."""
    matches = [d.value for d in at.dataframe if list(d.value.columns[:len(columns)]) == list(columns)]
    assert len(matches) == 1, [list(d.value.columns) for d in at.dataframe]
    return matches[0]


FIGURES = ("initiative", "measure", "figure")
EVENTS = ("date", "initiative", "title")


def html_bodies(at) -> list[str]:
    """The HTML of every st.html element but the stylesheet: figures, keys and the captions under
    charts and maps."""
    return [element.proto.body for element in at.get("html") if not element.proto.body.startswith("<style>")]


def caption_text(at) -> str:
    """The page's captions and the text under its charts and maps, as people read them."""
    under_charts = [html.unescape(re.sub(r"<[^>]+>", " ", body)) for body in html_bodies(at) if "cadenas-caption" in body]
    return "\n".join([c.value for c in at.caption] + under_charts)
