"""The feeds, sitemaps and API addresses that show an article."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from masthead.distribution import conf
from masthead.distribution.urls_for import feed_paths
from masthead.newsroom.models import ArticleAuthor, ArticlePage


def site_root(article: ArticlePage) -> str:
    """Return the public root URL of the article's site, without a trailing slash."""
    site = article.get_site()
    return str(site.root_url).rstrip("/") if site is not None else ""


def feed_scopes(article: ArticlePage) -> list[tuple[str, str]]:
    """Return the (kind, slug) of every feed listing the article."""
    from masthead.tagging.models import Tag

    scopes = [("site", "")]
    parent = article.get_parent()
    if parent is not None:
        scopes.append(("section", parent.slug))
    author_slugs = ArticleAuthor.objects.filter(page_id=article.pk).values_list(
        "author__slug", flat=True
    )
    scopes += [("author", slug) for slug in author_slugs]
    tag_slugs = Tag.objects.filter(article_links__page_id=article.pk).values_list("slug", flat=True)
    scopes += [("tag", slug) for slug in sorted(set(tag_slugs))]
    return scopes


def affected_feed_urls(article: ArticlePage) -> list[str]:
    """Return the absolute URLs of every feed variant listing the article."""
    root = site_root(article)
    return [
        f"{root}{path}" for kind, slug in feed_scopes(article) for path in feed_paths(kind, slug)
    ]


def sitemap_paths(article: ArticlePage) -> list[str]:
    """Return the sitemap pages that can list the article (every article page, to be safe)."""
    articles = ArticlePage.objects.live().filter(first_published_at__isnull=False).count()
    pages = articles // conf.sitemap_page_size() + 1
    base = reverse("distribution_sitemap", kwargs={"section": "articles"})
    paths = [base] + [f"{base}?p={n}" for n in range(2, pages + 1)]
    paths += [
        reverse("distribution_sitemap", kwargs={"section": name})
        for name in ("news", "sections", "authors", "tags")
    ]
    return [reverse("distribution_sitemap_index"), *paths]


def affected_urls(article: ArticlePage) -> list[str]:
    """Return every absolute URL of this app that shows the article."""
    root = site_root(article)
    paths: list[Any] = [
        *sitemap_paths(article),
        reverse("distribution_ninjs", kwargs={"page_id": article.pk}),
    ]
    return affected_feed_urls(article) + [f"{root}{path}" for path in paths]
