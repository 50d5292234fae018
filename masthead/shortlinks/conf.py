"""Settings of the short links app, read with their defaults."""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# Read on every redirect, so read once: getattr on a missing setting raises and
# catches inside Django's settings object, a few microseconds each time.
cached = functools.cache


@cached
def is_permanent() -> bool:
    """Return whether redirects are permanent (301) rather than temporary (302)."""
    return bool(getattr(settings, "SHORTLINKS_PERMANENT", False))


@cached
def short_base_url() -> str:
    """Return SHORTLINK_BASE_URL without its trailing slash, or '' when unset."""
    return str(getattr(settings, "SHORTLINK_BASE_URL", "") or "").rstrip("/")


@cached
def short_host() -> str:
    """Return the lowercase host name of a separate short host, or ''."""
    base = short_base_url()
    return (urlsplit(base).hostname or "").lower() if base else ""


@cached
def flush_seconds() -> float:
    """Return how often each process writes its pending click counts."""
    return float(getattr(settings, "SHORTLINKS_FLUSH_SECONDS", 5.0))


@cached
def flush_clicks() -> int:
    """Return how many pending clicks make a process write them at once."""
    return int(getattr(settings, "SHORTLINKS_FLUSH_CLICKS", 1000))


@cached
def is_background_flush() -> bool:
    """Return whether a background thread writes click counts (tests flush by hand)."""
    return bool(getattr(settings, "SHORTLINKS_BACKGROUND_FLUSH", True))


@cached
def memo_seconds() -> float:
    """Return how long a resolved redirect stays in the shared cache."""
    return float(getattr(settings, "SHORTLINKS_CACHE_SECONDS", 3600.0))


@receiver(setting_changed)
def forget_settings(**kwargs: Any) -> None:
    """Read the settings afresh after a change (tests override them)."""
    for reader in (
        is_permanent,
        short_base_url,
        short_host,
        flush_seconds,
        flush_clicks,
        is_background_flush,
        memo_seconds,
    ):
        reader.cache_clear()
