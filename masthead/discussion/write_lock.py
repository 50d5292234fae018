"""One writer at a time on SQLite, queued by the kernel instead of SQLite's busy loop.

SQLite lets one transaction write at a time. When several gunicorn/granian
workers post at once, SQLite's busy handler makes the losers sleep in growing
steps (up to 100 ms), so a burst of comments crawls. A blocking ``flock`` on a
file beside the database hands the turn over as soon as the writer commits.
PostgreSQL locks rows itself and needs nothing of the kind.
"""

from __future__ import annotations

import contextlib
import fcntl
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection

_local = threading.local()


def _lock_path() -> Path:
    return Path(str(connection.settings_dict["NAME"])).with_suffix(".discussion-write.lock")


@contextlib.contextmanager
def serialised_writes() -> Iterator[None]:
    """Hold the process-shared write lock while the block runs (SQLite only; re-entrant)."""
    if connection.vendor != "sqlite" or getattr(_local, "depth", 0) > 0:
        _local.depth = getattr(_local, "depth", 0) + 1
        try:
            yield
        finally:
            _local.depth -= 1
        return
    path = (
        _lock_path()
        if not str(connection.settings_dict["NAME"]).startswith(("file:", ":memory:"))
        else Path(settings.DATA_DIR) / "discussion-write.lock"
    )
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _local.depth = 1
        try:
            yield
        finally:
            _local.depth = 0
            fcntl.flock(handle, fcntl.LOCK_UN)
