"""The screens people use: a phone opening a shared link, and a 1366×768 laptop, on the fixture
data RECORDS."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DECK, PLOTLY, open_app, screenshot

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
PROJECTOR = {"viewport": {"width": 1280, "height": 720}}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def laptop(browser):
    context = browser.new_context(**LAPTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path, main", [("", DECK), ("timeline", PLOTLY), ("compare", PLOTLY), ("regions", DECK)])
def test_a_shared_link_on_a_phone_opens_on_the_view_not_the_menu(phone, app_url, path, main):
    open_app(phone, f"{app_url}/{path}")
    expect(phone.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    expect(phone.locator(main).first).to_be_visible()
    screenshot(phone, f"phone-{path or 'overview'}")


@pytest.mark.parametrize("path", ["timeline", "compare"])
def test_a_phone_opens_the_filters_from_one_control(phone, app_url, path):
    open_app(phone, f"{app_url}/{path}")
    filters = phone.get_by_role("button", name="Filters")
    expect(filters).to_be_in_viewport()
    filters.click()
    expect(phone.get_by_role("toolbar", name="Initiatives")).to_be_visible()


@pytest.mark.parametrize("path", ["timeline", "compare", "compare?family=money&lang=es"])
def test_on_a_phone_a_chart_keeps_the_screens_width_for_its_data(phone, app_url, path):
    """Names sit above lanes and bars, so the plot is not squeezed by a margin of labels, and
    nothing runs off the right edge."""
    open_app(phone, f"{app_url}/{path}")
    plot = phone.locator(".js-plotly-plot .nsewdrag").first.bounding_box()  # the plot area itself
    assert plot["width"] >= 0.8 * PHONE["viewport"]["width"], plot
    main = phone.get_by_test_id("stMain")
    assert main.evaluate("element => element.scrollWidth <= element.clientWidth")


@pytest.mark.parametrize("path", ["compare", "compare?family=money&log=1&lang=es"])
def test_on_a_phone_every_bar_is_labelled_on_the_screen(phone, app_url, path):
    """Each bar's label is drawn above it, on a log scale too (plotly leaves out text it finds
    outside the axis), and none runs off the screen."""
    open_app(phone, f"{app_url}/{path}")
    labels = phone.locator(".js-plotly-plot .textpoint text")
    expect(labels.first).to_be_visible()
    assert labels.count() == phone.locator(".js-plotly-plot .bars .point").count()
    for label in labels.all():
        box = label.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["viewport"]["width"], (label.text_content(), box)


@pytest.mark.parametrize("path, main", [("", DECK), ("regions", DECK), ("initiative", DECK),
                                        ("timeline", PLOTLY), ("compare", PLOTLY)])
def test_the_chart_starts_on_a_laptops_first_screen(laptop, app_url, path, main):
    open_app(laptop, f"{app_url}/{path}")
    expect(laptop.locator(main).first).to_be_visible()
    chart = laptop.locator(main).first.bounding_box()
    assert LAPTOP["viewport"]["height"] - chart["y"] >= 300, chart  # enough of it to read, not its top edge


@pytest.mark.parametrize("path, title", [("timeline?years=2017-2017", "Timeline 2017 · Cadenas"),
                                         ("compare?lang=es", "Comparar iniciativas · Cadenas"),
                                         ("present?slide=2", re.compile(r"^Slide 2 of \d+ · Cadenas$"))])
def test_each_page_and_slide_names_its_tab(laptop, app_url, path, title):
    open_app(laptop, f"{app_url}/{path}")
    expect(laptop).to_have_title(title)


def test_on_a_phone_a_one_finger_swipe_over_the_map_scrolls_the_page(phone, app_url):
    """The map must not trap the page: a visitor swiping up over it reads on."""
    open_app(phone, f"{app_url}/regions")
    canvas = phone.locator(DECK).first
    canvas.scroll_into_view_if_needed()
    main = phone.get_by_test_id("stMain")
    before = main.evaluate("element => element.scrollTop")
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, min(box["y"] + box["height"] * 0.8, PHONE["viewport"]["height"] - 20)
    touch = phone.context.new_cdp_session(phone)
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):  # a finger moving 250 px up, in steps as a real one reports it
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 25 * step}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    phone.wait_for_function("before => document.querySelector('[data-testid=stMain]').scrollTop > before + 100",
                            arg=before)


def test_on_a_phone_the_profiles_chronology_reads_down_the_screen(phone, app_url):
    """Each entry puts its date and kind over its text, which keeps the list's width, and the
    strip's phase names stay on the screen."""
    open_app(phone, f"{app_url}/initiative?initiative=gamma")
    entries = phone.locator(".cadenas-chronicle li")
    expect(entries.first).to_be_visible()
    for entry in entries.all():
        text = entry.locator("> span").last.bounding_box()
        assert text["width"] >= 0.9 * entry.bounding_box()["width"], text
    for name in phone.locator(".cadenas-chronology .row span").all():
        box = name.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["viewport"]["width"], box
    screenshot(phone, "phone-initiative")


@pytest.mark.parametrize("path", ["timeline", "timeline?lang=es"])
def test_on_a_phone_the_timelines_key_and_names_stay_on_the_screen(phone, app_url, path):
    open_app(phone, f"{app_url}/{path}")
    texts = phone.locator(".js-plotly-plot g.annotation text")
    expect(texts.first).to_be_visible()
    tools = [button.bounding_box() for button in phone.locator(".js-plotly-plot .modebar-btn").all()
             if button.is_visible()]
    for text in texts.all():
        box = text.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["viewport"]["width"], (text.text_content(), box)
        assert not any(_overlap(box, tool) for tool in tools), (text.text_content(), box)  # no toolbar over the key


def _overlap(a, b):
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("screen", [PROJECTOR, PHONE], ids=["projector", "phone"])
def test_the_slide_number_sits_level_with_the_slide_buttons_and_on_the_screen(browser, app_url, screen):
    context = browser.new_context(**screen)
    page = context.new_page()
    open_app(page, f"{app_url}/present?slide=10&lang=es")  # two digits, as most slides have
    shown = page.locator(".cadenas-slide-number " + (".cadenas-narrow" if screen is PHONE else ".cadenas-wide"))
    assert shown.evaluate("text => text.getClientRects().length") == 1, "the slide number wraps"
    number = page.locator(".cadenas-slide-number").bounding_box()
    button = page.get_by_role("button", name=re.compile("Siguiente")).bounding_box()
    assert abs((number["y"] + number["height"] / 2) - (button["y"] + button["height"] / 2)) <= 2, (number, button)
    assert number["y"] + number["height"] <= screen["viewport"]["height"]
    for label in page.locator(".st-key-present_bar button p").all():  # every button's label whole
        assert label.evaluate("p => p.scrollWidth <= p.clientWidth"), label.inner_text()
    screenshot(page, f"slide-bar-{screen['viewport']['width']}")
    context.close()


@pytest.mark.parametrize("slide", [3, 10, 14], ids=["timeline", "comparison", "partners"])
def test_on_a_phone_a_slides_chart_keeps_its_words_whole_and_scrolls_within_its_frame(phone, app_url, slide):
    """A slide's chart is drawn at a projector's text size: on a phone every word of it stays
    inside the chart, which scrolls sideways within its frame while the page does not."""
    open_app(phone, f"{app_url}/present?slide={slide}")
    chart = phone.locator(".st-key-present_chart")
    expect(chart.locator(PLOTLY).first).to_be_visible()
    right = chart.locator(PLOTLY).first.evaluate("svg => svg.getBoundingClientRect().right")
    words = chart.locator(f"{PLOTLY} text").evaluate_all(
        "texts => texts.filter(t => t.textContent.trim()).map(t => [t.textContent, t.getBoundingClientRect().right])")
    assert words and all(end <= right + 1 for _, end in words), [word for word, end in words if end > right + 1]
    frame = chart.locator("xpath=..")
    assert frame.evaluate("block => block.scrollWidth > block.clientWidth")  # its frame scrolls sideways
    assert phone.locator("[data-testid='stMain']").evaluate("main => main.scrollWidth <= main.clientWidth")
