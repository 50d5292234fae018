"""A clock tests move forward instead of sleeping until a scheduled time comes."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone


@contextlib.contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Let ``timezone.now()`` read ``moment`` as the block starts, ticking on from there.

    Wagtail's scheduler and the models read the time through
    ``django.utils.timezone.now``. A test that schedules a page a few seconds
    ahead and sleeps fails on a loaded machine, where the request that
    schedules it can take longer than that: the page then goes live at once.
    Scheduled an hour ahead, it is published at its time in this block.
    """
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            timezone, "now", lambda: moment + dt.timedelta(seconds=time.monotonic() - started)
        )
        yield


@contextlib.contextmanager
def stopped_clock() -> Iterator[None]:
    """Stop ``time.time()`` and ``time.monotonic()`` while the block runs.

    For tests of what happens within a second (a purge skipped, a page still
    stored): on a loaded machine the steps of such a test can take longer
    than that, and the second has passed before the test checks.
    """
    wall, steady = time.time(), time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: wall)
        patch.setattr(time, "monotonic", lambda: steady)
        yield


@contextlib.contextmanager
def held_clock() -> Iterator[Callable[[float], None]]:
    """Hold ``time.time()`` still while the block runs; the function it yields moves it on.

    For tests of how long something has been kept (a stored page's ``Age``):
    moved by hand, the clock reads the seconds the test means, however slowly
    a loaded machine runs the steps between.
    """
    wall = [time.time()]

    def move_on(seconds: float) -> None:
        wall[0] += seconds

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: wall[0])
        yield move_on
