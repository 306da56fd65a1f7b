"""Cadenas: what Peru's agricultural value-chain initiatives have achieved."""

import streamlit as st

from components.store import get_dataset

st.set_page_config(page_title="Cadenas", layout="wide")
st.title("Cadenas")
st.caption("Peru's agricultural value-chain initiatives, 2000–2021, from their source documents.")

data = get_dataset()
columns = st.columns(4)
for column, (label, table) in zip(columns, [
    ("Initiatives", data.initiatives), ("Regions on the map", data.regions),
    ("Figures", data.metrics), ("Dated events", data.events),
]):
    column.metric(label, len(table))
st.dataframe(
    data.initiatives[["name", "crops", "regions", "start"]],
    hide_index=True, width="stretch", key="summary_initiatives",
)
