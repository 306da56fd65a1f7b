"""Shared page furniture: the one place that draws charts, maps and tables, so every chart
gets the same toolbar, caption of sources and data table with its download."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from components import design, html, urlstate, views
from components.data import DataError, Dataset, data_dir_from_env
from components.html import plain
from components.i18n import STRINGS, t
from components.store import get_dataset
from components.urlstate import lang

STYLE = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")
PRESENTATION_STYLE = (Path(__file__).with_name("presentation.css")).read_text(encoding="utf-8")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def plotly_config(filename: str) -> dict:
    """Toolbar: PNG export at presentation size with a meaningful file name, no logo."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": f"cadenas-{_slug(filename)}",
                                 "width": 1600, "height": 900, "scale": 1},
    }


def show_fig(fig: go.Figure, key: str, name: str, sources: str, table: pd.DataFrame | None = None,
             opened_by: urlstate.Param | None = None, table_label: str | None = None, legend: str = "",
             after: str = "") -> None:
    """Draw a plotly figure with its `caption` (its key `legend`, its alt text, its sources, then
    `after`) and (optionally) its data, which waits in a closed expander (named `table_label`, or
    "Show the data") whose state is `opened_by`."""
    if table is not None and opened_by is None:
        raise TypeError("a chart's table needs the state of its expander (opened_by)")
    alt = fig.layout.meta.get("alt", "")
    st.plotly_chart(fig, width="stretch", theme=None, config=plotly_config(name), key=key, alt=alt)
    caption(alt, sources, legend=legend, after=after)
    if table is not None:
        show_table(table, key=f"{key}_data", name=name, opened_by=opened_by, label=table_label)


def show_map(deck: pdk.Deck, key: str, alt: str, sources: str, on_select=None, height: int = 620,
             table: pd.DataFrame | None = None, opened_by: urlstate.Param | None = None):
    """Draw a pydeck map (selectable when `on_select` is given) with its alt text, its sources and
    (optionally) its data, as for `show_fig`."""
    if table is not None and opened_by is None:
        raise TypeError("a map's table needs the state of its expander (opened_by)")
    event = st.pydeck_chart(
        deck, width="stretch", height=height, key=key, alt=alt,
        on_select=on_select if on_select else "ignore", selection_mode="single-object",
    )
    caption(alt, sources)
    if table is not None:
        show_table(table, key=f"{key}_data", name=key, opened_by=opened_by)
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
            t("table.download_csv", lang()), lambda: table.to_csv(index=False).encode("utf-8"),
            file_name=f"cadenas-{_slug(name)}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore",
        )


def table_expander(opened_by: urlstate.Param, label: str | None = None):
    """The expander a table waits in (named `label`, or "Show the data"), open when its state
    `opened_by` says so; opening or closing it reruns the page."""
    return st.expander(label or t("table.show_data", lang()), key=opened_by.key, on_change="rerun")


def is_open(opened_by: urlstate.Param) -> bool:
    """Whether the table kept in `opened_by` is open (from the URL, or as the user left it)."""
    return bool(st.session_state.get(opened_by.key))


def view_switch(param: urlstate.Param, views: list[str]) -> str:
    """Radio buttons choosing one view id out of `views` (labelled by the strings
    `<param.key>.<view>`), kept in `param` as an id, so a link works in either language. Returns
    the chosen view; the page draws only that one. Not st.tabs: a tab panel searches its content
    for something to focus after every change to its DOM, which made each redraw of a chart in
    it slower."""
    return st.radio(t(f"{param.key}.label", lang()), views, key=param.key, horizontal=True,
                    format_func=lambda view: t(f"{param.key}.{view}", lang()))


def show_comparison(data, family: str, statuses, initiatives, log: bool, key: str,
                    opened_by: urlstate.Param, table: bool = True) -> bool:
    """One family's figures for Compare and its slides: bars for the measures with two figures or
    more, under them (in the chart's caption) their key and each figure that stands alone with
    its year, status and source, then the table of them all. What goes where, and the words, are
    worked out once per view (`views.comparison`, `views.comparison_text`): on a change of filter this
    runs again, and the browser waits for it. Without `table`, the caller draws the table's
    expander. Returns whether there are figures to show."""
    view = views.comparison(data, family, tuple(statuses), tuple(initiatives))
    if view.shown.empty:
        empty("compare.empty")
        return False
    text = views.comparison_text(data, family, tuple(statuses), tuple(initiatives), lang())
    if len(view.charted):
        show_fig(views.compare_chart(data, family, tuple(statuses), tuple(initiatives), lang(), log),
                 key=key, name=f"compare-{family}", sources=text.sources, legend=text.legend, after=text.alone)
    elif text.alone:
        st.html(text.alone)
    if table:
        show_table(views.figures_rows(data, lang()).loc[view.shown], key=f"{key}_data",
                   name=f"compare-{family}", opened_by=opened_by)
    return True


def apply_style() -> None:
    """The app's few CSS rules (badges, legend swatches, larger type for projectors); in an
    embedded view (?embed=true) the sidebar goes too."""
    st.html(f"<style>{design.css_variables()}{STYLE}{EMBED_STYLE if st.context.is_embedded else ''}</style>")


EMBED_STYLE = "[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] { display: none; }"


def presentation_style() -> None:
    """A talk: no sidebar or toolbar, larger type, the slide filling the screen."""
    st.html("<style>" + PRESENTATION_STYLE + "</style>")


def crop_legend(crop_keys, note: str = "") -> None:
    """Swatches naming the colour of each crop shown, above a map, and any `note` on reading it."""
    st.html(html.legend(crop_keys, lang(), note=note))


def show_figures(figures: pd.DataFrame, sources: pd.DataFrame) -> None:
    """Headline figures, one under another (`html.figures`); nothing for none (st.html refuses
    an empty body)."""
    if not figures.empty:
        st.html(html.figures(figures, sources, lang()))


def empty(message_key: str) -> None:
    """A friendly note where a selection leaves nothing to show."""
    st.info(t(message_key, lang()))


def page_header(title_key: str, intent_key: str, **values) -> None:
    """Every page starts with a title and one line of intent (filled with `values`), then any
    URL notice."""
    st.title(t(title_key, lang()))
    st.caption(t(intent_key, lang(), **values))
    urlstate.show_notice()


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
    st.error(t("data.errors", lang(), where=plain(str(where)), count=len(error.issues)))
    st.dataframe(
        pd.DataFrame([(i.file, i.record, i.field, i.message) for i in error.issues],
                     columns=[t(f"col.{c}", lang()) for c in ("file", "record", "field", "file_problem")]),
        hide_index=True,
        width="stretch",
    )
