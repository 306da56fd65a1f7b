"""Presentation mode: the data as a talk, one live slide at a time, its number in the URL."""

import streamlit as st

from components import clicker, design, exhibits, html, slides, urlstate
from components.html import markdown_text
from components.i18n import t, term
from components.ui import follow, page_dataset, presentation_style, show, show_notices, show_table, tab_title
from components.urlstate import lang

data = page_dataset()
SLIDES = exhibits.talk(data)
SLIDE = urlstate.number("present_slide", "slide", 1, len(SLIDES), 1)
TABLE = urlstate.flag("present_table", "table")  # a slide's data, closed unless opened
urlstate.seed([SLIDE, TABLE])
presentation_style()


def go(move: str) -> None:
    """Move to another slide (`clicker.target`); each opens with its chart, not its data."""
    slide = clicker.target(move, st.session_state[SLIDE.key], len(SLIDES))
    if slide != st.session_state[SLIDE.key]:
        st.session_state[SLIDE.key], st.session_state[TABLE.key] = slide, False


def shown(slide: slides.Slide) -> exhibits.Exhibit | None:
    """The chart a slide shows, whose rows the bar's switch puts in its place; None on the
    title and story slides, which show no table."""
    if slide.kind == "timeline":
        return exhibits.timeline_slide(data, slide.initiative, slide.part, slide.parts, lang())
    if slide.kind == "compare":
        return exhibits.comparison_slide(data, slide.family, slide.metric, slide.part, slide.parts, lang())
    if slide.kind == "figures":
        return exhibits.lone_figures(data, slide.family, slide.part, slide.parts, lang())
    if slide.kind == "governance":
        shown, _ = slides.part_of(exhibits.partnered(data), slide.part, slide.parts)
        return exhibits.partners(data, shown, lang(), size=design.SLIDE_TEXT)
    return None


number = st.session_state[SLIDE.key]
slide, where = SLIDES[number - 1], t("present.slide", lang(), number=number, total=len(SLIDES))
exhibit = shown(slide)
tab_title(where)
with st.container(key="present_bar"):  # fixed at the foot of the screen (presentation.css)
    back, place, forward, table, leave = st.columns([2, 2, 2, 2, 2], vertical_alignment="center")
    back.button(t("present.previous", lang()), key="present_previous", on_click=go, args=("previous",),
                disabled=number == 1, width="stretch")
    place.markdown(html.slide_number(where, number, len(SLIDES)), unsafe_allow_html=True)
    forward.button(t("present.next", lang()), key="present_next", on_click=go, args=("next",), type="primary",
                   disabled=number == len(SLIDES), width="stretch")
    table.toggle(t("table.show_data", lang()), key=TABLE.key, disabled=exhibit is None or exhibit.rows is None)
    leave.page_link("pages/overview.py", label=t("present.exit", lang()), query_params=urlstate.link_params())
clicker.remote("present_clicker", "present", SLIDE.url, on_move=go)
urlstate.sync([SLIDE, TABLE])
show_notices()

if slide.kind == "title":
    words, where = st.columns([2, 3])
    with words:
        st.title(t("present.title", lang()))
        st.markdown(f"#### {t('present.subtitle', lang(), count=len(data.initiatives))}")
        follow(urlstate.address(), t("present.follow", lang()))
    with where:
        show(exhibits.peru_map(data, lang(), 430), key="present_map", table=False)
elif slide.kind == "end":
    st.title(t("present.end", lang()))
    follow(urlstate.address(), t("present.end_follow", lang()), t("present.end_sources", lang()), large=True)
elif slide.kind == "story":
    about = exhibits.about(data, slide.initiative, lang())
    st.title(markdown_text(about.name))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(markdown_text(about.summary))
        show(about.figures, key="present_figures")
    with right:
        show(exhibits.initiative_map(data, slide.initiative, lang(), 440), key="present_map")
else:
    if slide.kind == "compare":
        st.title(t("present.compare_metric", lang(), family=term("family", slide.family, lang()),
                   metric=term("metric", slide.metric, lang())))
    elif slide.kind == "figures":
        st.title(t("present.figures", lang(), family=term("family", slide.family, lang())))
    elif slide.kind == "timeline":
        st.title(markdown_text(exhibits.about(data, slide.initiative, lang()).name))
    else:
        st.title(t("compare_view.partners", lang()))
    if st.session_state[TABLE.key] and exhibit.rows is not None:  # the data in the chart's place
        show_table(exhibit.rows, key="present_chart_data", name=exhibit.name,
                   height="content" if len(exhibit.rows) <= design.SLIDE_TABLE_ROWS else design.SLIDE_TABLE_HEIGHT)
    else:
        show(exhibit, key="present_chart", table=False)
