"""Timeline 2000–2021: each initiative's phases and dated events, filtered and tabled."""

import streamlit as st

from components import exhibits, queries, urlstate
from components import vocabulary as vocab
from components.html import markdown_text
from components.i18n import t, term
from components.ui import filters, page_dataset, page_header, show, years_text
from components.urlstate import lang

data = page_dataset()
TABLE = urlstate.flag("timeline_table", "table")
CROP = urlstate.choices("timeline_crop", "crop", vocab.CROPS)
INITIATIVE = urlstate.choices("timeline_initiative", "initiative", data.initiatives["id"])
KIND = urlstate.choices("timeline_kind", "kind", vocab.EVENT_KINDS)
YEARS = urlstate.year_range("timeline_years", "years", vocab.FIRST_YEAR, vocab.LAST_YEAR)
PARAMS = [CROP, INITIATIVE, KIND, YEARS, TABLE]
ONE_YEAR = "timeline_one_year"  # a shortcut that sets YEARS, kept nowhere itself
urlstate.seed(PARAMS)
page_header("timeline.title", "timeline.intent", years=years_text(st.session_state[YEARS.key]))


def one_year() -> None:
    """A single year in one step: the range closes on it."""
    year = st.session_state.pop(ONE_YEAR)
    st.session_state[YEARS.key] = (year, year)


names = queries.initiative_names(data.initiatives, lang())
with filters("timeline_filters", [("filter.crop", CROP), ("filter.initiative", INITIATIVE), ("filter.kind", KIND),
                                  ("filter.years", YEARS)]):
    row = st.container(horizontal=True, gap="large", vertical_alignment="bottom")
    years = row.slider(t("filter.years", lang()), vocab.FIRST_YEAR, vocab.LAST_YEAR, key=YEARS.key)
    row.selectbox(t("filter.one_year", lang()), range(vocab.FIRST_YEAR, vocab.LAST_YEAR + 1), index=None, key=ONE_YEAR,
                  placeholder=t("filter.one_year_placeholder", lang()), on_change=one_year, width=180)
    crops = st.pills(t("filter.crop", lang()), vocab.CROPS, selection_mode="multi", key=CROP.key,
                     format_func=lambda c: term("crop", c, lang()))
    chosen = st.pills(t("filter.initiative", lang()), list(data.initiatives["id"]), selection_mode="multi",
                      key=INITIATIVE.key, format_func=lambda i: markdown_text(names[i]))
    kinds = st.pills(t("filter.kind", lang()), vocab.EVENT_KINDS, selection_mode="multi", key=KIND.key,
                     format_func=lambda k: term("kind", k, lang()))
urlstate.sync(PARAMS)

show(exhibits.timeline(data, tuple(chosen), tuple(crops), tuple(kinds), tuple(years), lang()),
     key="timeline_chart", opened_by=TABLE, label="timeline.table", main=True)
