"""Background work of the tagging app."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def compute_article_suggestions(article_id: int) -> int:
    """Compute and store an article's tag suggestions; return how many are pending."""
    from masthead.newsroom.models import ArticlePage
    from masthead.tagging.actions import compute_suggestions

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:  # Deleted before the worker got to it.
        return 0
    return len(compute_suggestions(article))


def enqueue_suggestions(article_id: int) -> None:
    """Queue a suggestion run for an article once the current transaction commits."""
    from django.db import transaction

    transaction.on_commit(lambda: compute_article_suggestions.enqueue(article_id))
