"""Workshop features in real Chromium: the presentation, downloads, uploads and embedding."""

import io
import re
import struct
import zipfile

import pandas as pd
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app
from tests.browser.test_pages_browser import PLOTLY, open_app


def test_presentation_steps_through_and_opens_at_a_slide(page, app_url, requests_log):
    open_app(page, f"{app_url}/present?lang=es")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    total = int(re.search(r"de (\d+)", page.get_by_text(re.compile(r"Diapositiva 1 de \d+")).inner_text()).group(1))
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Diapositiva {number} de {total}")).to_be_visible()
        wait_for_app(page)
        expect(page).to_have_url(re.compile(rf"slide={number}(&|$)") if number > 1 else re.compile(r"/present"))
        screenshot(page, f"present-es-{number:02d}")
        if number < total:
            page.get_by_role("button", name="Siguiente →").click()
    expect(page.get_by_role("button", name="Siguiente →")).to_be_disabled()
    open_app(page, f"{app_url}/present?slide=3")
    expect(page.get_by_role("heading", name="Organic Banana Cluster of the Piura Region")).to_be_visible()
    expect(page.locator(PLOTLY).first).to_be_visible()
    assert requests_log.outbound() == []


def test_csv_download_holds_the_rows_shown(page, app_url):
    open_app(page, f"{app_url}/timeline?crop=cacao&table=1")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download CSV").click()
    download = caught.value
    assert download.suggested_filename == "cadenas-timeline-events.csv"
    table = pd.read_csv(download.path())
    assert len(table) == 7 and set(table["initiative"]) == {"Peru Cacao Alliance", "Bio Azul"}


def test_dataset_zip_download_opens(page, app_url):
    open_app(page, f"{app_url}/sources")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download the whole dataset (zip)").click()
    archive = zipfile.ZipFile(caught.value.path())
    metrics = pd.read_csv(io.BytesIO(archive.read("cadenas-data/csv/metrics.csv")))
    assert len(metrics) == 34
    assert "cadenas-data/yaml/events.yaml" in archive.namelist() and "cadenas-data/README.md" in archive.namelist()


def test_chart_png_has_a_meaningful_name_and_presentation_size(page, app_url):
    open_app(page, f"{app_url}/compare?family=land")
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    with page.expect_download() as caught:
        chart.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    download = caught.value
    assert download.suggested_filename == "cadenas-compare-land.png"
    header = open(download.path(), "rb").read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1600, 900)


def test_upload_is_checked_shown_and_private_to_its_session(page, app_url, browser):
    open_app(page, f"{app_url}/upload")
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput")
    uploader.set_input_files({"name": "metrics.yaml", "mimeType": "application/x-yaml",
                              "buffer": b"- &a [1]\n- *a\n"})
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("1 problem(s)")
    expect(page.get_by_test_id("stDataFrame")).to_contain_text("anchors and aliases")
    screenshot(page, "upload-refused")

    metrics = open("data/metrics.yaml", encoding="utf-8").read().replace("value: 9000", "value: 9876", 1)
    uploader.set_input_files({"name": "metrics.yaml", "mimeType": "application/x-yaml", "buffer": metrics.encode()})
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("metrics.yaml")
    open_app(page, f"{app_url}/")  # a new page load is a new session: the upload stays with the old one
    other = browser.new_page()
    open_app(other, f"{app_url}/")
    expect(other.get_by_text("more than 9,000")).to_be_visible()
    expect(other.get_by_text("9,876")).to_have_count(0)
    other.close()


def test_upload_shows_its_data_on_every_page_of_that_session(page, app_url):
    open_app(page, f"{app_url}/upload")
    metrics = open("data/metrics.yaml", encoding="utf-8").read().replace("value: 9000", "value: 9876", 1)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": "metrics.yaml", "mimeType": "application/x-yaml", "buffer": metrics.encode()})
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    wait_for_app(page)
    expect(page.get_by_text("more than 9,876")).to_be_visible()


def test_embed_shows_a_single_clean_view(page, app_url):
    open_app(page, f"{app_url}/compare?embed=true&family=money")
    expect(page.locator(PLOTLY).first).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stMainMenu")).to_have_count(0)  # no Streamlit menu in an iframe
    screenshot(page, "embed-compare")
