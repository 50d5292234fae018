"""Wire related headlines to publishing and deletion of articles."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move


def update_on_publish(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Queue an update for an article published, republished or withdrawn."""
    from masthead.related.tasks import enqueue_update

    enqueue_update(instance.pk)


# An update costs about 50 ms, the rebuild about 1.8 ms an article: past this many
# articles at once (a restriction on a big section) one rebuild is the cheaper way.
UPDATES_BEFORE_REBUILD = 1000


def update_under(page_id: int | None) -> None:
    """Queue updates of the live articles at and under a page."""
    from wagtail.models import Page

    from masthead.newsroom.models import ArticlePage
    from masthead.related.tasks import enqueue_rebuild, enqueue_update

    page = Page.objects.filter(pk=page_id).only("path").first()
    if page is None:  # The restriction went with its page, whose deletion did the rest.
        return
    articles = ArticlePage.objects.live().filter(path__startswith=page.path)
    article_ids = list(articles.values_list("pk", flat=True)[: UPDATES_BEFORE_REBUILD + 1])
    if len(article_ids) > UPDATES_BEFORE_REBUILD:
        enqueue_rebuild()
        return
    for article_id in article_ids:
        enqueue_update(article_id)


def update_on_restriction(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Queue updates of the articles a view restriction was put on or lifted from.

    A restricted article must leave the index and the lists that show it (the
    page hides it, a line short, until they are refilled); one set free must
    come back without waiting for its next publish.
    """
    update_under(instance.page_id)


def update_on_move(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Queue updates of the articles a move took elsewhere (under a restriction, to a Site)."""
    from masthead.core.shared_lookups import view_restrictions_exist
    from masthead.related.queries import has_several_sites

    if kwargs.get("url_path_before") == kwargs.get("url_path_after"):
        return
    # With one Site and no restriction anywhere, a move changes no list.
    if has_several_sites() or view_restrictions_exist():
        update_under(instance.pk)


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
    """Connect the related app to publishing, moves, view restrictions and deletion."""
    from wagtail.models import PageViewRestriction

    from masthead.newsroom.models import ArticlePage

    page_published.connect(update_on_publish, sender=ArticlePage)
    page_unpublished.connect(update_on_publish, sender=ArticlePage)
    pre_delete.connect(forget_on_delete, sender=ArticlePage, dispatch_uid="related-delete")
    post_page_move.connect(update_on_move, dispatch_uid="related-move")
    for signal in (post_save, post_delete):
        signal.connect(
            update_on_restriction, sender=PageViewRestriction, dispatch_uid="related-restriction"
        )
