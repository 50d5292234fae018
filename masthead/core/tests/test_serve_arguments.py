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
