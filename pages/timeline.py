"""Timeline 2000–2021: each initiative's phases and dated events, filtered and tabled."""

import streamlit as st

from components import exhibits, queries, urlstate
from components import vocabulary as vocab
from components.html import markdown_text
from components.i18n import t, term
from components.ui import page_dataset, page_header, show
from components.urlstate import lang

data = page_dataset()
TABLE = urlstate.flag("timeline_table", "table")
CROP = urlstate.choices("timeline_crop", "crop", vocab.CROPS)
INITIATIVE = urlstate.choices("timeline_initiative", "initiative", data.initiatives["id"])
KIND = urlstate.choices("timeline_kind", "kind", vocab.EVENT_KINDS)
YEARS = urlstate.year_range("timeline_years", "years", vocab.FIRST_YEAR, vocab.LAST_YEAR)
PARAMS = [CROP, INITIATIVE, KIND, YEARS, TABLE]
urlstate.seed(PARAMS)
page_header("timeline.title", "timeline.intent")

names = queries.initiative_names(data.initiatives, lang())
row = st.container(horizontal=True, gap="large")
crops = row.pills(t("filter.crop", lang()), vocab.CROPS, selection_mode="multi", key=CROP.key,
                  format_func=lambda c: term("crop", c, lang()))
years = row.slider(t("filter.years", lang()), vocab.FIRST_YEAR, vocab.LAST_YEAR, key=YEARS.key)
chosen = st.pills(t("filter.initiative", lang()), list(data.initiatives["id"]), selection_mode="multi",
                  key=INITIATIVE.key, format_func=lambda i: markdown_text(names[i]))
kinds = st.pills(t("filter.kind", lang()), vocab.EVENT_KINDS, selection_mode="multi", key=KIND.key,
                 format_func=lambda k: term("kind", k, lang()))
urlstate.sync(PARAMS)

show(exhibits.timeline(data, tuple(chosen), tuple(crops), tuple(kinds), tuple(years), lang()),
     key="timeline_chart", opened_by=TABLE, label="timeline.table")
