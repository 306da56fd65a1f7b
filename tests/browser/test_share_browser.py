"""Sharing a view: the Share control's link, QR code, embed snippet and citation, and the
embedded view another site shows in an 800×500 iframe; on the fixture data RECORDS."""

import datetime as dt
import html
import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import DECK, PLOTLY, SCREENSHOTS, open_app, screenshot, wait_for_app

IFRAME = {"width": 800, "height": 500}


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()


def test_share_gives_the_views_link_qr_code_embed_snippet_and_citation(laptop, app_url):
    open_app(laptop, f"{app_url}/timeline?years=2010-2018&lang=es")
    view = laptop.url
    laptop.get_by_role("button", name="Compartir").click()
    wait_for_app(laptop)
    codes = laptop.get_by_test_id("stCode")
    expect(codes).to_have_count(3)
    link, snippet, citation = (code.inner_text().strip() for code in codes.all())

    assert link == view
    (read,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(laptop.locator("img.cadenas-qr").screenshot())))
    assert read.text == view
    (src,) = re.findall(r'<iframe src="([^"]+)"', snippet)
    assert html.unescape(src) == f"{view}&embed=true"
    assert 'title="Cronología 2010–2018 · Cadenas"' in snippet
    assert citation.startswith("Cronología 2010–2018. Cadenas, versión de los datos ")
    assert "Doc A" in citation and f"Consultado el {dt.date.today().isoformat()}" in citation
    assert citation.endswith(view)
    screenshot(laptop, "share-timeline-es")


@pytest.mark.parametrize("path, main, whole", [("timeline?years=2010-2018", PLOTLY, True),
                                               ("compare?family=money", PLOTLY, False),
                                               ("regions?region=piura", DECK, True), ("", DECK, True)])
def test_an_embedded_view_fits_an_iframe_with_its_chart_and_a_way_into_the_app(laptop, app_url, path, main, whole):
    """Another site's iframe shows the view's title, its chart or map with its key and sources,
    and a link to open it in the app; the filters, from the URL, are not shown. Maps and the
    timeline fit the frame whole; a comparison's bars keep their size and start on it."""
    view = f"{app_url}/{path}"
    embed = f"{view}{'&' if '?' in path else '?'}embed=true"
    laptop.set_content(f'<iframe src="{embed}" width="{IFRAME["width"]}" height="{IFRAME["height"]}"'
                       ' style="border:0"></iframe>')
    frame = laptop.locator("iframe").element_handle().content_frame()
    frame.locator("[data-testid=stApp]").wait_for()
    wait_for_app(frame)
    iframe = laptop.locator("iframe").bounding_box()

    chart = frame.locator(main).first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    top, bottom = box["y"] - iframe["y"], box["y"] - iframe["y"] + box["height"]
    assert top < 200, box  # under the title and key, not below the fold
    assert bottom <= IFRAME["height"] if whole else IFRAME["height"] - top >= 250, box
    expect(frame.get_by_role("link", name=re.compile("Open in Cadenas"))).to_have_attribute("href", view)
    expect(frame.get_by_role("button", name=re.compile("^Filters"))).to_have_count(0)
    expect(frame.get_by_role("button", name="Share")).to_have_count(0)
    assert frame.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth <= 800")
    SCREENSHOTS.mkdir(exist_ok=True)
    laptop.screenshot(path=str(SCREENSHOTS / f"iframe-{path.split('?')[0] or 'overview'}.png"))


def test_a_downloaded_chart_image_carries_its_title_sources_and_the_views_link(laptop, app_url):
    open_app(laptop, f"{app_url}/timeline?years=2010-2018")
    view = laptop.url
    laptop.get_by_role("button", name="Download image").click()
    wait_for_app(laptop)
    with laptop.expect_download(timeout=60_000) as svg:
        laptop.get_by_role("button", name=re.compile("^SVG")).click()
    assert re.fullmatch(r"cadenas-timeline-2010-2018-\d{4}-\d{2}-\d{2}\.svg", svg.value.suggested_filename)
    text = html.unescape(open(svg.value.path(), encoding="utf-8").read())
    assert "Timeline 2010–2018" in text and "Sources:" in text and "Doc A (2021-04-28)" in text and view in text
    with laptop.expect_download(timeout=60_000) as png:
        laptop.get_by_role("button", name=re.compile("^PNG")).click()
    assert open(png.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
