"""The directory of live sections, kept in the shared page cache."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Site

from masthead.core.page_cache import CACHE_ALIAS, bound_by_expiry


class SectionEntry(TypedDict):
    """What navigation and article headers show of a section."""

    title: str
    url: str
    url_path: str
    in_menu: bool


def section_directory(request: HttpRequest) -> list[SectionEntry]:
    """Return the site's live sections in tree order, from the shared cache when there.

    Purges empty the page cache whenever a section or the home page is
    published, moved or withdrawn, so the directory is never stale; a section
    past its expiry is left out even before the scheduler withdraws it.
    """
    memo: list[SectionEntry] | None = getattr(request, "_masthead_sections", None)
    if memo is not None:
        return memo  # Navigation, the article header and the head all ask.
    site = Site.find_for_request(request)
    if site is None:
        return []
    cache = caches[CACHE_ALIAS]
    key = f"lookup:sections:v2:{site.pk}"
    stored: tuple[list[SectionEntry], dt.datetime | None] | None = cache.get(key)
    if stored is None:
        stored = live_sections(request, site)
        # The scheduler purges when it withdraws a section, but a section past its
        # expiry is gone for readers at once: the directory must not outlive it.
        until, default = stored[1], cache.default_timeout
        if until is None:
            cache.set(key, stored)
        else:
            left = (until - timezone.now()).total_seconds()
            cache.set(key, stored, left if default is None else min(left, default))
    entries, until = stored
    bound_by_expiry(request, until)  # Every page listing the sections shows them until then.
    request._masthead_sections = entries  # type: ignore[attr-defined]
    return entries


def live_sections(
    request: HttpRequest, site: Site
) -> tuple[list[SectionEntry], dt.datetime | None]:
    """Return the site's sections readers may see, in tree order, and the soonest one's expiry."""
    from masthead.newsroom.models import SectionPage
    from masthead.newsroom.queries import soonest_expiry, unexpired

    sections = list(
        SectionPage.objects.live()
        .filter(unexpired())
        .descendant_of(site.root_page)
        .order_by("path")
    )
    entries = [
        SectionEntry(
            title=section.title,
            url=section.get_url(request) or "",
            url_path=section.url_path,
            in_menu=section.show_in_menus,
        )
        for section in sections
    ]
    return entries, soonest_expiry(sections)


def section_of(request: HttpRequest, url_path: str) -> SectionEntry | None:
    """Return the section whose page holds the page at ``url_path``."""
    parent_path = url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    for entry in section_directory(request):
        if entry["url_path"] == parent_path:
            return entry
    return None
