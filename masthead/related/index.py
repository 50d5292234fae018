"""The inverted index in the database: adding, replacing and removing one article.

An article's words and keys (tags, names) go into ``Term`` with their document
frequency; its highest-weighted ones become ``Posting`` rows. One update reads
and writes only the rows of that article's own terms.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from masthead.related import conf
from masthead.related.engine import Query, Window, idf
from masthead.related.models import IndexedArticle, IndexStats, Posting, Term
from masthead.related.text import Document, body_text, features

# Far below SQLite's limit of bound parameters in one statement.
CHUNK = 500


def raw_body(value: Any) -> Any:
    """Return a body's raw block list, whether a StreamValue, JSON text or a list."""
    if hasattr(value, "raw_data"):
        return list(value.raw_data)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def document_of(article_id: int) -> Document | None:
    """Return the article as the index reads it, or None if it is not live, public and unexpired."""
    from masthead.newsroom.models import ArticlePage
    from masthead.newsroom.queries import public_pages
    from masthead.tagging.models import ArticleTag

    # Expired but not yet unpublished by the scheduler: out, as in the rebuild.
    # A view-restricted article is out too, so it is never a public one's related headline.
    row = (
        public_pages(ArticlePage.objects.live())
        .filter(pk=article_id)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        .values_list("title", "standfirst", "body", "first_published_at", "last_published_at")
        .first()
    )
    if row is None:
        return None
    title, standfirst, body, first_published, last_published = row
    tag_ids = ArticleTag.objects.filter(page_id=article_id).values_list("tag_id", flat=True)
    return Document(
        article_id=article_id,
        published_at=first_published or last_published or timezone.now(),
        headline=title or "",
        standfirst=standfirst or "",
        body=body_text(raw_body(body)),
        tag_ids=tuple(sorted(set(tag_ids))),
    )


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """Yield slices of at most size items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def terms_for(keys: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Return {key: (term id, document frequency)} for keys, creating missing terms."""
    wanted = sorted(set(keys))
    found: dict[str, tuple[int, int]] = {}
    for part in chunks(wanted):
        rows = Term.objects.filter(key__in=part).values_list("key", "pk", "document_frequency")
        found.update({key: (pk, df) for key, pk, df in rows})
    missing = [key for key in wanted if key not in found]
    if missing:
        Term.objects.bulk_create([Term(key=key) for key in missing], ignore_conflicts=True)
        for part in chunks(missing):
            rows = Term.objects.filter(key__in=part).values_list("key", "pk", "document_frequency")
            found.update({key: (pk, df) for key, pk, df in rows})
    return found


def vectorise(
    word_counts: Counter[str],
    key_counts: Counter[str],
    frequencies: dict[str, tuple[int, int]],
    articles: int,
) -> list[list[Any]]:
    """Return an article's index vector: its top words (unit length) then its top keys.

    A word weighs its sublinear count times its IDF; a key (tag or name) weighs
    its IDF alone, so a rare tag counts for more than a common one.
    """
    scored_words = sorted(
        (
            ((1 + math.log(count)) * idf(frequencies[key][1], articles), key)
            for key, count in word_counts.items()
        ),
        reverse=True,
    )[: conf.terms_per_article()]
    length = math.sqrt(sum(weight * weight for weight, _ in scored_words)) or 1.0
    scored_keys = sorted(
        ((count * idf(frequencies[key][1], articles), key) for key, count in key_counts.items()),
        reverse=True,
    )[: conf.keys_per_article()]
    vector = [[frequencies[key][0], key, round(weight / length, 6)] for weight, key in scored_words]
    vector += [
        [frequencies[key][0], key, round(idf(frequencies[key][1], articles), 6)]
        for _, key in scored_keys
    ]
    return vector


def indexed_articles() -> int:
    """Return the number of indexed articles."""
    stats = IndexStats.objects.filter(pk=1).values_list("articles", flat=True).first()
    return int(stats or 0)


def count_articles(change: int) -> None:
    """Add change to the number of indexed articles."""
    updated = IndexStats.objects.filter(pk=1).update(articles=F("articles") + change)
    if not updated:
        IndexStats.objects.create(pk=1, articles=max(0, change))


@transaction.atomic
def index_document(document: Document) -> IndexedArticle:
    """Put a live article in the index, replacing what was there for it."""
    word_counts, key_counts = features(document)
    frequencies = terms_for([*word_counts, *key_counts])
    current = {pk for pk, _ in frequencies.values()}
    existing = IndexedArticle.objects.filter(pk=document.article_id).first()
    previous = set(existing.term_ids) if existing is not None else set()
    shift_frequencies(current - previous, 1)
    shift_frequencies(previous - current, -1)
    if existing is None:
        count_articles(1)
    articles = indexed_articles()
    frequencies = {
        key: (pk, df + (0 if pk in previous else 1)) for key, (pk, df) in frequencies.items()
    }
    vector = vectorise(word_counts, key_counts, frequencies, articles)
    entry, _ = IndexedArticle.objects.update_or_create(
        pk=document.article_id,
        defaults={
            "published_at": document.published_at,
            "headline": document.headline[:255],
            "vector": vector,
            "term_ids": sorted(current),
        },
    )
    Posting.objects.filter(article_id=entry.pk).delete()
    Posting.objects.bulk_create(
        Posting(
            term_id=term_id,
            article_id=entry.pk,
            weight=weight,
            published_at=document.published_at,
        )
        for term_id, _, weight in vector
    )
    return entry


def shift_frequencies(term_ids: Iterable[int], change: int) -> None:
    """Add change to the document frequency of terms."""
    for part in chunks(sorted(term_ids)):
        Term.objects.filter(pk__in=part).update(document_frequency=F("document_frequency") + change)


@transaction.atomic
def remove_from_index(article_id: int) -> bool:
    """Take an article out of the index; return whether it was there."""
    existing = IndexedArticle.objects.filter(pk=article_id).first()
    if existing is None:
        return False
    shift_frequencies(existing.term_ids, -1)
    count_articles(-1)
    existing.delete()
    return True


class DatabasePostings:
    """Posting windows read from the database in one statement per ranking."""

    def windows(self, term_ids: Sequence[int], moment: float, size: int) -> dict[int, Window]:
        """Return each term's postings, up to size each side of moment: (article, weight, time).

        Two index range scans per term (before and after moment), joined with
        UNION ALL into one statement: one round trip however many terms.
        """
        if not term_ids:
            return {}
        at = dt.datetime.fromtimestamp(moment, tz=dt.UTC)
        value = connection.ops.adapt_datetimefield_value(at)
        table = Posting._meta.db_table
        # The time as seconds since 1970, computed by the database: no datetime parsing.
        epoch = (
            "(julianday(published_at) - 2440587.5) * 86400.0"
            if connection.vendor == "sqlite"
            else "EXTRACT(EPOCH FROM published_at)"
        )
        columns = f"term_id, article_id, weight, {epoch} AS moment"
        parts: list[str] = []
        params: list[Any] = []
        for term_id in term_ids:
            for comparison, order in (("<=", "DESC"), (">", "ASC")):
                # Only our own table name, constants and an int are formatted in.
                select = (
                    f"SELECT * FROM (SELECT {columns} FROM {table} WHERE term_id = %s "  # noqa: S608
                    f"AND published_at {comparison} %s ORDER BY published_at {order} "
                    f"LIMIT {int(size)}) AS w{len(parts)}"
                )
                parts.append(select)
                params += [int(term_id), value]
        found: dict[int, Window] = {}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for term_id, article_id, weight, when in cursor.fetchall():
                found.setdefault(term_id, []).append((article_id, weight, float(when)))
        return found


def query_of(entry: IndexedArticle) -> Query:
    """Return the query of an indexed article."""
    return Query.from_vector(entry.pk, entry.published_at.timestamp(), entry.headline, entry.vector)
