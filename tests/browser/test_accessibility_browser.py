"""WCAG 2.2 AA as axe-core checks it (the rules it can automate), on every page in English and in
Spanish, with filters and a region chosen, and on every slide; on the fixture data RECORDS."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import DECK, PLOTLY, corrected, open_app, wait_for_app

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWS = ["", "regions", "regions?region=cusco&metric=hectares", "timeline", "timeline?years=2017-2017&crop=coffee",
         "compare", "compare?family=money", "initiative", "sources", "sources?table=events&q=launch", "upload"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


def violations(axe, page) -> list[str]:
    """Each rule broken, with the elements that break it, as lines to print."""
    found = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}}).response["violations"]
    return [f"{rule['id']} ({rule['impact']}): {rule['help']} -> " + "; ".join(
        f"{' '.join(node['target'])}: {' '.join((node.get('failureSummary') or '').split())[:200]}"
        for node in rule["nodes"][:5]) for rule in found]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("view", VIEWS)
def test_every_page_passes_axe(page, app_url, axe, view, lang):
    open_app(page, f"{app_url}/{view}{'&' if '?' in view else '?'}lang={lang}")
    found = violations(axe, page)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_slide_passes_axe(page, app_url, axe, lang):
    open_app(page, f"{app_url}/present?lang={lang}")
    counter = page.get_by_text(re.compile(r"^(Slide|Diapositiva) 1 (of|de) \d+$")).inner_text()
    total = int(counter.split()[-1])
    broken = {}
    for number in range(1, total + 1):
        open_app(page, f"{app_url}/present?slide={number}&lang={lang}")
        page.wait_for_selector(f"{PLOTLY}, {DECK}, .cadenas-figure, .cadenas-follow")
        broken.update({number: found} for found in [violations(axe, page)] if found)
    assert broken == {}


def test_the_document_declares_the_pages_language(page, app_url):
    """Screen readers pronounce a page by its `lang` (WCAG 3.1.1): `es` on a Spanish page, and
    back to `en` when the reader switches language."""
    open_app(page, f"{app_url}/timeline?lang=es")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("radio", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    open_app(page, f"{app_url}/present?slide=2&lang=es")  # a slide too
    expect(page.locator("html")).to_have_attribute("lang", "es")


WORDS_SPLIT = """() => {  // the words of the page's title that the browser broke within, across two lines
  const title = document.querySelector("[data-testid=stMain] h1 span") || document.querySelector("[data-testid=stMain] h1");
  const text = title.firstChild.nodeType === 3 ? title.firstChild : title.querySelector("*").firstChild;
  const split = [];
  for (const match of text.data.matchAll(/[^\\s-]+-?/g)) {  // a line may break after a hyphen
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    if (new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1) split.push(match[0]);
  }
  return split;
}"""


@pytest.mark.parametrize("width, height", [(320, 640), (640, 360)])  # WCAG 1.4.10; 200% zoom on a 1280×720 screen
@pytest.mark.parametrize("view", ["", "regions", "timeline", "compare?lang=es", "initiative", "sources", "upload"])
def test_every_page_reflows_at_320_pixels_and_200_percent_zoom(browser, app_url, view, width, height):
    """Nothing makes the page scroll sideways (a chart may scroll inside itself), and the title
    keeps its words whole."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    open_app(page, f"{app_url}/{view}")
    main = page.get_by_test_id("stMain")
    assert main.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert page.evaluate(WORDS_SPLIT) == []
    context.close()


@pytest.mark.parametrize("view, name", [("timeline", "Timeline of"), ("compare", "Bar chart of"), ("regions", "Map of Peru")])
def test_each_chart_and_map_is_a_figure_named_by_its_alt_text(page, app_url, view, name):
    """Assistive technology reaches a chart or map as a figure that says what it shows."""
    open_app(page, f"{app_url}/{view}")
    expect(page.get_by_role("figure", name=re.compile(name)).first).to_be_visible()


FOCUS_SEEN = """() => {  // whether the user sees where the focus is: a ring, or a field's border in the primary colour
  const focused = document.activeElement;
  if (!focused || focused === document.body || focused.matches("[data-testid=stMain]")) return true;
  if (focused.matches("[data-testid=stSkipToContent]")) return true;  // shown only while it has the focus
  if (getComputedStyle(focused).outlineStyle !== "none") return true;
  const primary = getComputedStyle(document.documentElement).getPropertyValue("--cadenas-primary").trim();
  const [r, g, b] = [1, 3, 5].map(i => parseInt(primary.slice(i, i + 2), 16));
  for (let e = focused, k = 0; e && k < 4; e = e.parentElement, k++) {
    if (getComputedStyle(e).borderColor === `rgb(${r}, ${g}, ${b})`) return focused.matches("input, textarea");
  }
  return false;
}"""


def tab_to(page, target, presses: int = 60) -> None:
    """Press Tab until `target` has the focus, as a keyboard user moves through the page,
    checking at every stop that they can see where the focus is."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SEEN), page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
        if target.evaluate("element => element.contains(document.activeElement)"):
            return
    raise AssertionError(f"{target} is not reached by Tab")


# A field typed into from the keyboard, and what the page shows once Enter has chosen: the
# region map's keyboard path filters the page as a click on the map does; the sources' search
# finds Delta's two figures.
TYPED = [
    ("regions", "combobox", "Region", "Cusco", r"region=cusco", lambda page: page.get_by_role("heading", name="In Cusco")),
    ("initiative", "combobox", "Initiative", "Delta", r"initiative=delta",
     lambda page: page.get_by_role("heading", name=re.compile("Delta")).first),
    ("sources", "textbox", "Search", "delta", r"q=delta", lambda page: page.get_by_text(re.compile(r"^2 of 9 rows"))),
]


@pytest.mark.parametrize("path, role, name, typed, url, shown", TYPED, ids=[row[0] for row in TYPED])
def test_a_page_is_filtered_by_typing_into_its_field(page, app_url, path, role, name, typed, url, shown):
    open_app(page, f"{app_url}/{path}")
    tab_to(page, page.get_by_role(role, name=name))
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(url))
    expect(shown(page)).to_be_visible()


def test_a_dataset_is_uploaded_from_the_keyboard(page, app_url):
    """Tab to the uploader's button, Enter opens the file chooser; the check's outcome is said."""
    page.on("filechooser", lambda chooser: None)  # Playwright takes over file choosers from now, not a moment after Enter
    open_app(page, f"{app_url}/upload")
    tab_to(page, page.get_by_role("button", name="Upload", exact=True).and_(page.locator("button")))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files({"name": "metrics.yaml", "mimeType": "application/x-yaml",
                             "buffer": corrected()["metrics.yaml"]})
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("metrics.yaml")


def test_compare_changes_measure_from_the_keyboard(page, app_url):
    open_app(page, f"{app_url}/compare")
    tab_to(page, page.get_by_role("radio", name="People"))  # the chosen one; arrows move within the group
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Money")).to_be_focused()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"family=money"))


def test_nothing_moves_for_a_reader_who_asks_for_reduced_motion(browser, app_url):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    open_app(page, f"{app_url}/timeline")
    expect(page.locator(PLOTLY).first).to_be_visible()  # the page has run, its style with it
    moving = page.evaluate("""() => [...document.querySelectorAll("[data-testid=stApp] *")].filter(element => {
        const style = getComputedStyle(element);
        return [style.transitionDuration, style.animationDuration].some(times => times.split(",").some(t => parseFloat(t) > 0));
    }).map(element => element.outerHTML.slice(0, 120))""")
    assert moving == []
    context.close()


def test_the_overview_opens_a_profile_from_the_keyboard(page, app_url):
    open_app(page, f"{app_url}/")
    tab_to(page, page.locator(".st-key-overview_card_beta").get_by_role("link", name="Open the profile"), presses=120)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/initiative\?initiative=beta"))
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Initiative")).to_be_visible()


def test_the_timeline_is_filtered_from_the_keyboard(page, app_url):
    """The filters open from the keyboard with the focus inside them, in reading order."""
    open_app(page, f"{app_url}/timeline")
    tab_to(page, page.get_by_role("button", name=re.compile("^Filters")))
    page.wait_for_function("window.cadenasFocusesPopovers")  # the tab's script has started
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("stPopoverBody")).to_be_focused()
    years = page.get_by_role("slider", name=re.compile("Years")).first
    expect(years).to_be_visible()  # the slider is drawn a moment after the rest
    page.keyboard.press("Tab")
    expect(years).to_be_focused()
    tab_to(page, page.get_by_role("button", name="Banana", exact=True), presses=5)  # one stop per group
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("button", name="Cacao", exact=True)).to_be_focused()
    page.keyboard.press("Enter")  # every crop was chosen: cacao is left out
    expect(page).to_have_url(re.compile(r"crop=banana%2Ccoffee(&|$)"))
