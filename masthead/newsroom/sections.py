"""The directory of live sections, kept in the shared page cache."""

from __future__ import annotations

from typing import TypedDict

from django.core.cache import caches
from django.http import HttpRequest
from wagtail.models import Site

from masthead.core.page_cache import CACHE_ALIAS


class SectionEntry(TypedDict):
    """What navigation and article headers show of a section."""

    title: str
    url: str
    url_path: str
    in_menu: bool


def section_directory(request: HttpRequest) -> list[SectionEntry]:
    """Return the site's live sections in tree order, from the shared cache when there.

    Purges empty the page cache whenever a section or the home page is
    published, moved or withdrawn, so the directory is never stale.
    """
    from masthead.newsroom.models import SectionPage

    memo: list[SectionEntry] | None = getattr(request, "_masthead_sections", None)
    if memo is not None:
        return memo  # Navigation, the article header and the head all ask.
    site = Site.find_for_request(request)
    if site is None:
        return []
    cache = caches[CACHE_ALIAS]
    key = f"lookup:sections:{site.pk}"
    entries: list[SectionEntry] | None = cache.get(key)
    if entries is None:
        entries = [
            SectionEntry(
                title=section.title,
                url=section.get_url(request) or "",
                url_path=section.url_path,
                in_menu=section.show_in_menus,
            )
            for section in SectionPage.objects.live().descendant_of(site.root_page).order_by("path")
        ]
        cache.set(key, entries)
    request._masthead_sections = entries  # type: ignore[attr-defined]
    return entries


def section_of(request: HttpRequest, url_path: str) -> SectionEntry | None:
    """Return the section whose page holds the page at ``url_path``."""
    parent_path = url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    for entry in section_directory(request):
        if entry["url_path"] == parent_path:
            return entry
    return None
