"""Browser tests: the real app under `streamlit run`, driven by Debian's headless Chromium.

Every page opened through `open_app` records its requests; `assert_offline` fails a test if
any went to a host other than this machine.
"""

import os
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

# A 2-core CI machine running the whole suite can take several seconds per rerun.
expect.set_options(timeout=20_000)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
SERVER_START_SECONDS = 60


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(script: str = "app.py", env: dict | None = None):
    """Start `streamlit run script` on a free port; return (process, base URL) once it serves."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    # Read the raw pipe (no Python buffering) until Streamlit prints its URL.
    deadline = time.monotonic() + SERVER_START_SECONDS
    output = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], deadline - time.monotonic())
        chunk = os.read(process.stdout.fileno(), 4096) if ready else b""
        if not chunk:
            break
        output += chunk
        if b"URL:" in output:
            # Keep draining the log so a chatty server never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in iter(lambda: os.read(process.stdout.fileno(), 65536), b"")],
                             daemon=True).start()
            return process, f"http://127.0.0.1:{port}"
    process.kill()
    raise RuntimeError("streamlit did not start:\n" + output.decode(errors="replace"))


@pytest.fixture(scope="session")
def app_url():
    process, url = start_streamlit()
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
