"""Settings read on hot paths, with their defaults, remembered until a setting changes.

``getattr(settings, name, default)`` for a setting left out raises and catches
an AttributeError inside Django's lazy settings each time (about 1.4 µs); a
post read some thirty such settings. The answer is kept per name here and
forgotten when any setting changes (``override_settings`` in tests).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_ABSENT = object()
_values: dict[str, Any] = {}


def setting(name: str, default: Any) -> Any:
    """Return the named Django setting, or ``default`` when it is not set."""
    try:
        value = _values[name]
    except KeyError:
        value = _values[name] = getattr(settings, name, _ABSENT)
    return default if value is _ABSENT else value


@receiver(setting_changed)
def forget_settings(**kwargs: Any) -> None:
    """Read every setting again after one changes."""
    _values.clear()
