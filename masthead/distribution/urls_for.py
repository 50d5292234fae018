"""Addresses of the feeds and sitemaps, relative or absolute."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from masthead.distribution.publisher import absolute

FORMATS = ("rss", "atom")
FULL_TEXT_QUERY = "full=1"
SUMMARY_QUERY = "full=0"


def feed_path(kind: str, slug: str, format_name: str, *, full: bool = False) -> str:
    """Return the path of a feed (``?full=1`` for whole articles)."""
    if kind == "site":
        path = reverse("distribution_site_feed", kwargs={"format_name": format_name})
    else:
        path = reverse(
            "distribution_feed", kwargs={"kind": kind, "slug": slug, "format_name": format_name}
        )
    return f"{path}?{FULL_TEXT_QUERY}" if full else path


def feed_url(
    request: HttpRequest, kind: str, slug: str, format_name: str, *, full: bool = False
) -> str:
    """Return the absolute URL of a feed on the site's public address."""
    return absolute(request, feed_path(kind, slug, format_name, full=full))


def feed_paths(kind: str, slug: str = "", *, with_summary_query: bool = False) -> list[str]:
    """Return every variant of one feed: RSS and Atom, summaries and full text.

    ``with_summary_query`` adds the explicit summary addresses (``?full=0``),
    which caches share and publishing purges, though no feed names them as
    its own (``rel="self"``) address, so WebSub never hears of them.
    """
    paths = [
        feed_path(kind, slug, format_name, full=full)
        for format_name in FORMATS
        for full in (False, True)
    ]
    if with_summary_query:
        paths += [f"{feed_path(kind, slug, name)}?{SUMMARY_QUERY}" for name in FORMATS]
    return paths
