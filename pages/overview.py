"""Overview: the four initiatives at a glance, where they work, and a way into every view."""

import streamlit as st

from components import exhibits, queries, site, urlstate
from components.html import markdown_text
from components.i18n import t, term
from components.ui import map_height, page_dataset, page_header, show
from components.urlstate import lang

data = page_dataset()
TABLE = urlstate.flag("overview_table", "table")
urlstate.seed([TABLE])
page_header("overview.title", "overview.intent", count=len(data.initiatives),
            crops=", ".join(term("crop", crop, lang()).lower() for crop in queries.crops_grown(data.initiatives)))

st.subheader(t("overview.where", lang()), anchor=False)
show(exhibits.peru_map(data, lang(), map_height(400)), key="overview_map", opened_by=TABLE, main=True)

CARDS = 12  # beyond this, the cards stop being a glance; the profile page lists every initiative
ids = list(data.initiatives["id"])
for pair in [ids[i:i + 2] for i in range(0, min(len(ids), CARDS), 2)]:
    for column, initiative in zip(st.columns(2), pair):
        about = exhibits.about(data, initiative, lang())
        with column.container(border=True, key=f"overview_card_{initiative}"):
            st.subheader(markdown_text(about.name), anchor=False)
            st.markdown(about.facts, unsafe_allow_html=True)
            show(about.figures, key=f"overview_figures_{initiative}")
            st.page_link("pages/initiative.py", label=t("overview.open_profile", lang()),
                         query_params=urlstate.link_params(initiative=initiative))
if len(ids) > CARDS:
    st.caption(t("overview.more", lang(), shown=CARDS, total=len(ids)))
    st.page_link("pages/initiative.py", label=t("overview.all_profiles", lang()), query_params=urlstate.link_params())

st.subheader(t("overview.explore", lang()), anchor=False)
explore = [each for each in site.PAGES if each.explore]
for column, each in zip(st.columns(len(explore)), explore):
    column.page_link(each.path, label=t(each.title, lang()), query_params=urlstate.link_params())
urlstate.sync([TABLE])
