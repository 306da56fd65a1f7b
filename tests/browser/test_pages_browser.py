"""Every page in real Chromium: it renders (plotly SVG, deck.gl canvas), a shared URL restores
its view, a click on a map region filters the page, and nothing leaves the machine. The pages show
the fixture data RECORDS (tests/browser/conftest.py); one smoke pass opens them on the app's own."""

import datetime as dt
import math
import re

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from components.vocabulary import METRICS
from tests.browser.conftest import DECK, INITIATIVES, PLOTLY, RECORDS, REGIONS, TABLE, open_app, screenshot, wait_for_app
from tests import datasets
from tests.conftest import DATA_DIR
from tests.server import start_streamlit

NOTE = "[data-testid='stAlertContentInfo']"  # a page's note where a selection leaves nothing to draw

PAGES = [  # url path, what must be drawn, a heading that must show, a text of the fixture data it shows
    ("", DECK, "Cadenas: Peru's value-chain initiatives", "Delta Cacao Huánuco"),
    ("regions", DECK, "Region map", f"Figures ({len(RECORDS['metrics.yaml'])})"),
    ("timeline", PLOTLY, "Timeline 2000–2021", f"Events shown ({len(RECORDS['events.yaml'])})"),
    ("compare", PLOTLY, "Compare initiatives", "Gamma"),
    ("initiative", DECK, "Initiative profile", "Alpha Banana Group"),
    ("sources", TABLE, "Sources and data", "doc-b title"),
]


@pytest.mark.parametrize("path, drawn, heading, shown", PAGES, ids=[p[0] or "overview" for p in PAGES])
def test_page_renders_offline(page, app_url, requests_log, path, drawn, heading, shown):
    open_app(page, f"{app_url}/{path}")
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator(drawn).first).to_be_visible()
    expect(page.get_by_text(shown).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, path or "overview")
    assert requests_log, "the recorder saw no requests at all"
    assert requests_log.outbound() == []


SPANISH_HEADINGS = {
    "": "Cadenas: iniciativas de cadenas de valor del Perú",
    "regions": "Mapa de regiones",
    "timeline": "Cronología 2000–2021",
    "compare": "Comparar iniciativas",
    "initiative": "Ficha de iniciativa",
    "sources": "Fuentes y datos",
}


def test_spanish_pages_render(page, app_url, requests_log):
    for path, heading in SPANISH_HEADINGS.items():
        open_app(page, f"{app_url}/{path}?lang=es")
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        if path in ("", "initiative"):  # an initiative's Spanish name, where the data gives one
            expect(page.get_by_role("heading", name=INITIATIVES["alpha"]["name_es"], exact=True)).to_be_visible()
        screenshot(page, f"es-{path or 'overview'}")
    assert requests_log.outbound() == []


def test_shared_timeline_url_restores_the_view(page, app_url):
    open_app(page, f"{app_url}/timeline?crop=cacao&kind=partnership,funding&years=2012-2018")
    expect(page.locator(PLOTLY).first).to_be_visible()
    assert "crop=cacao" in page.url and "years=2012-2018" in page.url
    # the table is drawn when its expander is opened, and the URL then keeps it open
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    # Gamma's 2014 partnership and Delta's 2016 funding; Delta's 2019 partnership is after the range
    page.get_by_text("Events shown (2)").click()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    expect(page).to_have_url(re.compile(r"table=1"))
    # the filters wait behind one control that says how they narrow the view
    filters = page.get_by_role("button", name="Filters · Crops: 1 of 3 · Event kinds: 2 of 8 · Years: 2012–2018")
    filters.click()
    # changing a filter writes the URL again, ready to be shared, and the filters stay open
    page.get_by_role("toolbar", name="Crops").get_by_role("button", name="Banana").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"crop=banana(%2C|,)cacao"))
    expect(page.get_by_role("toolbar", name="Crops")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Filters · Crops: 2 of 3"))).to_be_visible()


def test_shared_compare_url_restores_the_view(page, app_url):
    open_app(page, f"{app_url}/compare?family=money&log=1&lang=es")
    expect(page.get_by_role("heading", name="Comparar iniciativas")).to_be_visible()
    expect(page.locator(PLOTLY).first).to_be_visible()
    page.get_by_role("button", name="Filtros · Escala logarítmica").click()
    assert page.get_by_role("switch", name="Escala logarítmica").is_checked()
    expect(page.locator(".js-plotly-plot").first).to_contain_text("US$2 millones")  # funding: Alpha's and Beta's
    expect(page.locator(".cadenas-figures")).to_contain_text("US$3 millones")  # exports: Delta's, on its own


def test_compare_views_draw_one_chart_each_and_keep_the_filters(page, app_url):
    open_app(page, f"{app_url}/compare?lang=es")
    page.get_by_role("radio", name="Tierra", exact=True).click()  # reruns only the figures view
    expect(page.locator(".js-plotly-plot", has_text="Hectáreas")).to_be_visible()
    expect(page).to_have_url(re.compile(r"family=land"))  # which writes the URL itself
    page.get_by_test_id("stRadio").get_by_text("Organizaciones socias por tipo").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"view=partners"))
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    expect(page.locator(".js-plotly-plot")).to_contain_text("ONG")
    page.get_by_test_id("stRadio").get_by_text("Cifras de escala").click()
    expect(page.locator(".js-plotly-plot", has_text="Hectáreas")).to_be_visible()  # still the land figures
    expect(page.locator(".js-plotly-plot")).to_have_count(1)  # and the partners chart is gone
    expect(page).not_to_have_url(re.compile(r"view="))
    assert "family=land" in page.url


def test_compare_table_follows_the_family_open_or_closed(page, app_url):
    open_app(page, f"{app_url}/compare")
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_have_count(0)
    page.get_by_role("radio", name="Land", exact=True).click()  # closed, it is not drawn again
    expect(page.locator(".js-plotly-plot", has_text="Hectares")).to_be_visible()
    page.get_by_text("Show the data").click()
    expect(table).to_be_visible()
    expect(page).to_have_url(re.compile(r"table=1"))
    assert downloaded_csv(page) == (f"cadenas-compare-land-{dt.date.today().isoformat()}.csv", figures_in("land"))
    page.get_by_role("radio", name="Money", exact=True).click()  # open, it follows the family
    expect(page.locator(".js-plotly-plot", has_text="US$")).to_be_visible()
    assert downloaded_csv(page) == (f"cadenas-compare-money-{dt.date.today().isoformat()}.csv", figures_in("money"))
    expect(page.get_by_text("Show the data")).to_have_count(1)
    page.get_by_text("Show the data").click()
    expect(table).to_have_count(0)
    expect(page.get_by_text("Show the data")).to_have_count(1)
    expect(page).not_to_have_url(re.compile(r"table="))


def figures_in(family: str) -> int:
    """How many figures of the fixture data belong to a family, charted or standing alone."""
    return sum(METRICS[figure["metric"]].family == family for figure in RECORDS["metrics.yaml"])


def downloaded_csv(page) -> tuple[str, int]:
    """The file name of the table's CSV download, and how many rows it holds."""
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download CSV").click()
    return caught.value.suggested_filename, len(pd.read_csv(caught.value.path()))


def test_shared_profile_url_restores_the_initiative(page, app_url):
    gamma = INITIATIVES["gamma"]
    events = [event for event in RECORDS["events.yaml"] if event["initiative"] == "gamma"]
    open_app(page, f"{app_url}/initiative?initiative=gamma")
    expect(page.get_by_role("heading", name=gamma["name"], exact=True)).to_be_visible()
    expect(page.locator(".cadenas-chronicle li")).to_have_count(len(gamma["phases"]) + len(events))
    planned = sum(event.get("status") == "planned" for event in events)
    expect(page.locator(".cadenas-chronology .event.planned")).to_have_count(planned)


def screen_point(canvas_box, lat, lon, view):
    """Where deck.gl's Web Mercator view puts (lat, lon) on the canvas."""
    world = 512 * 2 ** view["zoom"]

    def project(lat_deg, lon_deg):
        x = (lon_deg + 180) / 360 * world
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat_deg) / 2)) / math.pi) / 2 * world
        return x, y

    cx, cy = project(view["latitude"], view["longitude"])
    x, y = project(lat, lon)
    return canvas_box["x"] + canvas_box["width"] / 2 + x - cx, canvas_box["y"] + canvas_box["height"] / 2 + y - cy


def test_click_on_a_map_region_filters_the_page(page, app_url, requests_log):
    from components import maps

    page.clock.install()  # flows as usual until the click below
    # Sized by hectares, the one circle is in Huánuco: the click lands on Cajamarca itself.
    open_app(page, f"{app_url}/regions?metric=hectares")
    canvas = page.locator(DECK).first
    expect(canvas).to_be_visible()
    cajamarca = REGIONS["cajamarca"]
    view = maps.whole_view(datasets.dataset(RECORDS).boundaries, maps.MAP_HEIGHT)
    # Hovering until deck.gl's tooltip names the region proves the map is ready to pick. The
    # point is found again at each try, in case the page's layout moved the map since the last.
    tooltip = page.locator(".deck-tooltip")
    for nudge in range(100):
        x, y = screen_point(canvas.bounding_box(), cajamarca["lat"], cajamarca["lon"], view)
        page.mouse.move(x, y + nudge % 2)
        try:
            tooltip.wait_for(state="visible", timeout=250)
            break
        except PlaywrightTimeout:
            continue
    expect(tooltip).to_contain_text(INITIATIVES["beta"]["name"])
    # deck.gl takes a press as a click only if it sees the button released within 250 ms, and
    # the pick it runs on the press can take longer than that in software WebGL on a busy
    # machine: the page's clock stands still while the button is down. It is paused a few
    # seconds ahead, since the fake clock may already run a little ahead of Date.now().
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 5)
    page.mouse.click(x, y)
    page.clock.resume()
    expect(page.get_by_role("heading", name="In Cajamarca")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=cajamarca"))
    beta = [figure for figure in RECORDS["metrics.yaml"] if figure["initiative"] == "beta"]
    expect(page.get_by_text(f"Figures ({len(beta)})")).to_be_visible()  # only Beta works in Cajamarca
    figures = page.get_by_test_id("stDataFrame").first
    expect(figures).to_contain_text(INITIATIVES["beta"]["short_name"])
    expect(figures).not_to_contain_text(INITIATIVES["alpha"]["short_name"])
    screenshot(page, "regions-clicked-cajamarca")
    assert requests_log.outbound() == []


def test_a_deep_link_opened_first_on_a_fresh_server_gets_the_whole_app(browser, fixture_data):
    """Streamlit runs a pages/ app in legacy mode until app.py has run once; the app must not."""
    process, url = start_streamlit(data_dir=fixture_data)
    try:
        page = browser.new_page()
        open_app(page, f"{url}/timeline?crop=cacao&lang=es")
        navigation = page.get_by_test_id("stSidebarNav")
        expect(navigation).to_contain_text("Cronología")
        expect(navigation).not_to_contain_text("app")
        expect(page.get_by_role("heading", name="Cronología 2000–2021")).to_be_visible()
        page.get_by_role("button", name=re.compile(r"^Filtros")).click()
        assert page.get_by_role("toolbar", name="Cultivos").get_by_role("button", name="Banano").get_attribute(
            "aria-pressed") == "false"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_shared_map_and_sources_urls_restore_their_views(page, app_url):
    open_app(page, f"{app_url}/regions?region=huanuco&metric=hectares")
    expect(page.get_by_role("heading", name="In Huánuco")).to_be_visible()
    expect(page.locator(DECK).first).to_be_visible()
    assert "metric=hectares" in page.url  # kept, not replaced by the default measure
    partners = sum(len(initiative.get("organisations", [])) for initiative in INITIATIVES.values())
    open_app(page, f"{app_url}/sources?table=organisations&q=Beta NGO")
    expect(page.get_by_text(f"1 of {partners} rows")).to_be_visible()
    expect(page.get_by_test_id("stTextInput").locator("input")).to_have_value("Beta NGO")


# Notes each width the main column takes while it holds content.
COLUMN_WIDTHS = """
window.__columnWidths = [];
new MutationObserver((_, observer) => {
  const column = document.querySelector("[data-testid='stMainBlockContainer']");
  if (!column) return;
  observer.disconnect();
  new ResizeObserver(([entry]) => {
    if (entry.contentRect.height > 0) window.__columnWidths.push(entry.contentRect.width);
  }).observe(column);
}).observe(document, {subtree: true, childList: true});
"""


@pytest.mark.parametrize("path", ["timeline", "regions"])
def test_projector_type_is_set_before_the_page_draws(page, app_url, path):
    """The larger type comes with the theme, so nothing drawn is laid out again when the app's
    stylesheet arrives: a late change of root size narrowed the column by 10 pixels, and every
    element (a map's canvas too) was drawn again at the new width."""
    page.add_init_script(COLUMN_WIDTHS)
    open_app(page, f"{app_url}/{path}")
    expect(page.locator(PLOTLY if path == "timeline" else DECK).first).to_be_visible()
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "17px"
    widths = page.evaluate("window.__columnWidths")
    assert widths and len(set(widths)) == 1, widths


# What any valid dataset draws on each page: a map, or a chart or table unless the data leaves
# nothing to draw there, when the page says so in a note.
SMOKE = [
    ("", DECK), ("regions", DECK), ("timeline", f"{PLOTLY}, {NOTE}"), ("compare", f"{PLOTLY}, {NOTE}"),
    ("initiative", DECK), ("sources", f"{TABLE}, {NOTE}"),
    ("upload", "[data-testid='stFileUploaderDropzone']"), ("present", DECK),
]


@pytest.mark.app_data
def test_every_page_opens_on_the_apps_own_data(page, requests_log):
    """The smoke pass on the data the app runs on (CADENAS_DATA_DIR, else data/): nothing here
    depends on what that data holds."""
    process, url = start_streamlit(data_dir=DATA_DIR)
    try:
        for path, drawn in SMOKE:
            open_app(page, f"{url}/{path}")
            expect(page.get_by_test_id("stHeading").first).to_be_visible()
            expect(page.locator(drawn).first).to_be_visible()
            expect(page.get_by_test_id("stException")).to_have_count(0)
            expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)  # no data problem listed
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert requests_log.outbound() == []
