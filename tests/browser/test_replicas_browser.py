"""The balanced setup in Chromium: what a first visit costs through the balancer, and what
every open tab sees when the replica holding its session is killed."""

import base64
import os
import re
import signal
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app, screenshot, wait_for_app
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


def first_visit_bytes(browser, url: str) -> int:
    """Bytes a browser with an empty cache receives opening `url` until the page has drawn:
    every HTTP response as sent (headers and body) and every websocket message."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    cdp.on("Network.webSocketFrameReceived", lambda event: received.append(
        len(base64.b64decode(event["response"]["payloadData"])) if event["response"]["opcode"] == 2
        else len(event["response"]["payloadData"].encode())))
    open_app(page, url)
    page.wait_for_load_state("networkidle")
    wait_for_app(page)
    context.close()
    return sum(received)


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
        sockets = {"opened": 0, "closed": 0}
        page.on("websocket", lambda socket, sockets=sockets: (
            sockets.__setitem__("opened", sockets["opened"] + 1),
            socket.on("close", lambda _: sockets.__setitem__("closed", sockets["closed"] + 1))))
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
        while (sockets["opened"] < 2 or replica_of(context) == victim) and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        wait_for_app(page)
        assert time.monotonic() - killed <= 10, f"{path} took {time.monotonic() - killed:.1f} s"
        assert sockets["opened"] == 2 and replica_of(context) != victim, f"{path} did not reconnect elsewhere"
        expect(page.get_by_text(shown).first).to_be_visible()
        assert page.url.endswith(path)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)
        screenshot(page, "failover-" + re.sub(r"\W+", "-", path))
    for context, page, path, shown, replica, sockets in tabs:
        if replica != victim:
            assert sockets == {"opened": 1, "closed": 0}, f"{path} lost its connection"
            expect(page.get_by_text(shown).first).to_be_visible()
            expect(page.get_by_test_id("stException")).to_have_count(0)
        context.close()
