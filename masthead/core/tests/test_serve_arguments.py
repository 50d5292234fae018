"""``masthead serve`` refuses arguments it cannot serve with, before starting anything."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import CommandError, call_command

STARTS = "masthead.core.management.commands.serve.Child.start"


@pytest.mark.parametrize(
    "argv",
    [
        ["--port", "70000"],
        ["--port", "-1"],
        ["--port", "0"],
        ["--workers", "-2"],
        ["--workers", "0"],
    ],
)
def test_serve_refuses_a_port_or_worker_count_out_of_range(argv: list[str]) -> None:
    """A clear error, and no process started.

    Before, granian failed to start and the supervisor restarted it every few
    seconds for ever, saying only "web stopped; restarting".
    """
    with (
        mock.patch(STARTS, side_effect=AssertionError("a process was started")),
        pytest.raises(CommandError, match=r"port|workers"),
    ):
        call_command("serve", *argv)


def test_serve_refuses_a_port_variable_that_is_not_a_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``PORT=http`` is an error naming the value, not a ValueError traceback."""
    monkeypatch.setenv("PORT", "http")
    with (
        mock.patch(STARTS, side_effect=AssertionError("a process was started")),
        pytest.raises(CommandError, match="'http'"),
    ):
        call_command("serve")


@pytest.mark.parametrize("host", ["localhost", "news.example.org", "", "127.0.0.300"])
def test_serve_refuses_a_host_that_is_not_an_address(host: str) -> None:
    """granian binds to an IP address only: anything else is a clear error, nothing started.

    Before, ``--host localhost`` started granian, which failed with "invalid IP
    address syntax", and the supervisor restarted it every two seconds for ever.
    """
    with (
        mock.patch(STARTS, side_effect=AssertionError("a process was started")),
        pytest.raises(CommandError, match="--host"),
    ):
        call_command("serve", "--host", host)


def test_serve_reads_a_blank_host_variable_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """``MASTHEAD_HOST=`` (a blank line in an environment file) means the default address."""
    monkeypatch.setenv("MASTHEAD_HOST", " ")
    started: list[list[str]] = []
    with (
        mock.patch(STARTS, autospec=True, side_effect=lambda child: started.append(child.argv)),
        mock.patch("signal.signal"),  # Leave the test process's own handlers in place.
        mock.patch("time.sleep", side_effect=KeyboardInterrupt),
        pytest.raises(KeyboardInterrupt),
    ):
        call_command("serve")
    web = started[0]
    assert web[web.index("--host") + 1] == "127.0.0.1"
