"""What the head of every page says: canonical address, robots, cards, feeds, JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest
from django.utils.safestring import SafeString

from masthead.distribution.publisher import absolute, publisher_for_request
from masthead.distribution.queries import authors_of, corrections_of, tags_of
from masthead.distribution.structured_data import (
    ArticleFacts,
    ImageInfo,
    gather_facts,
    json_ld,
    local_iso,
    news_article,
)
from masthead.distribution.urls_for import feed_path
from masthead.newsroom.models import ArticlePage, Author, SectionPage
from masthead.newsroom.sections import section_of

FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


@dataclass
class FeedLink:
    """A feed offered by a page."""

    title: str
    type: str
    href: str


@dataclass
class HeadMeta:
    """The head of one page: everything ``parts/head_meta.html`` writes."""

    canonical: str
    title: str
    description: str
    site_name: str
    og_type: str = "website"
    image: ImageInfo | None = None
    feeds: list[FeedLink] = field(default_factory=list)
    article: dict[str, Any] = field(default_factory=dict)
    json_ld: SafeString | None = None
    locale: str = field(default_factory=lambda: og_locale(settings.LANGUAGE_CODE))


def og_locale(language_code: str) -> str:
    """Return a Django language code as an OpenGraph locale (en-gb becomes en_GB)."""
    language, _, region = language_code.partition("-")
    return f"{language}_{region.upper()}" if region else language


def feed_links(request: HttpRequest, title: str, kind: str, slug: str = "") -> list[FeedLink]:
    """Return the RSS and Atom links of one feed."""
    return [
        FeedLink(
            f"{title} ({fmt.upper() if fmt == 'rss' else 'Atom'})",
            kind_type,
            absolute(request, feed_path(kind, slug, fmt)),
        )
        for fmt, kind_type in FEED_TYPES.items()
    ]


def page_number_suffix(context: dict[str, Any]) -> str:
    """Return ``?page=N`` for a later page of the list shown, so each page is its own canonical.

    The number is the page shown, not the one asked for: a number past the end
    shows the last page (one below 1 the first), and a page without a list has
    no later pages.
    """
    shown = context.get("articles")
    number = shown.number if isinstance(shown, PaginatorPage) else None
    return f"?page={number}" if isinstance(number, int) and number > 1 else ""


def build_head(context: dict[str, Any]) -> HeadMeta | None:
    """Return the head of the page being rendered, or None outside a request."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return None
    site_name = publisher_for_request(request)["name"]
    page = context.get("page")
    site_feeds = feed_links(request, site_name, "site")
    if isinstance(page, ArticlePage):
        return article_head(request, page, context, site_name, site_feeds)
    if isinstance(page, SectionPage):
        url = (page.get_full_url(request) or absolute(request, "/")) + page_number_suffix(context)
        description = page.search_description or page.intro
        feeds = feed_links(request, f"{site_name}: {page.title}", "section", page.slug)
        return HeadMeta(
            url, page.seo_title or page.title, description, site_name, feeds=feeds + site_feeds
        )
    if page is not None and hasattr(page, "get_full_url"):
        url = (page.get_full_url(request) or absolute(request, "/")) + page_number_suffix(context)
        description = getattr(page, "search_description", "")
        return HeadMeta(
            url, getattr(page, "title", site_name), description, site_name, feeds=site_feeds
        )
    return listing_head(request, context, site_name, site_feeds)


def listing_head(
    request: HttpRequest, context: dict[str, Any], site_name: str, site_feeds: list[FeedLink]
) -> HeadMeta:
    """Return the head of an author profile, a tag page or any other page."""
    author, tag = context.get("author"), context.get("tag")
    suffix = page_number_suffix(context)
    if isinstance(author, Author):
        feeds = feed_links(request, f"{site_name}: {author.name}", "author", author.slug)
        url = absolute(request, author.get_absolute_url()) + suffix
        return HeadMeta(
            url, author.name, author.role, site_name, og_type="profile", feeds=feeds + site_feeds
        )
    if tag is not None and hasattr(tag, "get_absolute_url") and hasattr(tag, "slug"):
        feeds = feed_links(request, f"{site_name}: {tag.name}", "tag", tag.slug)
        url = absolute(request, tag.get_absolute_url()) + suffix
        return HeadMeta(url, tag.name, tag.description, site_name, feeds=feeds + site_feeds)
    if "exception" in context and "request_path" in context:
        # Django's 404 page: nothing here is the canonical address of anything.
        return HeadMeta("", site_name, "", site_name, feeds=site_feeds)
    return HeadMeta(absolute(request, request.path), site_name, "", site_name, feeds=site_feeds)


def article_head(
    request: HttpRequest,
    page: ArticlePage,
    context: dict[str, Any],
    site_name: str,
    site_feeds: list[FeedLink],
) -> HeadMeta:
    """Return the head of an article page, with its NewsArticle JSON-LD."""
    # The page's own context already holds authors and corrections (newsroom's
    # get_context): reuse them rather than query again.
    authors = context.get("authors")
    corrections = context.get("corrections")
    section = section_of(request, page.url_path)
    facts = gather_facts(
        request,
        page,
        authors=list(authors) if authors is not None else authors_of(page),
        corrections=list(corrections) if corrections is not None else corrections_of(page),
        tags=tags_of(page),
        section=section["title"] if section else "",
    )
    feeds = site_feeds
    if section is not None:
        slug = section["url_path"].rstrip("/").rsplit("/", 1)[-1]
        feeds = feed_links(request, f"{site_name}: {section['title']}", "section", slug) + feeds
    return HeadMeta(
        canonical=facts.url,
        title=facts.headline,
        description=facts.description,
        site_name=site_name,
        og_type="article",
        image=facts.images[0] if facts.images else None,
        feeds=feeds,
        article=article_properties(request, facts),
        json_ld=json_ld(news_article(request, facts)),
    )


def article_properties(request: HttpRequest, facts: ArticleFacts) -> dict[str, Any]:
    """Return OpenGraph's article:* properties."""
    from masthead.core.models import SiteIdentity

    zone = SiteIdentity.for_request(request).display_timezone
    return {
        "published_time": local_iso(facts.published, zone),
        "modified_time": local_iso(facts.modified, zone),
        "section": facts.section,
        "tags": facts.keywords,
        "authors": [author["url"] for author in facts.authors],
    }
