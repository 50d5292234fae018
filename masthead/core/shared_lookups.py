"""Per-request lookups every page makes, kept in the shared page cache.

Every page needs its Site (and the Site's root page), the site identity, and
whether any page view restriction exists. Each is a query on every request
otherwise. They live in the page cache because that cache is shared by all
processes and emptied whenever any of them changes (core.signal_handlers), so
a change is seen everywhere at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import PageViewRestriction, Site

from masthead.core.page_cache import CACHE_ALIAS

VIEW_RESTRICTIONS_KEY = "lookup:view-restrictions-exist"
# Paths that never render a site page: the editors' tools, health and files.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/healthz", "/static/", "/media/", "/documents/")
# Readers' writes answer with JSON or a redirect; the rare page they render
# (a form shown again) looks its Site up itself, as Wagtail does by default.
SKIPPED_WRITE_PREFIXES = ("/discussion/", "/moderation/")


def site_key(request: HttpRequest) -> str:
    """Return the cache key of the Site serving a request's host and port."""
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    return f"lookup:site:{hostname}:{request.get_port()}"


def find_site(request: HttpRequest) -> Site | None:
    """Return the request's Site with its specific root page loaded, from the cache."""
    cache = caches[CACHE_ALIAS]
    key = site_key(request)
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            # Load the root page now so that it is stored along with the Site.
            site.root_page = site.root_page.specific
            site.root_page.specific  # noqa: B018  (fills the cached property)
            cache.set(key, site)
    return site


def view_restrictions_exist() -> bool:
    """Return whether any page view restriction exists at all."""
    cache = caches[CACHE_ALIAS]
    exists = cache.get(VIEW_RESTRICTIONS_KEY)
    if exists is None:
        exists = PageViewRestriction.objects.exists()
        cache.set(VIEW_RESTRICTIONS_KEY, exists)
    return bool(exists)


class SharedSiteMiddleware:
    """Resolve the Wagtail Site of a request from the shared cache."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        path = request.path
        skipped = path.startswith(SKIPPED_PREFIXES) or (
            request.method == "POST" and path.startswith(SKIPPED_WRITE_PREFIXES)
        )
        # The page cache may have found it already (anonymous GETs).
        if not skipped and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = find_site(request)  # type: ignore[attr-defined]
        return self.get_response(request)
