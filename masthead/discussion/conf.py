"""Settings of the discussion app, read with their defaults.

Every setting can be put in Django settings; a few can also come from the
environment so that `masthead serve` runs of the benchmark can widen them.
"""

from __future__ import annotations

import os

from masthead.core.settings_cache import setting as _setting


def max_length() -> int:
    """Return the longest comment accepted, in characters."""
    return int(str(_setting("DISCUSSION_MAX_LENGTH", 5000)))


def max_depth() -> int:
    """Return how deep replies are indented; deeper ones say "in reply to @name"."""
    return int(str(_setting("DISCUSSION_MAX_DEPTH", 3)))


def edit_window_seconds() -> int:
    """Return how long after posting an author may edit their comment."""
    return int(str(_setting("DISCUSSION_EDIT_WINDOW_SECONDS", 15 * 60)))


def page_size() -> int:
    """Return how many top-level comments one page of the thread shows."""
    return int(str(_setting("DISCUSSION_PAGE_SIZE", 20)))


def live_poll_seconds() -> int:
    """Return how often the browser asks for the live feed."""
    return int(str(_setting("DISCUSSION_LIVE_POLL_SECONDS", 3)))


def live_feed_size() -> int:
    """Return how many of the newest comments the live feed carries."""
    return int(str(_setting("DISCUSSION_LIVE_FEED_SIZE", 30)))


def rate_per_account() -> str:
    """Return the posting rate allowed per account (django-ratelimit syntax)."""
    return str(_setting("DISCUSSION_RATE_PER_ACCOUNT", "10/m"))


def rate_per_ip() -> str:
    """Return the posting rate allowed per IP address.

    Higher than per account because many readers can share one address
    (offices, mobile carriers). MASTHEAD_DISCUSSION_RATE_PER_IP overrides it
    from the environment (the benchmark posts from one address).
    """
    from_env = os.environ.get("MASTHEAD_DISCUSSION_RATE_PER_IP", "")
    return from_env or str(_setting("DISCUSSION_RATE_PER_IP", "60/m"))


def reaction_rate() -> str:
    """Return the reaction rate allowed per account."""
    return str(_setting("DISCUSSION_REACTION_RATE", "120/m"))


def ratelimit_enabled() -> bool:
    """Return whether rate limits apply (tests of other behaviour turn them off)."""
    return bool(_setting("DISCUSSION_RATELIMIT_ENABLED", True))
