"""A clock tests move forward instead of sleeping until a scheduled time comes."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator

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
