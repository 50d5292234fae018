"""Wire tagging to publishing: purge tag pages, recompute suggestions."""

from __future__ import annotations

from typing import Any

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished

from masthead.tagging import conf


def tag_pages_to_purge(article: Any) -> PurgeBatch:
    """Return the URLs of the article's tag pages (every page of each listing)."""
    from masthead.newsroom.models import ArticlePage
    from masthead.tagging.models import Tag

    batch = PurgeBatch()
    site = article.get_site()
    if site is None:
        return batch
    # The live rows: what the tag pages showed, or show now after publishing.
    for tag in Tag.objects.filter(article_links__page_id=article.pk).distinct():
        count = ArticlePage.objects.live().filter(tag_links__tag=tag).count()
        base = f"{site.root_url}{tag.get_absolute_url()}"
        batch.add_url(base)
        batch.add_urls([f"{base}?page={n}" for n in range(1, count // conf.page_size() + 2)])
    return batch


def purge_tag_pages(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Purge the tag pages listing a published or withdrawn article."""
    tag_pages_to_purge(instance).purge()


def suggest_on_publish(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Queue suggestions for a published article (importers and the scheduler included)."""
    from masthead.tagging.tasks import enqueue_suggestions

    enqueue_suggestions(instance.pk)


def register_signal_handlers() -> None:
    """Connect tagging to Wagtail's publishing signals for articles."""
    from masthead.newsroom.models import ArticlePage

    page_published.connect(purge_tag_pages, sender=ArticlePage)
    page_unpublished.connect(purge_tag_pages, sender=ArticlePage)
    page_published.connect(suggest_on_publish, sender=ArticlePage)
