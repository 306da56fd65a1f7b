"""Workshop features in real Chromium, on the fixture data RECORDS: the presentation,
downloads, uploads and embedding."""

import copy
import datetime as dt
import io
import re
import struct
import zipfile

import pandas as pd
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from components.design import SLIDE_TABLE_HEIGHT, SLIDE_TEXT
from tests import datasets
from tests.browser.conftest import (DECK, INITIATIVES, PLOTLY, RECORDS, TABLE, corrected, open_app, screenshot, upload_zip,
                                   wait_for_app)
from tests.server import start_streamlit

TODAY = dt.date.today().isoformat()
# Initiatives working in cacao, by short name, as the timeline's table names them.
CACAO = {i["id"]: i["short_name"] for i in INITIATIVES.values() if "cacao" in i["crops"]}


def test_presentation_steps_through_and_opens_at_a_slide(page, app_url, requests_log):
    open_app(page, f"{app_url}/present?lang=es")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    total = int(re.search(r"de (\d+)", page.get_by_text(re.compile(r"Diapositiva 1 de \d+")).inner_text()).group(1))
    # the title; a story and a timeline for each initiative; producers, hectares and funding
    # compared, then money's lone export figure; governance; where to explore
    assert total == 1 + 2 * len(INITIATIVES) + 3 + 1 + 1 + 1
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Diapositiva {number} de {total}")).to_be_visible()
        wait_for_app(page)
        expect(page).to_have_url(re.compile(rf"slide={number}(&|$)") if number > 1 else re.compile(r"/present"))
        screenshot(page, f"present-es-{number:02d}")
        if number < total:
            page.get_by_role("button", name="Siguiente →").click()
    expect(page.get_by_role("button", name="Siguiente →")).to_be_disabled()
    open_app(page, f"{app_url}/present?slide=3")  # the first initiative's timeline
    expect(page.get_by_role("heading", name=INITIATIVES["alpha"]["name"], exact=True)).to_be_visible()
    expect(page.locator(PLOTLY).first).to_be_visible()
    assert requests_log.outbound() == []


def clicker_listening(page) -> None:
    """Wait until the presentation's remote listens for keys (it mounts after the page draws)."""
    page.wait_for_selector("html[data-clicker='listening']", state="attached")
    wait_for_app(page)


def test_a_clicker_and_the_back_button_move_between_slides(page, app_url):
    open_app(page, f"{app_url}/present")
    clicker_listening(page)
    total = int(re.search(r"of (\d+)", page.get_by_text(re.compile(r"Slide 1 of \d+")).inner_text()).group(1))
    for key, number in [("PageDown", 2), ("ArrowRight", 3), ("Space", 4), ("PageUp", 3), ("ArrowLeft", 2),
                        ("End", total), ("Home", 1), ("Enter", 2)]:
        page.keyboard.press(key)
        expect(page.get_by_text(f"Slide {number} of {total}")).to_be_visible()
        clicker_listening(page)
    expect(page).to_have_url(re.compile(r"slide=2(&|$)"))
    page.go_back()  # to the slide shown before, as the address says
    expect(page.get_by_text(f"Slide 1 of {total}")).to_be_visible()
    clicker_listening(page)
    page.keyboard.press("End")
    expect(page.get_by_text(f"Slide {total} of {total}")).to_be_visible()
    clicker_listening(page)
    page.keyboard.press("PageUp")  # governance, whose chart has its data behind the switch
    expect(page.get_by_text(f"Slide {total - 1} of {total}")).to_be_visible()
    wait_for_app(page)
    page.get_by_role("switch", name="Show the data").press("Space")  # Space presses the focused switch
    expect(page).to_have_url(re.compile(r"table=1"))
    clicker_listening(page)
    page.keyboard.press("PageUp")  # and the clicker still moves from there
    expect(page.get_by_text(f"Slide {total - 2} of {total}")).to_be_visible()


def test_the_first_and_last_slides_give_the_audience_the_apps_address_as_a_qr_code(page, app_url):
    """Scanned from the screen, the code opens the app, in the talk's language."""
    for slide, url in [("1", f"{app_url}/"), ("last", f"{app_url}/?lang=es")]:
        open_app(page, f"{app_url}/present?lang=es" if slide == "last" else f"{app_url}/present")
        if slide == "last":
            # Until the last slide is drawn, the first slide's code is still on the screen.
            total = re.search(r"de (\d+)", page.get_by_text(re.compile(r"Diapositiva 1 de \d+")).inner_text()).group(1)
            clicker_listening(page)
            page.keyboard.press("End")
            expect(page.get_by_text(f"Diapositiva {total} de {total}")).to_be_visible()
            wait_for_app(page)
        code = page.locator("img.cadenas-qr")
        expect(code).to_be_visible()
        (read,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(code.screenshot())))
        assert read.text == url
        expect(page.get_by_text(url.removeprefix("http://"), exact=True)).to_be_visible()


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_every_slide_fits_a_projector_with_its_controls_in_view(page, app_url, width, height):
    """On a 1280×720 projector or a 1920×1080 screen no slide scrolls: its title, chart or map,
    key and sources, and the bar of controls at its foot are all on the screen at once."""
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, f"{app_url}/present")
    total = int(re.search(r"of (\d+)", page.get_by_text(re.compile(r"Slide 1 of \d+")).inner_text()).group(1))
    for number in range(1, total + 1):
        open_app(page, f"{app_url}/present?slide={number}")
        page.wait_for_selector(f"{PLOTLY}, {DECK}, .cadenas-figure, .cadenas-follow")
        main = page.locator("[data-testid='stMain']")
        overflow = main.evaluate("main => main.scrollHeight - main.clientHeight")
        assert overflow <= 0, f"slide {number} is {overflow} px too tall"
        expect(page.get_by_role("button", name=re.compile("Next"))).to_be_in_viewport()
        sizes = page.eval_on_selector_all(  # every word a chart draws on the slide
            ".js-plotly-plot .main-svg text", "texts => texts.filter(t => t.textContent.trim())"
            ".map(t => parseFloat(getComputedStyle(t).fontSize))")
        assert min(sizes, default=SLIDE_TEXT) >= SLIDE_TEXT, f"slide {number} draws text at {min(sizes)} px"
        screenshot(page, f"slide-{number}-{width}x{height}")


def test_a_figure_alone_on_its_slide_is_written_large_in_a_card(page, app_url):
    """A measure only one initiative has stands alone on its slide: its number at three times a
    chart's slide text, in a card with its year, status and source, not a small line at the top."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(page, f"{app_url}/present?slide=13")
    card = page.locator(".cadenas-figures .cadenas-figure")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("2019")
    expect(card).to_contain_text("achieved")
    expect(card).to_contain_text("Doc B")
    size = card.locator(".value").evaluate("value => parseFloat(getComputedStyle(value).fontSize)")
    assert size >= 3 * SLIDE_TEXT, size
    assert card.bounding_box()["width"] >= 1280 / 3


def many_partners() -> dict[str, list]:
    """RECORDS with fourteen partner organisations for Delta: more rows than a slide holds."""
    data = copy.deepcopy(RECORDS)
    delta = next(i for i in data["initiatives.yaml"] if i["id"] == "delta")
    delta["organisations"] = [{"name": f"Delta Partner {n}", "type": "cooperative", "role": "buys cacao",
                               "source": "doc-b"} for n in range(1, 15)]
    return data


def test_every_slides_data_fits_a_projector_with_its_download_in_view(browser, tmp_path):
    """With "Show the data" on, a slide's table takes its chart's place and scrolls within its
    frame: the slide itself never scrolls, and the CSV button and the bar stay on the screen."""
    process, url = start_streamlit(data_dir=datasets.write(tmp_path / "data", many_partners()))
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        open_app(page, f"{url}/present")
        total = int(re.search(r"of (\d+)", page.get_by_text(re.compile(r"Slide 1 of \d+")).inner_text()).group(1))
        heights = {}
        for number in range(1, total + 1):
            open_app(page, f"{url}/present?slide={number}&table=true")
            if page.get_by_role("switch", name="Show the data").is_disabled():
                continue
            expect(page.locator(TABLE)).to_be_visible()
            overflow = page.locator("[data-testid='stMain']").evaluate("main => main.scrollHeight - main.clientHeight")
            assert overflow <= 0, f"slide {number} with its data is {overflow} px too tall"
            expect(page.get_by_role("button", name="Download CSV")).to_be_in_viewport(ratio=1)
            expect(page.get_by_role("button", name=re.compile("Next"))).to_be_in_viewport()
            heights[page.get_by_test_id("stHeading").first.inner_text()] = page.locator(TABLE).bounding_box()["height"]
            screenshot(page, f"slide-{number}-data-1280x720")
        assert len(heights) >= 4  # timelines, comparisons, lone figures and partners
        assert heights[INITIATIVES["alpha"]["name"]] < SLIDE_TABLE_HEIGHT / 2  # two events: no blank rows under them
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_csv_download_holds_the_rows_shown(page, app_url):
    open_app(page, f"{app_url}/timeline?crop=cacao&table=1")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download CSV").click()
    download = caught.value
    assert download.suggested_filename == f"cadenas-timeline-2000-2021-{TODAY}.csv"  # what, and when
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads its accents as written
    table = pd.read_csv(download.path(), encoding="utf-8-sig")
    assert len(table) == sum(event["initiative"] in CACAO for event in RECORDS["events.yaml"])
    assert set(table["initiative"]) == set(CACAO.values())


def test_dataset_zip_download_opens(page, app_url):
    open_app(page, f"{app_url}/sources")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download the whole dataset (zip)").click()
    archive = zipfile.ZipFile(caught.value.path())
    metrics = pd.read_csv(io.BytesIO(archive.read("cadenas-data/csv/metrics.csv")))
    assert len(metrics) == len(RECORDS["metrics.yaml"])
    assert "cadenas-data/yaml/events.yaml" in archive.namelist() and "cadenas-data/README.md" in archive.namelist()


def test_chart_png_has_a_meaningful_name_and_presentation_size(page, app_url):
    open_app(page, f"{app_url}/compare?family=land")
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    with page.expect_download() as caught:
        chart.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    download = caught.value
    assert download.suggested_filename == f"cadenas-compare-land-{TODAY}.png"
    header = open(download.path(), "rb").read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1600, 900)


def test_upload_is_checked_shown_and_private_to_its_session(page, app_url, browser):
    open_app(page, f"{app_url}/upload")
    upload_zip(page, {**datasets.yaml_files(RECORDS), "metrics.yaml": b"- &a [1]\n- *a\n"})
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("1 problem(s)")
    expect(page.get_by_test_id("stDataFrame")).to_contain_text("anchors and aliases")
    screenshot(page, "upload-refused")

    upload_zip(page, corrected())
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("data.zip")
    open_app(page, f"{app_url}/")  # a new page load is a new session: the upload stays with the old one
    other = browser.new_page()
    open_app(other, f"{app_url}/")
    expect(other.get_by_text("more than 900")).to_be_visible()
    expect(other.get_by_text("987")).to_have_count(0)
    other.close()


def test_upload_shows_its_data_on_every_page_of_that_session(page, app_url):
    open_app(page, f"{app_url}/upload")
    upload_zip(page, corrected())
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    wait_for_app(page)
    expect(page.get_by_text("more than 987")).to_be_visible()


def test_embed_shows_a_single_clean_view(page, app_url):
    open_app(page, f"{app_url}/compare?embed=true&family=money")
    expect(page.locator(PLOTLY).first).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stMainMenu")).to_have_count(0)  # no Streamlit menu in an iframe
    screenshot(page, "embed-compare")


def test_a_reloaded_tab_says_its_upload_is_gone_unless_it_was_let_go(page, app_url):
    open_app(page, f"{app_url}/upload")
    upload_zip(page, corrected())
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible()
    page.reload()  # a new session: the upload stayed with the old one
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("The data you uploaded in this tab is gone")
    expect(page.get_by_text("more than 900")).to_have_count(0)  # the Your data page: no figures
    page.reload()
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)  # said once

    upload_zip(page, corrected())
    page.get_by_role("button", name="Back to the curated data").click()
    wait_for_app(page)
    page.wait_for_function("() => sessionStorage.getItem('cadenas-upload') === null")  # the tab forgot it
    page.reload()
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
