"""Wire tagging to publishing and tag edits: purge what shows tags, recompute suggestions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished

from masthead.core.page_cache import listing_urls
from masthead.core.signal_handlers import purge_on_shown_change, remember_child_ids
from masthead.tagging import conf

# Where remember_child_ids leaves, on the article being saved, the ids of the tags
# its stored rows carried before the save replaced them.
TAGGED_BEFORE = "_tagging_tagged_before"
# What readers see of a tag: on every article carrying it, its listings, feeds and page.
SHOWN_FIELDS = ("name", "slug", "kind", "description")


def tag_pages_to_purge(article: Any, tag_ids_before: Iterable[int] = ()) -> PurgeBatch:
    """Return the URLs of the article's tag pages (every page of each listing).

    ``tag_ids_before`` adds the tags the article carried before a republish: a
    tag it lost must stop listing it at once, not when the cached page expires.
    """
    from django.db.models import Q

    from masthead.newsroom.models import ArticlePage
    from masthead.tagging.models import Tag

    batch = PurgeBatch()
    site = article.get_site()
    if site is None:
        return batch
    # The live rows: what the tag pages showed, or show now after publishing.
    shown = Q(article_links__page_id=article.pk) | Q(pk__in=list(tag_ids_before))
    for tag in Tag.objects.filter(shown).distinct():
        count = ArticlePage.objects.live().filter(tag_links__tag=tag).count()
        base = f"{site.root_url}{tag.get_absolute_url()}"
        batch.add_url(base)
        batch.add_urls(listing_urls(base, count, conf.page_size()))
    return batch


def purge_tag_pages(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Purge the tag pages listing a published or withdrawn article, now or before.

    The URLs are read now and purged after the commit: purged earlier, a reader
    could put the old page back in the cache before the change is visible.
    """
    batch = tag_pages_to_purge(instance, instance.__dict__.pop(TAGGED_BEFORE, []))
    transaction.on_commit(batch.purge)


def suggest_on_publish(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Queue suggestions for a published article (importers and the scheduler included)."""
    from masthead.tagging.tasks import enqueue_suggestions

    enqueue_suggestions(instance.pk)


def register_signal_handlers() -> None:
    """Connect tagging to Wagtail's publishing signals for articles and to tag edits."""
    from masthead.newsroom.models import ArticlePage
    from masthead.tagging.models import Tag

    remember_child_ids(ArticlePage, "tag_links", "tag_id", TAGGED_BEFORE)
    page_published.connect(purge_tag_pages, sender=ArticlePage)
    page_unpublished.connect(purge_tag_pages, sender=ArticlePage)
    page_published.connect(suggest_on_publish, sender=ArticlePage)
    # A merge deletes its source tag: that empties the page cache too.
    purge_on_shown_change(Tag, SHOWN_FIELDS)
