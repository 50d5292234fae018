"""Short codes: random, seven characters, safe to read aloud, case-insensitive."""

from __future__ import annotations

import re
import secrets

# No vowels (no words, rude or otherwise), no y, and none of 0/o, 1/l/i:
# 27 symbols, 27**7 (about 10**10) codes. Stored lowercase; readers may type any case.
ALPHABET = "23456789bcdfghjkmnpqrstvwxz"
CODE_LENGTH = 7
# Longest input worth a lookup: codes are 7 characters and aliases at most 50.
MAX_INPUT_LENGTH = 64
ALIAS_MAX_LENGTH = 50
ALIAS_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_PATTERN = re.compile(r"^[a-z0-9-]{1,50}$")
# What chat programs and sentences glue onto a pasted link.
TRAILING_JUNK = "/.,;:!?)]}>'\"*_ \t"
LEADING_JUNK = "([{<'\"*_ \t"


def new_code() -> str:
    """Return a fresh random code (not derived from any ID)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(raw: str) -> str | None:
    """Return the lookup key for a code or alias as typed or pasted, or None if it is junk."""
    if len(raw) > MAX_INPUT_LENGTH:  # Before any other work: 10 kB inputs stop here.
        return None
    key = raw.strip(TRAILING_JUNK).lstrip(LEADING_JUNK).lower()
    return key if KEY_PATTERN.match(key) else None
