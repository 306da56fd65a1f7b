"""The benchmark's in-page clock, on the floor app in real Chromium: it must time what it says
(the figures themselves are the benchmark's business, never a test's)."""

from bench import run
from tests.server import start_streamlit


def test_the_page_clock_times_a_load_and_a_filter_change(browser):
    process, url = start_streamlit("bench/floor_app.py")
    try:
        page = run.new_page(browser)
        seconds = run.load_time(page, f"{url}/chart", run.PLOTLY)
        drawn = page.evaluate(f"window.__benchReady[{run.json.dumps(run.PLOTLY)}]") / 1000
        assert 0 < drawn <= seconds  # at least until the chart was visible
        change = run.floor_toggle(page, 0)  # clicks "cacao"
        assert page.locator(".js-plotly-plot .gtitle").text_content() == "cacao"
        watch = page.evaluate("window.__benchWatch")
        assert watch["clicked"] < watch["shown"] and change >= (watch["shown"] - watch["clicked"]) / 1000 > 0
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
