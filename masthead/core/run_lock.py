"""Work that must not overlap with itself on one installation: a lock each.

A rebuild of a whole index, say, and the updates of single entries that would
interleave with it. On PostgreSQL the lock is an advisory lock of the database,
so it holds between the processes of every machine of a deployment; it is taken
on a connection kept for locks alone, which PostgreSQL closes, letting the lock
go, when its process exits or is killed. On SQLite, whose database one machine holds, it
is a ``flock`` lock file in the data directory: such locks belong to the open
file, so the kernel lets them go when the holder exits or is killed. Either
way a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

_local = threading.local()
# The process's lock connections not holding a lock now, for the next lock to reuse.
_idle_sessions: list[BaseDatabaseWrapper] = []
_sessions_lock = threading.Lock()


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

    The lock lives on a connection kept for locks, in autocommit: the work's own
    connection may be closed (an idle one, a failed health check) or left in a
    failed transaction meanwhile, and either would lose or strand the lock.
    """
    function = ("pg_advisory_lock" if wait else "pg_try_advisory_lock") + (
        "_shared" if shared else ""
    )
    unlock = "pg_advisory_unlock_shared" if shared else "pg_advisory_unlock"
    key = lock_key(name)
    session, row = take_lock(f"SELECT {function}(%s)", key)
    # pg_advisory_lock returns void (None); the try_ variants whether they got it.
    if not wait and not (row and row[0]):
        put_back_session(session)
        raise AlreadyRunning(name)
    try:
        yield
    finally:
        release_lock(session, f"SELECT {unlock}(%s)", key)


def take_lock(statement: str, key: int) -> tuple[BaseDatabaseWrapper, Any]:
    """Run a lock statement on a lock connection; return the connection and the row it gave.

    A kept connection the server has ended since (a restart, an idle timeout)
    is replaced by a new one, once. On any other failure the connection is
    closed, as an interrupted wait may have left it holding the lock.
    """
    session, is_kept = take_session()
    try:
        return session, run_on(session, statement, key)
    except BaseException as error:
        is_lost = is_kept and isinstance(error, InterfaceError | OperationalError)
        is_lost = is_lost and not session.is_usable()
        close_session(session)
        if not is_lost:
            raise
    session = new_session()
    try:
        return session, run_on(session, statement, key)
    except BaseException:
        close_session(session)
        raise


def release_lock(session: BaseDatabaseWrapper, statement: str, key: int) -> None:
    """Let a lock go and keep its connection for the next; close it if that failed."""
    try:
        run_on(session, statement, key)
    except BaseException as error:
        # Ending the session lets its locks go too (and the connection may be lost).
        close_session(session)
        if not isinstance(error, DatabaseError):
            raise
    else:
        put_back_session(session)


def run_on(session: BaseDatabaseWrapper, statement: str, key: int) -> Any:
    """Run a statement on a lock connection and return its one row."""
    with session.cursor() as cursor:
        cursor.execute(statement, [key])
        return cursor.fetchone()


def take_session() -> tuple[BaseDatabaseWrapper, bool]:
    """Return an idle lock connection of this process, or a new one; and whether it was kept.

    Each lock held at once has a connection of its own, since PostgreSQL lets a
    session take again a lock it holds: two threads of a process sharing one
    would not keep each other out. One after another, they reuse one.
    """
    with _sessions_lock:
        if _idle_sessions:
            return _idle_sessions.pop(), True
    return new_session(), False


def new_session() -> BaseDatabaseWrapper:
    """Return a new lock connection (it connects on first use)."""
    session = connections.create_connection(DEFAULT_DB_ALIAS)
    session.inc_thread_sharing()  # Kept for the process: whichever thread locks next uses it.
    return session


def put_back_session(session: BaseDatabaseWrapper) -> None:
    """Keep a lock connection that holds no lock for the next lock of this process."""
    with _sessions_lock:
        _idle_sessions.append(session)


def close_session(session: BaseDatabaseWrapper) -> None:
    """Close a lock connection, which lets any lock it holds go."""
    with contextlib.suppress(DatabaseError):
        session.close()


def close_sessions() -> None:
    """Close this process's idle lock connections (before its database is dropped, say)."""
    with _sessions_lock:
        idle = list(_idle_sessions)
        _idle_sessions.clear()
    for session in idle:
        close_session(session)


def forget_sessions() -> None:
    """Leave the parent's lock connections to the parent in a child just forked."""
    global _sessions_lock
    # Closing them here would end the parent's sessions, whose sockets the child
    # shares; the driver leaves a connection of another process open when freed.
    _idle_sessions.clear()
    _sessions_lock = threading.Lock()  # A parent's thread may have held it at the fork.


os.register_at_fork(after_in_child=forget_sessions)
