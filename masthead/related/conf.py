"""Settings of the related headlines app, each with its default."""

from __future__ import annotations

from django.conf import settings

DEFAULT_WEIGHTS = {"text": 0.5, "tags": 0.35, "recency": 0.15}


def list_length() -> int:
    """Return how many related headlines an article shows (editor picks included)."""
    return max(0, int(getattr(settings, "RELATED_LIST_LENGTH", 5)))


def weights() -> dict[str, float]:
    """Return the weights of text similarity, shared tags and entities, and recency."""
    configured = getattr(settings, "RELATED_WEIGHTS", {})
    return {name: float(configured.get(name, value)) for name, value in DEFAULT_WEIGHTS.items()}


def recency_days() -> float:
    """Return the time over which the recency bonus falls to about a third."""
    return float(getattr(settings, "RELATED_RECENCY_DAYS", 14.0))


def min_relevance() -> float:
    """Return the least text-and-tags score an automatic pick needs (recency alone never counts)."""
    return float(getattr(settings, "RELATED_MIN_RELEVANCE", 0.08))


def terms_per_article() -> int:
    """Return how many of an article's words go into the index (its highest TF-IDF ones)."""
    return int(getattr(settings, "RELATED_TERMS_PER_ARTICLE", 20))


def keys_per_article() -> int:
    """Return how many of an article's tags and entities go into the index."""
    return int(getattr(settings, "RELATED_KEYS_PER_ARTICLE", 12))


def query_terms() -> int:
    """Return how many of an article's indexed words are used to find candidates."""
    return int(getattr(settings, "RELATED_QUERY_TERMS", 16))


def window() -> int:
    """Return how many postings per term, each side of the article's time, are read."""
    return int(getattr(settings, "RELATED_POSTING_WINDOW", 20))


def neighbours_to_refresh() -> int:
    """Return how many of an updated article's best candidates get their lists recomputed."""
    return int(getattr(settings, "RELATED_NEIGHBOURS_TO_REFRESH", 10))
