"""Two writes racing in threads, for the tests of what a database lock must order."""

from __future__ import annotations

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
