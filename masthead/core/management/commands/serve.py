"""``masthead serve``: the web server (granian), the task worker and the scheduler, supervised."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks

from masthead.core.arguments import HIGHEST_PORT, listening_address, whole_number
from masthead.core.env import env_flag, env_number
from masthead.core.parent_death import signal_on_parent_death

# A stopped process is started again after this wait, doubled for each time in
# a row it stopped soon after starting (a bad setting, a port taken), up to the
# longest: one that can never start is retried once a minute, not every 2 s.
RESTART_BACKOFF_SECONDS = 2.0
MAX_RESTART_BACKOFF_SECONDS = 60.0
# A process up this long had started properly: its next restart waits the shortest time.
STEADY_SECONDS = 60.0
# How often the supervisor looks at its processes (and so how soon it stops when asked).
POLL_SECONDS = 0.5
# The most web workers, and threads per worker, serve starts: far past what one
# machine uses, low enough that a typo (100000) is refused instead of forking away.
MAX_WEB_WORKERS = 64
MAX_WEB_THREADS = 64


@dataclass
class Child:
    """A supervised process: its name, command line and the running process.

    ``death_signal`` is what Linux sends the process if the supervisor dies
    without stopping it (killed outright): SIGTERM lets it stop cleanly.
    """

    name: str
    argv: list[str]
    process: subprocess.Popen[bytes] | None = None
    restarts: int = field(default=0)
    death_signal: int = signal.SIGTERM
    started_at: float = 0.0
    quick_stops: int = 0
    restart_at: float | None = None

    def start(self) -> None:
        """Start (or restart) the process; it is signalled if the supervisor dies.

        It runs in a process group of its own, so a terminal's Ctrl-C (SIGINT
        to the foreground group) reaches the supervisor alone, which stops each
        child with one SIGTERM: a second signal makes the task worker abandon
        its task. With no terminal for standard input, a child of a background
        group is never stopped for reading it.
        """
        self.process = subprocess.Popen(
            self.argv,
            stdin=subprocess.DEVNULL,
            process_group=0,
            preexec_fn=partial(signal_on_parent_death, self.death_signal, os.getpid()),
        )

    def is_running(self) -> bool:
        """Return whether the process is alive."""
        return self.process is not None and self.process.poll() is None

    def schedule_restart(self, now: float) -> float:
        """Note that the process stopped at ``now``; return the wait before its restart.

        The wait doubles with each stop in a row that came soon after a start,
        up to a limit, and is the shortest again once the process stayed up.
        """
        if now - self.started_at >= STEADY_SECONDS:
            self.quick_stops = 0
        # The exponent is capped: a float overflows past 2**1023.
        wait = RESTART_BACKOFF_SECONDS * 2 ** min(self.quick_stops, 16)
        wait = min(MAX_RESTART_BACKOFF_SECONDS, wait)
        self.quick_stops += 1
        self.restart_at = now + wait
        return wait

    def describe_stop(self, now: float) -> str:
        """Return how the process ended and after how long, for the log."""
        code = self.process.returncode if self.process is not None else None
        if code is None:
            how = "stopped"
        elif code < 0:
            how = f"was killed by {signal_name(-code)}"
        else:
            how = f"stopped with exit status {code}"
        return f"{self.name} {how} after {now - self.started_at:.1f} s"


def signal_name(number: int) -> str:
    """Return a signal's name (SIGKILL), or its number for one Python has no name for."""
    try:
        return signal.Signals(number).name
    except ValueError:  # The real-time signals between SIGRTMIN and SIGRTMAX.
        return f"signal {number}"


def masthead_command(*args: str) -> list[str]:
    """Return the argv that runs a masthead management command in a child."""
    return [sys.executable, "-m", "masthead.cli", *args]


def web_workers() -> int:
    """Return how many web worker processes to run (MASTHEAD_WEB_WORKERS or 2 per core).

    Each worker runs one request at a time in Python (Django here is CPU-bound)
    while granian's Rust side keeps many connections open and parses HTTP, so a
    reader's browser reuses its connection instead of paying a handshake per
    request; see docs/architecture.md and docs/benchmarks.md.
    """
    return env_number("MASTHEAD_WEB_WORKERS", default_web_workers(), int, 1, MAX_WEB_WORKERS)


def web_threads() -> int:
    """Return how many Python threads each web worker runs (MASTHEAD_WEB_THREADS, default 1).

    Django's work is CPU-bound and the GIL lets one thread run at a time, so
    one thread per worker is the cheapest: a cached page costs about 38 us of
    CPU with one thread and 53 us with two (bench/discussion.py). A second
    thread helps where requests wait without working, as comments do behind a
    long write on SQLite (an import, say): the other requests the worker holds
    are then served meanwhile instead of queueing (docs/discussion.md).
    """
    return env_number("MASTHEAD_WEB_THREADS", 1, int, 1, MAX_WEB_THREADS)


def default_web_workers() -> int:
    """Return 2 workers per core (at least 2, at most MAX_WEB_WORKERS)."""
    return min(MAX_WEB_WORKERS, max(2, 2 * (os.cpu_count() or 1)))


def web_server(host: str, port: int, workers: int) -> list[str]:
    """Return the argv of the web server: granian serving the WSGI application."""
    argv = [
        sys.executable, "-m", "granian", "--interface", "wsgi", "masthead.wsgi:application",
        "--host", host, "--port", str(port),
        "--workers", str(workers),
        "--blocking-threads", str(web_threads()),
        "--http", "1",
        # Request line plus headers beyond 16 KiB get 431, as no browser sends them.
        "--http1-buffer-size", str(16 * 1024),
        "--backlog", "2048",
        "--respawn-failed-workers",
        "--workers-kill-timeout", "10",
    ]  # fmt: skip
    argv.append("--access-log" if access_log() else "--no-access-log")
    return argv


def access_log() -> bool:
    """Return whether the web server logs each request (MASTHEAD_ACCESS_LOG, an on/off switch)."""
    # `-` (standard error) was the documented default before this was a switch: still on.
    if os.environ.get("MASTHEAD_ACCESS_LOG", "").strip() == "-":
        return True
    return env_flag("MASTHEAD_ACCESS_LOG", True)


class Command(BaseCommand):
    help = "Serve the site: granian, the task worker and the scheduler. Ctrl-C stops all."

    def add_arguments(self, parser: Any) -> None:
        # A string default goes through the type too, so a bad PORT is refused the same way.
        port = partial(whole_number, what="port (--port or PORT)", lowest=1, highest=HIGHEST_PORT)
        parser.add_argument("--port", type=port, default=os.environ.get("PORT") or "8000")
        # granian binds to an address, and a name it refuses would be restarted for ever.
        host = os.environ.get("MASTHEAD_HOST", "").strip() or "127.0.0.1"
        parser.add_argument("--host", type=listening_address, default=host)
        workers = partial(whole_number, what="workers", lowest=1, highest=MAX_WEB_WORKERS)
        parser.add_argument("--workers", type=workers, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        children = self.children(options)
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            for child in children:
                self.start_child(child)
            self.stdout.write(
                f"Serving on http://{options['host']}:{options['port']}/ (Ctrl-C stops)"
            )
            while not stopping:
                for child in children:
                    if stopping:  # Asked to stop: start nothing new.
                        break
                    self.supervise(child, time.monotonic())
                # Restarts wait their turn here, not in a sleep of their own: the
                # other processes stay watched, and a stop asked for during a
                # minute's wait is done within half a second.
                time.sleep(POLL_SECONDS)
        finally:
            self.shutdown(children)

    def start_child(self, child: Child) -> None:
        """Start a process and note when."""
        child.start()
        child.started_at = time.monotonic()

    def supervise(self, child: Child, now: float) -> None:
        """Schedule the restart of a process that stopped, logging it; restart it when due."""
        if child.restart_at is None:
            if not child.is_running():
                wait = child.schedule_restart(now)
                self.stderr.write(f"{child.describe_stop(now)}; restarting in {wait:g} s")
        elif now >= child.restart_at:
            child.restart_at = None
            child.restarts += 1
            self.start_child(child)

    def children(self, options: dict[str, Any]) -> list[Child]:
        """Return the processes the site needs on one machine.

        A bad web server size in the environment is a CommandError naming it.
        """
        try:
            workers = options["workers"] or web_workers()
            web = web_server(options["host"], options["port"], workers)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        children = [
            # SIGKILL if the supervisor dies: granian's graceful stop relies on
            # its master, which was once seen stuck for a minute with a worker
            # still serving; its workers die with it (masthead.wsgi).
            Child("web", web, death_signal=signal.SIGKILL),
            Child("worker", masthead_command("db_worker", "--verbosity", "0")),
            Child("scheduler", masthead_command("scheduler")),
        ]
        # Apps add their own long-running processes (the radio encoder, say)
        # through the `register_serve_process` hook: each returns (name, argv)
        # pairs, or nothing when the app has nothing to run on this machine.
        for hook in hooks.get_hooks("register_serve_process"):
            for name, argv in hook() or ():
                children.append(Child(name, list(argv)))
        return children

    def shutdown(self, children: list[Child]) -> None:
        """Stop every child: SIGTERM, then SIGKILL after a grace period."""
        for child in children:
            if child.is_running():
                assert child.process is not None
                child.process.terminate()
        deadline = time.monotonic() + 10
        for child in children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()
