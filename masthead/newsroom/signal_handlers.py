"""Purge the pages that show an article when it is published, changed or withdrawn."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from masthead.core.signal_handlers import purge_all, purge_on_shown_change
from masthead.newsroom.signals import author_slug_changed

# What readers see of an author: bylines, the author page, feeds and structured data.
AUTHOR_SHOWN_FIELDS = ("name", "slug", "role", "bio", "photo_id")


def article_pages_to_purge(article: Any) -> PurgeBatch:
    """Return the URLs showing an article: itself, its section (all pages), the front, bylines."""
    from masthead.newsroom.models import ArticlePage, SectionPage

    batch = PurgeBatch()
    batch.add_page(article)
    for ancestor in article.get_ancestors().specific().filter(depth__gt=1):
        batch.add_page(ancestor)
        if isinstance(ancestor, SectionPage):
            count = ArticlePage.objects.live().child_of(ancestor).count()
            pages = count // settings.MASTHEAD_SECTION_PAGE_SIZE + 1
            base = ancestor.get_full_url()
            if base:
                batch.add_urls([f"{base}?page={n}" for n in range(1, pages + 1)])
    site = article.get_site()
    site_url = site.root_url if site else ""
    for link in article.article_authors.select_related("author"):
        batch.add_url(f"{site_url}{link.author.get_absolute_url()}")
    return batch


def purge_article(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Purge the article and every page listing it, once the change is committed.

    Purged before the commit, a reader could put the old page back in the cache
    in between, where it would stay until it expires.
    """
    transaction.on_commit(article_pages_to_purge(instance).purge)


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
