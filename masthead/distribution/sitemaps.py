"""Sitemaps: articles (paginated, with lastmod and images), news, sections, authors, tags.

``django.contrib.sitemaps`` ``Sitemap`` subclasses, built per request so that
every address is written on the site's public root (the Wagtail Site), the same
address the canonical links and feeds use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from masthead.core.models import SiteIdentity
from masthead.core.page_cache import bound_by_expiry
from masthead.distribution import conf
from masthead.distribution.feeds import clean
from masthead.distribution.publisher import absolute, site_root_url
from masthead.distribution.queries import corrections_of, modified_at, published_at
from masthead.distribution.scopes import public_articles, public_sections
from masthead.newsroom.models import ArticleCorrection, ArticlePage, Author, SectionPage

SITEMAP_LIMIT = 50_000  # The protocol's most URLs per file.


class SiteSitemap(Sitemap):  # type: ignore[type-arg]
    """A sitemap writing addresses on the request's Wagtail Site."""

    template_name = "distribution/sitemap.xml"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        root = urlsplit(site_root_url(request))
        self.protocol = root.scheme or "http"
        self.domain = root.netloc

    def get_domain(self, site: Any = None) -> str:
        return self.domain

    def get_urls(
        self, page: Any = 1, site: Any = None, protocol: Any = None
    ) -> list[dict[str, Any]]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["images"] = self.images(url["item"])
        # No shared copy may list a page past its expiry (the scheduler withdraws it later).
        bound_by_expiry(self.request, *(getattr(url["item"], "expire_at", None) for url in urls))
        return urls

    def images(self, item: Any) -> list[dict[str, str]]:
        """Return the images of an item: absolute address and caption."""
        return []


class ArticleSitemap(SiteSitemap):
    """Every live article, oldest first, so that new articles only change the last page."""

    changefreq = None

    @property
    def limit(self) -> int:  # type: ignore[override]
        return min(conf.sitemap_page_size(), SITEMAP_LIMIT)

    def items(self) -> QuerySet[ArticlePage]:
        corrections = ArticleCorrection.objects.order_by("corrected_at")
        return (
            public_articles(self.request)
            .filter(first_published_at__isnull=False)
            .order_by("first_published_at", "pk")
            .defer_streamfields()
            .select_related("lead_image")
            .prefetch_related(Prefetch("corrections", queryset=corrections))
        )

    def location(self, item: ArticlePage) -> str:
        return item.get_url(self.request) or item.url_path

    def lastmod(self, item: ArticlePage) -> dt.datetime | None:
        return modified_at(item, corrections_of(item))

    def images(self, item: ArticlePage) -> list[dict[str, str]]:
        image = item.lead_image
        if image is None:
            return []
        caption = item.lead_image_caption or image.title
        return [{"loc": absolute(self.request, image.file.url), "caption": caption}]


class NewsSitemap(ArticleSitemap):
    """Articles of the last two days for Google News, newest first, at most 1,000."""

    template_name = "distribution/sitemap_news.xml"
    limit = 1000  # Google News reads at most 1,000 articles per sitemap.

    def items(self) -> QuerySet[ArticlePage]:
        since = timezone.now() - dt.timedelta(days=conf.news_sitemap_days())
        return (
            super()
            .items()
            .filter(first_published_at__gte=since)
            .order_by("-first_published_at", "-pk")
        )

    def get_urls(
        self, page: Any = 1, site: Any = None, protocol: Any = None
    ) -> list[dict[str, Any]]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # Control characters would make the sitemap invalid XML: cleaned as the feeds do.
        name = clean(SiteIdentity.for_request(self.request).publication_name)
        for url in urls:
            url["news"] = {
                "name": name,
                "language": conf.language(),
                "published": published_at(url["item"]),
                "title": clean(url["item"].title),
            }
        return urls


class SectionSitemap(SiteSitemap):
    """The live sections of the site that readers may see."""

    limit = SITEMAP_LIMIT

    def items(self) -> QuerySet[SectionPage]:
        return public_sections(self.request).order_by("path")

    def location(self, item: SectionPage) -> str:
        return item.get_url(self.request) or item.url_path

    def lastmod(self, item: SectionPage) -> dt.datetime | None:
        return item.last_published_at


class AuthorSitemap(SiteSitemap):
    """The profiles of authors credited on live articles, with their latest article's time."""

    limit = 10_000

    def items(self) -> QuerySet[Author]:
        articles = public_articles(self.request).values("pk")
        return (
            Author.objects.filter(article_links__page_id__in=articles)
            .annotate(latest=Max("article_links__page__first_published_at"))
            .order_by("slug")
        )

    def location(self, item: Author) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Author) -> dt.datetime | None:
        return getattr(item, "latest", None)


class TagSitemap(SiteSitemap):
    """The pages of tags on live articles, with their latest article's time."""

    limit = 10_000

    def items(self) -> QuerySet[Any]:
        from masthead.tagging.models import Tag

        articles = public_articles(self.request).values("pk")
        return (
            Tag.objects.filter(article_links__page_id__in=articles)
            .annotate(latest=Max("article_links__page__first_published_at"))
            .order_by("slug")
        )

    def location(self, item: Any) -> str:
        return str(item.get_absolute_url())

    def lastmod(self, item: Any) -> dt.datetime | None:
        return getattr(item, "latest", None)


SITEMAPS: dict[str, type[SiteSitemap]] = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
