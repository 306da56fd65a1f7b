"""Sharing a view: its address, its embed snippet and its citation (the browser side, with the
QR code read back, is in tests/browser/test_share_browser.py)."""

import datetime as dt

import pytest

from components import html, ui, urlstate
from tests import datasets
from tests.apptest import open_page, popover_labels

DATA = datasets.dataset()
ROOT = "http://10.0.0.5:8501/cadenas"


def test_a_views_address_keeps_its_parameters_and_drops_streamlits_own():
    params = {"years": "2010-2018", "lang": "es", "embed": "true", "embed_options": "light_theme"}
    assert urlstate.view_url(ROOT, "timeline", params) == f"{ROOT}/timeline?years=2010-2018&lang=es"
    assert urlstate.view_url(ROOT, "", {}) == f"{ROOT}/"


def test_an_embed_address_asks_for_the_embedded_view():
    assert urlstate.view_url(ROOT, "compare", {"family": "money"}, embed=True) == \
        f"{ROOT}/compare?family=money&embed=true"


def test_without_the_apps_address_there_is_no_link_to_give():
    assert urlstate.view_url("", "timeline", {"years": "2010-2018"}) == ""


def test_an_address_with_hostile_parameters_is_encoded():
    address = urlstate.view_url(ROOT, "sources", {"q": '"><script>alert(1)</script>'})
    assert "<" not in address and '"' not in address


def test_the_embed_snippet_escapes_what_it_quotes():
    snippet = html.embed_snippet(f"{ROOT}/timeline?years=2010-2018&embed=true", 'A "title" <b>')
    assert 'src="http://10.0.0.5:8501/cadenas/timeline?years=2010-2018&amp;embed=true"' in snippet
    assert "&#34;title&#34; &lt;b&gt; · Cadenas" in snippet and "<b>" not in snippet


@pytest.mark.parametrize("lang, expected", [
    ("en", "Timeline 2010–2018. Cadenas, data version 049e7a02. Sources: Doc A (2021); Doc B. "
           f"Viewed 2026-03-04. {ROOT}/timeline"),
    ("es", "Timeline 2010–2018. Cadenas, versión de los datos 049e7a02. Fuentes: Doc A (2021); Doc B. "
           f"Consultado el 2026-03-04. {ROOT}/timeline"),
])
def test_a_citation_names_the_view_data_version_sources_day_and_address(lang, expected):
    assert ui.citation("Timeline 2010–2018", ["Doc A (2021)", "Doc B"], "049e7a02" + "f" * 56, dt.date(2026, 3, 4),
                       f"{ROOT}/timeline", lang) == expected


@pytest.mark.parametrize("page", ["overview", "regions", "timeline", "compare", "initiative", "sources", "upload"])
def test_every_page_has_a_share_control(page):
    assert popover_labels(open_page(page, DATA), share=True).count("Share") == 1


def test_a_talk_has_its_own_address_on_its_slides_and_no_share_control():
    assert "Share" not in popover_labels(open_page("present", DATA), share=True)


def test_share_opened_where_the_address_is_unknown_says_where_to_find_it():
    at = open_page("timeline", DATA)
    at.session_state["share_timeline"] = True
    at.run()
    assert not at.exception
    assert any("address bar" in caption.value for caption in at.caption)
