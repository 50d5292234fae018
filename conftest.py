"""Pytest configuration shared by unit and browser tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def empty_caches() -> Iterator[None]:
    """Start every test with empty caches so cached pages never leak between tests."""
    from masthead.discussion import live  # Models load once Django is set up.

    for alias in ("default", "pages"):
        caches[alias].clear()
    live.recent_purges.clear()  # The in-process side of the feed purges' throttle.
    yield
