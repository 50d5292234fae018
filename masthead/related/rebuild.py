"""Rebuild the whole index and every related list, in bounded memory.

Three passes over the live articles, a chunk at a time: count document
frequencies; write each article's vector and postings (keeping the postings
in compact arrays as well); then rank every article against those arrays with
the same engine the incremental update uses, and store its list. Memory grows
with the postings (about 20 bytes each) and the headlines, never with texts.
"""

from __future__ import annotations

import datetime as dt
import marshal
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO

import numpy as np
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from masthead.core.run_lock import held
from masthead.related.engine import Query, Scored, Window, compose, rank, shortlist_size
from masthead.related.index import raw_body, vectorise
from masthead.related.models import (
    IndexedArticle,
    IndexStats,
    Posting,
    RelatedEntry,
    RelatedPick,
    Term,
)
from masthead.related.queries import has_several_sites, on_site, site_roots_of
from masthead.related.text import Document, body_text, features

CHUNK = 2000
WRITE_BATCH = 5000
# The postings' (term, time) index, dropped during the bulk load and built after it.
WINDOW_INDEX = "related_posting_window"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RebuildSummary:
    """What a rebuild did."""

    articles: int
    terms: int
    postings: int
    lists: int
    seconds: float


@dataclass
class Arrays:
    """The postings of the whole index, as compact arrays."""

    terms: array[int]
    articles: array[int]
    weights: array[float]
    moments: array[float]

    @classmethod
    def empty(cls) -> Arrays:
        """Return empty arrays."""
        # Four bytes for ids and weights: 20 bytes a posting, 600 MB for 30 million.
        return cls(array("i"), array("i"), array("f"), array("d"))


class MemoryPostings:
    """Posting windows read from arrays sorted by term, then time."""

    def __init__(self, arrays: Arrays) -> None:
        order = np.lexsort(
            (np.frombuffer(arrays.moments, dtype=np.float64), np.frombuffer(arrays.terms, np.int32))
        )
        # One array at a time, each original freed once sorted, to keep the peak low.
        terms = np.frombuffer(arrays.terms, dtype=np.int32)[order]
        arrays.terms = array("i")
        self.articles = np.frombuffer(arrays.articles, dtype=np.int32)[order]
        arrays.articles = array("i")
        self.weights = np.frombuffer(arrays.weights, dtype=np.float32)[order]
        arrays.weights = array("f")
        self.moments = np.frombuffer(arrays.moments, dtype=np.float64)[order]
        arrays.moments = array("d")
        del order
        # Where each term's postings start and end, looked up once per term.
        unique, starts = np.unique(terms, return_index=True)
        ends = [*starts[1:].tolist(), len(terms)] if len(terms) else []  # No postings, no end.
        self.ranges = dict(
            zip(unique.tolist(), zip(starts.tolist(), ends, strict=True), strict=True)
        )

    def windows(self, term_ids: Sequence[int], moment: float, size: int) -> dict[int, Window]:
        """Return each term's postings, up to size each side of moment: (article, weight, time)."""
        return {term_id: self.window(term_id, moment, size) for term_id in term_ids}

    def window(self, term_id: int, moment: float, size: int) -> Window:
        """Return one term's postings, up to size each side of moment."""
        start, end = self.ranges.get(term_id, (0, 0))
        if end - start > 2 * size:
            # "right": postings at the very moment count as before it, as in the database.
            middle = start + int(np.searchsorted(self.moments[start:end], moment, "right"))
            start, end = max(start, middle - size), min(end, middle + size)
        return list(
            zip(
                self.articles[start:end].tolist(),
                self.weights[start:end].tolist(),
                self.moments[start:end].tolist(),
                strict=True,
            )
        )


def live_rows() -> Any:
    """Return the live, public, unexpired articles' indexed fields, by id."""
    from masthead.newsroom.models import ArticlePage
    from masthead.newsroom.queries import public_pages

    now = timezone.now()
    return (
        public_pages(ArticlePage.objects.live())
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .order_by("pk")
        .values_list("pk", "title", "standfirst", "body", "first_published_at", "last_published_at")
    )


def documents(chunk: int = CHUNK) -> Iterator[list[Document]]:
    """Yield the live articles as documents, a chunk at a time (keyset pagination)."""
    from masthead.tagging.models import ArticleTag

    last = 0
    while rows := list(live_rows().filter(pk__gt=last)[:chunk]):
        last = rows[-1][0]
        tags: dict[int, list[int]] = {}
        links = ArticleTag.objects.filter(page_id__in=[row[0] for row in rows])
        for page_id, tag_id in links.values_list("page_id", "tag_id"):
            tags.setdefault(page_id, []).append(tag_id)
        yield [
            Document(
                article_id=pk,
                published_at=first or last_published or timezone.now(),
                headline=title or "",
                standfirst=standfirst or "",
                body=body_text(raw_body(body)),
                tag_ids=tuple(sorted(set(tags.get(pk, ())))),
            )
            for pk, title, standfirst, body, first, last_published in rows
        ]


def clear_index() -> None:
    """Empty the index tables (not the lists: readers keep them until each is replaced)."""
    # Raw deletes: the ORM would load every row to cascade, a million objects at scale.
    for model in (Posting, IndexedArticle, Term, IndexStats):
        model.objects.all()._raw_delete(model.objects.db)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Spooled:
    """An article's features as the first pass wrote them down for the second."""

    article_id: int
    moment: float
    headline: str
    words: dict[str, int]
    keys: dict[str, int]


def spool_features(
    source: Iterator[list[Document]], spool: BinaryIO, total: int, progress: Progress | None
) -> tuple[Counter[str], int]:
    """Read every article once: count document frequencies and spool its features to disk.

    The second pass reads the spool, so texts are parsed once and never all held.
    """
    frequencies: Counter[str] = Counter()
    done = 0
    for batch in source:
        rows = []
        for document in batch:
            word_counts, key_counts = features(document)
            frequencies.update(word_counts.keys())
            frequencies.update(key_counts.keys())
            moment = document.published_at.timestamp()
            rows.append(
                (document.article_id, moment, document.headline[:255], word_counts, key_counts)
            )
        marshal.dump([(a, m, h, dict(w), dict(k)) for a, m, h, w, k in rows], spool)
        done += len(batch)
        if progress:
            progress("counting", done, total)
    return frequencies, done


def read_spool(spool: BinaryIO) -> Iterator[list[Spooled]]:
    """Yield the spooled articles, a chunk at a time."""
    spool.seek(0)
    while True:
        try:
            rows = marshal.load(spool)  # noqa: S302  # Our own temporary spool file.
        except EOFError:
            return
        yield [Spooled(*row) for row in rows]


def create_terms(frequencies: Counter[str]) -> dict[str, int]:
    """Write every term with its frequency; return {key: id}."""
    ids: dict[str, int] = {}
    keys = sorted(frequencies)
    for start in range(0, len(keys), WRITE_BATCH):
        rows = [
            Term(key=key, document_frequency=frequencies[key])
            for key in keys[start : start + WRITE_BATCH]
        ]
        Term.objects.bulk_create(rows)
        ids.update({row.key: row.pk for row in rows})
    return ids


def write_vectors(
    spooled: Iterator[list[Spooled]],
    ids: dict[str, int],
    frequencies: Counter[str],
    articles: int,
    progress: Progress | None,
) -> tuple[Arrays, dict[int, str]]:
    """Write every article's vector and postings; return them in arrays, and the headlines."""
    arrays = Arrays.empty()
    headlines: dict[int, str] = {}
    done = 0
    for batch in spooled:
        indexed, postings = [], []
        for item in batch:
            known = {key: (ids[key], frequencies[key]) for key in (*item.words, *item.keys)}
            vector = vectorise(Counter(item.words), Counter(item.keys), known, articles)
            published_at = dt.datetime.fromtimestamp(item.moment, tz=dt.UTC)
            indexed.append(
                IndexedArticle(
                    article_id=item.article_id,
                    published_at=published_at,
                    headline=item.headline,
                    vector=vector,
                    term_ids=sorted(term_id for term_id, _ in known.values()),
                )
            )
            stored_at = connection.ops.adapt_datetimefield_value(published_at)
            for term_id, _, weight in vector:
                postings.append((term_id, item.article_id, weight, stored_at))
                arrays.terms.append(term_id)
                arrays.articles.append(item.article_id)
                arrays.weights.append(weight)
                arrays.moments.append(item.moment)
            headlines[item.article_id] = item.headline
        with transaction.atomic():
            IndexedArticle.objects.bulk_create(indexed, batch_size=WRITE_BATCH)
            insert_postings(postings)
        done += len(batch)
        if progress:
            progress("indexing", done, articles)
    return arrays, headlines


@contextmanager
def window_index_dropped() -> Iterator[None]:
    """Drop the postings' (term, time) index for the bulk load, and build it again after.

    Kept during the load, each posting lands on a random leaf of an index far
    larger than the database's cache, so each chunk dirties most of its pages;
    built once from the loaded rows, it is one sort. Lookups by term scan the
    table meanwhile, but the index was emptied at the start of the rebuild anyway.
    """
    index = next(index for index in Posting._meta.indexes if index.name == WINDOW_INDEX)
    # Only the statements are taken from the editor, never entered: SQLite's refuses
    # to open inside a transaction, and a rebuild may run in one (tests do).
    editor = connection.schema_editor()
    fire_deferred_checks()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(WINDOW_INDEX)}")
    try:
        yield
    finally:
        fire_deferred_checks()
        with connection.cursor() as cursor:
            cursor.execute(str(index.create_sql(Posting, editor)))


def fire_deferred_checks() -> None:
    """Run PostgreSQL's pending foreign key checks now, as index changes require.

    Inside an outer transaction (tests) the postings' deferred checks would
    still be pending, and PostgreSQL refuses to change the indexes of a table
    with pending trigger events. Outside one, each chunk has committed anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def insert_postings(rows: list[tuple[Any, ...]]) -> None:
    """Insert posting rows with one prepared statement.

    Raw SQL because at tens of millions of rows the ORM's per-object work
    (model instances, field preparation) took most of the rebuild.
    """
    table = Posting._meta.db_table
    columns = "term_id, article_id, weight, published_at"
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)"  # noqa: S608  # Our table.
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def write_lists(
    source: MemoryPostings, headlines: dict[int, str], total: int, progress: Progress | None
) -> int:
    """Rank every indexed article against the arrays and store its list; return how many."""
    from masthead.related.actions import store_entries
    from masthead.tagging.models import Tag

    labels = {f"tag:{pk}": name for pk, name in Tag.objects.values_list("pk", "name")}
    done = last = 0
    while rows := list(IndexedArticle.objects.filter(pk__gt=last).order_by("pk")[:CHUNK]):
        last = rows[-1].pk
        picks: dict[int, list[int]] = {}
        pick_rows = RelatedPick.objects.filter(page_id__in=[row.pk for row in rows]).order_by(
            "page_id", "sort_order", "pk"
        )
        for page_id, target_id in pick_rows.values_list("page_id", "target_id"):
            picks.setdefault(page_id, []).append(target_id)
        ranked = {}
        for row in rows:
            query = Query.from_vector(
                row.pk, row.published_at.timestamp(), row.headline, row.vector
            )
            ranked[row.pk] = (query, rank(query, source)[: shortlist_size()])
        roots = chunk_site_roots(picks, ranked) if has_several_sites() else None
        lists = {}
        for pk, (query, best) in ranked.items():
            shown: Mapping[int, str] = headlines
            if roots is not None:  # Only the article's own candidates: headlines holds them all.
                ids = [*picks.get(pk, []), *(item.article_id for item in best)]
                own = {i: headlines[i] for i in ids if i in headlines}
                shown = on_site(pk, own, roots)
            lists[pk] = compose(query, picks.get(pk, []), best, shown, labels)
        store_entries(lists)
        done += len(rows)
        if progress:
            progress("ranking", done, total)
    RelatedEntry.objects.exclude(article_id__in=IndexedArticle.objects.values("pk")).delete()
    return done


def chunk_site_roots(
    picks: dict[int, list[int]], ranked: dict[int, tuple[Query, list[Scored]]]
) -> dict[int, str]:
    """Return the Site root paths of a chunk's articles, their picks and their candidates."""
    ids = set(ranked).union(*picks.values())
    ids.update(item.article_id for _, best in ranked.values() for item in best)
    return site_roots_of(ids)


def rebuild(
    progress: Progress | None = None,
    source: Callable[[], Iterator[list[Document]]] = documents,
    total: int | None = None,
) -> RebuildSummary:
    """Recompute the whole index and every related list; report (stage, done, total).

    source yields the articles in chunks (the live articles by default; the
    benchmark passes synthetic ones) and is read once. Raises ``AlreadyRunning``
    when another rebuild is under way; updates of single articles wait for it.
    """
    from masthead.related.tasks import INDEX_LOCK

    with held(INDEX_LOCK, wait=False):
        return rebuild_index(progress, source, total)


def rebuild_index(
    progress: Progress | None,
    source: Callable[[], Iterator[list[Document]]],
    total: int | None,
) -> RebuildSummary:
    """Recompute the index and every list, holding the index's lock (``rebuild``)."""
    started = time.monotonic()
    total = live_rows().count() if total is None else total
    with transaction.atomic():
        clear_index()
    with tempfile.TemporaryFile(prefix="masthead-related-") as spool:
        frequencies, articles = spool_features(source(), spool, total, progress)
        with transaction.atomic():
            ids = create_terms(frequencies)
            IndexStats.objects.create(pk=1, articles=articles)
        with window_index_dropped():
            arrays, headlines = write_vectors(
                read_spool(spool), ids, frequencies, articles, progress
            )
    terms, postings = len(ids), len(arrays.terms)
    del ids, frequencies
    index = MemoryPostings(arrays)
    del arrays
    lists = write_lists(index, headlines, articles, progress)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE related_posting")
    return RebuildSummary(articles, terms, postings, lists, time.monotonic() - started)
