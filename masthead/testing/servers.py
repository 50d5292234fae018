"""Helpers for tests that start real servers on 127.0.0.1 and stop them by their own PID."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 at the moment of asking."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(server: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Stop a server a test started: Ctrl-C, then SIGKILL if it lingers."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def has_exited(pid: int) -> bool:
    """Return whether a process has exited (gone, or a zombie no one has reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in {"Z", "X"}


def outlivers(pids: list[int], seconds: float) -> list[int]:
    """Wait for processes to exit; return those still running when time runs out.

    Those are killed by their own PID before returning: a test's stop of the
    server it started cannot reach processes that server no longer knows of.
    """
    deadline = time.monotonic() + seconds
    while any(not has_exited(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    running = [pid for pid in pids if not has_exited(pid)]
    for pid in running:
        os.kill(pid, signal.SIGKILL)
    return running
