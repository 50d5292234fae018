"""Two writes racing in threads, for the tests of what a database lock must order."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.db import connections


def record_outcome(
    outcome: dict[str, str],
    name: str,
    write: Callable[[], object],
    refused: type[Exception] | tuple[type[Exception], ...] = (),
) -> None:
    """Run ``write`` (a thread's target) and note under ``name`` how it ended.

    "ok"; "refused: <message>" for an error of the ``refused`` kinds (the
    project's errors carry a reader's message); any other error's repr. The
    outcome is the test's assertion, so nothing is raised. The thread's
    database connections are closed after, or the test database could not be
    dropped.
    """
    try:
        write()
        outcome[name] = "ok"
    except refused as error:
        outcome[name] = f"refused: {error.message}"  # type: ignore[attr-defined]
    except Exception as error:  # The outcome is the assertion.
        outcome[name] = repr(error)
    finally:
        connections.close_all()


Write = tuple[str, Callable[[], object]]


def race(
    first: Write,
    second: Write,
    *,
    paused: threading.Event,
    go_on: threading.Event,
    refused: type[Exception] | tuple[type[Exception], ...] = (),
) -> dict[str, str]:
    """Run two named writes against each other; return how each ended (:func:`record_outcome`).

    ``first`` runs in a thread named after it until it sets ``paused`` (its
    locks held, its transaction open) and waits for ``go_on``; ``second`` then
    starts beside it and is given a second to reach the lock it waits for (or
    to commit) before ``first`` goes on.
    """
    outcome: dict[str, str] = {}
    (first_name, first_write), (second_name, second_write) = first, second
    leading = threading.Thread(
        name=first_name, target=record_outcome, args=(outcome, first_name, first_write, refused)
    )
    following = threading.Thread(
        target=record_outcome, args=(outcome, second_name, second_write, refused)
    )
    leading.start()
    assert paused.wait(30), f"{first_name} never reached its pause"
    following.start()
    time.sleep(1)
    go_on.set()
    leading.join(60)
    following.join(60)
    return outcome
