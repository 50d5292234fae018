"""Fixtures of the short links tests: clicks are written by hand, never by a thread."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django import Settings

from masthead.shortlinks.counting import tally


@pytest.fixture(autouse=True)
def manual_flush(settings: Settings) -> Iterator[None]:
    """Turn the writer thread off and start each test with no pending clicks."""
    settings.SHORTLINKS_BACKGROUND_FLUSH = False
    tally.take()
    yield
    tally.take()
