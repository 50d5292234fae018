"""A process asks to be signalled when its parent dies; granian workers ask for SIGKILL."""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import subprocess
import sys

from masthead.core.parent_death import GRANIAN_WORKER_NAME, die_with_granian_master
from masthead.testing.servers import outlivers

PR_GET_PDEATHSIG = 2

ORPHAN = """
import os, signal, subprocess, sys
child = subprocess.Popen([sys.executable, "-c", '''
import os, signal, time
from masthead.core.parent_death import signal_on_parent_death
signal_on_parent_death(signal.SIGTERM, os.getppid())
print("ready", flush=True)
time.sleep(60)
'''], stdout=subprocess.PIPE, text=True)
assert child.stdout.readline() == "ready\\n"
print(child.pid, flush=True)
os._exit(0)  # without waiting for the child: it is orphaned
"""


def parent_death_signal() -> int:
    """Return this process's parent-death signal (0 for none)."""
    libc = ctypes.CDLL(None, use_errno=True)
    value = ctypes.c_int()
    assert libc.prctl(PR_GET_PDEATHSIG, ctypes.byref(value), 0, 0, 0) == 0
    return value.value


def test_a_process_is_signalled_when_its_parent_dies() -> None:
    """A grandchild whose parent exits without stopping it gets its signal at once."""
    parent = subprocess.run(
        [sys.executable, "-c", ORPHAN], capture_output=True, text=True, check=True, timeout=60
    )
    orphan = int(parent.stdout.split()[-1])
    assert outlivers([orphan], 10) == [], "the orphan outlived its parent"


def test_a_parent_already_gone_means_the_signal_comes_at_once() -> None:
    """If the expected parent is not the parent any more, the process signals itself."""
    script = (
        "import os, signal, time\n"
        "from masthead.core.parent_death import signal_on_parent_death\n"
        "signal_on_parent_death(signal.SIGTERM, os.getppid() + 1_000_000)\n"
        "time.sleep(60)\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], timeout=30, check=False)
    assert finished.returncode == -signal.SIGTERM


def report_death_signal(queue: multiprocessing.Queue[int]) -> None:
    """In a forked process: ask as a granian worker would, and report the signal set."""
    die_with_granian_master()
    queue.put(parent_death_signal())


def test_only_a_granian_worker_asks_to_die_with_its_master() -> None:
    """A process named as granian names its workers gets SIGKILL; any other none."""
    before = parent_death_signal()
    die_with_granian_master()  # in the test process: no effect
    assert parent_death_signal() == before
    context = multiprocessing.get_context("fork")
    for name, expected in ((GRANIAN_WORKER_NAME, signal.SIGKILL), ("other-process", 0)):
        queue: multiprocessing.Queue[int] = context.Queue()
        process = context.Process(name=name, target=report_death_signal, args=(queue,))
        process.start()
        try:
            assert queue.get(timeout=30) == expected
        finally:
            process.join(timeout=30)
