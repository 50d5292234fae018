"""Processes that must not outlive their parent: Linux's parent-death signal.

`masthead serve` supervises the web server, which is granian: a master process
and its forked workers. Linux keeps a forked process running when its parent
dies, so without this a killed supervisor or granian master (SIGKILL, the OOM
killer) would leave workers serving the old code and holding the port.
``PR_SET_PDEATHSIG`` asks the kernel to signal a process when its parent dies,
however it dies; it survives ``exec`` but not ``fork``, so every generation asks
for itself.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
GRANIAN_WORKER_NAME = "granian-worker"  # the name granian gives its worker processes


def signal_on_parent_death(signum: int, parent: int) -> None:
    """Ask Linux to send ``signum`` to this process when ``parent`` dies (elsewhere, nothing).

    ``parent`` is the pid the caller expects as its parent. If that parent died
    before the request was made, no signal would ever come, so the signal is
    sent at once instead.
    """
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(error)}")
    if os.getppid() != parent:
        os.kill(os.getpid(), signum)


def die_with_granian_master() -> None:
    """In a granian worker, be killed when the granian master dies; elsewhere do nothing.

    SIGKILL rather than SIGTERM: a master stops its workers before it exits
    normally, so this fires only when the master was itself killed, and then no
    one is left to enforce the graceful stop's timeout on a worker that keeps
    serving (seen once in the tests: a worker answered for a minute after its
    SIGTERM). Committed writes are safe either way; a request in flight is lost.
    """
    if multiprocessing.current_process().name != GRANIAN_WORKER_NAME:
        return
    master = multiprocessing.parent_process()
    if master is not None and master.pid is not None:
        signal_on_parent_death(signal.SIGKILL, master.pid)
