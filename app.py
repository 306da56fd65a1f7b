"""Cadenas: the router. Page config, navigation and what every page shares (language)."""

import streamlit as st

from components import urlstate
from components.i18n import LANGUAGES, t
from components.ui import apply_style
from components.urlstate import LANGUAGE, lang

st.set_page_config(page_title="Cadenas", layout="wide", initial_sidebar_state="expanded")
urlstate.seed([], page=False)
apply_style()

PAGES = [
    ("pages/overview.py", "nav.overview", "overview", True),
    ("pages/regions.py", "nav.map", "regions", False),
    ("pages/timeline.py", "nav.timeline", "timeline", False),
    ("pages/compare.py", "nav.compare", "compare", False),
    ("pages/initiative.py", "nav.profile", "initiative", False),
    ("pages/sources.py", "nav.sources", "sources", False),
    ("pages/upload.py", "nav.upload", "upload", False),
    ("pages/present.py", "nav.present", "present", False),
]
page = st.navigation([
    st.Page(path, title=t(title, lang()), url_path=url_path, default=default)
    for path, title, url_path, default in PAGES
])

with st.sidebar:
    st.segmented_control(
        t("app.language", lang()), LANGUAGES, key=LANGUAGE.key,
        format_func=lambda code: t(f"language.{code}", code), required=True,
    )
    st.caption(t("app.about", lang()))
urlstate.sync(urlstate.SHARED, page=False)

page.run()
