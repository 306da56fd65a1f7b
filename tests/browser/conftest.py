"""Browser tests: the real app under `streamlit run`, driven by Debian's headless Chromium.

`app_url` serves the fixture data `RECORDS` (never data/), so the tests can state what each page
shows. The `requests_log` fixture records every request a page makes (and blocks those leaving
the machine), so a test can assert that nothing went out.
"""

import copy
import io
import os
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests import datasets
from tests.server import ROOT, start_streamlit

# A 2-core CI machine running the whole suite can take several seconds per rerun.
expect.set_options(timeout=20_000)

SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _require_chromium():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: run scripts/test.sh, which installs Debian's chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # under CI a missing browser is a failure, never a skip
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 900}}


def _browser_records() -> dict[str, list]:
    """TINY and what the browser tests click through: a fourth initiative, in Huánuco and named
    in Spanish; money and land figures to compare, with one that stands alone; and cacao
    partnerships and funding to filter, one of them after 2018."""
    data = datasets.records()
    data["regions.yaml"].append(datasets.region("huanuco", "Huánuco"))
    data["initiatives.yaml"].append(
        {"id": "delta", "name": "Delta Cacao Huánuco", "name_es": "Cacao Delta de Huánuco", "short_name": "Delta",
         "crops": ["cacao"], "regions": ["huanuco"], "start": 2014, "end": None,
         "organisations": [{"name": "Delta Cooperative", "type": "cooperative", "role": "grows and sells",
                            "source": "doc-b"}],
         "summary": "Delta grows cacao.", "summary_es": "Delta cultiva cacao.", "sources": ["doc-b"]})
    data["metrics.yaml"] += [
        {"initiative": "alpha", "metric": "funding_usd", "value": 2_000_000, "unit": "US$", "year": 2018,
         "status": "achieved", "source": "doc-a", "note": "Alpha's grant."},
        {"initiative": "delta", "metric": "export_value_usd_per_year", "value": 3_000_000, "unit": "US$",
         "year": 2019, "status": "achieved", "source": "doc-b", "note": "Delta's exports."},
        {"initiative": "delta", "metric": "hectares", "value": 250, "unit": "hectares", "year": 2019,
         "status": "achieved", "source": "doc-b", "note": "Delta's cacao land."},
    ]
    data["events.yaml"] += [
        {"initiative": "gamma", "date": "2014-05", "title": "Gamma partners with a chocolate maker",
         "kind": "partnership", "source": "doc-a"},
        {"initiative": "delta", "date": "2016", "title": "Delta receives a grant", "kind": "funding",
         "source": "doc-b"},
        {"initiative": "delta", "date": "2019-11-20", "title": "Delta signs with a buyer", "kind": "partnership",
         "source": "doc-b"},
    ]
    return data


# The data every browser test but the smoke pass runs on.
RECORDS = _browser_records()
INITIATIVES = {initiative["id"]: initiative for initiative in RECORDS["initiatives.yaml"]}
REGIONS = {region["id"]: region for region in RECORDS["regions.yaml"]}


@pytest.fixture(scope="session")
def fixture_data(tmp_path_factory) -> Path:
    """RECORDS written as a data folder."""
    return datasets.write(tmp_path_factory.mktemp("data"), RECORDS)


@pytest.fixture(scope="session")
def app_url(fixture_data):
    """The app serving the fixture data."""
    process, url = start_streamlit(data_dir=fixture_data)
    yield url
    process.terminate()
    process.wait(timeout=10)


class RequestLog(list):
    def outbound(self) -> list[str]:
        return [url for url in self if urlsplit(url).hostname not in LOCAL_HOSTS
                and not url.startswith(("data:", "blob:", "about:"))]


@pytest.fixture
def requests_log(page) -> RequestLog:
    """Every URL the page requests; requests to other hosts are also blocked."""
    log = RequestLog()
    page.on("request", lambda request: log.append(request.url))

    def block_outbound(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", block_outbound)
    return log


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under tests/screenshots/ (git-ignored) for review."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Streamlit scrolls inside its main container, so grow the viewport to the content first.
    viewport = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], height)})
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    return path


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished running the page script, no element from an earlier
    run is still on screen and no element is still a loading placeholder."""
    page.wait_for_function(
        """() => document.querySelector("[data-testid='stApp']")?.dataset.testScriptState === "notRunning"
                 && !document.querySelector("[data-stale='true'], [data-testid='stSkeleton']")""",
        timeout=30_000,
    )


PLOTLY = ".js-plotly-plot .main-svg"
TABLE = "[data-testid='stDataFrame']"
DECK = "[data-testid='stDeckGlJsonChart'] canvas"


def open_app(page, url) -> None:
    """Open a page of the app and wait until it has drawn (`wait_for_app`)."""
    page.goto(url)
    wait_for_app(page)


def upload_zip(page, files: dict[str, bytes]) -> None:
    """Upload data files as a zip of a data folder, as a maintainer would."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(f"data/{name}", content)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": "data.zip", "mimeType": "application/zip", "buffer": buffer.getvalue()})
    wait_for_app(page)


def corrected() -> dict[str, bytes]:
    """The fixture data with Alpha's "more than 900" growers corrected to 987."""
    data = copy.deepcopy(RECORDS)
    figure = next(f for f in data["metrics.yaml"] if f["initiative"] == "alpha" and f["value"] == 900)
    figure["value"] = 987
    return datasets.yaml_files(data)
