"""The publisher (the site identity) as feeds, sitemaps and structured data name it."""

from __future__ import annotations

from typing import TypedDict

from django.core.cache import caches
from django.http import HttpRequest
from wagtail.models import Site

from masthead.core.models import SiteIdentity
from masthead.core.page_cache import CACHE_ALIAS

LOGO_FILTER = "max-600x600|format-png"


class Logo(TypedDict):
    """An absolute logo address and its size in pixels."""

    url: str
    width: int
    height: int


class Publisher(TypedDict):
    """The publication's name, home address and logo."""

    name: str
    url: str
    logo: Logo | None


def site_root_url(request: HttpRequest) -> str:
    """Return the public root URL of the request's site, without a trailing slash."""
    site = Site.find_for_request(request)
    if site is not None:
        return str(site.root_url).rstrip("/")
    return f"{request.scheme}://{request.get_host()}"


def absolute(request: HttpRequest, path: str) -> str:
    """Return a site-relative path as an absolute URL on the site's public root."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_root_url(request)}{path}"


def publisher_for_request(request: HttpRequest) -> Publisher:
    """Return the publisher of the request's site, from the shared cache when there.

    Kept in the page cache, which every change of the site identity empties
    (core.signal_handlers), so the logo's image and rendition are not loaded
    on every page.
    """
    identity = SiteIdentity.for_request(request)
    key = f"lookup:distribution:publisher:{identity.site_id}"
    cache = caches[CACHE_ALIAS]
    publisher: Publisher | None = cache.get(key)
    if publisher is None:
        publisher = Publisher(
            name=identity.publication_name,
            url=f"{site_root_url(request)}/",
            logo=logo_of(request, identity),
        )
        cache.set(key, publisher)
    return publisher


def logo_of(request: HttpRequest, identity: SiteIdentity) -> Logo | None:
    """Return the identity's logo as a PNG rendition, or None when there is none."""
    if identity.logo is None:
        return None
    rendition = identity.logo.get_rendition(LOGO_FILTER)
    return Logo(
        url=absolute(request, rendition.url), width=rendition.width, height=rendition.height
    )
