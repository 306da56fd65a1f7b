"""Start the app for tests (alone under `streamlit run`, or as replicas behind the balancer), returning once it serves."""

import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from components.data import DATA_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent
SERVER_START_SECONDS = 60


def allocator_settings() -> dict[str, str]:
    """deploy/allocators.env: the environment a server process is deployed with."""
    lines = (ROOT / "deploy" / "allocators.env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_command_ready(command: list[str], env: dict | None = None, ready_line: bytes = b"URL:",
                        seconds: float = SERVER_START_SECONDS) -> subprocess.Popen:
    """Run a start command and return once it prints `ready_line` (Streamlit's prints its URL). The
    command runs in a process group of its own, so `stop` ends it with every child it started."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, **(env or {})}, start_new_session=True)
    # Read the raw pipe (no Python buffering) until Streamlit prints its URL.
    deadline = time.monotonic() + seconds
    output = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], deadline - time.monotonic())
        chunk = os.read(process.stdout.fileno(), 4096) if ready else b""
        if not chunk:
            break
        output += chunk
        if ready_line in output:
            # Keep draining the log so a chatty server never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in iter(lambda: os.read(process.stdout.fileno(), 65536), b"")],
                             daemon=True).start()
            return process
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError(f"{command[0]} did not start:\n" + output.decode(errors="replace"))


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


def stop(process: subprocess.Popen) -> None:
    """End a process started by `start_command_ready` and everything it started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@dataclass
class Replicas:
    """The balanced setup of scripts/serve-replicas.sh: HAProxy at `url`, in front of one
    Streamlit replica per port of `ports` (HAProxy names them r1, r2, r3 in that order)."""
    process: subprocess.Popen
    url: str
    ports: list[int]
    run_dir: Path

    def direct_url(self, replica: str) -> str:
        return f"http://127.0.0.1:{self.ports[int(replica[1:]) - 1]}"

    def pid(self, replica: str) -> int:
        """The process id of a replica (r1, r2, r3) as it runs now."""
        return int((self.run_dir / f"replica-{self.ports[int(replica[1:]) - 1]}.pid").read_text())


def start_replicas(run_dir: Path, data_dir: Path | None = None, env: dict | None = None) -> Replicas:
    """Start scripts/serve-replicas.sh (three replicas behind deploy/haproxy.cfg) on free
    loopback ports, with `env` added to its environment; returns once the balancer serves.
    Without HAProxy (scripts/test.sh installs it) the test is skipped, or fails under CI=true."""
    if shutil.which("haproxy") is None:
        message = "haproxy is not installed: run scripts/test.sh, which installs Debian's haproxy"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port, ports = free_port(), [free_port() for _ in range(3)]
    env = {**(env or {}), "CADENAS_PORT": str(port), "CADENAS_ADDRESS": "127.0.0.1", "CADENAS_RUN_DIR": str(run_dir),
           "CADENAS_REPLICA_PORTS": " ".join(map(str, ports))}
    if data_dir is not None:
        env[DATA_DIR_ENV] = str(data_dir)
    process = start_command_ready(["bash", "scripts/serve-replicas.sh"], env=env, ready_line=b"Cadenas: http",
                                  seconds=3 * SERVER_START_SECONDS)
    return Replicas(process, f"http://127.0.0.1:{port}", ports, run_dir)
