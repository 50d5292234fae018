"""Search Wagtail's database index (SQLite FTS5 or PostgreSQL) in one well-planned query.

Wagtail's database backends answer from the page table outwards: SQLite runs
the full-text match once per indexed article and scores each result with a
correlated subquery; PostgreSQL casts every live page's id to text to join its
index entry and ranks every match. At 10,000 articles common words took
seconds. These queries read the same index tables (so Wagtail's signal
handlers and ``update_index`` keep them current) the other way round: the
full-text index finds the matching entries, newest entry first, each is joined
to its page by primary key and checked against the filters, and reading stops
at ``conf.candidate_limit()`` matches, which are then ranked by relevance or
date. The work per query is bounded by the matches read, not by the size of
the archive.

Every value is a query parameter; on PostgreSQL each word and phrase goes
through ``plainto_tsquery``/``phraseto_tsquery``, which have no operators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from masthead.core.shared_lookups import view_restrictions_exist
from masthead.newsroom.models import ArticleAuthor, ArticlePage
from masthead.search.filters import Order, SearchFilters
from masthead.search.query import ReaderQuery
from masthead.tagging.models import ArticleTag

# A word in the headline counts three times a word in the standfirst or body.
TITLE_WEIGHT = 3.0


@dataclass(frozen=True)
class Candidate:
    """A matching article: its id, score (lower is better) and publication time."""

    page_id: int
    score: float
    published: Any


def dialect() -> str | None:
    """Return "sqlite" or "postgresql" when the default backend is Wagtail's on that database."""
    # Imported here: each module looks up models that exist only on its own database.
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        return "sqlite" if isinstance(get_search_backend(), SQLiteSearchBackend) else None
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        return "postgresql" if isinstance(get_search_backend(), PostgresSearchBackend) else None
    return None


def is_available() -> bool:
    """Return whether searches can query the database index directly."""
    return dialect() is not None


def quoted(name: str) -> str:
    """Return a quoted SQL identifier."""
    return connection.ops.quote_name(name)


def db_time(moment: dt.datetime) -> Any:
    """Return a datetime as the database stores it (SQLite compares it as text)."""
    return connection.ops.adapt_datetimefield_value(moment)


def filter_clauses(filters: SearchFilters, now: dt.datetime) -> tuple[list[str], list[Any]]:
    """Return the SQL conditions on the page ``p`` for the filters, and their parameters."""
    clauses = ["p.live", "(p.expire_at IS NULL OR p.expire_at > %s)"]
    params: list[Any] = [db_time(now)]
    if filters.root is not None:
        clauses.append("substr(p.path, 1, %s) = %s AND p.depth > %s")
        params += [len(filters.root.path), filters.root.path, filters.root.depth]
    if filters.section is not None:
        clauses.append("substr(p.path, 1, %s) = %s AND p.depth = %s")
        section = filters.section
        params += [len(section.path), section.path, section.depth + 1]
    if view_restrictions_exist():
        for path in PageViewRestriction.objects.values_list("page__path", flat=True):
            clauses.append("substr(p.path, 1, %s) <> %s")
            params += [len(path), path]
    for model, column, value in (
        (ArticleTag, "tag_id", filters.tag),
        (ArticleAuthor, "author_id", filters.author),
    ):
        if value is not None:
            table = quoted(model._meta.db_table)
            link = f"SELECT 1 FROM {table} l WHERE l.page_id = p.id AND l.{column} = %s"  # noqa: S608
            clauses.append(f"EXISTS ({link})")
            params.append(value.pk)
    if filters.published_from is not None:
        clauses.append("p.first_published_at >= %s")
        params.append(db_time(filters.published_from))
    if filters.published_before is not None:
        clauses.append("p.first_published_at < %s")
        params.append(db_time(filters.published_before))
    return clauses, params


@dataclass(frozen=True)
class MatchSql:
    """The dialect's parts of the query: index tables, match, score and order."""

    source: str
    condition: str
    condition_params: list[Any]
    score: str
    score_params: list[Any]
    order: str


def sqlite_match(query: ReaderQuery) -> MatchSql:
    """Return the SQLite FTS5 parts: the quoted-words query against title and body."""
    fts = quoted(f"{IndexEntry._meta.db_table}_fts")
    return MatchSql(
        source=f"{fts} JOIN {quoted(IndexEntry._meta.db_table)} ie ON ie.id = {fts}.rowid",
        condition=f"{fts} MATCH %s",
        condition_params=["{title body} : (" + query.to_fts5() + ")"],
        # Columns of the FTS table: autocomplete, body, title. BM25 is lower for better.
        score=f"bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT})",
        score_params=[],
        order=f"{fts}.rowid DESC",
    )


def postgres_tsqueries(
    query: ReaderQuery, terms: Sequence[tuple[str, ...]]
) -> list[tuple[str, list[Any]]]:
    """Return one tsquery expression per term, its text passed as a parameter.

    The text is the term as the reader wrote it: PostgreSQL's parser then splits
    it as it split the indexed text ("semi-final" is three lexemes at three
    positions, "semi-final", "semi" and "final"), so phrases stay adjacent.
    """
    config = get_search_backend().config  # type: ignore[attr-defined]
    expressions = []
    for term in terms:
        function = "plainto_tsquery" if len(term) == 1 else "phraseto_tsquery"
        text = query.as_written(term)
        if config:
            expressions.append((f"{function}(%s::regconfig, %s)", [config, text]))
        else:
            expressions.append((f"{function}(%s)", [text]))
    return expressions


def postgres_meaningful(
    query: ReaderQuery, terms: Sequence[tuple[str, ...]]
) -> list[tuple[str, ...]]:
    """Return the terms that are not stop words alone (which would match nothing)."""
    if not terms:
        return []
    expressions = postgres_tsqueries(query, terms)
    sql = "SELECT " + ", ".join(f"numnode({expression})" for expression, _ in expressions)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for _, params in expressions for value in params])
        counts = cursor.fetchone()
    return [term for term, count in zip(terms, counts, strict=True) if count]


def postgres_match(query: ReaderQuery) -> MatchSql | None:
    """Return the PostgreSQL parts, or None when every word is a stop word."""
    required = postgres_meaningful(query, query.required)
    if not required:
        return None
    conditions, params = [], []
    # One condition per term on each column's own GIN index (title and body are
    # indexed apart, not concatenated), so the planner combines index scans.
    excluded = postgres_meaningful(query, query.excluded)
    for negation, terms in (("", required), ("NOT ", excluded)):
        for sql, term_params in postgres_tsqueries(query, terms):
            conditions.append(f"{negation}(ie.title @@ {sql} OR ie.body @@ {sql})")
            params += term_params * 2
    combined = postgres_tsqueries(query, required)
    every_term = " && ".join(sql for sql, _ in combined)
    every_param = [value for _, term_params in combined for value in term_params]
    return MatchSql(
        source=f"{quoted(IndexEntry._meta.db_table)} ie",
        condition=" AND ".join(conditions),
        condition_params=params,
        # Negated so that, as with BM25, lower is better.
        score=(
            f"-({TITLE_WEIGHT} * ts_rank(ie.title, {every_term}) + ts_rank(ie.body, {every_term}))"
        ),
        score_params=every_param * 2,
        order="ie.id DESC",
    )


def find_candidates(
    query: ReaderQuery, filters: SearchFilters, now: dt.datetime, limit: int
) -> list[Candidate]:
    """Return up to ``limit`` of the newest matching articles that pass the filters."""
    match = sqlite_match(query) if dialect() == "sqlite" else postgres_match(query)
    if match is None:
        return []
    clauses, filter_params = filter_clauses(filters, now)
    page_table = quoted(Page._meta.db_table)
    matching = f"""
        FROM {match.source}
        JOIN {page_table} p ON p.id = CAST(ie.object_id AS INTEGER)
        WHERE {match.condition} AND ie.content_type_id = %s AND {" AND ".join(clauses)}
        ORDER BY {match.order}
        LIMIT %s
    """
    if dialect() == "sqlite":
        # FTS5's bm25() only exists inside the MATCH query itself.
        sql = f"SELECT p.id, {match.score}, p.first_published_at {matching}"
    else:
        # Rank only the newest matches that survive the limit: ts_rank reads each
        # row's body vector, and a common word matches a good part of the archive.
        # (The score's parameters still come first in the text, as above.)
        sql = f"""
            SELECT p.id, {match.score}, p.first_published_at
            FROM (SELECT ie.id AS entry_id {matching}) newest
            JOIN {match.source} ON ie.id = newest.entry_id
            JOIN {page_table} p ON p.id = CAST(ie.object_id AS INTEGER)
            ORDER BY {match.order}
        """  # noqa: S608 (identifiers come from models; every value is a parameter)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    params = [
        *match.score_params,
        *match.condition_params,
        content_type.pk,
        *filter_params,
        limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Candidate(int(row[0]), float(row[1]), row[2]) for row in cursor.fetchall()]


def publication_key(candidate: Candidate) -> tuple[bool, Any, int]:
    """Return a sort key by publication time; undated articles sort as the oldest."""
    is_dated = candidate.published is not None
    return is_dated, candidate.published if is_dated else 0, candidate.page_id


def rank(candidates: Sequence[Candidate], order: Order) -> list[int]:
    """Return the candidates' ids, best first or newest first."""
    newest_first = sorted(candidates, key=publication_key, reverse=True)
    if order is Order.RELEVANCE:
        # A stable sort: newest first among equal scores.
        newest_first.sort(key=lambda c: c.score)
    return [candidate.page_id for candidate in newest_first]
