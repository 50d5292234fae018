"""Writes of the related headlines app: editor picks, the index, and stored lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from masthead.newsroom.models import ArticlePage
from masthead.related import conf
from masthead.related.engine import Entry, Query, Scored, compose, rank, shortlist_size
from masthead.related.index import (
    DatabasePostings,
    document_of,
    index_document,
    query_of,
    remove_from_index,
)
from masthead.related.models import IndexedArticle, RelatedEntry, RelatedPick
from masthead.related.queries import (
    eligible_headlines,
    key_labels,
    listing_articles,
    same_site_headlines,
)


@dataclass
class UpdateResult:
    """What one update did: whether the article is indexed, and which lists changed."""

    indexed: bool
    changed: set[int] = field(default_factory=set)


@transaction.atomic
def set_editor_picks(
    article: ArticlePage, targets: Sequence[ArticlePage], publish: bool | None = None
) -> list[RelatedEntry]:
    """Replace an article's editor picks with targets, in order, and recompute its list.

    The picks go into a new revision (they are part of the article, like its
    tags). By default it is published only when the article is live with no
    pending draft, so an editor's unfinished changes are never published here.
    The article itself and repeated targets are left out.
    """
    fresh = ArticlePage.objects.get(pk=article.pk)
    draft = fresh.get_latest_revision_as_object()
    wanted = [target.pk for target in targets if target.pk != fresh.pk]
    draft.related_picks = [
        RelatedPick(target_id=target_id, sort_order=order)
        for order, target_id in enumerate(dict.fromkeys(wanted))
    ]
    if publish is None:
        publish = fresh.live and not fresh.has_unpublished_changes
    revision = draft.save_revision()
    if publish:
        revision.publish()
    recompute_list(fresh.pk)
    return list(RelatedEntry.objects.filter(article_id=fresh.pk).order_by("position"))


def editor_picks(article_id: int) -> list[int]:
    """Return the ids of an article's editor picks, in order (as published)."""
    return list(
        RelatedPick.objects.filter(page_id=article_id)
        .order_by("sort_order", "pk")
        .values_list("target_id", flat=True)
    )


def build_list(article_id: int) -> tuple[list[Entry], list[Scored]]:
    """Return an article's related list as it should stand now, and its ranked shortlist."""
    entry = IndexedArticle.objects.filter(pk=article_id).first()
    picks = editor_picks(article_id)
    if entry is None:
        # Not live: nothing to rank, but its picks still stand for a preview.
        query = Query(article_id, 0.0, "", (), ())
        headlines = same_site_headlines(article_id, eligible_headlines(picks))
        return compose(query, picks, [], headlines, {}), []
    query = query_of(entry)
    # Enough spares that near-duplicates and withdrawn articles can be skipped.
    ranked = rank(query, DatabasePostings())[: shortlist_size()]
    eligible = eligible_headlines([*picks, *(item.article_id for item in ranked)])
    headlines = same_site_headlines(article_id, eligible)
    labels = key_labels(key for item in ranked for key in item.reasons["keys"])
    return compose(query, picks, ranked, headlines, labels), ranked


def entry_rows(article_id: int, entries: Sequence[Entry]) -> list[RelatedEntry]:
    """Return the unsaved rows of an article's list."""
    return [
        RelatedEntry(
            article_id=article_id,
            position=position,
            target_id=entry.target_id,
            score=entry.score,
            is_pick=entry.is_pick,
            reasons=entry.reasons,
        )
        for position, entry in enumerate(entries)
    ]


@transaction.atomic
def store_entries(lists: Mapping[int, Sequence[Entry]]) -> None:
    """Replace the stored lists of many articles at once (the rebuild's writes)."""
    RelatedEntry.objects.filter(article_id__in=list(lists)).delete()
    RelatedEntry.objects.bulk_create(
        [row for article_id, entries in lists.items() for row in entry_rows(article_id, entries)],
        batch_size=5000,
    )


@transaction.atomic
def store_list(article_id: int, entries: Sequence[Entry]) -> bool:
    """Replace an article's stored list; return whether its targets changed."""
    before = list(
        RelatedEntry.objects.filter(article_id=article_id)
        .order_by("position")
        .values_list("target_id", flat=True)
    )
    RelatedEntry.objects.filter(article_id=article_id).delete()
    RelatedEntry.objects.bulk_create(entry_rows(article_id, entries))
    return before != [entry.target_id for entry in entries]


def recompute_list(article_id: int) -> bool:
    """Recompute and store one article's list; return whether it changed."""
    entries, _ = build_list(article_id)
    return store_list(article_id, entries)


@transaction.atomic
def update_article(article_id: int) -> UpdateResult:
    """Bring the index and every affected list up to date after an article changed.

    A live article is (re)indexed and its list recomputed, then the lists that
    show it, and those of its best candidates it now outscores. An article no
    longer live leaves the index, and the lists that showed it are refilled.
    Nothing here reads more than the postings windows of a few articles' terms.
    """
    document = document_of(article_id)
    showing = set(listing_articles(article_id))
    result = UpdateResult(indexed=document is not None)
    entrants: set[int] = set()
    if document is None:
        remove_from_index(article_id)
        RelatedEntry.objects.filter(article_id=article_id).delete()
    else:
        index_document(document)
        entries, ranked = build_list(article_id)
        if store_list(article_id, entries):
            result.changed.add(article_id)
        entrants = lists_it_enters(ranked[: conf.neighbours_to_refresh()])
    for other in sorted((showing | entrants) - {article_id}):
        if recompute_list(other):
            result.changed.add(other)
    # The pages listing it show its headline, which a republish may have changed
    # even when their lists did not.
    to_purge = result.changed | showing
    transaction.on_commit(lambda: purge_articles(to_purge))
    return result


def lists_it_enters(best: Sequence[Scored]) -> set[int]:
    """Return the candidates whose lists an article would now join.

    Scores are symmetric (cosine, shared keys, time gap), so the article's score
    as a candidate of theirs is about its score for them: it joins a list that
    is not full, or whose weakest automatic line scores less.
    """
    if not best:
        return set()
    weakest: dict[int, tuple[int, float]] = {}
    rows = RelatedEntry.objects.filter(article_id__in=[item.article_id for item in best])
    for article_id, score, is_pick in rows.values_list("article_id", "score", "is_pick"):
        count, low = weakest.get(article_id, (0, float("inf")))
        weakest[article_id] = (count + 1, low if is_pick else min(low, score))
    length = conf.list_length()
    return {
        item.article_id
        for item in best
        if weakest.get(item.article_id, (0, 0.0))[0] < length
        or item.score > weakest[item.article_id][1]
    }


def forget_article(article_id: int) -> list[int]:
    """Take an article about to be deleted out of the index; return the lists that showed it.

    Its postings, its list and its lines in other lists go with the article
    itself (foreign keys cascade), in the same transaction as the deletion.
    """
    showing = listing_articles(article_id)
    remove_from_index(article_id)
    return showing


def purge_articles(article_ids: set[int]) -> None:
    """Purge the cached pages of articles whose related lists changed."""
    if not article_ids:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(ArticlePage.objects.filter(pk__in=sorted(article_ids)))
    batch.purge()
