"""One writer at a time on SQLite, queued by the kernel instead of SQLite's busy loop.

SQLite lets one transaction write at a time. When several gunicorn/granian
workers post at once, SQLite's busy handler makes the losers sleep in growing
steps (up to 100 ms), so a burst of comments crawls. A blocking ``flock`` on a
file beside the database hands the turn over as soon as the writer commits.
PostgreSQL locks rows itself and needs nothing of the kind.

Take the lock before the transaction starts, never inside one: the database
runs with ``transaction_mode`` IMMEDIATE, so ``transaction.atomic()`` holds
SQLite's write lock from its first line. A writer holding it and waiting for
the ``flock`` while another holds the ``flock`` and waits for SQLite makes the
second fail with "database is locked" after the busy timeout.
"""

from __future__ import annotations

import contextlib
import fcntl
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection

_local = threading.local()


class LockOrderWarning(RuntimeWarning):
    """The write lock was asked for inside a transaction opened without it."""


def _in_own_transaction() -> bool:
    # The atomic blocks a test case wraps every test in are not the code's own.
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


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
    if _in_own_transaction():
        # Tests turn this warning into an error (pyproject.toml); in production it
        # is only reported, since the lock is still taken and usually still works.
        warnings.warn(
            "serialised_writes() inside an open transaction: take it before transaction.atomic()",
            LockOrderWarning,
            stacklevel=3,
        )
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
