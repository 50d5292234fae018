"""Reads of articles: queryset methods shared by fronts, sections and profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, PageQuerySet, PageViewRestriction, Site

from masthead.core.shared_lookups import view_restrictions_exist

if TYPE_CHECKING:
    from typing import Self

LISTING_IMAGE_FILTERS = ("fill-640x360|format-webp",)

PagesT = TypeVar("PagesT", bound=PageQuerySet)


class ArticlePageQuerySet(PageQuerySet):
    """Queries over article pages."""

    def newest_first(self) -> Self:
        """Return dated articles, newest first, the later-created first among equal times."""
        # The id breaks ties (an import of stories dated to the minute): without it
        # PostgreSQL may order equal times differently for each page's LIMIT and
        # OFFSET, listing an article on two pages and another on none. The database
        # still walks the first_published_at index and stops at the LIMIT, sorting
        # only each run of equal times (SQLite: "TEMP B-TREE FOR RIGHT PART").
        # No NULLS LAST: undated rows are filtered out, and it would cost the index.
        return self.filter(first_published_at__isnull=False).order_by("-first_published_at", "-id")

    def in_section(self, section: object) -> Self:
        """Return the articles under a section page."""
        return self.child_of(section)  # type: ignore[arg-type]

    def teasers(self) -> Self:
        """Leave out article bodies, which lists never show (and which cost a JSON parse)."""
        return self.defer_streamfields()

    def for_listing(self) -> Self:
        """Load what a teaser shows (lead image and its rendition) in a fixed number of queries."""
        return self.teasers().prefetch_related(listing_image_prefetch())


def listing_image_prefetch() -> Prefetch:
    """Return the prefetch of teasers' lead images with their listing renditions."""
    images = get_image_model().objects.prefetch_renditions(*LISTING_IMAGE_FILTERS)  # type: ignore[attr-defined]
    return Prefetch("lead_image", queryset=images)


def prefetch_listing_images(articles: Iterable[Any]) -> None:
    """Load the lead images of articles gathered from several lists, in two queries."""
    prefetch_related_objects([a for a in articles if a is not None], listing_image_prefetch())


def unexpired() -> Q:
    """Return the condition of pages not past their expiry time (``expire_at``) now.

    Wagtail's scheduler unpublishes an expired page only when it next runs
    (every 15 seconds, never while it is down): until then the page is still
    ``live``, and readers must not see it.
    """
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def has_expired(page: Page) -> bool:
    """Return whether a page's expiry time has come, whether or not it is unpublished yet."""
    return page.expire_at is not None and page.expire_at <= timezone.now()


def soonest_expiry(pages: Iterable[Page | None]) -> dt.datetime | None:
    """Return the earliest expiry time among pages shown together, or None if none expires."""
    times = [page.expire_at for page in pages if page is not None and page.expire_at is not None]
    return min(times, default=None)


def public_pages(pages: PagesT, within: Page | None = None) -> PagesT:
    """Return the pages readers may see: not past their expiry time, and hidden by no view
    restriction, on them or on a page above them.

    This is what the public may see, for every listing, feed, sitemap and index.
    Restrictions on ``within`` and the pages above it are left aside: a list
    shown on that page only reaches readers who got past them already.
    """
    pages = pages.filter(unexpired())
    if not view_restrictions_exist():  # One query saved on every listing when none exist.
        return pages
    restrictions = PageViewRestriction.objects.select_related("page")
    if within is not None:
        restrictions = restrictions.exclude(page__in=within.get_ancestors(inclusive=True))
    hidden = Q(pk__in=[])
    for restriction in restrictions:
        hidden |= pages.descendant_of_q(restriction.page, inclusive=True)
    return pages.exclude(hidden)


def public_articles(request: HttpRequest) -> ArticlePageQuerySet:
    """Return the live articles readers may see on the request's Site (its own tree only).

    Author and tag pages, feeds and sitemaps answer on any host: each Site's
    copy lists that Site's articles, never another paper's. Raise Http404 when
    no Site serves the host (none matches and none is the default), as
    Wagtail's pages do: every paper's articles would otherwise be listed.
    """
    from masthead.newsroom.models import ArticlePage

    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site serves this host.")
    articles: ArticlePageQuerySet = ArticlePage.objects.live()  # type: ignore[assignment]
    return public_pages(articles.descendant_of(site.root_page))
