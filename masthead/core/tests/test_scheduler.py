"""``masthead scheduler``: its arguments, and one run at a time across machines."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
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


@pytest.fixture
def own_stop_handlers() -> Iterator[None]:
    """Put back the test process's SIGINT and SIGTERM handlers the command may replace."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


@pytest.mark.django_db
@pytest.mark.usefixtures("own_stop_handlers")
def test_ctrl_c_stops_a_single_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during ``--once`` stops the run there, as it stops any one-off command.

    Before, the loop's handlers were installed for a single run too: Ctrl-C
    (or a cron's SIGTERM) was noted and ignored until the run ended.
    """

    def interrupted(*args: Any, **kwargs: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # Long enough for the signal to be handled here.
        raise AssertionError("the run went on after Ctrl-C")

    monkeypatch.setattr(scheduler, "call_command", interrupted)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with pytest.raises(KeyboardInterrupt):
        call_command("scheduler", "--once")
