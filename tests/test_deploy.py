"""The container's start command starts the app when run directly (Docker itself is not here)."""

import json
import os
import re
import shlex
import urllib.request

import pytest

from tests.server import ROOT, allocator_settings, free_port, start_command_ready

pytestmark = pytest.mark.server


def container_command() -> list[str]:
    cmd = re.search(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), re.M)
    assert cmd, "the Dockerfile has no exec-form CMD"
    return json.loads(cmd.group(1))


def test_dockerfile_start_command_serves_a_healthy_app():
    port = free_port()
    command = [arg.replace("--server.port=8501", f"--server.port={port}").replace("0.0.0.0", "127.0.0.1")
               for arg in container_command()]
    assert command[:3] == ["streamlit", "run", "app.py"], shlex.join(command)
    process = start_command_ready(command, env={**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as response:
            assert response.status == 200 and response.read() == b"ok"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_image_has_a_healthcheck_on_streamlit_health():
    assert "HEALTHCHECK" in (ROOT / "Dockerfile").read_text() and "/_stcore/health" in (ROOT / "Dockerfile").read_text()


def test_the_image_allocates_memory_as_the_replicas_do():
    """The container is a replica too: it sets deploy/allocators.env's settings."""
    dockerfile = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    env = dict(pair.split("=", 1) for line in re.findall(r"^ENV (.+)$", dockerfile, re.M) for pair in line.split())
    settings = allocator_settings()
    assert settings and {name: env.get(name) for name in settings} == settings
