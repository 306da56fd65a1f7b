"""Start the app under `streamlit run` for tests, returning once it serves."""

import os
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from components.data import DATA_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent
SERVER_START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_command_ready(command: list[str], env: dict | None = None) -> subprocess.Popen:
    """Run a Streamlit start command and return once it prints its URL."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, **(env or {})})
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
            return process
    process.kill()
    raise RuntimeError("streamlit did not start:\n" + output.decode(errors="replace"))


def start_streamlit(script: str = "app.py", env: dict | None = None, data_dir: Path | None = None):
    """Start `streamlit run script` on a free port; return (process, base URL) once it serves.
    With `data_dir`, the app reads that data folder (CADENAS_DATA_DIR) instead of its own."""
    port = free_port()
    if data_dir is not None:
        env = {**(env or {}), DATA_DIR_ENV: str(data_dir)}
    process = start_command_ready(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        env=env,
    )
    return process, f"http://127.0.0.1:{port}"
