"""Wire related headlines to publishing and deletion of articles."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from wagtail.signals import page_published, page_unpublished


def update_on_publish(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Queue an update for an article published, republished or withdrawn."""
    from masthead.related.tasks import enqueue_update

    enqueue_update(instance.pk)


def forget_on_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Take a deleted article out of the index and queue a refill of the lists that showed it.

    Its lines in those lists go at once, by cascade, with the article's own row.
    """
    from masthead.newsroom.models import ArticlePage
    from masthead.related.actions import forget_article
    from masthead.related.tasks import enqueue_refill

    if isinstance(instance, ArticlePage):
        enqueue_refill(forget_article(instance.pk))


def register_signal_handlers() -> None:
    """Connect the related app to Wagtail's publishing signals and to deletion."""
    from masthead.newsroom.models import ArticlePage

    page_published.connect(update_on_publish, sender=ArticlePage)
    page_unpublished.connect(update_on_publish, sender=ArticlePage)
    pre_delete.connect(forget_on_delete, sender=ArticlePage, dispatch_uid="related-delete")
