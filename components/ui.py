"""Shared page furniture: the one place that draws exhibits (charts, maps, figures, tables),
so each gets the same toolbar, caption of sources and data table with its download."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import design, exhibits, export, html, urlstate
from components.data import DataError, Dataset, data_dir_from_env
from components.i18n import STRINGS, t
from components.store import get_dataset
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


def show(exhibit: exhibits.Exhibit, key: str, *, table: bool = True, opened_by: urlstate.Param | None = None,
         label: str | None = None, height: int | None = None, on_select=None):
    """Draw any exhibit the same way: its chart or map with its key, what it shows and its
    sources in the caption under it (a map's key sits above it); or its figures; then, unless
    `table` is false, its rows as a table (`show_table`, in an expander when `opened_by`
    keeps one, headed by the string `label` with the count of rows). Where there is nothing to show, its note says so. A map is selectable when
    `on_select` is given; returns its selection event."""
    if exhibit.chart is None and exhibit.alt:  # a table's line on what it holds
        st.caption(exhibit.alt)
    if exhibit.instead:
        info(exhibit.instead)
        return None
    event = None
    if isinstance(exhibit.chart, go.Figure):
        st.plotly_chart(exhibit.chart, width="stretch", theme=None, config=plotly_config(exhibit.name), key=key,
                        alt=exhibit.alt)
        caption(exhibit.alt, exhibit.sources, legend=exhibit.legend, after=exhibit.after)
    elif exhibit.chart is not None:
        if exhibit.legend:
            st.html(exhibit.legend)
        event = st.pydeck_chart(exhibit.chart, width="stretch", height=height or 620, key=key, alt=exhibit.alt,
                                on_select=on_select or "ignore", selection_mode="single-object")
        caption(exhibit.alt, exhibit.sources)
    elif exhibit.figures:
        st.html(exhibit.figures)
    if table and exhibit.rows is not None:
        show_table(exhibit.rows, key=f"{key}_data", name=exhibit.name, opened_by=opened_by,
                   label=label and t(label, lang(), count=len(exhibit.rows)))
    return event


def caption(alt: str, sources: str, legend: str = "", after: str = "") -> None:
    """The text under every chart and map: its key (`legend`, HTML) when the page draws it, what
    it shows, where its numbers come from, then `after` (HTML: figures that go with the chart).
    One element, and HTML rather than Markdown, as the browser draws each element under a chart
    again on a change of filter (docs/performance.md, "One element under each chart")."""
    st.html(html.caption(alt, sources, t("chart.sources", lang()), legend=legend, after=after))


def show_table(table: pd.DataFrame, key: str, name: str, opened_by: urlstate.Param | None = None,
               label: str | None = None) -> None:
    """A table with a CSV download of exactly the rows shown, written only when the button is
    clicked (docs/performance.md, "Tables at scale"). The click does not
    rerun the page: a rerun drops the file the click asked for, and on a busy server it was
    often gone before the browser fetched it. With `opened_by` the table sits in an expander
    (named `label`), closed unless its state (and so the URL) says open, and is sent to the
    browser only once opened: a data grid costs a page more to draw than its chart. Without,
    `label` is its heading."""
    if opened_by is not None:
        box = table_expander(opened_by, label)
        if not box.open:
            return
    else:
        box = st.container()
        if label:
            box.subheader(label, anchor=False)
    table = table.rename(columns=lambda column: t(f"col.{column}", lang()) if f"col.{column}" in STRINGS else column)
    with box:
        st.dataframe(table, hide_index=True, width="stretch", key=f"{key}_table")
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
    embedded view (?embed=true) the sidebar goes too."""
    st.html(f"<style>{design.css_variables()}{STYLE}{EMBED_STYLE if st.context.is_embedded else ''}</style>")


EMBED_STYLE = "[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] { display: none; }"


def presentation_style() -> None:
    """A talk: no sidebar or toolbar, larger type, the slide filling the screen."""
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


def page_header(title_key: str, intent_key: str, **values) -> None:
    """Every page starts with a title and one line of intent (both filled with `values`), then
    any URL notice."""
    title = t(title_key, lang(), **values)
    tab_title(title)
    st.title(title)
    st.caption(t(intent_key, lang(), **values))
    urlstate.show_notice()


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
