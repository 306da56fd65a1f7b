"""Sources and data: every source document, what it supports, and the full tables to download."""

import streamlit as st

from components import queries, urlstate, views
from components.i18n import counted, localised, t
from components.ui import empty, page_dataset, page_header, plain, show_table
from components.urlstate import lang

data = page_dataset()
TABLES = {
    "metrics": data.metrics, "events": data.events, "initiatives": data.initiatives,
    "organisations": data.organisations, "phases": data.phases, "regions": data.regions, "sources": data.sources,
}
TABLE = urlstate.choice("sources_table", "table", list(TABLES), "metrics")
SEARCH = urlstate.text("sources_search", "q")
PARAMS = [TABLE, SEARCH]
urlstate.seed(PARAMS)
page_header("sources.title", "sources.intent", count=len(data.sources))

counts = queries.source_counts(data.sources, data.metrics, data.events).set_index("id")
for _, source in data.sources.iterrows():
    with st.container(border=True, key=f"sources_card_{source['id']}"):
        st.markdown(f"**{plain(source['title'])}**")
        st.caption(f"{plain(queries.source_names(data.sources, [source['id']], lang()))} · "
                   + t("sources.supports", lang(), figures=counted("sources.figures", counts.loc[source["id"], "figures"], lang()),
                       events=counted("sources.events", counts.loc[source["id"], "events"], lang())))
        st.markdown(plain(localised(data.sources[data.sources["id"] == source["id"]], "description", lang()).iloc[0]))

st.subheader(t("sources.tables", lang()), anchor=False)
st.download_button(t("sources.download_all", lang()), views.dataset_zip(data), file_name="cadenas-data.zip",
                   mime="application/zip", key="sources_zip", on_click="ignore",
                   help=t("sources.download_all_help", lang()))
table_name = st.segmented_control(t("sources.table", lang()), list(TABLES), key=TABLE.key, required=True,
                                    format_func=lambda name: t(f"table.{name}", lang()))
query = st.text_input(t("sources.search", lang()), key=SEARCH.key, max_chars=100,
                         placeholder=t("sources.search_placeholder", lang()))
urlstate.sync(PARAMS)

rows = queries.search(TABLES[table_name], query)
st.caption(t("sources.rows", lang(), shown=len(rows), total=len(TABLES[table_name])) + " · " + t("sources.raw_note", lang()))
if rows.empty:
    empty("sources.no_match" if query else "sources.no_rows")
else:
    show_table(rows, key="sources_data", name=f"{table_name}{'-filtered' if query else ''}")
