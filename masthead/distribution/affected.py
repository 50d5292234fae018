"""The feeds, sitemaps and API addresses that show an article."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import CharField, Value
from django.urls import reverse

from masthead.distribution import conf
from masthead.distribution.urls_for import feed_paths
from masthead.newsroom.models import ArticleAuthor, ArticlePage

Scope = tuple[str, str]  # (kind, slug) of a feed: ("tag", "piers"), ("site", "").


def site_root(article: ArticlePage) -> str:
    """Return the public root URL of the article's site, without a trailing slash."""
    site = article.get_site()
    return str(site.root_url).rstrip("/") if site is not None else ""


def credited_scopes(page_id: int) -> list[Scope]:
    """Return the author and tag feeds that list the article as its stored rows stand.

    The stored rows are what the feeds read, so before a publish replaces them
    they name the feeds that list the article now. One query for both.
    """
    from masthead.tagging.models import ArticleTag

    kind: CharField[str, str] = CharField()
    authors = (
        ArticleAuthor.objects.filter(page_id=page_id)
        .annotate(kind=Value("author", output_field=kind))
        .values_list("kind", "author__slug")
        .order_by()  # A compound query's parts may not be ordered (SQLite).
    )
    tags = (
        ArticleTag.objects.filter(page_id=page_id)
        .annotate(kind=Value("tag", output_field=kind))
        .values_list("kind", "tag__slug")
        .order_by()
    )
    return sorted(set(authors.union(tags, all=True)))


def feed_scopes(article: ArticlePage, previous: Iterable[Scope] = ()) -> list[Scope]:
    """Return the (kind, slug) of every feed listing the article, now or before its change.

    ``previous`` holds the author and tag feeds that listed the article before
    a republish: a tag or an author it lost must drop it from their feeds too.
    """
    scopes: list[Scope] = [("site", "")]
    parent = article.get_parent()
    if parent is not None:
        scopes.append(("section", parent.slug))
    scopes += sorted(set(credited_scopes(article.pk)) | set(previous))
    return scopes


def feed_urls(
    article: ArticlePage, scopes: Iterable[Scope], *, with_summary_query: bool = False
) -> list[str]:
    """Return the absolute URLs of every variant of these feeds (see ``feed_paths``)."""
    root = site_root(article)
    return [
        f"{root}{path}"
        for kind, slug in scopes
        for path in feed_paths(kind, slug, with_summary_query=with_summary_query)
    ]


# The sitemap whose every page a publish purges; of the others, only the first.
ALL_PAGES_PURGED = "articles"
FIRST_PAGE_PURGED = ("news", "sections", "authors", "tags")


def purges_sitemap_page(section: str, page: int) -> bool:
    """Return whether publishing purges this page of this sitemap (``sitemap_paths``)."""
    return page == 1 or section == ALL_PAGES_PURGED


def sitemap_paths() -> list[str]:
    """Return the sitemap pages that can list an article (every article page, to be safe)."""
    articles = ArticlePage.objects.live().filter(first_published_at__isnull=False).count()
    pages = articles // conf.sitemap_page_size() + 1
    base = reverse("distribution_sitemap", kwargs={"section": ALL_PAGES_PURGED})
    paths = [base] + [f"{base}?p={n}" for n in range(2, pages + 1)]
    paths += [
        reverse("distribution_sitemap", kwargs={"section": name}) for name in FIRST_PAGE_PURGED
    ]
    return [reverse("distribution_sitemap_index"), *paths]


def other_urls(article: ArticlePage) -> list[str]:
    """Return the absolute URLs of the sitemaps and the ninjs that show the article."""
    root = site_root(article)
    paths = [*sitemap_paths(), reverse("distribution_ninjs", kwargs={"page_id": article.pk})]
    return [f"{root}{path}" for path in paths]
