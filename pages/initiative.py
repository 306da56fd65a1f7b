"""Initiative profile: one initiative's story, regions, timeline, figures, partners and sources."""

import streamlit as st

from components import html, queries, urlstate, views
from components.i18n import localised, t, term
from components.ui import (empty, page_dataset, page_header, plain, show_figures, show_map,
                           show_table)
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

initiative = data.initiatives_among([chosen])
row = initiative.iloc[0]
left, right = st.columns([3, 2])
with left:
    st.header(plain(full_names[chosen]), anchor=False)
    st.markdown(f"**{', '.join(term('crop', c, lang()) for c in row['crops'])}** · "
                f"{plain(', '.join(data.region_names[r] for r in row['regions']))} · "
                f"{queries.active_years(row['start'], row['end'], lang())}")
    st.markdown(plain(localised(initiative, "summary", lang()).iloc[0]))
    show_figures(queries.headline_figures(data.metrics, chosen), data.sources)
with right:
    deck = views.region_deck(data, lang(), initiatives=(chosen,), focus=tuple(row["regions"]), zoom=4.2)
    show_map(deck, key="profile_map", height=440, alt=t("profile.map_alt", lang()),
             sources=queries.source_names(data.sources, row["sources"], lang()))

# In words rather than a one-lane chart: each event says what happened and whose source says so.
phases = data.phases[data.phases["initiative"] == chosen].sort_values("start", kind="stable")
events = data.events[data.events["initiative"] == chosen]
st.subheader(t("profile.chronology", lang()), anchor=False)
if phases.empty and events.empty:
    empty("profile.no_chronology")
else:
    st.html(html.chronology(phases, events, data.sources, queries.crops_of(initiative)[chosen], lang()))
    st.caption(t("profile.chronology_note", lang()))
if not events.empty:
    show_table(views.events_rows(data, lang()).loc[events.index], key="profile_timeline_data",
               name=f"timeline-{chosen}", opened_by=EVENTS_TABLE, label=t("profile.events", lang(), count=len(events)))

figures = data.metrics[data.metrics["initiative"] == chosen]
if figures.empty:
    empty("profile.no_figures")
else:
    show_table(views.figures_rows(data, lang()).loc[figures.index]
               [["metric", "figure", "when", "status", "note", "source"]], key="profile_figures",
               name=f"figures-{chosen}", opened_by=FIGURES_TABLE, label=t("profile.figures", lang(), count=len(figures)))

partners = data.organisations[data.organisations["initiative"] == chosen]
show_table(views.organisations_rows(data, lang()).loc[partners.index][["name", "type", "role", "source"]],
           key="profile_partners", name=f"partners-{chosen}", opened_by=PARTNERS_TABLE,
           label=t("profile.partners", lang(), count=len(partners)))

st.subheader(t("profile.sources", lang()), anchor=False)
for _, source in data.sources[data.sources["id"].isin(row["sources"])].iterrows():
    st.markdown(f"- **{plain(source['title'])}** — {plain(queries.source_names(data.sources, [source['id']], lang()))}")
