"""Presentation mode: the data as a talk, one live slide at a time, its number in the URL."""

import streamlit as st

from components import html, queries, slides, urlstate, views
from components import vocabulary as vocab
from components.i18n import localised, t, term
from components.ui import (empty, page_dataset, plain, presentation_style, show_comparison, show_fig,
                           show_figures, show_map)
from components.urlstate import lang

data = page_dataset()
SLIDES = slides.build_slides(data.initiatives, data.metrics)
SLIDE = urlstate.number("present_slide", "slide", 1, len(SLIDES), 1)
TABLE = urlstate.flag("present_table", "table")  # a slide's data, closed unless opened
urlstate.seed([SLIDE, TABLE])
presentation_style()


def step(delta: int) -> None:
    st.session_state[SLIDE.key] = min(max(st.session_state[SLIDE.key] + delta, 1), len(SLIDES))
    st.session_state[TABLE.key] = False  # each slide opens with its chart, not its data


number = st.session_state[SLIDE.key]
back, where, forward, leave = st.columns([1, 2, 1, 1], vertical_alignment="center")
back.button(t("present.previous", lang()), key="present_previous", on_click=step, args=(-1,), disabled=number == 1,
            width="stretch")
where.markdown(html.slide_number(t("present.slide", lang(), number=number, total=len(SLIDES))),
               unsafe_allow_html=True)
forward.button(t("present.next", lang()), key="present_next", on_click=step, args=(1,), type="primary",
               disabled=number == len(SLIDES), width="stretch")
leave.page_link("pages/overview.py", label=t("present.exit", lang()), query_params=urlstate.link_params())
urlstate.sync([SLIDE, TABLE])
urlstate.show_notice()

slide = SLIDES[number - 1]
names = queries.initiative_names(data.initiatives, lang(), short=False)
everything = queries.source_names(data.sources, data.sources["id"], lang())
if slide.kind == "title":
    st.title(t("present.title", lang()))
    st.markdown(f"### {t('present.subtitle', lang(), count=len(data.initiatives))}")
    deck = views.region_deck(data, lang(), zoom=4.4)
    show_map(deck, key="present_map", alt=t("overview.map_alt", lang()), height=520, sources=everything)
elif slide.kind in ("story", "timeline"):
    initiative = data.initiatives_among([slide.initiative])
    row = initiative.iloc[0]
    st.title(plain(names[slide.initiative]))
    if slide.kind == "story":
        left, right = st.columns([3, 2])
        left.markdown(plain(localised(initiative, "summary", lang()).iloc[0]))
        with left:
            show_figures(queries.headline_figures(data.metrics, slide.initiative), data.sources)
        with right:
            show_map(views.region_deck(data, lang(), initiatives=(slide.initiative,), focus=tuple(row["regions"]),
                          zoom=4.3), key="present_map", height=460,
                     alt=t("profile.map_alt", lang()), sources=queries.source_names(data.sources, row["sources"], lang()))
    else:
        phases = data.phases[data.phases["initiative"] == slide.initiative]
        events = data.events[data.events["initiative"] == slide.initiative]
        if phases.empty and events.empty:
            empty("profile.no_chronology")
        else:
            show_fig(views.timeline_chart(data, (slide.initiative,), None, (vocab.FIRST_YEAR, vocab.LAST_YEAR),
                          lang()),
                     key="present_chart",
                     name=f"timeline-{slide.initiative}",
                     sources=queries.source_names(data.sources, [*events["source"], *phases["source"]], lang()),
                     table=views.events_rows(data, lang()).loc[events.index], opened_by=TABLE)
elif slide.kind == "compare":
    st.title(t("present.compare", lang(), family=term("family", slide.family, lang())))
    show_comparison(data, slide.family, vocab.STATUSES, tuple(data.initiatives["id"]), False, key="present_chart",
                    opened_by=TABLE)
else:
    st.title(t("compare_view.partners", lang()))
    if data.organisations.empty:
        empty("compare.no_partners")
    else:
        show_fig(views.partners_chart(data, tuple(data.initiatives["id"]), lang()), key="present_chart",
                 name="partners-by-type",
                 sources=queries.source_names(data.sources, data.organisations["source"], lang()),
                 table=views.organisations_rows(data, lang()).loc[data.organisations.index], opened_by=TABLE)
