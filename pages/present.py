"""Presentation mode: the data as a talk, one live slide at a time, its number in the URL."""

import streamlit as st

from components import clicker, exhibits, html, slides, urlstate
from components import vocabulary as vocab
from components.html import markdown_text
from components.i18n import t, term
from components.ui import page_dataset, presentation_style, show, tab_title
from components.urlstate import lang

data = page_dataset()
SLIDES = slides.build_slides(data.initiatives, data.metrics)
SLIDE = urlstate.number("present_slide", "slide", 1, len(SLIDES), 1)
TABLE = urlstate.flag("present_table", "table")  # a slide's data, closed unless opened
urlstate.seed([SLIDE, TABLE])
presentation_style()


def go(move: str) -> None:
    """Move to another slide (`clicker.target`); each opens with its chart, not its data."""
    slide = clicker.target(move, st.session_state[SLIDE.key], len(SLIDES))
    if slide != st.session_state[SLIDE.key]:
        st.session_state[SLIDE.key], st.session_state[TABLE.key] = slide, False


number = st.session_state[SLIDE.key]
tab_title(t("present.slide", lang(), number=number, total=len(SLIDES)))
back, where, forward, leave = st.columns([1, 2, 1, 1], vertical_alignment="center")
back.button(t("present.previous", lang()), key="present_previous", on_click=go, args=("previous",), disabled=number == 1,
            width="stretch")
where.markdown(html.slide_number(t("present.slide", lang(), number=number, total=len(SLIDES))),
               unsafe_allow_html=True)
forward.button(t("present.next", lang()), key="present_next", on_click=go, args=("next",), type="primary",
               disabled=number == len(SLIDES), width="stretch")
leave.page_link("pages/overview.py", label=t("present.exit", lang()), query_params=urlstate.link_params())
clicker.remote("present_clicker", "present", SLIDE.url, on_move=go)
urlstate.sync([SLIDE, TABLE])
urlstate.show_notice()

slide = SLIDES[number - 1]
everyone = tuple(data.initiatives["id"])
if slide.kind == "title":
    st.title(t("present.title", lang()))
    st.markdown(f"### {t('present.subtitle', lang(), count=len(data.initiatives))}")
    show(exhibits.peru_map(data, lang(), zoom=4.4), key="present_map", height=520, table=False)
elif slide.kind == "story":
    about = exhibits.about(data, slide.initiative, lang())
    st.title(markdown_text(about.name))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(markdown_text(about.summary))
        show(about.figures, key="present_figures")
    with right:
        show(exhibits.initiative_map(data, slide.initiative, lang(), zoom=4.3), key="present_map", height=460)
elif slide.kind == "timeline":
    st.title(markdown_text(exhibits.about(data, slide.initiative, lang()).name))
    show(exhibits.timeline(data, (slide.initiative,), None, None, (vocab.FIRST_YEAR, vocab.LAST_YEAR), lang()),
         key="present_chart", opened_by=TABLE)
elif slide.kind == "compare":
    st.title(t("present.compare", lang(), family=term("family", slide.family, lang())))
    show(exhibits.comparison(data, slide.family, vocab.STATUSES, everyone, lang(), False), key="present_chart",
         opened_by=TABLE)
else:
    st.title(t("compare_view.partners", lang()))
    show(exhibits.partners(data, everyone, lang()), key="present_chart", opened_by=TABLE)
