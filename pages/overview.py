"""Overview: the four initiatives at a glance, where they work, and a way into every view."""


import streamlit as st

from components import html, queries, site, urlstate, views
from components.i18n import localised, t, term
from components.ui import crop_legend, page_dataset, page_header, plain, show_figures, show_map
from components.urlstate import lang

data = page_dataset()
TABLE = urlstate.flag("overview_table", "table")
urlstate.seed([TABLE])
page_header("overview.title", "overview.intent", count=len(data.initiatives),
            crops=", ".join(term("crop", crop, lang()).lower() for crop in queries.crops_grown(data.initiatives)))

CARDS = 12  # beyond this, the cards stop being a glance; the profile page lists every initiative
initiatives = data.initiatives.head(CARDS)
initiatives = initiatives.assign(display_name=localised(initiatives, "name", lang()))
headlines = views.headlines(data)

for pair in [initiatives.iloc[i:i + 2] for i in range(0, len(initiatives), 2)]:
    for column, (_, initiative) in zip(st.columns(2), pair.iterrows()):
        with column.container(border=True, key=f"overview_card_{initiative['id']}"):
            st.subheader(plain(initiative["display_name"]), anchor=False)
            years = queries.active_years(initiative["start"], initiative["end"], lang())
            regions = ", ".join(data.region_names[r] for r in initiative["regions"])
            st.markdown(html.card_facts(initiative["crops"], regions, years, lang()), unsafe_allow_html=True)
            show_figures(headlines[headlines["initiative"] == initiative["id"]], data.sources)
            st.page_link("pages/initiative.py", label=t("overview.open_profile", lang()),
                         query_params=urlstate.link_params(initiative=initiative["id"]))
if len(data.initiatives) > CARDS:
    st.caption(t("overview.more", lang(), shown=CARDS, total=len(data.initiatives)))
    st.page_link("pages/initiative.py", label=t("overview.all_profiles", lang()), query_params=urlstate.link_params())

st.subheader(t("overview.where", lang()), anchor=False)
crop_legend(queries.crops_of(data.initiatives).values())
deck = views.region_deck(data, lang(), zoom=4.25)
show_map(deck, key="overview_map", alt=t("overview.map_alt", lang()), height=460,
         sources=queries.source_names(data.sources, data.sources["id"], lang()),
         table=queries.presence_table(data.initiatives, data.regions, lang()), opened_by=TABLE)

st.subheader(t("overview.explore", lang()), anchor=False)
explore = [each for each in site.PAGES if each.explore]
for column, each in zip(st.columns(len(explore)), explore):
    column.page_link(each.path, label=t(each.title, lang()), query_params=urlstate.link_params())
urlstate.sync([TABLE])
