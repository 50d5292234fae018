"""Settings of the search app, each with its default."""

from __future__ import annotations

from django.conf import settings


def page_size() -> int:
    """Return the number of results on one page."""
    return int(getattr(settings, "MASTHEAD_SEARCH_PAGE_SIZE", 20))


def max_query_length() -> int:
    """Return how many characters of a query are read; the rest is ignored."""
    return int(getattr(settings, "MASTHEAD_SEARCH_MAX_QUERY_LENGTH", 200))


def max_terms() -> int:
    """Return how many words and phrases of a query are used; the rest are ignored."""
    return int(getattr(settings, "MASTHEAD_SEARCH_MAX_TERMS", 12))


def candidate_limit() -> int:
    """Return how many of the newest matching articles are ranked (SQLite full-text path)."""
    return int(getattr(settings, "MASTHEAD_SEARCH_CANDIDATES", 1000))


def browser_max_age() -> int:
    """Return the seconds a reader's browser may keep a results page."""
    return int(getattr(settings, "MASTHEAD_SEARCH_MAX_AGE", 60))
