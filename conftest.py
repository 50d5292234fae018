"""Pytest configuration shared by unit and browser tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client


@pytest.fixture(autouse=True)
def empty_caches() -> Iterator[None]:
    """Start every test with empty caches so cached pages never leak between tests."""
    from masthead.discussion import live  # Models load once Django is set up.

    for alias in ("default", "pages"):
        caches[alias].clear()
    live.recent_purges.clear()  # The in-process side of the feed purges' throttle.
    yield


@pytest.fixture(autouse=True)
def fresh_factory_numbers() -> None:
    """Number every test's factory objects from 1, as when the test runs alone.

    The factories date the n-th article n hours ago: counted across a whole
    process, a test late in a long run got articles weeks old (discussions
    closed automatically, out of every "recent" window) and failed only there.
    """
    from masthead.testing import factories

    factories._counter = itertools.count(1)


@pytest.fixture
def editor_client(client: Client, django_user_model: Any) -> Client:
    """Return a client signed in as a superuser (the admin's tests)."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.invalid", "pw")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def close_run_lock_connections() -> Iterator[None]:
    """Close the connections a test's run locks kept, so that none outlives its database.

    The process keeps them between locks (masthead.core.run_lock); left open,
    the test database could not be dropped at the end of the run.
    """
    from masthead.core import run_lock

    yield
    run_lock.close_sessions()
