"""Numbers and switches read from the environment, refused with a message naming the variable."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

Number = TypeVar("Number", int, float)


def env_number(
    name: str, default: Number, kind: Callable[[str], Number], minimum: Number
) -> Number:
    """Return a number from the environment (``default`` when unset or empty).

    A value that is not a finite number of that kind, or is below ``minimum``,
    stops start-up with ImproperlyConfigured naming the variable, instead of a
    bare ValueError from deep inside the settings.
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
