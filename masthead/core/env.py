"""Numbers and switches read from the environment, refused with a message naming the variable."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

Number = TypeVar("Number", int, float)


def env_number(
    name: str,
    default: Number,
    kind: Callable[[str], Number],
    minimum: Number,
    maximum: Number | None = None,
) -> Number:
    """Return a number from the environment (``default`` when unset or empty).

    A value that is not a finite number of that kind, or is below ``minimum``
    (or above ``maximum``), stops start-up with ImproperlyConfigured naming the
    variable, instead of a bare ValueError from deep inside the settings.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw[:40]!r}.") from None
    if not math.isfinite(value) or value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {raw[:40]!r}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {raw[:40]!r}.")
    return value


# The spellings of on and off that operators write; compared after strip() and lower().
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_flag(name: str, default: bool) -> bool:
    """Return an on/off switch from the environment (``default`` when unset or empty).

    1/0, true/false, yes/no and on/off are understood in any case; anything
    else stops start-up with ImproperlyConfigured naming the variable, since a
    switch read wrongly fails silently (``SECURE_SSL_REDIRECT=true`` must not
    turn the HTTPS redirect off).
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    word = raw.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (true or false), not {raw[:40]!r}.")


def env_site_url(name: str, default: str) -> str:
    """Return a site's public address, ``http(s)://host[:port]``, without a final slash.

    ``default`` when unset or blank. Anything else (no scheme, no host, a port
    that is not one, a path, query or fragment) stops start-up with
    ImproperlyConfigured naming the variable: links in emails are built on it,
    and ``masthead setup`` points the default Site at its host and port.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    problem = f"{name} must be the site's address, as https://news.example.org, not {raw[:80]!r}."
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number in range)
    except ValueError:
        raise ImproperlyConfigured(problem) from None
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or raw.endswith(("?", "#"))
    ):
        raise ImproperlyConfigured(problem)
    return raw.rstrip("/")


# A request header's key in request.META (HTTP_X_REAL_IP), or its name as sent (X-Real-IP).
META_HEADER = re.compile(r"HTTP_[A-Z0-9_]+")
SENT_HEADER = re.compile(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*")


def env_header(name: str) -> str | None:
    """Return the ``request.META`` key of a request header named in the environment, or None.

    The header may be written as the proxy sends it (``X-Real-IP``) or as Django
    keys it (``HTTP_X_REAL_IP``); None when unset, blank or ``REMOTE_ADDR``. Anything else stops
    start-up with ImproperlyConfigured naming the variable: django-ratelimit
    would take a dotted value for a function to import, and look any other up
    in vain, failing every request it limits.
    """
    raw = os.environ.get(name, "").strip()
    if not raw or raw == "REMOTE_ADDR":  # The connection's own address: the default.
        return None
    if META_HEADER.fullmatch(raw):
        return raw
    if SENT_HEADER.fullmatch(raw):
        return "HTTP_" + raw.upper().replace("-", "_")
    raise ImproperlyConfigured(
        f"{name} must be a request header, as X-Real-IP or HTTP_X_REAL_IP, not {raw[:40]!r}."
    )
