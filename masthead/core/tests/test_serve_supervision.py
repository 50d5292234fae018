"""``masthead serve`` supervising its processes: restarts and stopping, without real processes."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable
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
