"""Region map: where each initiative works, how large it is, and a click to focus a region."""

import streamlit as st

from components import exhibits, maps, queries, urlstate
from components.html import markdown_text
from components.i18n import t, term
from components.ui import map_height, page_dataset, page_header, show
from components.urlstate import lang

data = page_dataset()
FIGURES_TABLE = urlstate.flag("map_figures_table", "figures_table")
EVENTS_TABLE = urlstate.flag("map_events_table", "events_table")
MARKER_METRICS = queries.marker_metrics(data.metrics)
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


def clear_region():
    st.session_state[REGION.key] = None


controls = st.columns([2, 2, 1])
metric = controls[0].selectbox(t("map.metric", lang()), MARKER_METRICS, key=METRIC.key,
                               format_func=lambda m: term("metric", m, lang()))
region = controls[1].selectbox(t("map.region", lang()), list(data.regions["id"]), key=REGION.key,
                               index=None, placeholder=t("map.all_regions", lang()),
                               format_func=data.region_names.get)
basemap = controls[2].toggle(t("map.basemap", lang()), key=BASEMAP.key, help=t("map.basemap_help", lang()))
urlstate.sync(PARAMS)

region_map = exhibits.metric_map(data, lang(), metric, region, basemap, map_height(maps.MAP_HEIGHT))
show(region_map, key=f"map_deck_{region}", on_select=select_region_from_map, main=True)
if region:
    st.subheader(t("map.in_region", lang(), region=markdown_text(data.region_names[region])), anchor=False)
    st.markdown(markdown_text(exhibits.region_summary(data, region, lang())))
    st.button(t("map.clear_region", lang()), key="map_clear", on_click=clear_region)
# A focused region shows its figures and events at once; all of Peru keeps them closed until
# asked for (every table is on the Sources page too), so the map comes first.
show(exhibits.region_figures(data, region, lang()), key="map_figures",
     opened_by=None if region else FIGURES_TABLE, label="map.figures")
show(exhibits.region_events(data, region, lang()), key="map_events",
     opened_by=None if region else EVENTS_TABLE, label="map.events")
