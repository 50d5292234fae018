"""Read numbers from URLs and query strings without trusting them."""

from __future__ import annotations

import re

# ASCII digits only: str.isdigit() accepts "²", which int() refuses, and int()
# refuses strings past 4,300 digits; both would be errors rather than a 404.
SMALL_NUMBER = re.compile(r"[0-9]{1,10}")


def parse_number(text: str | None, maximum: int) -> int | None:
    """Return text as a whole number from 0 to ``maximum``, or None for anything else."""
    if text is None or not SMALL_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if number <= maximum else None
