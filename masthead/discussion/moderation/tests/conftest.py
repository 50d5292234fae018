"""Fixtures of the moderation tests."""

from __future__ import annotations

import pytest
from pytest_django import Settings

from masthead.discussion.moderation.matching import invalidate


@pytest.fixture(autouse=True)
def fresh_state(settings: Settings) -> None:
    """Start every test with no cached word lists and no rate limits."""
    settings.MODERATION_RATELIMIT_ENABLED = False
    settings.DISCUSSION_RATELIMIT_ENABLED = False
    invalidate()
