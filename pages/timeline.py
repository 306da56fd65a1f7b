"""Timeline 2000–2021: each initiative's phases and dated events, filtered and tabled."""

import streamlit as st

from components import charts, queries, urlstate, views
from components import vocabulary as vocab
from components.i18n import t, term
from components.ui import empty, page_dataset, page_header, plain, show_fig, show_table
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
                  key=INITIATIVE.key, format_func=lambda i: plain(names[i]))
kinds = st.pills(t("filter.kind", lang()), vocab.EVENT_KINDS, selection_mode="multi", key=KIND.key,
                 format_func=lambda k: term("kind", k, lang()))
urlstate.sync(PARAMS)

initiatives = queries.initiatives_in(data.initiatives, crops=crops)
initiatives = initiatives[initiatives["id"].isin(chosen)]
phases = queries.filter_phases(data.phases, initiatives["id"], years)
events = queries.filter_events(data.events, initiatives["id"], kinds=kinds, years=years)
if initiatives.empty or (events.empty and phases.empty):
    empty("timeline.empty")
    st.stop()

fig = views.timeline_chart(data, tuple(initiatives["id"]), tuple(kinds), tuple(years), lang())
drawn = charts.timeline_lanes(initiatives)  # the chart cites its lanes' sources; the table has every event
show_fig(fig, key="timeline_chart", name=f"timeline-{years[0]}-{years[1]}",
         sources=queries.source_names(data.sources, [*events.loc[events["initiative"].isin(drawn), "source"],
                                                     *phases.loc[phases["initiative"].isin(drawn), "source"]], lang()))

show_table(views.events_rows(data, lang()).loc[events.index], key="timeline_events", name="timeline-events",
           opened_by=TABLE, label=t("timeline.table", lang(), count=len(events)))
