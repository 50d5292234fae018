"""What readers may find, and the filters they narrow it with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from masthead.newsroom.models import ArticleAuthor, ArticlePage, Author, SectionPage
from masthead.newsroom.queries import ArticlePageQuerySet
from masthead.tagging.models import ArticleTag, Tag


class Order(StrEnum):
    """How results are sorted."""

    RELEVANCE = "relevance"
    DATE = "date"


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing of a search; ``published_before`` is exclusive.

    ``root`` is the root page of the reader's Site: results come from its tree
    only, as on section pages. It is not a filter the reader chose.
    """

    root: Page | None = None
    section: SectionPage | None = None
    tag: Tag | None = None
    author: Author | None = None
    published_from: dt.datetime | None = None
    published_before: dt.datetime | None = None

    @property
    def is_empty(self) -> bool:
        """Return whether the reader set no filter."""
        return replace(self, root=None) == SearchFilters()


def searchable_articles(
    filters: SearchFilters, now: dt.datetime | None = None
) -> ArticlePageQuerySet:
    """Return the articles a reader may find, narrowed by the filters.

    Live (so neither drafts nor embargoed articles waiting for their go-live
    time), not past their expiry even if the scheduler has not run yet, and
    under no view restriction: the results are the same for every reader, so
    the page never reveals a restricted headline.
    """
    now = now or timezone.now()
    articles: ArticlePageQuerySet = (
        ArticlePage.objects.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )
    if filters.root is not None:
        articles = articles.descendant_of(filters.root)
    if filters.section is not None:
        articles = articles.child_of(filters.section)
    if filters.tag is not None:
        tagged = ArticleTag.objects.filter(tag=filters.tag).values("page_id")
        articles = articles.filter(id__in=tagged)
    if filters.author is not None:
        written = ArticleAuthor.objects.filter(author=filters.author).values("page_id")
        articles = articles.filter(id__in=written)
    if filters.published_from is not None:
        articles = articles.filter(first_published_at__gte=filters.published_from)
    if filters.published_before is not None:
        articles = articles.filter(first_published_at__lt=filters.published_before)
    return articles
