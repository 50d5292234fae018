"""Work that must not overlap with itself on one installation: a lock file each.

A rebuild of a whole index, say, and the updates of single entries that would
interleave with it. ``flock`` locks belong to the open file, so the kernel lets
them go when the holder exits or is killed: a crashed run never leaves a stale
lock behind. They hold between processes of one machine (the data directory's);
a deployment whose task workers run on several machines must run such a
rebuild from the machine of its one task worker.
"""

from __future__ import annotations

import contextlib
import fcntl
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

_local = threading.local()


class AlreadyRunning(RuntimeError):
    """Another process holds the lock and the caller chose not to wait."""


def lock_path(name: str) -> Path:
    """Return the lock file of a kind of work, in the data directory."""
    return Path(settings.DATA_DIR) / f"{name}.lock"


@contextlib.contextmanager
def held(name: str, *, shared: bool = False, wait: bool = True) -> Iterator[None]:
    """Hold the lock called ``name`` while the block runs.

    ``shared``: many holders at once (work that only must not meet an exclusive
    holder); otherwise one holder alone. Without ``wait``, raise ``AlreadyRunning``
    at once instead of waiting for the lock. Take it before any transaction opens:
    a holder may need the database's write lock (SQLite) to finish. A thread that
    holds it already passes (work run inline by the holder, as tests' tasks are).
    """
    taken: set[str] = _local.__dict__.setdefault("names", set())
    if name in taken:
        yield
        return
    path = lock_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, mode if wait else mode | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(name) from None
        taken.add(name)
        try:
            yield
        finally:
            taken.discard(name)
            fcntl.flock(handle, fcntl.LOCK_UN)
