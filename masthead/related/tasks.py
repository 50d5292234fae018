"""Background work of the related headlines app."""

from __future__ import annotations

from django_tasks import task

from masthead.core.run_lock import held

# Held alone by a rebuild and shared by updates: an update meeting a rebuild
# after it emptied the index wrote terms the rebuild then failed to write.
INDEX_LOCK = "related-index"


@task()
def update_related(article_id: int) -> int:
    """Reindex an article and recompute the lists it affects; return how many changed."""
    from masthead.related.actions import update_article

    with held(INDEX_LOCK, shared=True):  # Waits for a rebuild to finish.
        return len(update_article(article_id).changed)


@task()
def refill_lists(article_ids: list[int]) -> int:
    """Recompute the lists of articles (after one they showed was deleted)."""
    from masthead.related.actions import purge_articles, recompute_list

    with held(INDEX_LOCK, shared=True):
        changed = {pk for pk in article_ids if recompute_list(pk)}
    purge_articles(changed)
    return len(changed)


@task()
def rebuild_related() -> int:
    """Recompute the index and every list (after a change too wide to update article by article)."""
    from masthead.related.rebuild import documents, rebuild_index

    # Waits for a running rebuild rather than skipping: it may have read the old tree.
    with held(INDEX_LOCK):
        return rebuild_index(None, documents, None).lists


def enqueue_update(article_id: int) -> None:
    """Queue an update of an article's index entry and lists once the transaction commits."""
    from django.db import transaction

    transaction.on_commit(lambda: update_related.enqueue(article_id))


def enqueue_refill(article_ids: list[int]) -> None:
    """Queue the recomputation of lists once the transaction commits."""
    from django.db import transaction

    if article_ids:
        transaction.on_commit(lambda: refill_lists.enqueue(sorted(article_ids)))


def enqueue_rebuild() -> None:
    """Queue a rebuild of the index and every list once the transaction commits."""
    from django.db import transaction

    transaction.on_commit(lambda: rebuild_related.enqueue())
