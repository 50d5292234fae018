"""Views of the distribution app: feeds, sitemaps, robots.txt and ninjs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import set_response_etag
from django.views.decorators.http import require_safe

from masthead.core.numbers import parse_number
from masthead.core.page_cache import mark_public
from masthead.distribution import conf
from masthead.distribution.affected import purges_sitemap_page
from masthead.distribution.feeds import ArticleFeed, AtomArticleFeed
from masthead.distribution.publisher import absolute
from masthead.distribution.scopes import MAX_SLUG_LENGTH, find_scope, public_articles
from masthead.distribution.sitemaps import SITEMAPS
from masthead.distribution.urls_for import FULL_TEXT_QUERY, SUMMARY_QUERY, feed_path

FEED_CLASSES: dict[str, type[ArticleFeed]] = {"rss": ArticleFeed, "atom": AtomArticleFeed}
# The only query strings a feed answers to with a shareable (cached, purged) response.
CANONICAL_FEED_QUERIES = ("", FULL_TEXT_QUERY, SUMMARY_QUERY)
MAX_PAGE_ID = 2**31 - 1
MAX_SITEMAP_PAGE = 1_000_000


def share_if_canonical(
    request: HttpRequest,
    response: HttpResponse,
    canonical: Collection[str] = ("",),
    until: dt.datetime | None = None,
) -> None:
    """Let shared caches keep the response when it answers the address purges reach,
    and not past ``until`` (when an article it lists expires).

    Publishing purges each feed, sitemap and ninjs address with its canonical
    query string only; a response to any other query string would stay stale
    in the page cache, so it is served unshared instead.
    """
    if request.META.get("QUERY_STRING", "") in canonical:
        mark_public(response, until=until)


def validate_by_content(response: HttpResponse) -> None:
    """Give the response an ETag of its content in place of its ``Last-Modified``.

    Django's feeds and sitemaps date a response by its newest item, which does
    not move when an article is withdrawn (the date goes back) or minor-fixed
    (it stays): a CDN or feed reader revalidating by date would be told "not
    modified" and keep the old document. The content's hash changes with it.
    """
    if response.has_header("Last-Modified"):
        del response["Last-Modified"]
    if isinstance(response, TemplateResponse) and not response.is_rendered:
        response.add_post_render_callback(set_response_etag)
    else:
        set_response_etag(response)


def wants_full_text(request: HttpRequest) -> bool:
    """Return whether the reader asked for whole articles (``?full=1``) or the default."""
    value = request.GET.get("full")
    if value is None:
        return conf.full_text_by_default()
    return value == "1"


@require_safe
def feed(
    request: HttpRequest, format_name: str, kind: str = "site", slug: str = ""
) -> HttpResponse:
    """Serve the RSS or Atom feed of the site, a section, a tag or an author."""
    feed_class = FEED_CLASSES.get(format_name)
    if feed_class is None:
        raise Http404("No such feed format.")
    try:
        scope = find_scope(request, kind, slug)
    except Http404:
        moved = moved_tag_feed(request, kind, slug, format_name)
        if moved is None:
            raise
        return moved
    article_feed = feed_class(request, scope, full_text=wants_full_text(request))
    response = article_feed(request)
    validate_by_content(response)
    share_if_canonical(request, response, CANONICAL_FEED_QUERIES, until=article_feed.shown_until)
    return response


def moved_tag_feed(
    request: HttpRequest, kind: str, slug: str, format_name: str
) -> HttpResponse | None:
    """Send a subscriber of a merged or re-slugged tag's old feed to its tag's feed (301).

    Asked only when no tag has the slug, so feeds that exist pay nothing for it.

    Feed readers follow a permanent redirect and keep the new address; the
    choice of whole articles or summaries (``?full=1``, ``?full=0``) goes along.
    """
    from masthead.tagging.queries import current_slug

    if kind != "tag" or len(slug) > MAX_SLUG_LENGTH:
        return None
    moved = current_slug(slug)
    if moved is None:
        return None
    full = request.GET.get("full")
    path = feed_path("tag", moved, format_name)
    return HttpResponsePermanentRedirect(f"{path}?full={full}" if full in ("0", "1") else path)


def sitemap_section_url(request: HttpRequest, section: str, page: int = 1) -> str:
    """Return the absolute address of one page of one sitemap."""
    path = reverse("distribution_sitemap", kwargs={"section": section})
    return absolute(request, f"{path}?p={page}" if page > 1 else path)


@require_safe
def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """List every sitemap page: articles (paginated), news, sections, authors and tags."""
    entries: list[dict[str, Any]] = []
    for section, sitemap_class in SITEMAPS.items():
        pages = sitemap_class(request).paginator.num_pages
        entries += [
            {"location": sitemap_section_url(request, section, n)} for n in range(1, pages + 1)
        ]
    response = TemplateResponse(
        request,
        "distribution/sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )
    share_if_canonical(request, response)
    return response


@require_safe
def sitemap(request: HttpRequest, section: str) -> HttpResponse:
    """Serve one page (``?p=N``) of one sitemap; an unknown section or page is a 404."""
    sitemap_class = SITEMAPS.get(section)
    if sitemap_class is None:
        raise Http404("No such sitemap.")
    page = parse_number(request.GET.get("p", "1"), MAX_SITEMAP_PAGE)
    if page is None or page < 1:
        raise Http404("No such sitemap page.")
    response = django_sitemap(
        request,
        {section: sitemap_class(request)},
        section=section,
        template_name=sitemap_class.template_name,
    )
    validate_by_content(response)
    # Only the pages publishing purges are shared.
    if purges_sitemap_page(section, page):
        share_if_canonical(request, response, ("" if page == 1 else f"p={page}",))
    return response


@require_safe
def robots_txt(request: HttpRequest) -> TemplateResponse:
    """Serve robots.txt naming the sitemap index and the news sitemap."""
    sitemaps = [
        absolute(request, reverse("distribution_sitemap_index")),
        sitemap_section_url(request, "news"),
    ]
    response = TemplateResponse(
        request, "distribution/robots.txt", {"sitemaps": sitemaps}, content_type="text/plain"
    )
    mark_public(response)
    return response


@require_safe
def article_ninjs(request: HttpRequest, page_id: str) -> JsonResponse:
    """Serve one live, public article as ninjs 3."""
    from masthead.distribution.ninjs import article_to_ninjs

    pk = parse_number(page_id, MAX_PAGE_ID)
    if pk is None:
        raise Http404("No such article.")
    article = public_articles(request).filter(pk=pk).first()
    if article is None:
        raise Http404("No such article.")
    response = JsonResponse(article_to_ninjs(article), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json; charset=utf-8"
    # Purges name /api/ninjs/7/: a copy shared at /api/ninjs/007/ would outlive them.
    if page_id == str(pk):
        share_if_canonical(request, response, until=article.expire_at)
    return response
