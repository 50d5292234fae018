"""Where a short code leads, resolved from the database and kept in the shared cache.

A resolution lives in the "pages" cache alias because every process shares it
and purges empty it; publishing, unpublishing, moving or deleting a page also
deletes the resolutions of its links (signal_handlers), so an unpublished
article answers 410 at once through the WSGI fast path as well as the view.
"""

from __future__ import annotations

import time
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import Q
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.models import Site

from masthead.core.page_cache import CACHE_ALIAS
from masthead.newsroom.queries import has_expired
from masthead.shortlinks import conf
from masthead.shortlinks.models import ShortLink


class Resolution(NamedTuple):
    """A link's state: live (with its URL) or gone; expiry last, as ProcessMemo needs."""

    is_live: bool
    location: str
    link_id: int
    expires_at: float


def resolution_key(key: str) -> str:
    """Return the cache key of a normalised code or alias."""
    return f"shortlink:{key}"


def page_code_key(page_id: int) -> str:
    """Return the cache key of the code belonging to a page."""
    return f"shortlink:page:{page_id}"


def tag_page_code_key(tag_id: int) -> str:
    """Return the cache key of the code belonging to a tag's page."""
    return f"shortlink:tag:{tag_id}"


def find_link(key: str) -> ShortLink | None:
    """Return the link with this code or alias (two unique indexes, no scan)."""
    links = ShortLink.objects.select_related("target", "target_tag")
    return links.filter(Q(code=key) | Q(alias=key)).first()


def current_location(link: ShortLink) -> str:
    """Return the absolute URL a link leads to now, or '' when its target is gone."""
    page = link.target
    if page is not None:
        if not page.live or page.expired or has_expired(page):
            return ""
        return iri_to_uri(page.get_full_url() or "")
    tag = link.target_tag
    if tag is not None:
        site = Site.objects.filter(is_default_site=True).first()
        root = site.root_url if site is not None else ""
        return iri_to_uri(f"{root}{tag.get_absolute_url()}")
    return ""


def resolve(key: str) -> Resolution | None:
    """Return where a normalised code or alias leads, from the cache or the database."""
    cache = caches[CACHE_ALIAS]
    cached = cache.get(resolution_key(key))
    if cached is not None:
        return Resolution(*cached)
    link = find_link(key)
    if link is None:
        # Unknown codes are not cached: a flood of random ones must not evict pages.
        return None
    location = current_location(link)
    seconds = conf.memo_seconds()
    if location and link.target is not None and link.target.expire_at is not None:
        # Not kept past the target's expiry, which the scheduler may reach late.
        left = (link.target.expire_at - timezone.now()).total_seconds()
        seconds = max(0, min(seconds, int(left)))
    resolution = Resolution(bool(location), location, link.pk, time.time() + seconds)
    cache.set(resolution_key(key), tuple(resolution), seconds)
    return resolution


def forget_links(links: list[ShortLink]) -> None:
    """Drop the cached resolutions of these links, by code and alias."""
    keys = [resolution_key(link.code) for link in links]
    keys += [resolution_key(link.alias) for link in links if link.alias]
    keys += [page_code_key(link.target_id) for link in links if link.target_id]
    keys += [tag_page_code_key(link.target_tag_id) for link in links if link.target_tag_id]
    if keys:
        caches[CACHE_ALIAS].delete_many(keys)


def page_code(page_id: int) -> str:
    """Return the code of a page's first short link, or '' (cached, so pages add no query)."""
    cache = caches[CACHE_ALIAS]
    code = cache.get(page_code_key(page_id))
    if code is None:
        first = ShortLink.objects.filter(target_id=page_id).order_by("created_at", "pk").first()
        code = first.code if first is not None else ""
        cache.set(page_code_key(page_id), code, None)
    return str(code)
