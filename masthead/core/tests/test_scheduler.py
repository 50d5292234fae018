"""``masthead scheduler``: its arguments, and one run at a time across machines."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from masthead.core.management.commands import scheduler
from masthead.core.run_lock import held


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf", "1e12", "soon"])
def test_scheduler_refuses_an_interval_it_cannot_wait(value: str) -> None:
    """``--interval`` takes a number of seconds above zero, at most a day, or says so.

    Before, 0 fell back to the default unsaid, a negative or NaN interval ran
    publish_scheduled in a busy loop, and inf or 1e12 failed with a traceback after the first run.
    """
    with pytest.raises(CommandError, match="interval"):
        call_command("scheduler", "--once", f"--interval={value}")


@pytest.mark.django_db
def test_a_scheduler_leaves_its_run_to_one_already_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While another scheduler of the deployment runs, a second one skips its run.

    Before, every machine's `masthead serve` ran publish_scheduled at once: a
    revision that had come due was published by each of them (its log entry,
    WebSub ping and purges repeated).
    """
    runs: list[tuple[Any, ...]] = []
    monkeypatch.setattr(scheduler, "call_command", lambda *args, **kwargs: runs.append(args))
    taken, done = threading.Event(), threading.Event()

    def other_scheduler() -> None:  # A thread has its own lock, as another machine does.
        with held(scheduler.SCHEDULER_LOCK, wait=False):
            taken.set()
            done.wait(timeout=60)

    other = threading.Thread(target=other_scheduler)
    other.start()
    assert taken.wait(timeout=10)
    try:
        scheduler.Command().run_once()
        assert runs == []
    finally:
        done.set()
        other.join(timeout=10)
    scheduler.Command().run_once()
    assert runs == [("publish_scheduled",)]


@pytest.mark.django_db
def test_a_single_run_that_fails_exits_with_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--once`` (a cron job's run) that fails to publish ends with an error, not success.

    Before, the failure was logged and the command exited with status 0, so
    cron and monitoring saw every failed run as a good one.
    """

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(scheduler, "call_command", fail)
    with pytest.raises(CommandError, match="failed"):
        call_command("scheduler", "--once")
