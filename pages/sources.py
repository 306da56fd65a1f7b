"""Sources and data: every source document, what it supports, and the full tables to download."""

import streamlit as st

from components import exhibits, urlstate
from components.html import markdown_text
from components.i18n import t
from components.ui import page_dataset, page_header, show
from components.urlstate import lang

data = page_dataset()
TABLES = ["metrics", "events", "initiatives", "organisations", "phases", "regions", "sources"]
TABLE = urlstate.choice("sources_table", "table", TABLES, "metrics")
SEARCH = urlstate.text("sources_search", "q")
PARAMS = [TABLE, SEARCH]
urlstate.seed(PARAMS)
page_header("sources.title", "sources.intent", count=len(data.sources))

for card in exhibits.source_cards(data, lang()):
    with st.container(border=True, key=f"sources_card_{card.id}"):
        st.markdown(f"**{markdown_text(card.title)}**")
        st.caption(f"{markdown_text(card.citation)} · {card.supports}")
        st.markdown(markdown_text(card.description))

st.subheader(t("sources.tables", lang()), anchor=False)
st.download_button(t("sources.download_all", lang()), exhibits.dataset_zip(data), file_name="cadenas-data.zip",
                   mime="application/zip", key="sources_zip", on_click="ignore",
                   help=t("sources.download_all_help", lang()))
table_name = st.segmented_control(t("sources.table", lang()), TABLES, key=TABLE.key, required=True,
                                  format_func=lambda name: t(f"table.{name}", lang()))
query = st.text_input(t("sources.search", lang()), key=SEARCH.key, max_chars=100,
                      placeholder=t("sources.search_placeholder", lang()))
urlstate.sync(PARAMS)

show(exhibits.raw_table(data, table_name, query, lang()), key="sources_data", main=True)
