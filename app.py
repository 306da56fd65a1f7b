"""Cadenas: the router. Page config, navigation and what every page shares (language)."""

import streamlit as st

from components import site, tab, urlstate
from components.store import drop_upload, upload_state
from components.i18n import LANGUAGES, t
from components.ui import apply_style, share_view, this_page
from components.urlstate import LANGUAGE, lang

st.set_page_config(page_title="Cadenas", layout="wide", initial_sidebar_state="auto")
urlstate.seed([], page=False)
apply_style()
page = st.navigation([
    st.Page(each.path, title=t(each.title, lang()), url_path=each.url_path, default=each is site.DEFAULT)
    for each in site.PAGES
])
if tab.declare(lang(), upload_state()):
    drop_upload(notice="upload.lost")

with st.sidebar:
    st.segmented_control(
        t("app.language", lang()), LANGUAGES, key=LANGUAGE.key,
        format_func=lambda code: t(f"language.{code}", code), required=True,
    )
    st.caption(t("app.about", lang()))
urlstate.sync(urlstate.SHARED, page=False)

this_page(page.url_path)
page.run()
share_view(page.url_path)
