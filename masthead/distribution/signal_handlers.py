"""Wire distribution to publishing: purge feeds and sitemaps, ping the WebSub hub."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished

from masthead.distribution.affected import affected_feed_urls, affected_urls


def on_article_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Purge what shows the article once the change is committed, then ping the hub."""
    from masthead.distribution.tasks import ping_websub_hub

    urls = affected_urls(instance)
    feeds = affected_feed_urls(instance)

    def after_commit() -> None:
        # After the commit, or a reader could cache the old version again in between.
        batch = PurgeBatch()
        batch.add_urls(urls)
        batch.purge()
        ping_websub_hub.enqueue(feeds)

    transaction.on_commit(after_commit)


def register_signal_handlers() -> None:
    """Connect distribution to Wagtail's publishing signals for articles."""
    from masthead.newsroom.models import ArticlePage

    page_published.connect(on_article_change, sender=ArticlePage)
    page_unpublished.connect(on_article_change, sender=ArticlePage)
