"""``masthead serve`` supervising its processes: restarts and stopping, without real processes."""

from __future__ import annotations

import io
import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command

from masthead.core.management.commands.serve import Child


def test_serve_restarts_nothing_once_asked_to_stop() -> None:
    """A stop asked for while the supervisor waits to restart a child restarts nothing.

    Before, the restart went ahead after its two-second wait: a new web server
    (or worker) was started during the stop, only to be terminated at once.
    """
    handlers: dict[int, Callable[..., Any]] = {}
    started: list[str] = []

    def stop_during_the_wait(seconds: float) -> None:
        handlers[signal.SIGTERM](signal.SIGTERM, None)

    with (
        mock.patch.object(
            Child, "start", autospec=True, side_effect=lambda c: started.append(c.name)
        ),
        mock.patch.object(Child, "is_running", return_value=False),  # Each has stopped.
        mock.patch(
            "signal.signal", side_effect=lambda number, handler: handlers.update({number: handler})
        ),
        mock.patch("time.sleep", side_effect=stop_during_the_wait),
    ):
        call_command("serve", "--port", "8123")
    assert started, "nothing was started"
    assert len(started) == len(set(started)), started


def test_serve_stops_what_it_started_when_a_process_cannot_start() -> None:
    """A process that fails to start stops, by SIGTERM, those started before it.

    Before, the error left them to the parent-death signal as the supervisor
    died of it: the web server was killed outright instead of stopping cleanly.
    """
    terminated: list[str] = []

    def start(child: Child) -> None:
        if child.name == "scheduler":
            raise FileNotFoundError("no such program")
        child.process = mock.Mock(spec=subprocess.Popen)
        child.process.poll.return_value = None
        child.process.terminate.side_effect = lambda: terminated.append(child.name)

    with (
        mock.patch.object(Child, "start", autospec=True, side_effect=start),
        mock.patch("signal.signal"),  # Leave the test process's own handlers in place.
        pytest.raises(FileNotFoundError),
    ):
        call_command("serve", "--port", "8123")
    assert terminated == ["web", "worker"]


# A supervised process that notes each stop signal it receives, then exits.
PROBE = """
import signal, sys, time
notes = sys.argv[1]
def note(number, frame):
    with open(notes, "a") as file:
        file.write(signal.Signals(number).name + "\\n")
    if number == signal.SIGTERM:
        time.sleep(1)  # Time for a second signal to arrive, had one been sent.
        sys.exit(0)
signal.signal(signal.SIGINT, note)
signal.signal(signal.SIGTERM, note)
open(notes, "a").write("ready\\n")
while True:
    time.sleep(0.1)
"""
# A supervisor of the probe that stops it, as serve does, when Ctrl-C reaches it.
SUPERVISOR = """
import signal, sys, time
import django
django.setup()
from masthead.core.management.commands.serve import Child
stopping = []
signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
child = Child("probe", [sys.executable, "-c", sys.argv[1], sys.argv[2]])
child.start()
while not stopping:
    time.sleep(0.05)
child.process.terminate()
sys.exit(child.process.wait())
"""


def test_ctrl_c_reaches_the_children_only_through_the_supervisor(tmp_path: Path) -> None:
    """Ctrl-C in a terminal (SIGINT to the whole foreground group) stops a child with one signal.

    Before, the children shared the supervisor's process group: each got the
    terminal's SIGINT and then the supervisor's SIGTERM, and the task worker
    took the second signal as "terminate the current task at once".
    """
    notes = tmp_path / "signals"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
        "MASTHEAD_DATA_DIR": str(tmp_path / "var"),
    }
    supervisor = subprocess.Popen(
        [sys.executable, "-c", SUPERVISOR, PROBE, str(notes)],
        env=env,
        start_new_session=True,  # A group of its own, as a terminal's foreground job.
    )
    try:
        deadline = time.monotonic() + 60
        while not (notes.exists() and "ready" in notes.read_text()):
            assert time.monotonic() < deadline and supervisor.poll() is None, "no probe"
            time.sleep(0.1)
        os.killpg(supervisor.pid, signal.SIGINT)
        assert supervisor.wait(timeout=30) == 0
    finally:
        if supervisor.poll() is None:
            os.killpg(supervisor.pid, signal.SIGKILL)
            supervisor.wait()
    assert notes.read_text().split() == ["ready", "SIGTERM"]


class Clock:
    """A monotonic clock that moves only when the supervisor sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        """Return the time now."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Move time on by ``seconds`` at once."""
        self.now += seconds


def test_serve_waits_longer_for_a_process_that_keeps_stopping_at_once() -> None:
    """Each restart of a process that stops as soon as it starts waits twice as long, up to 60 s.

    Once the process has stayed up a while, its next restart waits the
    shortest time again; every restart is logged with its wait. Before, a
    process that could never start was restarted every 2 s for ever.
    """
    from masthead.core.management.commands import serve

    clock = Clock()
    handlers: dict[int, Callable[..., Any]] = {}
    uptimes = [0.1] * 8 + [300.0, 0.1]  # How long each start stays up.
    remaining = iter(uptimes)
    starts: list[float] = []

    def start(child: Child) -> None:
        starts.append(clock.now)
        uptime = next(remaining, None)
        if uptime is None:  # Enough seen: stop, as Ctrl-C would.
            handlers[signal.SIGTERM](signal.SIGTERM, None)
            uptime = 0.1
        stops_at = clock.now + uptime
        child.process = mock.Mock(spec=subprocess.Popen, returncode=3)
        child.process.poll.side_effect = lambda: None if clock.now < stops_at else 3

    stderr = io.StringIO()
    with (
        mock.patch.object(serve, "time", clock),
        mock.patch.object(serve.Command, "children", return_value=[Child("broken", ["false"])]),
        mock.patch.object(Child, "start", autospec=True, side_effect=start),
        mock.patch(
            "signal.signal", side_effect=lambda number, handler: handlers.update({number: handler})
        ),
    ):
        call_command("serve", "--port", "8123", stderr=stderr)
    waits = [later - earlier for earlier, later in itertools.pairwise(starts)]
    # Each wait runs from the stop, seen within the supervisor's half-second look.
    expected = [2, 4, 8, 16, 32, 60, 60, 60, 2, 4]
    assert len(waits) == len(expected), waits
    for wait, uptime, restart_wait in zip(waits, uptimes, expected, strict=True):
        assert uptime + restart_wait <= wait <= uptime + restart_wait + 0.5, waits
    logged = [line for line in stderr.getvalue().splitlines() if line.startswith("broken")]
    assert [line.rsplit("restarting in ", 1)[1] for line in logged] == [
        f"{seconds} s" for seconds in expected
    ]
    assert "exit status 3" in logged[0]
