"""Work that must not overlap with itself on one installation: a lock each.

A rebuild of a whole index, say, and the updates of single entries that would
interleave with it. On PostgreSQL the lock is an advisory lock of the database,
so it holds between the processes of every machine of a deployment; it is taken
on a connection of its own, which PostgreSQL closes, letting the lock go, when
its process exits or is killed. On SQLite, whose database one machine holds, it
is a ``flock`` lock file in the data directory: such locks belong to the open
file, so the kernel lets them go when the holder exits or is killed. Either
way a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

_local = threading.local()


class AlreadyRunning(RuntimeError):
    """Another process holds the lock and the caller chose not to wait."""


def lock_path(name: str) -> Path:
    """Return the lock file of a kind of work, in the data directory."""
    return Path(settings.DATA_DIR) / f"{name}.lock"


def lock_key(name: str) -> int:
    """Return the PostgreSQL advisory lock number of a kind of work (a signed 64-bit number)."""
    digest = hashlib.blake2b(f"masthead run_lock {name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


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
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        lock = advisory_lock(name, shared=shared, wait=wait)
    else:
        lock = file_lock(name, shared=shared, wait=wait)
    with lock:
        taken.add(name)
        try:
            yield
        finally:
            taken.discard(name)


@contextlib.contextmanager
def file_lock(name: str, *, shared: bool, wait: bool) -> Iterator[None]:
    """Hold the lock file of ``name`` in the data directory (one machine's processes)."""
    path = lock_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, mode if wait else mode | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(name) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def advisory_lock(name: str, *, shared: bool, wait: bool) -> Iterator[None]:
    """Hold the PostgreSQL advisory lock of ``name`` (every machine's processes).

    The lock lives on a connection of its own, in autocommit: the work's own
    connection may be closed (an idle one, a failed health check) or left in a
    failed transaction meanwhile, and either would lose or strand the lock.
    """
    function = ("pg_advisory_lock" if wait else "pg_try_advisory_lock") + (
        "_shared" if shared else ""
    )
    unlock = "pg_advisory_unlock_shared" if shared else "pg_advisory_unlock"
    key = lock_key(name)
    session = connections.create_connection(DEFAULT_DB_ALIAS)
    acquired = False
    try:
        with session.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s)", [key])
            row = cursor.fetchone()
        # pg_advisory_lock returns void (None); the try_ variants whether they got it.
        if not wait and not (row and row[0]):
            raise AlreadyRunning(name)
        acquired = True
        yield
    finally:
        # Ending the session lets its locks go too, even when the unlock fails
        # (the connection was lost); unlock first all the same, in case the
        # connection outlives its close (a pool keeps it).
        if acquired:
            with contextlib.suppress(DatabaseError), session.cursor() as cursor:
                cursor.execute(f"SELECT {unlock}(%s)", [key])
        with contextlib.suppress(DatabaseError):
            session.close()
