"""The ``masthead`` console script: Django's management commands with our settings."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


class Stopped(KeyboardInterrupt):
    """Raised in the main thread when the process is asked to stop (SIGTERM)."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def raise_stopped(signal_number: int, frame: FrameType | None) -> None:
    """Turn a stop signal into an exception, so transactions roll back and files are cleaned up."""
    raise Stopped(signal_number)


def main(argv: list[str] | None = None) -> None:
    """Run a management command (``masthead serve``, ``masthead demo``...).

    A command whose reader closes the pipe (``masthead export ninjs | head -1``)
    stops quietly with the status a Unix tool killed by SIGPIPE has (141); one
    stopped by Ctrl-C or SIGTERM rolls back its open transaction (and runs its
    clean-up), says so in one line and exits with 128 plus the signal's number
    (130, 143). Long-running commands (``serve``, ``scheduler``, the radio) set
    their own handlers.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    signal.signal(signal.SIGTERM, raise_stopped)
    from django.core.management import execute_from_command_line

    command = sys.argv[1:] if argv is None else argv
    try:
        execute_from_command_line(["masthead", *command])
        sys.stdout.flush()  # Inside the try: a closed pipe may only show now.
    except BrokenPipeError:
        # Python would try to flush standard output again on exit and complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(128 + signal.SIGPIPE)
    except KeyboardInterrupt as stop:
        number = stop.signal_number if isinstance(stop, Stopped) else signal.SIGINT
        name = f"masthead {command[0]}" if command else "masthead"
        print(
            f"{name}: stopped by {signal.Signals(number).name}; "
            "its unfinished transaction was rolled back.",
            file=sys.stderr,
        )
        sys.exit(128 + number)


if __name__ == "__main__":  # pragma: no cover
    main()
