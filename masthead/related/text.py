"""The features of an article's text: weighted words and the names it mentions.

Pure text in, counts out: no database here, so the rebuild, the incremental
update and the benchmark share exactly this code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from masthead.tagging.extraction import plain_text

# Headline and standfirst say what the story is about; the body repeats it.
FIELD_WEIGHTS = (3, 2, 1)
# A letter, then letters and digits, with inner apostrophes and hyphens ("bus-stop").
WORD = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019-][^\W_]+)*")
# Two or more capitalised words in a row: "Port Drelmouth", "Halvard Stennick".
NAME = re.compile(r"\b[A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019-]+)+")
POSSESSIVE = re.compile(r"(?:['\u2019]s?)$")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "mr", "ms", "mrs", "would", "also"}
MAX_KEY_LENGTH = 120
MAX_NAME_WORDS = 4
MAX_WORD_LENGTH = 40


@dataclass(frozen=True)
class Document:
    """An article as the index reads it: its id, time, headline and plain text."""

    article_id: int
    published_at: Any
    headline: str
    standfirst: str
    body: str
    tag_ids: tuple[int, ...] = ()


def body_text(raw_blocks: Any) -> str:
    """Return the words of a StreamField body's raw JSON: paragraphs, quotes, captions."""
    parts: list[str] = []
    for block in raw_blocks if isinstance(raw_blocks, list) else []:
        if not isinstance(block, Mapping):
            continue
        value = block.get("value")
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, Mapping):
            parts.extend(str(value.get(name) or "") for name in ("text", "speaker", "caption"))
    return "\n\n".join(parts)


def words(text: str) -> Counter[str]:
    """Return the counts of the lower-cased content words of a text, stop words left out."""
    # Counted first and filtered after: a text repeats its words, so far fewer checks.
    counts = Counter(WORD.findall(text.lower()))
    for word in [word for word in counts if not is_content_word(word)]:
        del counts[word]
    return counts


def is_content_word(word: str) -> bool:
    """Return whether a word is worth indexing."""
    return 2 < len(word) <= MAX_WORD_LENGTH and word not in STOP_WORDS


def names(text: str) -> list[str]:
    """Return the capitalised multi-word names of a text, lower-cased."""
    found = []
    for match in NAME.findall(text):
        parts = match.split()
        # A sentence may begin with a capitalised stop word: "The Stornova Council".
        while parts and parts[0].lower() in STOP_WORDS:
            parts = parts[1:]
        if parts:
            # "Brackenholt Mariners' fans", "Corrin Vale's council": the name, not the possessive.
            parts[-1] = POSSESSIVE.sub("", parts[-1])
        if 2 <= len(parts) <= MAX_NAME_WORDS:
            found.append(" ".join(parts).lower())
    return found


def features(document: Document) -> tuple[Counter[str], Counter[str]]:
    """Return the weighted word counts and the tag and name counts of a document."""
    word_counts: Counter[str] = Counter()
    key_counts: Counter[str] = Counter()
    fields = (document.headline, document.standfirst, document.body)
    for weight, field in zip(FIELD_WEIGHTS, fields, strict=True):
        text = plain_text(field or "")
        for word, count in words(text).items():
            word_counts[key("w", word)] += weight * count
        for name in names(text):
            key_counts[key("ent", name)] += weight
    for tag_id in document.tag_ids:
        key_counts[key("tag", str(tag_id))] += 1
    return word_counts, key_counts


def key(kind: str, value: str) -> str:
    """Return the index key of a word, name or tag id."""
    return f"{kind}:{value}"[:MAX_KEY_LENGTH]


def all_keys(counts: Iterable[Counter[str]]) -> set[str]:
    """Return every key of several counters."""
    return {name for counter in counts for name in counter}


def headline_words(headline: str) -> frozenset[str]:
    """Return the set of a headline's words, for near-duplicate checks."""
    return frozenset(word.lower() for word in WORD.findall(headline))


def is_near_identical(first: frozenset[str], second: frozenset[str]) -> bool:
    """Return whether two headlines share most of their words (Jaccard 0.8 or more)."""
    if not first or not second:
        return first == second
    return len(first & second) / len(first | second) >= 0.8
