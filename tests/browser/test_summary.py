"""The app starts with `streamlit run` and renders in Chromium without leaving the machine."""

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app


def test_summary_renders_offline(page, app_url, requests_log):
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Cadenas")).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    screenshot(page, "summary")
    assert requests_log, "the page made no requests at all: the recorder is not working"
    assert requests_log.outbound() == []
