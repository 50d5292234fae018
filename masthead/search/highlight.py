"""Highlighted headlines and snippets: escape everything, then mark the words searched for."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_WORDS = 36


def word_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """Return a pattern matching whole words that start with any of ``words``.

    Prefixes rather than exact words so that "tariff" also marks "tariffs", as
    PostgreSQL's stemming would have matched it.
    """
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def mark(text: str, pattern: re.Pattern[str] | None) -> SafeString:
    """Return text escaped, with each match of the pattern wrapped in <mark>."""
    if pattern is None:
        return SafeString(escape(text))
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    # Every piece of the reader's or the article's text went through escape().
    return mark_safe("".join(pieces))  # noqa: S308


def excerpt(text: str, pattern: re.Pattern[str] | None, length: int = SNIPPET_WORDS) -> str:
    """Return about ``length`` words of text around the first match, with ellipses."""
    words = text.split()
    if len(words) <= length:
        return " ".join(words)
    first = 0
    if pattern is not None:
        first = next((i for i, word in enumerate(words) if pattern.search(word)), 0)
    start = max(0, min(first - length // 3, len(words) - length))
    chosen = " ".join(words[start : start + length])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(words) else ""
    return f"{prefix}{chosen}{suffix}"


def snippet(texts: Sequence[str], pattern: re.Pattern[str] | None) -> SafeString:
    """Return a highlighted excerpt of the first text with a match (else of the first text)."""
    chosen = next(
        (text for text in texts if pattern is not None and pattern.search(text)),
        next((text for text in texts if text.strip()), ""),
    )
    return mark(excerpt(chosen, pattern), pattern)
