"""The floor: bare Streamlit pages that each show one chart or one map of the same GeoJSON.

The dashboard's pages are measured as a ratio to these, run in the same session on the same
machine, so the benchmark's budgets hold whatever the machine's speed.
"""

import json
from pathlib import Path

import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

GEOJSON = json.loads((Path(__file__).resolve().parent.parent / "data" / "regions.geojson").read_text(encoding="utf-8"))


def chart_page():
    crop = st.radio("Crop", ["banana", "coffee", "cacao"], key="floor_crop", horizontal=True)
    values = {"banana": [9000, 1000], "coffee": [14, 27], "cacao": [17000, 28000]}[crop]
    st.plotly_chart(go.Figure(go.Bar(x=values, y=["a", "b"], orientation="h", name=crop)).update_layout(title=crop),
                    theme=None)


def map_page():
    layer = pdk.Layer("GeoJsonLayer", id="regions", data=GEOJSON, filled=True, get_fill_color=[0, 114, 178, 160])
    st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(latitude=-9.2, longitude=-75, zoom=4.65),
                             map_provider=None), height=620)


def home_page():
    """The default page, served at "/": the chart, or the map with ?show=map. A page at its own
    path ("/chart") loads slower than the one at "/" in every Streamlit app, so each dashboard
    page is measured against the floor at the same kind of address."""
    (map_page if st.query_params.get("show") == "map" else chart_page)()


st.navigation([st.Page(home_page, title="Floor", url_path="home", default=True),
               st.Page(chart_page, title="Chart", url_path="chart"),
               st.Page(map_page, title="Map", url_path="map")]).run()
