"""Format publication times the way the newsroom writes them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import dateformat

UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu"})


@dataclass(frozen=True)
class DatelineStyle:
    """The zone, its label for UTC, and the Django date format of a dateline."""

    timezone: str = "UTC"
    utc_label: str = "GMT"
    format: str = "H:i T d F Y"


def zone_label(moment: dt.datetime, style: DatelineStyle) -> str:
    """Return the zone abbreviation in force at ``moment`` (GMT for UTC)."""
    if style.timezone in UTC_NAMES:
        return style.utc_label
    return moment.tzname() or style.timezone


def escape_format(text: str) -> str:
    """Escape every character so that Django's date format prints it literally."""
    return "".join("\\" + char for char in text)


def in_zone(moment: dt.datetime, zone: str) -> dt.datetime:
    """Return ``moment`` in the named zone, or in UTC when the zone's time is out of range."""
    try:
        return moment.astimezone(zoneinfo.ZoneInfo(zone))
    except OverflowError:
        # Year 1 west of UTC (or 9999 east of it) is outside datetime's range: a
        # mistyped date must not fail every page showing it, so it is written in UTC.
        return moment.astimezone(dt.UTC)


def format_dateline(moment: dt.datetime, style: DatelineStyle) -> str:
    """Return ``moment`` in the display zone and format, e.g. ``18:00 GMT 03 July 2020``."""
    if moment.tzinfo is None:
        raise ValueError("Datelines need an aware datetime; naive times are ambiguous.")
    local = in_zone(moment, style.timezone)
    label = escape_format(zone_label(local, style))
    pattern = []
    escaped = False
    for char in style.format:
        if escaped:
            pattern.append(char)
            escaped = False
        elif char == "\\":
            pattern.append(char)
            escaped = True
        elif char == "T":
            pattern.append(label)
        else:
            pattern.append(char)
    return str(dateformat.format(local, "".join(pattern)))


def format_day(moment: dt.datetime, style: DatelineStyle, date_format: str = "d F Y") -> str:
    """Return the day of ``moment`` in the display zone, e.g. ``03 July 2020``."""
    return format_dateline(moment, dataclasses.replace(style, format=date_format))


def iso_datetime(moment: dt.datetime) -> str:
    """Return the machine-readable ISO 8601 form for ``<time datetime>``."""
    return moment.isoformat(timespec="seconds")
