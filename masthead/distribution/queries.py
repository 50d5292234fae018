"""Reads of the distribution app: articles with everything feeds and sitemaps show.

Feeds, sitemaps, the API and structured data describe the same facts (authors,
tags, corrections, the time of the last significant change), so they are read
here once, in a fixed number of queries however many articles there are.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex, Site

from masthead.newsroom.models import ArticleAuthor, ArticleCorrection, ArticlePage, Author

if TYPE_CHECKING:
    from masthead.newsroom.queries import ArticlePageQuerySet
    from masthead.tagging.models import Tag


def with_listing_facts(articles: ArticlePageQuerySet, *, bodies: bool = False) -> Any:
    """Load authors, tags, corrections and lead images along with the articles."""
    from masthead.tagging.models import ArticleTag

    loaded = articles.select_related("lead_image").prefetch_related(
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        Prefetch("tag_links", queryset=ArticleTag.objects.select_related("tag")),
        Prefetch("corrections", queryset=ArticleCorrection.objects.order_by("corrected_at")),
    )
    return loaded if bodies else loaded.defer_streamfields()


def child_rows(article: ArticlePage, relation: str, related: str | None = None) -> list[Any]:
    """Return an article's child rows, from a prefetch or in-memory copy when there is one.

    A live query result is kept on the article as its in-memory child list, so
    later readers of the same page object (the tag line, the byline) reuse it
    instead of querying again. Nothing is saved: it is the rows just read.
    """
    rows = getattr(article, relation).all()
    if not isinstance(rows, QuerySet) or getattr(rows, "_result_cache", None) is not None:
        return list(rows)
    if related:
        rows = rows.select_related(related)
    loaded = list(rows)
    setattr(article, relation, loaded)
    return loaded


def authors_of(article: ArticlePage) -> list[Author]:
    """Return the article's authors in byline order."""
    links = sorted(child_rows(article, "article_authors", "author"), key=lambda x: x.sort_order)
    return [link.author for link in links]


def tags_of(article: ArticlePage) -> list[Tag]:
    """Return the article's tags in tag-line order, each once."""
    links = sorted(child_rows(article, "tag_links", "tag"), key=lambda x: x.sort_order or 0)
    return list({link.tag_id: link.tag for link in links}.values())


def corrections_of(article: ArticlePage) -> list[ArticleCorrection]:
    """Return the article's corrections, oldest first."""
    return sorted(child_rows(article, "corrections"), key=lambda c: c.corrected_at)


def published_at(article: ArticlePage) -> dt.datetime | None:
    """Return the time the article was first published."""
    return article.first_published_at or article.go_live_at


def modified_at(
    article: ArticlePage, corrections: list[ArticleCorrection] | None = None
) -> dt.datetime | None:
    """Return the time of the last significant change: an editorial update or a correction.

    Minor fixes republish an article without changing what it says, so they do
    not count (newsroom's rule for the dateline, followed by feeds and sitemaps).
    """
    if corrections is None:
        corrections = corrections_of(article)
    moments = [published_at(article), article.last_updated_at]
    moments += [correction.corrected_at for correction in corrections]
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def shown_images(images: QuerySet[Any], site: Site | None) -> QuerySet[Any]:
    """Return the images readers of ``site`` can already see: used by a live page of
    that Site no restriction hides, or by something other than a page (an
    author's photo, a setting).

    An image uploaded for an embargoed draft would otherwise be listed, title
    and file, before its story is published. Wagtail's reference index records
    what uses each image; for a page it indexes the page row, which holds the
    published content of a live page (a draft's changes wait in a revision).
    """
    from masthead.newsroom.queries import public_pages

    page_type = ContentType.objects.get_for_model(Page)
    pages = Page.objects.live()
    if site is not None:  # Another Site's pictures are that host's to list.
        pages = pages.descendant_of(site.root_page, inclusive=True)
    shown_pages = public_pages(pages).annotate(key=Cast("pk", CharField()))
    uses = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(images.model)
    ).filter(~Q(base_content_type=page_type) | Q(object_id__in=shown_pages.values("key")))
    # The image side is cast in the subquery, not on ``images``: search backends
    # refuse filters on annotations. Image ids are always whole numbers.
    return images.filter(
        pk__in=uses.annotate(image_id=Cast("to_object_id", IntegerField())).values("image_id")
    )
