"""The balanced setup (scripts/serve-replicas.sh running deploy/haproxy.cfg in front of three
replicas): sessions from one address spread over the replicas by cookie, each session stays on
its replica, and the balancer compresses and caches what Streamlit sends."""

import asyncio
import gzip
import os
import re
import signal
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests import datasets
from tests.server import ROOT, allocator_settings, start_replicas, stop

pytestmark = pytest.mark.server

SESSIONS = 30  # a workshop room: every one of them from the same address


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    data = datasets.write(tmp_path_factory.mktemp("data"), datasets.records())
    balanced = start_replicas(tmp_path_factory.mktemp("run"), data_dir=data)
    yield balanced
    stop(balanced.process)


def get(url: str, cookie: str = "", compressed: bool = False, timeout: float = 30):
    """One GET: (response headers, body as sent)."""
    headers = {"Cookie": cookie} if cookie else {}
    if compressed:
        headers["Accept-Encoding"] = "gzip"
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
        return response.headers, response.read()


async def session(url: str) -> list[str]:
    """One browser's first visit as the balancer sees it: the page, one of its scripts, the
    health check and the websocket that runs the page to its end. Returns the replica that
    answered each request, in order."""
    headers, page = await asyncio.to_thread(get, url + "/compare?family=land")
    cookie = headers["Set-Cookie"].split(";")[0]
    script = re.search(r'src="\./(static/js/[^"]+)"', page.decode()).group(1)
    answered = [headers["X-Cadenas-Replica"]]
    for path in (script, "_stcore/health"):
        headers, _ = await asyncio.to_thread(get, f"{url}/{path}", cookie)
        answered.append(headers["X-Cadenas-Replica"])
    async with websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                  origin=url, additional_headers={"Cookie": cookie}, max_size=None) as socket:
        answered.append(socket.response.headers["X-Cadenas-Replica"])
        request = BackMsg()
        request.rerun_script.page_name = "compare"
        request.rerun_script.query_string = "family=land"
        await socket.send(request.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await socket.recv())
            if message.WhichOneof("type") == "script_finished" and \
                    message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                assert message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
                return answered


def test_sessions_from_one_address_spread_over_every_replica_and_each_keeps_its_own(replicas):
    async def room():
        return await asyncio.gather(*(session(replicas.url) for _ in range(SESSIONS)))
    with ThreadPoolExecutor(1) as apart:  # its own event loop, whatever runs in this thread (Playwright's)
        visits = apart.submit(asyncio.run, room()).result()
    assert all(len(set(answered)) == 1 for answered in visits), visits
    per_replica = {name: sum(answered[0] == name for answered in visits) for name in ("r1", "r2", "r3")}
    assert all(count >= SESSIONS // 3 - 2 for count in per_replica.values()), per_replica


def test_scripts_are_compressed_and_kept_for_a_year_the_page_is_not_cached(replicas):
    page_headers, page = get(replicas.url + "/", compressed=True)
    assert page_headers["Content-Encoding"] == "gzip"
    assert "no-cache" in page_headers["Cache-Control"]
    script = re.search(r'src="\./(static/js/[^"]+)"', gzip.decompress(page).decode()).group(1)
    headers, sent = get(f"{replicas.url}/{script}", compressed=True)
    _, direct = get(f"{replicas.direct_url('r1')}/{script}")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(sent) == direct
    assert len(sent) < 0.4 * len(direct)
    assert "max-age=31536000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]


def test_a_replica_that_stops_answering_leaves_the_pool(replicas):
    """A hung replica (stopped, its port still open) is found by the health check alone: within
    a few seconds, new visits all reach the other two."""
    os.kill(replicas.pid("r2"), signal.SIGSTOP)
    try:
        answered, deadline = [], time.monotonic() + 15
        while time.monotonic() < deadline and not (len(answered) >= 6 and "r2" not in answered[-6:]):
            try:
                answered.append(get(replicas.url + "/_stcore/health", timeout=1)[0]["X-Cadenas-Replica"])
            except OSError:  # sent to r2 before the check noticed: it never answers
                answered.append("r2")
        assert "r2" not in answered[-6:], answered
    finally:
        os.kill(replicas.pid("r2"), signal.SIGCONT)


def test_every_replica_runs_with_the_deployed_allocators(replicas):
    """Without them, a replica keeps about a third of what upload sessions took (docs/deploy.md)."""
    settings = allocator_settings()
    assert settings
    for replica in ("r1", "r2", "r3"):
        environ = dict(entry.split("=", 1) for entry in
                       Path(f"/proc/{replicas.pid(replica)}/environ").read_text().split("\0") if "=" in entry)
        assert {name: environ.get(name) for name in settings} == settings, replica


def test_the_kubernetes_example_keeps_the_balancers_cookie_timeouts_and_health_check():
    haproxy = (ROOT / "deploy" / "haproxy.cfg").read_text(encoding="utf-8")
    ingress = (ROOT / "deploy" / "kubernetes.yaml").read_text(encoding="utf-8")
    cookie = re.search(r"^\s*cookie (\S+) insert", haproxy, re.M).group(1)
    assert f"session-cookie-name: {cookie}" in ingress
    hours = int(re.search(r"^\s*timeout tunnel (\d+)h", haproxy, re.M).group(1))
    assert f'proxy-read-timeout: "{hours * 3600}"' in ingress
    assert "option httpchk GET /_stcore/health" in haproxy and ingress.count("path: /_stcore/health") == 2
