"""Numbers read from the environment, refused with a message that names the variable."""

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
