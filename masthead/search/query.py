"""Reading a reader's query: words, "quoted phrases" and -exclusions, nothing else.

Readers type anything: operators of one engine or another (AND, OR, NOT, NEAR,
``+``, ``-``, ``*``), unbalanced quotes, column filters, SQL, control characters,
whole pages of text. The query is reduced to a small, documented language that
every backend understands the same way, so nothing a reader types reaches a
full-text parser as syntax:

- words (letters and digits) must all appear; ``AND`` is implied and ignored;
- ``"a phrase"`` must appear as written (an unbalanced quote is ignored);
- ``-word``, ``-"a phrase"`` or ``NOT word`` exclude;
- ``OR``, ``NEAR``, ``*`` and every other punctuation mark are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from modelsearch.query import And, Not, Phrase, PlainText, SearchQuery

from masthead.search import conf

# Upper-case operator words of FTS5, Lucene and web search engines. Lower-case
# "and"/"or"/"not" are ordinary words that readers mean literally.
IGNORED_OPERATORS = re.compile(r"(?<!\w)(?:AND|OR|NEAR)(?!\w)")
# NOT and whatever separates it from the word or quote it excludes ("NOT (storm)").
NOT_OPERATOR = re.compile(r'(?<!\w)NOT(?!\w)[^\w"]*(?=[\w"])')
# A NOT left over has nothing after it to exclude: it is ignored, not searched for.
DANGLING_NOT = re.compile(r"(?<!\w)NOT(?!\w)")
# A quoted phrase, or a run of anything that is not space or a quote.
RAW_TOKEN = re.compile(r'(-?)"([^"]*)"|([^\s"]+)')
# Letters and digits only: everything else separates words, as the full-text
# tokenisers of SQLite (unicode61) and PostgreSQL do.
WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 64
# Control characters (NUL included), which PostgreSQL refuses in text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ReaderQuery:
    """What a reader searched for: required terms, excluded terms (each a tuple of words)."""

    text: str = ""
    required: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = field(default=())
    # Each term as the reader wrote it ("semi-final" for ("semi", "final")), for
    # parsers that must split it exactly as they split the indexed text.
    written: Mapping[tuple[str, ...], str] = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        """Return whether there is nothing to look for (exclusions alone match nothing useful)."""
        return not self.required

    def words(self) -> list[str]:
        """Return the distinct required words, longest first (what highlighting marks)."""
        unique = {word for term in self.required for word in term}
        return sorted(unique, key=lambda word: (-len(word), word))

    def as_written(self, term: tuple[str, ...]) -> str:
        """Return a term as the reader wrote it (quotes, minus and control characters gone)."""
        return self.written.get(term) or " ".join(term)

    def to_search_query(self) -> SearchQuery:
        """Return the query as a Wagtail search query (for the backends Wagtail drives)."""
        parts: list[SearchQuery] = [as_wagtail_term(term) for term in self.required]
        parts += [Not(as_wagtail_term(term)) for term in self.excluded]
        return parts[0] if len(parts) == 1 else And(parts)

    def to_fts5(self) -> str:
        """Return the query in SQLite FTS5 syntax: every term a quoted string of plain words."""
        required = " AND ".join(fts5_string(term) for term in self.required)
        if not self.excluded:
            return required
        excluded = " OR ".join(fts5_string(term) for term in self.excluded)
        return f"({required}) NOT ({excluded})"


def as_wagtail_term(term: tuple[str, ...]) -> SearchQuery:
    """Return one word as plain text and several as a phrase."""
    text = " ".join(term)
    return PlainText(text) if len(term) == 1 else Phrase(text)


def fts5_string(term: tuple[str, ...]) -> str:
    """Return a term as an FTS5 string; its words hold no quote, so nothing is syntax."""
    return '"' + " ".join(term) + '"'


def clean_text(text: str) -> str:
    """Return the query's first characters without control characters, spaces collapsed."""
    text = CONTROL.sub(" ", text[: conf.max_query_length()])
    return " ".join(text.split())


def parse_query(text: str) -> ReaderQuery:
    """Read a reader's query into required and excluded terms, ignoring every other syntax."""
    text = clean_text(text)
    prepared = NOT_OPERATOR.sub(" -", IGNORED_OPERATORS.sub(" ", text))
    prepared = DANGLING_NOT.sub(" ", prepared)
    required: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    written: dict[tuple[str, ...], str] = {}
    for match in RAW_TOKEN.finditer(prepared):
        quoted_minus, phrase, bare = match.groups()
        if phrase is not None:
            is_excluded, source = bool(quoted_minus), phrase
        else:
            is_excluded, source = bare.startswith("-"), bare.lstrip("-")
        words = tuple(word.lower()[:MAX_WORD_LENGTH] for word in WORD.findall(source))
        if not words:
            continue
        target = excluded if is_excluded else required
        if words not in target and len(required) + len(excluded) < conf.max_terms():
            target.append(words)
            written.setdefault(words, source.strip())
    return ReaderQuery(
        text=text, required=tuple(required), excluded=tuple(excluded), written=written
    )
