"""Score and choose related articles from windows of the inverted index.

The same functions rank an article whether its postings come from the database
(one publish) or from arrays in memory (a full rebuild), so both give the same
list. Candidates come only from the postings of the article's own terms, read
as a fixed-size window around its time: the work of one ranking does not grow
with the corpus.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from masthead.related import conf
from masthead.related.text import headline_words, is_near_identical

# Past this cosine two texts are copies of one article, not two related ones.
DUPLICATE_TEXT = 0.95
REASON_TERMS = 6
SECONDS_PER_DAY = 86400.0


@dataclass(frozen=True)
class QueryTerm:
    """One indexed term of an article: its id, key and weight."""

    term_id: int
    key: str
    weight: float


@dataclass(frozen=True)
class Query:
    """What an article is looked up by: its words and its tags and names."""

    article_id: int
    moment: float
    headline: str
    words: tuple[QueryTerm, ...]
    keys: tuple[QueryTerm, ...]

    @classmethod
    def from_vector(
        cls, article_id: int, moment: float, headline: str, vector: Iterable[Sequence[Any]]
    ) -> Query:
        """Return the query of a stored vector ([[term id, key, weight], ...])."""
        terms = [QueryTerm(int(row[0]), str(row[1]), float(row[2])) for row in vector]
        words = [term for term in terms if term.key.startswith("w:")]
        keys = [term for term in terms if not term.key.startswith("w:")]
        return cls(article_id, moment, headline, tuple(words[: conf.query_terms()]), tuple(keys))


Window = list[tuple[int, float, float]]


class PostingSource(Protocol):
    """Where postings are read from."""

    def windows(self, term_ids: Sequence[int], moment: float, size: int) -> dict[int, Window]:
        """Return each term's postings, up to size each side of moment: (article, weight, time)."""


@dataclass
class Candidate:
    """An article that shares terms with the query, and what it shares."""

    article_id: int
    moment: float
    text: float = 0.0
    key_mass: float = 0.0
    words: list[tuple[float, str]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scored:
    """A candidate's score and the reasons for it."""

    article_id: int
    score: float
    text: float
    reasons: dict[str, Any]


@dataclass(frozen=True)
class Entry:
    """One line of a related list."""

    target_id: int
    score: float
    is_pick: bool
    reasons: dict[str, Any]


def gather(query: Query, source: PostingSource) -> dict[int, Candidate]:
    """Return the articles in the windows of the query's terms, with what they share."""
    terms = (*query.words, *query.keys)
    windows = source.windows([term.term_id for term in terms], query.moment, conf.window())
    found: dict[int, Candidate] = {}
    for term in terms:
        is_word = term.key.startswith("w:")
        for article_id, weight, moment in windows.get(term.term_id, ()):
            if article_id == query.article_id:
                continue
            candidate = found.get(article_id)
            if candidate is None:
                candidate = found[article_id] = Candidate(article_id, moment)
            if is_word:
                candidate.text += term.weight * weight
                candidate.words.append((term.weight * weight, term.key))
            elif term.key not in candidate.keys:
                candidate.key_mass += term.weight
                candidate.keys.append(term.key)
    return found


def score(query: Query, candidates: Iterable[Candidate]) -> list[Scored]:
    """Return the candidates relevant enough to list, best first."""
    weights = conf.weights()
    total_key_mass = sum(term.weight for term in query.keys)
    days, floor = conf.recency_days(), conf.min_relevance()
    scored = []
    for candidate in candidates:
        shared = candidate.key_mass / total_key_mass if total_key_mass else 0.0
        relevance = weights["text"] * candidate.text + weights["tags"] * shared
        if relevance < floor:
            continue
        gap = abs(query.moment - candidate.moment) / SECONDS_PER_DAY
        recency = math.exp(-gap / days) if days > 0 else 0.0
        total = relevance + weights["recency"] * recency
        reasons = {
            "terms": [key[2:] for _, key in sorted(candidate.words, reverse=True)[:REASON_TERMS]],
            "keys": list(candidate.keys),
            "text": round(candidate.text, 4),
            "tags": round(shared, 4),
            "recency": round(recency, 4),
        }
        scored.append(Scored(candidate.article_id, total, candidate.text, reasons))
    scored.sort(key=lambda item: (-item.score, item.article_id))
    return scored


def shortlist_size() -> int:
    """Return how many ranked candidates a list is chosen from (spares for skipped ones)."""
    return 4 * conf.list_length() + 4


def rank(query: Query, source: PostingSource) -> list[Scored]:
    """Return the scored candidates of a query, best first."""
    return score(query, gather(query, source).values())


def compose(
    query: Query,
    picks: Sequence[int],
    ranked: Sequence[Scored],
    headlines: Mapping[int, str],
    labels: Mapping[str, str],
) -> list[Entry]:
    """Return the list: eligible editor picks in order, then the best automatic ones.

    headlines holds the headline of every eligible article (picks and ranked);
    an article missing from it is not listed. No entry is the article itself,
    a copy of it, or a near-identical headline of one already listed.
    """
    length = conf.list_length()
    seen = [headline_words(query.headline)]
    entries: list[Entry] = []
    chosen: set[int] = {query.article_id}

    def admit(article_id: int) -> bool:
        words = headline_words(headlines.get(article_id, ""))
        if article_id in chosen or article_id not in headlines:
            return False
        if any(is_near_identical(words, other) for other in seen):
            return False
        seen.append(words)
        chosen.add(article_id)
        return True

    for pick in picks:
        if len(entries) < length and admit(pick):
            entries.append(Entry(pick, 0.0, True, {"pick": True}))
    for item in ranked:
        if len(entries) >= length:
            break
        if item.text >= DUPLICATE_TEXT or not admit(item.article_id):
            continue
        entries.append(Entry(item.article_id, round(item.score, 6), False, explain(item, labels)))
    return entries


def explain(item: Scored, labels: Mapping[str, str]) -> dict[str, Any]:
    """Return the reasons of an automatic pick with tags and names spelled out."""
    reasons = dict(item.reasons)
    keys = reasons.pop("keys", [])
    reasons["shared_tags"] = [labels.get(key, key[4:]) for key in keys if key.startswith("tag:")]
    reasons["shared_entities"] = [key[4:].title() for key in keys if key.startswith("ent:")]
    reasons["shared_terms"] = reasons.pop("terms")
    return reasons


def idf(document_frequency: int, articles: int) -> float:
    """Return the smoothed inverse document frequency of a term."""
    return math.log((articles + 1) / (document_frequency + 1)) + 1.0
