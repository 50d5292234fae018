"""Settings of the distribution app, each with its default."""

from __future__ import annotations

from django.conf import settings


def websub_hub() -> str:
    """Return the WebSub hub feeds name and publishing pings, or "" for none."""
    return str(getattr(settings, "DISTRIBUTION_WEBSUB_HUB", "") or "")


def websub_timeout() -> float:
    """Return the seconds a ping to the hub may take."""
    return float(getattr(settings, "DISTRIBUTION_WEBSUB_TIMEOUT", 10))


def feed_size() -> int:
    """Return how many articles a feed carries."""
    return int(getattr(settings, "DISTRIBUTION_FEED_ITEMS", 30))


def full_text_by_default() -> bool:
    """Return whether feeds carry whole articles without ``?full=1``."""
    return bool(getattr(settings, "DISTRIBUTION_FEED_FULL_TEXT", False))


def sitemap_page_size() -> int:
    """Return how many articles one page of the article sitemap lists."""
    return int(getattr(settings, "DISTRIBUTION_SITEMAP_PAGE_SIZE", 1000))


def news_sitemap_days() -> int:
    """Return how many days back the Google News sitemap reaches (Google reads two)."""
    return int(getattr(settings, "DISTRIBUTION_NEWS_SITEMAP_DAYS", 2))


def language() -> str:
    """Return the ISO 639 language of the publication (``en`` for ``en-gb``)."""
    configured = getattr(settings, "DISTRIBUTION_LANGUAGE", "")
    return str(configured or settings.LANGUAGE_CODE.split("-")[0]).lower()


def is_accessible_for_free() -> bool:
    """Return whether articles are free to read (no paywall), for structured data."""
    return bool(getattr(settings, "DISTRIBUTION_ACCESSIBLE_FOR_FREE", True))
