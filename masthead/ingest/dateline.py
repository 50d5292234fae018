"""Read the publication time from a dateline line, whatever its format and gluing.

Handles ``14:05 GMT 21 January 2022``, ``14:05 GMT21 January 2022`` (glued),
``06:30 GMT 12.05.2023`` (day first), ``21 Jan 2022, 2:05pm BST``,
``January 21, 2022 14:05 UTC+2``, ``2022-01-21 14:05 +0100`` and an "Updated" time
after the first. A time without a zone is read in the site's zone.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from django.conf import settings

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Abbreviations with one meaning; ambiguous ones (IST, CST in Asia) are read as listed.
ZONE_OFFSETS = {
    "GMT": 0, "UTC": 0, "Z": 0, "WET": 0, "BST": 60, "IST": 60, "WEST": 60, "CET": 60,
    "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240,
    "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "JST": 540, "AEST": 600, "AEDT": 660,
}  # fmt: skip
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
TIME = (
    r"(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?"
)
ZONE = (
    r"(?P<zone>(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|"
    + "|".join(sorted(ZONE_OFFSETS, key=len, reverse=True))
    + r")\b"
)
DATE_PATTERNS = [
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH_NAMES})\.?,?\s+(?P<year>\d{{4}})\b",
        re.I,
    ),
    re.compile(
        rf"\b(?P<month>{MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
        re.I,
    ),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    # Numeric dates are day first, as the outlets these captures come from write them.
    re.compile(r"\b(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})\b"),
]
TIME_PATTERN = re.compile(rf"(?<![\d.:])\b{TIME}(?:\s*{ZONE})?", re.I)
GLUE = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z]{2})")
UPDATED = re.compile(r"\b(?:last\s+)?updated\b[:\s]*", re.I)


def unglue(text: str) -> str:
    """Put a space between letters and digits glued together ("GMT21" -> "GMT 21")."""
    spaced = GLUE.sub(" ", text)
    # Keep ordinals and a.m./p.m. whole ("21 st" -> "21st", "2 pm" stays readable).
    return re.sub(r"(\d) (st|nd|rd|th)\b", r"\1\2", spaced)


def parse_dateline(line: str) -> tuple[dt.datetime, dt.datetime | None] | None:
    """Return the (published, updated) UTC times a dateline states, or None if it has none."""
    text = unglue(line)
    parts = UPDATED.split(text, maxsplit=1)
    published = parse_moment(parts[0])
    if published is None:
        return None
    updated = parse_moment(parts[1]) if len(parts) > 1 else None
    return published, updated


def parse_moment(text: str) -> dt.datetime | None:
    """Return the one date (with optional time and zone) in a piece of text, in UTC.

    A time UTC cannot hold (year 1 east of it) is returned as written, for the
    record's check to refuse by its date.
    """
    date = find_date(text)
    if date is None:
        return None
    date_span, day = date
    rest = text[: date_span[0]] + " " + text[date_span[1] :]
    clock = TIME_PATTERN.search(rest)
    hour = minute = second = 0
    zone: dt.tzinfo = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    if clock is not None:
        hour, minute = int(clock["hour"]), int(clock["minute"])
        second = int(clock["second"] or 0)
        hour = twelve_hour(hour, clock["ampm"])
        if clock["zone"]:
            zone = zone_from(clock["zone"])
    try:
        local = dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None
    try:
        return local.astimezone(dt.UTC)
    except OverflowError:
        return local


def find_date(text: str) -> tuple[tuple[int, int], dt.date] | None:
    """Return the span and value of the first readable date in the text."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            month_text = match["month"]
            month = MONTHS.get(month_text.lower().rstrip(".")) or (
                int(month_text) if month_text.isdigit() else 0
            )
            try:
                day = dt.date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                continue
            return match.span(), day
    return None


def twelve_hour(hour: int, ampm: str | None) -> int:
    """Return the 24-hour form of an hour read with its a.m./p.m. marker."""
    if not ampm:
        return hour
    is_pm = ampm.lower().startswith("p")
    return (hour % 12) + (12 if is_pm else 0)


def zone_from(label: str) -> dt.tzinfo:
    """Return the fixed offset a zone label names ("BST", "+0100", "UTC+2")."""
    label = label.upper().replace(" ", "")
    if label in ZONE_OFFSETS:
        return dt.timezone(dt.timedelta(minutes=ZONE_OFFSETS[label]))
    match = re.fullmatch(r"(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?", label)
    if match is None:
        return dt.UTC
    sign = -1 if match[1] == "-" else 1
    minutes = int(match[2]) * 60 + int(match[3] or 0)
    if minutes > 14 * 60:
        return dt.UTC
    return dt.timezone(sign * dt.timedelta(minutes=minutes))
