"""Shared page furniture: the one place that draws exhibits (charts, maps, figures, tables),
so each gets the same toolbar, caption of sources and data table with its download."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import design, exhibits, export, html, images, queries, urlstate
from components.data import DataError, Dataset, data_dir_from_env
from components.i18n import STRINGS, t
from components.store import UPLOAD_NOTICE, get_dataset
from components.urlstate import lang

STYLE = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")
PRESENTATION_STYLE = (Path(__file__).with_name("presentation.css")).read_text(encoding="utf-8")


def file_name(name: str, extension: str) -> str:
    """What a download is and when it was made: 'cadenas-compare-land-2026-12-01.csv'."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart"
    return f"cadenas-{slug}-{dt.date.today().isoformat()}.{extension}"


def plotly_config(filename: str) -> dict:
    """Toolbar: PNG export at presentation size with a meaningful file name, no logo."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": file_name(filename, "png").removesuffix(".png"),
                                 "width": 1600, "height": 900, "scale": 1},
    }


EMBED_MAP_HEIGHT = 300  # a map in an 800×500 iframe, under its title and key, above its caption
EMBED_CHART_HEIGHT = 390  # a chart there, its key included: under the title, above a line of caption


def show(exhibit: exhibits.Exhibit, key: str, *, table: bool = True, opened_by: urlstate.Param | None = None,
         label: str | None = None, on_select=None, main: bool = False):
    """Draw any exhibit the same way: its chart or map with its key, what it shows and its
    sources in the caption under it (a map's key sits above it, and the map is as tall as its
    view was fitted to); or its figures; then, unless `table` is false, its rows as a table
    (`show_table`, in an expander when `opened_by` keeps one, headed by the string `label` with
    the count of rows). Where there is nothing to show, its note says so. A map is selectable
    when `on_select` is given; returns its selection event. In an iframe only the page's `main`
    exhibit is shown, without its table."""
    if embedded():
        if not main:
            return None
        with st.container(key=f"keep_{key}"):
            return _show(exhibit, key, table=exhibit.chart is None and not exhibit.figures, on_select=on_select)
    return _show(exhibit, key, table=table, opened_by=opened_by, label=label, on_select=on_select)


def map_height(pixels: int) -> int:
    """A map's height on this page: `pixels`, or what fits an iframe when embedded."""
    return min(pixels, EMBED_MAP_HEIGHT) if embedded() else pixels


def _show(exhibit: exhibits.Exhibit, key: str, *, table: bool = True, opened_by: urlstate.Param | None = None,
          label: str | None = None, on_select=None):
    view = getattr(_RUN, "view", None)
    if view is not None and exhibit.sources:
        view.cited.update(dict.fromkeys(exhibit.sources.split("; ")))
    if exhibit.chart is None and exhibit.alt:  # a table's line on what it holds
        st.caption(exhibit.alt)
    if exhibit.instead:
        info(exhibit.instead)
        return None
    event = None
    if isinstance(exhibit.chart, go.Figure):
        chart, legend = exhibit.chart, exhibit.legend
        if embedded():  # the frame may not scroll far: the key goes above, the chart as short as it reads
            if legend:
                st.html(legend)
                legend = ""
            if exhibit.shortest and (chart.layout.height or 0) > EMBED_CHART_HEIGHT:
                chart = go.Figure(chart).update_layout(height=max(EMBED_CHART_HEIGHT, exhibit.shortest))
        st.plotly_chart(chart, width="stretch", theme=None, config=plotly_config(exhibit.name), key=key,
                        alt=exhibit.alt)
        caption(exhibit.alt, exhibit.sources, legend=legend, after=exhibit.after)
    elif exhibit.chart is not None:
        if exhibit.legend:
            st.html(exhibit.legend)
        event = st.pydeck_chart(exhibit.chart, width="stretch", height=exhibit.height, key=key, alt=exhibit.alt,
                                on_select=on_select or "ignore", selection_mode="single-object")
        caption(exhibit.alt, exhibit.sources)
    elif exhibit.figures:
        st.html(exhibit.figures)
    if exhibit.chart is not None and not getattr(_RUN, "presenting", False) and not embedded():
        image_downloads(exhibit, key)
    if table and exhibit.rows is not None:
        show_table(exhibit.rows, key=f"{key}_data", name=exhibit.name, opened_by=opened_by,
                   label=label and t(label, lang(), count=len(exhibit.rows)))
    return event


def image_downloads(exhibit: exhibits.Exhibit, key: str) -> None:
    """"Download image": the chart or map as PNG and SVG with its title, key, sources and the
    view's link drawn in (`images.standalone`), drawn only when a button is clicked."""
    opened = f"{key}_image"
    box = st.popover(t("chart.download_image", lang()), key=opened, on_change="rerun", type="tertiary")
    if not st.session_state.get(opened):
        return
    with box:
        if not images.can_draw():
            st.caption(t("chart.no_images", lang()))
            return
        view = getattr(_RUN, "view", None)
        chart = exhibit.chart if isinstance(exhibit.chart, go.Figure) else images.deck_figure(exhibit.chart.spec)
        figure = images.standalone(chart, view.title if view else exhibit.name, exhibit.alt, exhibit.legend,
                                   exhibit.sources, urlstate.view_address(getattr(_RUN, "url_path", "")), lang())
        for kind, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(t(f"chart.download_{kind}", lang()), lambda kind=kind: images.image(figure, kind),
                               file_name=file_name(exhibit.name, kind), mime=mime, key=f"{key}_{kind}",
                               on_click="ignore")


def caption(alt: str, sources: str, legend: str = "", after: str = "") -> None:
    """The text under every chart and map: its key (`legend`, HTML) when the page draws it, what
    it shows, where its numbers come from, then `after` (HTML: figures that go with the chart).
    One element, and HTML rather than Markdown, as the browser draws each element under a chart
    again on a change of filter (docs/performance.md, "One element under each chart")."""
    st.html(html.caption(alt, sources, t("chart.sources", lang()), legend=legend, after=after))


def show_table(table: pd.DataFrame, key: str, name: str, opened_by: urlstate.Param | None = None,
               label: str | None = None, height: int | str = "auto") -> None:
    """A table with a CSV download of exactly the rows shown, written only when the button is
    clicked (docs/performance.md, "Tables at scale"). The click does not
    rerun the page: a rerun drops the file the click asked for, and on a busy server it was
    often gone before the browser fetched it. With `opened_by` the table sits in an expander
    (named `label`), closed unless its state (and so the URL) says open, and is sent to the
    browser only once opened: a data grid costs a page more to draw than its chart. Without,
    `label` is its heading. A table taller than `height` (pixels, or Streamlit's "auto": ten
    rows) scrolls within its frame."""
    if opened_by is not None:
        box = table_expander(opened_by, label)
        if not box.open:
            return
    else:
        box = st.container()
        if label:
            box.subheader(label, anchor=False)
    table = queries.blank_gaps(table).rename(
        columns=lambda column: t(f"col.{column}", lang()) if f"col.{column}" in STRINGS else column)
    with box:
        st.dataframe(table, hide_index=True, width="stretch", height=height, key=f"{key}_table")
        st.download_button(
            t("table.download_csv", lang()), lambda: export.spreadsheet_csv(table),
            file_name=file_name(name, "csv"), mime="text/csv", key=f"{key}_csv", on_click="ignore",
        )


def table_expander(opened_by: urlstate.Param, label: str | None = None):
    """The expander a table waits in (named `label`, or "Show the data"), open when its state
    `opened_by` says so; opening or closing it reruns the page."""
    return st.expander(label or t("table.show_data", lang()), key=opened_by.key, on_change="rerun")


def is_open(opened_by: urlstate.Param) -> bool:
    """Whether the table kept in `opened_by` is open (from the URL, or as the user left it)."""
    return bool(st.session_state.get(opened_by.key))


def view_switch(param: urlstate.Param, choices: list[str]) -> str:
    """Radio buttons choosing one view id out of `choices` (labelled by the strings
    `<param.key>.<view>`), kept in `param` as an id, so a link works in either language. Returns
    the chosen view; the page draws only that one. Not st.tabs: a tab panel searches its content
    for something to focus after every change to its DOM, which made each redraw of a chart in
    it slower."""
    return st.radio(t(f"{param.key}.label", lang()), choices, key=param.key, horizontal=True,
                    format_func=lambda view: t(f"{param.key}.{view}", lang()))


def apply_style() -> None:
    """The app's few CSS rules (badges, legend swatches, larger type for projectors); in an
    embedded view (?embed=true) the sidebar goes too. Called first on every run, so it starts
    this run's record of the page."""
    _RUN.view, _RUN.presenting, _RUN.url_path = None, False, ""
    st.html(f"<style>{design.css_variables()}{STYLE}{EMBED_STYLE if st.context.is_embedded else ''}</style>")


# In an iframe: no sidebar, and of the page only its head and its main exhibit (containers
# keyed keep_*); the filters come from the URL.
EMBED_STYLE = """
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] { display: none; }
[data-testid='stMainBlockContainer'] { padding: 0.5rem 1rem; }
[data-testid='stMain']:not(:has(.st-key-present_bar)) [data-testid='stElementContainer']:not([class*='st-key-keep_'] *),
[data-testid='stMain']:not(:has(.st-key-present_bar)) [data-testid='stLayoutWrapper']:not([class*='st-key-keep_'], [class*='st-key-keep_'] *,
  :has([class*='st-key-keep_'])) { display: none; }
.st-key-keep_head h1 { font-size: 1.6rem; padding: 0.25rem 0; }
[class*='st-key-keep_'] h2 { font-size: 1.4rem; padding-top: 0.25rem; }
"""


def presentation_style() -> None:
    """A talk: no sidebar or toolbar, larger type, the slide filling the screen."""
    _RUN.presenting = True
    st.html("<style>" + PRESENTATION_STYLE + "</style>")


def filters(key: str, narrowing: list[tuple[str, urlstate.Param]]):
    """One control that opens a page's filters, so that the view itself comes first on any
    screen. Its label names each filter that narrows the view (`narrowing`: the string key of
    its name and its state), so a shared view says how it was narrowed before anyone opens it."""
    parts = [narrowed(t(name, lang()), st.session_state.get(param.key), param.default) for name, param in narrowing]
    return st.popover(" · ".join([t("filter.open", lang()), *filter(None, parts)]), key=key)


def narrowed(name: str, value, default) -> str:
    """How a filter narrows the view: 'Crops: 1 of 3', 'Years: 2010–2018', the name alone for a
    switch that is on, or nothing when it is as it starts (whatever the order of its choices)."""
    if (set(value) == set(default)) if isinstance(value, list) else value == default:
        return ""
    if isinstance(value, list):
        return t("filter.some", lang(), name=name, chosen=len(value), total=len(default))
    if isinstance(value, tuple):
        return f"{name}: {years_text(value)}"
    return name


def years_text(years: tuple[int, int]) -> str:
    """'2010–2018', or '2017' for one year."""
    return str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"


def info(message_key: str) -> None:
    """A friendly note where a selection leaves nothing to show."""
    st.info(t(message_key, lang()))


@dataclass
class View:
    """What the page on screen is (its title) and what it cites, for the Share control that
    `share_view` puts in `slot` once the page has run."""
    title: str
    slot: object
    cited: dict = field(default_factory=dict)  # source citations, in the order shown


_RUN = threading.local()  # this run's View; each run of a session's script has its own thread


def page_header(title_key: str, intent_key: str, **values) -> None:
    """Every page starts with a title (with a place for its Share control, or in an iframe its
    link to the app) and one line of intent (both filled with `values`), then any URL notice."""
    title = t(title_key, lang(), **values)
    tab_title(title)
    head = st.container(horizontal=True, vertical_alignment="center", key="keep_head")
    head.title(title, anchor=False)
    _RUN.view = View(title, head.empty())
    if not embedded():
        st.caption(t(intent_key, lang(), **values))
    show_notices()


def show_notices() -> None:
    """Once each: URL values that fell back to defaults, and an upload that was let go."""
    urlstate.show_notice()
    upload = st.session_state.pop(UPLOAD_NOTICE, None)
    if upload:
        st.warning(t(upload, lang()))


def embedded() -> bool:
    """Whether a page is shown in another site's iframe (?embed=true): its main exhibit only. A
    talk shows its slides whole."""
    return bool(st.context.is_embedded) and not getattr(_RUN, "presenting", False)


def this_page(url_path: str) -> None:
    """Note which page this run shows (its address), for the links its exports draw in."""
    _RUN.url_path = url_path


def share_view(url_path: str) -> None:
    """After page `url_path` has run: its Share control (the link, a QR code, an embed snippet
    and a citation, built when opened, so always of the view as it is then), or in an iframe a
    link that opens the view in the app."""
    view, _RUN.view = getattr(_RUN, "view", None), None
    if view is None:
        return
    address = urlstate.view_address(url_path)
    if embedded():
        if address:
            view.slot.markdown(f"[{t('share.open_app', lang())} ↗]({address})")
        return
    box = view.slot.popover(t("share.open", lang()), key=f"share_{url_path or 'home'}", on_change="rerun")
    if not st.session_state.get(f"share_{url_path or 'home'}"):
        return
    with box:
        if not address:
            st.caption(t("share.no_address", lang()))
            return
        st.caption(t("share.link", lang()))
        st.code(address, language=None, wrap_lines=True)
        st.html(html.follow(address, t("share.qr", lang())))
        st.caption(t("share.embed", lang()))
        st.code(html.embed_snippet(urlstate.view_address(url_path, embed=True), view.title), language="html",
                wrap_lines=True)
        st.caption(t("share.cite", lang()))
        st.code(citation(view.title, list(view.cited), get_dataset().fingerprint, dt.date.today(), address, lang()),
                language=None, wrap_lines=True)


def citation(title: str, sources: list[str], fingerprint: str, day: dt.date, address: str, lang: str) -> str:
    """How to cite a view: its title, the app and the dataset's version (the start of its
    fingerprint), the sources of what it shows, the day it was seen and its address."""
    return t("share.citation", lang, title=title, version=fingerprint[:8], day=day.isoformat(), address=address,
             sources="; ".join(sources) or "–")


def follow(address: str, heading: str, note: str = "", large: bool = False) -> None:
    """An address to follow, as a QR code and in words (`html.follow`); nothing where the
    address is unknown."""
    if address:
        st.html(html.follow(address, heading, note, large))


def tab_title(title: str) -> None:
    """The browser tab (and a bookmark) names the page or slide, then the app."""
    st.set_page_config(page_title=f"{title} · Cadenas")


def page_dataset() -> Dataset:
    """This page's dataset (`store.get_dataset`); when the data folder has problems, every one
    of them listed on the page and the script stopped."""
    try:
        return get_dataset()
    except DataError as error:
        show_data_errors(error, data_dir_from_env())
        st.stop()


def show_data_errors(error: DataError, where: Path | str) -> None:
    """List every data problem as text (file, record, field, message); nothing is rendered as
    markup, so a hostile name shows as the text it is."""
    st.error(t("data.errors", lang(), where=html.markdown_text(str(where)), count=len(error.issues)))
    st.dataframe(
        pd.DataFrame([(i.file, i.record, i.field, i.message) for i in error.issues],
                     columns=[t(f"col.{c}", lang()) for c in ("file", "record", "field", "file_problem")]),
        hide_index=True,
        width="stretch",
    )
