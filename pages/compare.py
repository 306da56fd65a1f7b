"""Compare: like-with-like scale figures across initiatives, and how each is governed."""

import streamlit as st

from components import exhibits, queries, urlstate
from components import vocabulary as vocab
from components.html import markdown_text
from components.i18n import t, term
from components.ui import filters, is_open, page_dataset, page_header, show, table_expander, view_switch
from components.urlstate import lang

data = page_dataset()
FAMILIES = queries.families_present(data.metrics)
VIEW = urlstate.choice("compare_view", "view", ["figures", "partners"], "figures")
FIGURES_TABLE = urlstate.flag("compare_figures_table", "table")
PARTNERS_TABLE = urlstate.flag("compare_partners_table", "partners_table")
FAMILY = urlstate.choice("compare_family", "family", FAMILIES, FAMILIES[0] if FAMILIES else None)
STATUS = urlstate.choices("compare_status", "status", vocab.STATUSES)
LOG = urlstate.flag("compare_log", "log")
FIGURES_PARAMS = [FAMILY, FIGURES_TABLE]  # the figures view's own, kept by its fragment
INITIATIVE = urlstate.choices("compare_initiative", "initiative", data.initiatives["id"])
PARAMS = [INITIATIVE, VIEW, STATUS, LOG, *FIGURES_PARAMS, PARTNERS_TABLE]
urlstate.seed(PARAMS)
page_header("compare.title", "compare.intent")

names = queries.initiative_names(data.initiatives, lang())
row = st.container(horizontal=True, vertical_alignment="bottom", gap="large")
with row:
    # One view at a time: a page loads as fast as its one chart.
    view = view_switch(VIEW, ["figures", "partners"])
narrowing = [("filter.initiative", INITIATIVE)] + ([("filter.status", STATUS), ("compare.log", LOG)]
                                                  if view == "figures" else [])
with row, filters("compare_filters", narrowing):
    chosen = st.pills(t("filter.initiative", lang()), list(data.initiatives["id"]), selection_mode="multi",
                      key=INITIATIVE.key, format_func=lambda i: markdown_text(names[i]))
    if view == "figures":
        statuses = st.pills(t("filter.status", lang()), vocab.STATUSES, selection_mode="multi",
                            key=STATUS.key, format_func=lambda s: term("status", s, lang()))
        log = st.toggle(t("compare.log", lang()), key=LOG.key, help=t("compare.log_help", lang()))


@st.fragment
def figures_view(chosen: list[str], statuses: list[str], log: bool, table_here: bool) -> bool:
    """The figures view. Its choice of family reruns only this part of the page, and writes the
    URL here, since a fragment's rerun never reaches the page's own sync. Its table is drawn here
    when it was open at the page's last run (`table_here`; a fragment's rerun keeps its
    arguments), so it follows the family and can be closed. Closed, it needs none of them: the
    page draws it after this view, and a change of family does not draw it again
    (docs/performance.md, "Compare's closed table"); opening it reruns the page, which then draws
    it here. Returns whether there are figures."""
    family = st.segmented_control(t("compare.family", lang()), FAMILIES, key=FAMILY.key, required=True,
                                  format_func=lambda f: term("family", f, lang()))
    urlstate.sync(FIGURES_PARAMS, page=False)
    comparison = exhibits.comparison(data, family, tuple(statuses), tuple(chosen), lang(), log)
    show(comparison, key="compare_chart", table=table_here, opened_by=FIGURES_TABLE, main=True)
    return not comparison.instead


if view == "figures":
    table_here = is_open(FIGURES_TABLE)
    if figures_view(chosen, statuses, log, table_here) and not table_here:
        table_expander(FIGURES_TABLE)
else:
    show(exhibits.partners(data, tuple(chosen), lang()), key="compare_partners", opened_by=PARTNERS_TABLE, main=True)
urlstate.sync(PARAMS)
