"""The page's language for screen readers: Streamlit writes `<html lang="en">` whatever the page
says, so a component with no iframe (components v2) sets the document's `lang` on every run."""

import streamlit as st

_JS = """
export default function ({ data }) {
  document.documentElement.lang = data.lang;
}
"""

_declare = st.components.v2.component("cadenas_page_lang", js=_JS)


def declare(lang: str) -> None:
    """Make `lang` ('en', 'es') the language of the whole document, from this run on."""
    _declare(key="page_lang", data={"lang": lang})
