"""Initiative profile: one initiative's story, regions, timeline, figures, partners and sources."""

import streamlit as st

from components import exhibits, queries, urlstate
from components.html import markdown_text
from components.i18n import t
from components.ui import map_height, page_dataset, page_header, show
from components.urlstate import lang

data = page_dataset()
IDS = list(data.initiatives["id"])
EVENTS_TABLE = urlstate.flag("profile_events_table", "events_table")
FIGURES_TABLE = urlstate.flag("profile_figures_table", "figures_table")
PARTNERS_TABLE = urlstate.flag("profile_partners_table", "partners_table")
INITIATIVE = urlstate.choice("profile_initiative", "initiative", IDS, IDS[0])
PARAMS = [INITIATIVE, EVENTS_TABLE, FIGURES_TABLE, PARTNERS_TABLE]
urlstate.seed(PARAMS)
page_header("profile.title", "profile.intent")

full_names = queries.initiative_names(data.initiatives, lang(), short=False)
chosen = st.selectbox(t("profile.choose", lang()), IDS, key=INITIATIVE.key, format_func=full_names.get)
urlstate.sync(PARAMS)

about = exhibits.about(data, chosen, lang())
left, right = st.columns([3, 2])
with left:
    with st.container(key="keep_profile_name"):  # an embed shows whose map it is
        st.header(markdown_text(about.name), anchor=False)
        st.markdown(about.facts, unsafe_allow_html=True)
    st.markdown(markdown_text(about.summary))
    show(about.figures, key="profile_figures")
with right:
    show(exhibits.initiative_map(data, chosen, lang(), map_height(440)), key="profile_map", main=True)

# In words rather than a one-lane chart: each event says what happened and whose source says so.
st.subheader(t("profile.chronology", lang()), anchor=False)
show(exhibits.chronology(data, chosen, lang()), key="profile_timeline", opened_by=EVENTS_TABLE, label="profile.events")
show(exhibits.initiative_figures(data, chosen, lang()), key="profile_figure_list", opened_by=FIGURES_TABLE,
     label="profile.figures")
show(exhibits.initiative_partners(data, chosen, lang()), key="profile_partners", opened_by=PARTNERS_TABLE,
     label="profile.partners")

st.subheader(t("profile.sources", lang()), anchor=False)
for title, citation in about.sources:
    st.markdown(f"- **{markdown_text(title)}** — {markdown_text(citation)}")
