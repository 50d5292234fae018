"""Purge the pages that show an article when it is published, changed or withdrawn."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from masthead.core.page_cache import listing_urls
from masthead.core.signal_handlers import (
    purge_all,
    purge_on_shown_change,
    remember_child_ids,
)
from masthead.newsroom.signals import author_slug_changed

# Where remember_child_ids leaves, on the article being saved, the ids of the
# authors its stored byline rows named before the save replaced them.
BYLINED_BEFORE = "_newsroom_bylined_before"
# What readers see of an author: bylines, the author page, feeds and structured data.
AUTHOR_SHOWN_FIELDS = ("name", "slug", "role", "bio", "photo_id")


def article_pages_to_purge(article: Any, author_ids_before: Iterable[int] = ()) -> PurgeBatch:
    """Return the URLs showing an article: itself, its section and its authors' profiles
    (every page of each), the front.

    ``author_ids_before`` adds the authors its byline had before a republish: an
    author taken off must stop listing the article at once.
    """
    from masthead.newsroom.models import ArticlePage, Author, SectionPage

    page_size = settings.MASTHEAD_SECTION_PAGE_SIZE
    batch = PurgeBatch()
    batch.add_page(article)
    for ancestor in article.get_ancestors().specific().filter(depth__gt=1):
        batch.add_page(ancestor)
        if isinstance(ancestor, SectionPage):
            count = ArticlePage.objects.live().child_of(ancestor).count()
            base = ancestor.get_full_url()
            if base:
                batch.add_urls(listing_urls(base, count, page_size))
    site = article.get_site()
    site_url = site.root_url if site else ""
    bylined = Q(article_links__page_id=article.pk) | Q(pk__in=list(author_ids_before))
    for author in Author.objects.filter(bylined).distinct():
        count = ArticlePage.objects.live().filter(article_authors__author=author).count()
        base = f"{site_url}{author.get_absolute_url()}"
        batch.add_url(base)
        batch.add_urls(listing_urls(base, count, page_size))
    return batch


def purge_article(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Purge the article and every page listing it, now or before, once the change is committed.

    Purged before the commit, a reader could put the old page back in the cache
    in between, where it would stay until it expires.
    """
    batch = article_pages_to_purge(instance, instance.__dict__.pop(BYLINED_BEFORE, []))
    transaction.on_commit(batch.purge)


def keep_author_address(sender: Any, author: Any, old_slug: str, **kwargs: Any) -> None:
    """Send the author's old profile address to the new one (301)."""
    from masthead.core.redirects import move_address

    move_address(reverse("newsroom:author", kwargs={"slug": old_slug}), author.get_absolute_url())


def date_scheduled_article(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Give an article published by the scheduler its go-live time as publication time."""
    from masthead.newsroom.actions import align_first_published

    align_first_published(instance)


def register_signal_handlers() -> None:
    """Connect purges to Wagtail's publishing signals."""
    from masthead.newsroom.models import ArticlePage, Author, HomePage, SectionPage

    page_published.connect(date_scheduled_article, sender=ArticlePage)
    remember_child_ids(ArticlePage, "article_authors", "author_id", BYLINED_BEFORE)
    page_published.connect(purge_article, sender=ArticlePage)
    page_unpublished.connect(purge_article, sender=ArticlePage)
    for model in (HomePage, SectionPage):
        # Renaming a section or reordering the front changes every page's navigation.
        page_published.connect(purge_all, sender=model)
        page_unpublished.connect(purge_all, sender=model)
    # A moved or renamed page leaves its old address cached; start afresh.
    post_page_move.connect(purge_all)
    page_slug_changed.connect(purge_all)
    # Bylines show on every article an author wrote, and in listings and feeds.
    purge_on_shown_change(Author, AUTHOR_SHOWN_FIELDS)
    author_slug_changed.connect(keep_author_address, dispatch_uid="newsroom-author-slug")
