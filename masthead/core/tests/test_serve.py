"""`masthead serve` runs the site and publishes scheduled pages with no cron job."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from masthead.testing.servers import free_port, outlivers, stop

SCHEDULE_ARTICLE = """
import datetime as dt
import os
from masthead.newsroom import actions
home = actions.ensure_home_page()
section = actions.create_section(home, "Harbour", "harbour")
go_live_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=float(os.environ["GO_LIVE_IN"]))
article = actions.create_article(section, title="Tide tables at noon", standfirst="Embargoed.",
    slug=os.environ["ARTICLE_SLUG"], go_live_at=go_live_at)
assert not article.live
print(go_live_at.isoformat())
"""


def status_of(url: str) -> int:
    """Return the HTTP status of a GET, or 0 if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


STARTUP_SECONDS = 180


def wait_for(url: str, status: int, seconds: float) -> bool:
    """Poll a URL until it answers with the given status or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if status_of(url) == status:
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Return an empty data directory for a real server."""
    return tmp_path / "var"


GO_LIVE_DELAY = dt.timedelta(seconds=20)


@pytest.fixture
def go_live_at() -> dt.datetime:
    """Return the embargo time of the scheduled article."""
    return dt.datetime.now(dt.UTC) + GO_LIVE_DELAY


@pytest.fixture
def served(
    data_dir: Path, go_live_at: dt.datetime
) -> Iterator[tuple[str, subprocess.Popen[bytes], dict[str, str]]]:
    """Set up a data directory, schedule an article, and run `masthead serve`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
        "MASTHEAD_DATA_DIR": str(data_dir),
        "MASTHEAD_SCHEDULER_INTERVAL": "0.5",
        "MASTHEAD_WEB_WORKERS": "2",
        "MASTHEAD_ACCESS_LOG": "off",
        # Unique, because on PostgreSQL the server shares one database across tests.
        "ARTICLE_SLUG": data_dir.parent.name,
    }
    cli = [sys.executable, "-m", "masthead.cli"]
    subprocess.run([*cli, "setup", "--no-demo"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], env=env)
    try:
        yield f"http://127.0.0.1:{port}", server, env
    finally:
        stop(server)


def test_serve_answers_health_and_publishes_on_time(
    served: tuple[str, subprocess.Popen[bytes], dict[str, str]], data_dir: Path
) -> None:
    """With only `masthead serve` running, an embargoed article goes live at its time."""
    base, server, env = served
    # Generous: granian's workers can take most of a minute to start on a busy machine.
    assert wait_for(f"{base}/healthz", 200, STARTUP_SECONDS), "the server did not start"
    # Scheduled while the server runs, as an editor would; the script checks it is not live.
    # It picks the time itself: before, the test did, and a start of the script slower
    # than the delay (a loaded machine) found the article live at once.
    scheduled = subprocess.run(
        [sys.executable, "-m", "masthead.cli", "shell", "-c", SCHEDULE_ARTICLE],
        env={**env, "GO_LIVE_IN": str(GO_LIVE_DELAY.total_seconds())},
        capture_output=True,
        text=True,
        check=False,
    )
    assert scheduled.returncode == 0, scheduled.stderr[-3000:]
    go_live_at = dt.datetime.fromisoformat(scheduled.stdout.split()[-1])
    article = f"{base}/harbour/{data_dir.parent.name}/"
    if dt.datetime.now(dt.UTC) < go_live_at - dt.timedelta(seconds=1):
        assert status_of(article) == 404
    assert wait_for(article, 200, GO_LIVE_DELAY.total_seconds() + 20), "not published"
    assert dt.datetime.now(dt.UTC) >= go_live_at
    assert server.poll() is None


def raw_status(base: str, request: bytes) -> int:
    """Send raw bytes to the server and return the status code it answers with."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        reply = sock.recv(200)
    return int(reply.split()[1])


def test_bad_requests_and_ctrl_c(
    served: tuple[str, subprocess.Popen[bytes], dict[str, str]],
) -> None:
    """Oversized or malformed requests get a 4xx; SIGINT stops everything and frees the port."""
    base, server, _ = served
    assert wait_for(f"{base}/healthz", 200, STARTUP_SECONDS)
    huge_header = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n"
    assert 400 <= raw_status(base, huge_header) < 500
    huge_line = b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    assert 400 <= raw_status(base, huge_line) < 500
    assert 400 <= raw_status(base, b"NONSENSE\r\n\r\n") < 500
    server.send_signal(signal.SIGINT)
    assert server.wait(timeout=20) == 0
    assert status_of(f"{base}/healthz") == 0


def children_of(pid: int) -> list[int]:
    """Return the pids of a process's children (none if it is gone)."""
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except FileNotFoundError:
        return []


def web_processes(supervisor: int) -> tuple[int, list[int]]:
    """Return the granian master under the supervisor and its workers."""
    for child in children_of(supervisor):
        if b"granian" in Path(f"/proc/{child}/cmdline").read_bytes():
            return child, children_of(child)
    raise AssertionError("no web server under the supervisor")


@pytest.fixture
def web_tree(
    served: tuple[str, subprocess.Popen[bytes], dict[str, str]],
) -> tuple[str, subprocess.Popen[bytes], int, list[int]]:
    """Return the answering server's address, its supervisor, granian master and workers."""
    base, server, _ = served
    assert wait_for(f"{base}/healthz", 200, STARTUP_SECONDS)
    master, workers = web_processes(server.pid)
    assert workers
    return base, server, master, workers


def test_children_stop_when_the_supervisor_is_killed(
    web_tree: tuple[str, subprocess.Popen[bytes], int, list[int]],
) -> None:
    """SIGKILL on `masthead serve` (no chance to clean up) still stops its children."""
    base, server, master, workers = web_tree
    server.kill()
    server.wait()
    # Killed with their supervisor, not stopped gracefully: no one is left to
    # enforce a time limit on the graceful stop.
    assert outlivers([master, *workers], 15) == [], "the web server outlived its supervisor"
    assert status_of(f"{base}/healthz") == 0


def test_web_workers_die_with_their_master(
    web_tree: tuple[str, subprocess.Popen[bytes], int, list[int]],
) -> None:
    """A killed granian master takes its workers with it, and the supervisor starts a new one."""
    base, server, master, workers = web_tree
    os.kill(master, signal.SIGKILL)
    assert outlivers(workers, 15) == [], "a web worker outlived its master"
    assert wait_for(f"{base}/healthz", 200, STARTUP_SECONDS), "the web server was not restarted"
    new_master, new_workers = web_processes(server.pid)
    assert new_master != master
    assert not set(new_workers) & set(workers)
