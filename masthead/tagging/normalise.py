"""The lookup form of a tag name or alias: "U.S." and "us" are the same key."""

from __future__ import annotations

import re
import unicodedata

NON_WORD = re.compile(r"[^\w\s]+")
SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Return the accent-free, case-folded, punctuation-free form of a name."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Dots and apostrophes join letters ("U.S.", "O'Neill"); other marks separate words.
    plain = re.sub("[.'\u2019]", "", plain)
    return SPACES.sub(" ", NON_WORD.sub(" ", plain.casefold())).strip()
