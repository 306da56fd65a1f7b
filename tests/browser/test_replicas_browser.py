"""The balanced setup in Chromium: what a first visit costs through the balancer, and what
every open tab sees when the replica holding its session is killed."""

import io
import os
import re
import signal
import time
import zipfile

import pytest
from playwright.sync_api import expect

from bench import synthetic
from bench.run import first_visit_bytes, rss_mb
from components import store
from tests.browser.conftest import corrected, open_app, screenshot, upload_zip, wait_for_app
from tests.server import start_replicas, stop

# Views as a shared link gives them: page, filters, slide and language all in the URL, with
# what each shows when it is drawn again.
VIEWS = [
    ("compare?family=money&lang=es", "Dinero"),
    ("timeline?crop=cacao&years=2010-2016", "Timeline 2010–2016"),
    ("present?slide=3&lang=es", "Diapositiva 3 de"),
    ("compare?family=land", "Hectares"),
    ("initiative?initiative=delta&lang=es", "Cacao Delta de Huánuco"),
    ("sources?table=events&q=Delta", "2 of 7 rows"),
]


@pytest.fixture(scope="module")
def replicas(fixture_data, tmp_path_factory):
    balanced = start_replicas(tmp_path_factory.mktemp("run"), data_dir=fixture_data)
    yield balanced
    stop(balanced.process)


@pytest.mark.parametrize("view", ["", "compare"])
def test_a_first_visit_through_the_balancer_downloads_under_40_percent_of_a_direct_one(browser, replicas, view):
    direct = first_visit_bytes(browser, f"{replicas.direct_url('r1')}/{view}")
    balanced = first_visit_bytes(browser, f"{replicas.url}/{view}")
    assert balanced <= 0.4 * direct, (balanced, direct)


def replica_of(context) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "cadenas-replica")


def test_a_killed_replica_s_sessions_show_their_view_again_and_the_others_notice_nothing(browser, replicas):
    tabs = []
    for path, shown in VIEWS:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        sockets = {"opened": 0, "closed": 0, "runs asked after": 0, "drawn after": 0}

        def opened(socket, sockets=sockets):
            sockets["opened"] += 1
            socket.on("close", lambda _: sockets.__setitem__("closed", sockets["closed"] + 1))
            if sockets["opened"] > 1:  # the new connection asks the new replica to run the view
                socket.on("framesent", lambda _: sockets.__setitem__("runs asked after", sockets["runs asked after"] + 1))
                socket.on("framereceived", lambda _: sockets.__setitem__("drawn after", sockets["drawn after"] + 1))
        page.on("websocket", opened)
        open_app(page, f"{replicas.url}/{path}")
        expect(page.get_by_text(shown).first).to_be_visible()
        tabs.append((context, page, path, shown, replica_of(context), sockets))
    victim = tabs[0][4]
    assert {tab[4] for tab in tabs} - {victim}, "every tab landed on one replica"

    os.kill(replicas.pid(victim), signal.SIGKILL)
    killed = time.monotonic()
    moved = [tab for tab in tabs if tab[4] == victim]
    for context, page, path, shown, replica, sockets in moved:
        # A new connection, through the balancer, to a live replica, and the page run again there.
        deadline = killed + 10
        while (not sockets["drawn after"] or replica_of(context) == victim) and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        wait_for_app(page)
        assert time.monotonic() - killed <= 10, f"{path} took {time.monotonic() - killed:.1f} s"
        assert sockets["opened"] == 2 and replica_of(context) != victim, f"{path} did not reconnect elsewhere"
        assert sockets["runs asked after"], f"{path} was not run again on its new replica"
        expect(page.get_by_text(shown).first).to_be_visible()
        assert page.url.endswith(path)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)
        screenshot(page, "failover-" + re.sub(r"\W+", "-", path))
    for context, page, path, shown, replica, sockets in tabs:
        if replica != victim:
            assert (sockets["opened"], sockets["closed"]) == (1, 0), f"{path} lost its connection"
            expect(page.get_by_text(shown).first).to_be_visible()
            expect(page.get_by_test_id("stException")).to_have_count(0)
        context.close()


def test_an_upload_stays_with_its_session_and_its_loss_is_said_after_a_failover(browser, replicas):
    """An upload lives in one session on one replica: other sessions (on that replica or not) never
    see it, its own reruns keep it, and when its replica dies the tab says it is gone."""
    mine = browser.new_context(viewport={"width": 1366, "height": 900})
    page = mine.new_page()
    open_app(page, f"{replicas.url}/upload")
    upload_zip(page, corrected())
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("data.zip")
    for _ in range(2):  # reruns of its own session keep it
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
        wait_for_app(page)
        expect(page.get_by_text("more than 987")).to_be_visible()
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Your data").click()
        wait_for_app(page)
    replica = replica_of(mine)
    for pinned in (replica, next(name for name in ("r1", "r2", "r3") if name != replica)):
        other = browser.new_context(viewport={"width": 1366, "height": 900})
        other.add_cookies([{"name": "cadenas-replica", "value": pinned, "url": replicas.url}])
        theirs = other.new_page()
        open_app(theirs, f"{replicas.url}/")
        assert replica_of(other) == pinned
        expect(theirs.get_by_text("more than 900")).to_be_visible()
        expect(theirs.get_by_text("987")).to_have_count(0)
        other.close()

    os.kill(replicas.pid(replica), signal.SIGKILL)
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text(
        "The data you uploaded in this tab is gone", timeout=10_000)
    wait_for_app(page)
    assert replica_of(mine) != replica
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "failover-upload-lost")
    mine.close()


# Streamlit keeps a closed tab's session for two minutes in case it comes back; a short wait
# here lets the test see what happens once it is gone without waiting that long.
SESSION_KEPT_SECONDS = 5
UPLOAD_SESSIONS = 10
# Issue 16: once upload sessions close, the replica is back within 10% of where it started.
BACK_WITHIN = 0.10


@pytest.fixture(scope="module")
def synthetic_zip(tmp_path_factory) -> bytes:
    """A large, valid upload: bench.synthetic at scale 25 (about 18,000 records, a 2.9 MB zip)."""
    folder = synthetic.generate(25, tmp_path_factory.mktemp("synthetic") / "data")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"data/{path.name}")
    return buffer.getvalue()


def test_a_replica_gives_back_most_of_what_ten_upload_sessions_took_once_they_close(browser, fixture_data, tmp_path_factory,
                                                                                     synthetic_zip):
    """Ten tabs, all pinned to one replica as a workshop room might be, each upload a large
    dataset and look at two pages with it. Once they are closed, their uploads are freed and
    the memory handed back, to within 10% of the replica's memory before them. Without the
    allocators the replicas are started with (deploy/allocators.env), about a third of what
    the sessions took stays; without the sweep of ended sessions (components/store.py), all."""
    balanced = start_replicas(tmp_path_factory.mktemp("run"), data_dir=fixture_data,
                              env={"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(SESSION_KEPT_SECONDS)})
    try:
        def tab(path: str):
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            context.add_cookies([{"name": "cadenas-replica", "value": "r1", "url": balanced.url}])
            page = context.new_page()
            open_app(page, f"{balanced.url}/{path}")
            return context, page

        for path in ("", "compare", "timeline", "map", "upload"):  # the replica as it serves the app's own data
            tab(path)[0].close()
        baseline = rss_mb(balanced.pid("r1"))

        contexts = []
        for _ in range(UPLOAD_SESSIONS):
            context, page = tab("upload")
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                {"name": "data.zip", "mimeType": "application/zip", "buffer": synthetic_zip})
            expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("data.zip", timeout=60_000)
            for path in ("compare", "timeline"):
                page.get_by_test_id("stSidebarNav").get_by_role("link", name=path.title()).click()
                wait_for_app(page)
            assert replica_of(context) == "r1"
            contexts.append(context)
        held = rss_mb(balanced.pid("r1"))
        for context in contexts:
            context.close()

        # Other people keep using the replica: a page run is when ended sessions are collected.
        bound = (1 + BACK_WITHIN) * baseline
        assert held > bound  # the sessions took enough to tell
        deadline = time.monotonic() + SESSION_KEPT_SECONDS + 2 * store.SWEEP_SECONDS + 30
        while (after := rss_mb(balanced.pid("r1"))) > bound and time.monotonic() < deadline:
            tab("")[0].close()
        assert after <= bound, f"{after:.0f} MB after, {baseline:.0f} MB before, {held:.0f} MB while held"
    finally:
        stop(balanced.process)
