"""Run locks (``masthead.core.run_lock``) between processes, and between machines on PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from masthead.core.run_lock import AlreadyRunning, held
from masthead.core.tests.test_cli import environment

# A process that holds a lock until its standard input closes, and says when it has it.
HOLD = """
import sys, django
django.setup()
from masthead.core.run_lock import held
with held(sys.argv[1], shared=sys.argv[2] == "shared"):
    print("held", flush=True)
    sys.stdin.read()
"""
# A process that tries a lock in each mode given, without waiting, and says whether it got it.
TRY = """
import sys, django
django.setup()
from masthead.core.run_lock import AlreadyRunning, held
for mode in sys.argv[2:]:
    try:
        with held(sys.argv[1], shared=mode == "shared", wait=False):
            print("free")
    except AlreadyRunning:
        print("busy")
"""


def machine(data_dir: Path) -> dict[str, str]:
    """Return the environment of a process of one machine: its own data directory.

    On PostgreSQL every machine shares the suite's database; on SQLite, where a
    deployment is one machine, the caller passes the same directory for both.
    """
    env = environment(data_dir)
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return env


@pytest.fixture
def machines(tmp_path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Return the environments of two machines of a deployment (one machine on SQLite)."""
    other = "other" if os.environ.get("DATABASE_URL") else "one"
    return machine(tmp_path / "one"), machine(tmp_path / other)


@contextlib.contextmanager
def holder(env: dict[str, str], name: str, mode: str) -> Iterator[subprocess.Popen[str]]:
    """Run a process that holds the lock ``name`` (``shared`` or ``exclusive``) in the block."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, name, mode],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line == "held\n", process.stderr.read() if process.stderr else line
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def attempt(env: dict[str, str], name: str, *modes: str) -> list[str]:
    """Return "free" or "busy" for each mode: whether another process could take it at once."""
    result = subprocess.run(
        [sys.executable, "-c", TRY, name, *modes], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_an_exclusive_lock_holds_on_every_machine_until_its_holder_dies(
    machines: tuple[dict[str, str], dict[str, str]],
) -> None:
    """A lock one machine holds alone keeps the others out, and a killed holder lets it go.

    Before, the lock was a file in the data directory: on PostgreSQL a second
    machine took it while the first still held it (a rebuild of the related
    lists beside another machine's updates).
    """
    first, second = machines
    name = f"test-{uuid.uuid4().hex}"
    with holder(first, name, "exclusive") as process:
        assert attempt(second, name, "exclusive", "shared") == ["busy", "busy"]
        process.kill()
        process.wait()
        assert attempt(second, name, "exclusive") == ["free"]


def test_shared_locks_keep_out_only_an_exclusive_holder(
    machines: tuple[dict[str, str], dict[str, str]],
) -> None:
    """Holders of a shared lock meet no wait among themselves, only one who wants it alone.

    Before, on PostgreSQL, the exclusive holder on another machine was not kept out.
    """
    first, second = machines
    name = f"test-{uuid.uuid4().hex}"
    with holder(first, name, "shared") as process:
        assert attempt(second, name, "shared", "exclusive") == ["free", "busy"]
        assert process.stdin is not None
        process.stdin.close()  # The holder finishes its work and lets go.
        assert process.wait(timeout=30) == 0
    assert attempt(second, name, "exclusive") == ["free"]


@pytest.fixture
def connections_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return a list that grows by one for each database connection opened from now on."""
    from django.db import DEFAULT_DB_ALIAS, connections

    backend = type(connections[DEFAULT_DB_ALIAS])
    connect = backend.get_new_connection
    opened: list[str] = []

    def counted(self: Any, params: dict[str, Any]) -> Any:
        opened.append(self.alias)
        return connect(self, params)

    monkeypatch.setattr(backend, "get_new_connection", counted)
    return opened


def end_other_sessions() -> None:
    """End, as a database restart would, the test database's sessions other than the test's own."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # Each ends once it sees the signal.
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # Read afresh in the transaction.
            cursor.execute(f"SELECT count(*) {others}")
            if cursor.fetchone() == (0,):
                return
            time.sleep(0.05)
    raise AssertionError("the other sessions did not end")


@pytest.mark.django_db
def test_a_process_takes_its_run_locks_on_one_connection(connections_opened: list[str]) -> None:
    """Locks taken one after another share one connection, replaced once the server ends it.

    Before, on PostgreSQL each lock opened a connection of its own and closed it
    after: a busy task worker opened one for every related-list update. On
    SQLite the locks are files and open no connection.
    """
    from django.db import connection

    one = 1 if connection.vendor == "postgresql" else 0
    name = f"test-{uuid.uuid4().hex}"
    for shared in (True, False, True):
        with held(name, shared=shared):
            pass
        with held(f"{name}-other", wait=False):
            pass
    assert len(connections_opened) == one
    end_other_sessions()
    for _ in range(3):
        with held(name):
            pass
    assert len(connections_opened) == 2 * one


@pytest.mark.django_db
def test_threads_of_one_process_keep_each_other_out(connections_opened: list[str]) -> None:
    """A lock one thread holds alone is busy for the process's other threads until let go.

    Each thread holding a lock at once needs a session of its own (PostgreSQL
    lets a session take again what it holds); the two are then kept, and reused.
    """
    from django.db import connection

    name = f"test-{uuid.uuid4().hex}"
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        with held(name):
            taken.set()
            done.wait(timeout=30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert taken.wait(timeout=30)
        with pytest.raises(AlreadyRunning), held(name, shared=True, wait=False):
            pass
    finally:
        done.set()
        holder.join(timeout=30)
    for _ in range(3):
        with held(name, wait=False):
            pass
    assert len(connections_opened) == (2 if connection.vendor == "postgresql" else 0)
