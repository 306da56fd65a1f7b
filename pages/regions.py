"""Region map: where each initiative works, how large it is, and a click to focus a region."""

import streamlit as st

from components import maps, queries, urlstate, views
from components import vocabulary as vocab
from components.i18n import t, term
from components.ui import crop_legend, empty, page_dataset, page_header, plain, show_map, show_table
from components.urlstate import lang

data = page_dataset()
FIGURES_TABLE = urlstate.flag("map_figures_table", "figures_table")
EVENTS_TABLE = urlstate.flag("map_events_table", "events_table")
MARKER_METRICS = [m for m in vocab.METRICS if m in set(data.metrics.loc[data.metrics["status"] == "achieved", "metric"].unique())]
METRIC = urlstate.choice("map_metric", "metric", MARKER_METRICS,
                         "producers" if "producers" in MARKER_METRICS else None)
REGION = urlstate.choice("map_region", "region", list(data.regions["id"]), None)
BASEMAP = urlstate.flag("map_basemap", "basemap")
PARAMS = [METRIC, REGION, BASEMAP, FIGURES_TABLE, EVENTS_TABLE]
urlstate.seed(PARAMS)
page_header("map.title", "map.intent")


def select_region_from_map():
    """A click on a region filters the page to it (and the URL keeps it)."""
    picked = maps.selected_region(st.session_state[f"map_deck_{st.session_state[REGION.key]}"].selection)
    if picked:
        st.session_state[REGION.key] = picked


controls = st.columns([2, 2, 1])
metric = controls[0].selectbox(t("map.metric", lang()), MARKER_METRICS, key=METRIC.key,
                               format_func=lambda m: term("metric", m, lang()))
region = controls[1].selectbox(t("map.region", lang()), list(data.regions["id"]), key=REGION.key,
                               index=None, placeholder=t("map.all_regions", lang()),
                               format_func=data.region_names.get)
basemap = controls[2].toggle(t("map.basemap", lang()), key=BASEMAP.key, help=t("map.basemap_help", lang()))
urlstate.sync(PARAMS)

deck = views.region_deck(data, lang(), metric=metric, selected=region, basemap=basemap)
crop_legend(queries.crops_of(data.initiatives).values(), note=t("map.circles_note", lang()))
show_map(deck, key=f"map_deck_{region}", on_select=select_region_from_map,
         alt=t("map.alt", lang(), metric=term("metric", metric, lang()) if metric else "–"),
         sources=queries.source_names(data.sources, data.metrics.loc[data.metrics["metric"] == metric, "source"], lang()))

here = queries.initiatives_in(data.initiatives, region=region)
if region:
    st.subheader(t("map.in_region", lang(), region=plain(data.region_names[region])), anchor=False)
    if st.button(t("map.clear_region", lang()), key="map_clear"):
        st.session_state[REGION.key] = None
        st.rerun()
if here.empty:
    empty("map.no_initiatives")
    st.stop()

figures = data.metrics[data.metrics["initiative"].isin(here["id"])]
events = queries.filter_events(data.events, here["id"], region=region)
# A focused region shows its figures and events at once; all of Peru keeps them closed until
# asked for (every table is on the Sources page too), so the map comes first.
show_table(views.figures_rows(data, lang()).loc[figures.index]
           [["initiative", "metric", "figure", "when", "status", "source"]], key="map_figures",
           name=f"figures-{region or 'peru'}", opened_by=None if region else FIGURES_TABLE,
           label=t("map.figures", lang(), count=len(figures)))
show_table(views.events_rows(data, lang()).loc[events.index], key="map_events",
           name=f"events-{region or 'peru'}", opened_by=None if region else EVENTS_TABLE,
           label=t("map.events", lang(), count=len(events)))
