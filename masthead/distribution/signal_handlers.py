"""Wire distribution to publishing: purge feeds and sitemaps, ping the WebSub hub."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.distribution.affected import (
    Scope,
    credited_scopes,
    feed_scopes,
    feed_urls,
    other_urls,
)

# Where remember_listing_feeds leaves, on the page object being published, the
# author and tag feeds that listed the article before the publish.
LISTED_BEFORE = "_distribution_listed_before"
CHILD_RELATIONS = frozenset({"article_authors", "tag_links"})


def remember_listing_feeds(
    sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any
) -> None:
    """Note which author and tag feeds list the article before a save replaces its rows.

    Publishing saves the revision's authors and tags over the stored rows, and
    only the stored rows know what the feeds list now: a tag or an author the
    article loses would otherwise keep a stale item in its cached feed. Saves
    that leave the rows alone (a draft saves named fields only) are skipped.
    """
    if instance.pk is None or kwargs.get("raw"):
        return
    if update_fields is not None and not CHILD_RELATIONS & set(update_fields):
        return
    setattr(instance, LISTED_BEFORE, credited_scopes(instance.pk))


def purge_and_ping(article: Any, listed_before: Iterable[Scope] = ()) -> None:
    """Purge what shows the article once the change is committed, then ping the hub."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from masthead.distribution.tasks import ping_websub_hub

    scopes = feed_scopes(article, listed_before)
    feeds = feed_urls(article, scopes)
    urls = feed_urls(article, scopes, with_summary_query=True) + other_urls(article)

    def after_commit() -> None:
        # After the commit, or a reader could cache the old version again in between.
        batch = PurgeBatch()
        batch.add_urls(urls)
        batch.purge()
        ping_websub_hub.enqueue(feeds)

    transaction.on_commit(after_commit)


def on_article_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Purge and ping for a published or unpublished article, and for the feeds it left."""
    purge_and_ping(instance, instance.__dict__.pop(LISTED_BEFORE, []))


def on_article_move(
    sender: Any, instance: Any, parent_page_before: Any, url_path_before: str, **kwargs: Any
) -> None:
    """Purge and ping for a live article moved to another section, and for the section it left."""
    if instance.live and instance.url_path != url_path_before:
        purge_and_ping(instance, [("section", parent_page_before.slug)])


def keep_author_feeds(sender: Any, author: Any, old_slug: str, **kwargs: Any) -> None:
    """Send subscribers of an author's old feed addresses to the new ones (301)."""
    from masthead.core.redirects import move_address
    from masthead.distribution.urls_for import FORMATS, feed_path

    for format_name in FORMATS:
        move_address(
            feed_path("author", old_slug, format_name),
            feed_path("author", author.slug, format_name),
        )


def register_signal_handlers() -> None:
    """Connect distribution to Wagtail's publishing signals for articles."""
    from masthead.newsroom.models import ArticlePage
    from masthead.newsroom.signals import author_slug_changed

    pre_save.connect(remember_listing_feeds, sender=ArticlePage)
    page_published.connect(on_article_change, sender=ArticlePage)
    page_unpublished.connect(on_article_change, sender=ArticlePage)
    post_page_move.connect(on_article_move, sender=ArticlePage)
    author_slug_changed.connect(keep_author_feeds, dispatch_uid="distribution-author-slug")
