"""A whole-page cache for anonymous readers, purged through Wagtail's frontend cache.

Pages opt in by sending ``Cache-Control: public`` (see ``mark_public``); anything
else (the admin, previews, per-reader endpoints, signed-in readers) passes
through untouched. Purges go through ``wagtail.contrib.frontend_cache`` so a CDN
configured beside this backend is purged by the same call.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote, unquote_plus, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.handlers.wsgi import get_path_info
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port, validate_host
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Site
from wagtail.models.sites import SiteRootPath

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
# A stored page: body, shareable headers, the time it was stored and the time it expires.
StoredPage = tuple[bytes, list[tuple[str, str]], float, float]
HIT_HEADER = "X-Masthead-Cache"
# Where bound_by_expiry leaves, on a request, the soonest expiry of what its page shows.
SHOWN_UNTIL = "_masthead_shown_until"
# Headers of the response that must not be replayed to another reader.
UNSHAREABLE_HEADERS = frozenset({"set-cookie", "vary"})


def page_cache_settings() -> dict[str, Any]:
    """Return MASTHEAD_PAGE_CACHE with its defaults."""
    defaults = {"ENABLED": True, "S_MAXAGE": 600, "MAX_AGE": 60}
    return {**defaults, **getattr(settings, "MASTHEAD_PAGE_CACHE", {})}


# Campaign and click identifiers that links shared on social sites and in
# newsletters carry. No page reads them, so they are left out of the cache key:
# /story/?utm_source=x is the same stored page as /story/, purged with it.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "igshid", "mc_cid", "mc_eid",
     "_ga", "_gl", "yclid", "twclid", "ttclid", "li_fat_id", "ref_src"}
)  # fmt: skip


def cache_key(site_id: int, path: str, query: str) -> str:
    """Return the cache key of one Site's page at a path and raw query string, tracking
    parameters left out.

    The Site, not the host a reader typed: every hostname one Site answers to
    (127.0.0.1 and localhost, a www alias) shares its pages, and a purge, which
    names the Site's own hostname, reaches them all.
    """
    if query:
        query = without_tracking(query)
    digest = hashlib.sha256(f"{site_id}|{path}?{query}".encode()).hexdigest()
    # "v2": since pages carry the time they were stored, a worker must not read
    # a page stored in the earlier shape (the file cache outlives an upgrade).
    return f"page:v2:{digest}"


def request_host(meta: Mapping[str, Any]) -> tuple[str, str]:
    """Return the hostname and port Wagtail finds a request's Site by, read as Django reads them.

    ``meta`` is a WSGI environ or ``request.META``: both layers must read the
    same header (``X-Forwarded-Host`` only with ``USE_X_FORWARDED_HOST``), or a
    reader could have one host's Site remembered for another.
    """
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        host = meta["HTTP_X_FORWARDED_HOST"]
    elif "HTTP_HOST" in meta:
        host = meta["HTTP_HOST"]
    else:
        host = meta.get("SERVER_NAME", "")
    if settings.USE_X_FORWARDED_PORT and "HTTP_X_FORWARDED_PORT" in meta:
        port = meta["HTTP_X_FORWARDED_PORT"]
    else:
        port = meta.get("SERVER_PORT", "")
    return split_domain_port(str(host))[0], str(port)


def site_lookup_key(hostname: str, port: str) -> str:
    """Return the cache key under which the id of the Site serving a host and port is kept."""
    return f"lookup:site-id:{hostname}:{port}"


def without_tracking(query: str) -> str:
    """Return a raw query string without its tracking parameters, the rest as written."""
    kept = [
        part
        for part in query.split("&")
        if not is_tracking(unquote_plus(part.split("=", 1)[0]).lower())
    ]
    return "&".join(kept)


def is_tracking(name: str) -> bool:
    """Return whether a query parameter only tracks where a reader came from."""
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def has_reader_state(request: HttpRequest) -> bool:
    """Return whether the request carries a session or credentials of its own."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def is_cacheable_request(request: HttpRequest) -> bool:
    """Return whether a request may be answered from, or stored in, the shared cache.

    Plain HTTP is not when ``SECURE_SSL_REDIRECT`` is on: Django's security
    middleware must answer it with the redirect to HTTPS.
    """
    return (
        request.method in ("GET", "HEAD")
        and not has_reader_state(request)
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def is_secure_environ(environ: dict[str, Any]) -> bool:
    """Return whether a WSGI request came over HTTPS, as ``HttpRequest.is_secure`` decides."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return str(value).split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def purges_reach(request: HttpRequest, page_number: int | None = None) -> bool:
    """Return whether purges name a request's address: its path alone, tracking aside,
    or ``?page=N`` when it shows page ``page_number`` of a listing.

    Any other query string (a parameter no page reads, a page number out of
    range or written otherwise) is a cache key no purge names: stored, it would
    keep a withdrawn article readable there until it expired.
    """
    query = request.META.get("QUERY_STRING", "")
    query = without_tracking(query) if query else ""
    return not query or (page_number is not None and query == f"page={page_number}")


def mark_public(response: HttpResponseBase, until: dt.datetime | None = None) -> HttpResponseBase:
    """Mark a response as the same for every anonymous reader, for us and any CDN.

    ``until`` is when what it shows stops being true (a page's expiry time): no
    cache, ours or a CDN's, may keep it past then.
    """
    conf = page_cache_settings()
    max_age, s_maxage = int(conf["MAX_AGE"]), int(conf["S_MAXAGE"])
    if until is not None:
        left = max(0, int((until - timezone.now()).total_seconds()))
        max_age, s_maxage = min(max_age, left), min(s_maxage, left)
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=s_maxage)
    return response


def bound_by_expiry(request: HttpRequest | None, *moments: dt.datetime | None) -> None:
    """Note that the response being built shows something only until the soonest of moments.

    For what a template part or a shared list shows of other pages (related
    headlines, section navigation, sitemap entries): the page cache middleware
    keeps no shared copy, ours or a CDN's, past the soonest noted time
    (``limit_to_shown``), whichever view the response comes from.
    """
    times = [moment for moment in moments if moment is not None]
    if request is None or not times:
        return
    noted: dt.datetime | None = getattr(request, SHOWN_UNTIL, None)
    soonest = min(times) if noted is None else min(noted, *times)
    setattr(request, SHOWN_UNTIL, soonest)


def limit_to_shown(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Cap a public response's lifetimes at the soonest expiry its request noted."""
    until: dt.datetime | None = getattr(request, SHOWN_UNTIL, None)
    if until is None or "public" not in response.get("Cache-Control", ""):
        return response
    left = max(0, int((until - timezone.now()).total_seconds()))
    # Django keeps the smaller max-age itself; s-maxage it would overwrite.
    s_maxage = min(shared_lifetime(response), left)
    patch_cache_control(response, max_age=left, s_maxage=s_maxage)
    return response


def age_header(stored_at: float) -> tuple[str, str]:
    """Return the ``Age`` header of a page stored at ``stored_at``, replayed now.

    Whole seconds since it was stored (RFC 9111, section 5.1): a cache in front
    (a CDN) then counts the page's ``s-maxage`` from when we stored it, not from
    when it fetched it, so a copy fetched late is not kept past the expiry that
    ``s-maxage`` was bounded by. Counted at each hit, never stored.
    """
    # Never negative: with Redis, the machine that stored the page may run ahead.
    return ("Age", str(max(0, int(time.time() - stored_at))))


def mark_private(response: HttpResponseBase) -> HttpResponseBase:
    """Mark a response as one reader's own: never stored by a shared cache."""
    patch_cache_control(response, private=True, no_cache=True, max_age=0)
    return response


def shared_lifetime(response: HttpResponseBase) -> int:
    """Return how long a shared cache may keep a response: its own s-maxage, capped.

    A view that wants a short shared life (search results, say) says so with a
    smaller ``s-maxage``; nothing is kept longer than MASTHEAD_PAGE_CACHE allows.
    """
    ceiling = int(page_cache_settings()["S_MAXAGE"])
    for directive in response.get("Cache-Control", "").split(","):
        name, _, value = directive.strip().partition("=")
        if name.lower() == "s-maxage" and value.strip().isdigit():
            return min(ceiling, int(value))
    return ceiling


def is_storable(response: HttpResponseBase) -> bool:
    """Return whether a response is a public, complete, cookie-free 200."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and "public" in cache_control
        and "private" not in cache_control
        and not response.cookies
        and "Cookie" not in response.get("Vary", "")
        and not getattr(response, "streaming", False)
    )


class PageCacheMiddleware:
    """Answer anonymous GETs from the page cache; store public pages on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.cache = caches[CACHE_ALIAS]
        self.enabled = bool(page_cache_settings()["ENABLED"])

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not self.enabled or not is_cacheable_request(request):
            return self.respond(request)
        try:
            request.get_host()  # Validates the Host header against ALLOWED_HOSTS.
        except Exception:  # DisallowedHost: let Django's own handling answer it.
            return self.respond(request)
        site = self.site_of(request)
        if site is None:  # No Site page, or no Site answers this host: nothing to share.
            return self.respond(request)
        key = cache_key(site.pk, request.path, request.META.get("QUERY_STRING", ""))
        stored = self.cache.get(key)
        if stored is not None:
            return self.replay(stored, request)
        response = self.respond(request)
        if is_storable(response):
            self.store(key, response)
            self.remember_site(request, site.pk)
            response[HIT_HEADER] = "miss"
        return response

    def respond(self, request: HttpRequest) -> HttpResponseBase:
        """Return the view's response, shared no longer than what it shows is true."""
        # Rendered by now: its template parts have noted what they show.
        return limit_to_shown(request, self.get_response(request))

    def site_of(self, request: HttpRequest) -> Site | None:
        """Return the Site serving the request's host (the shared lookup), kept on the request.

        None for the paths that render no site page (the admin, the health
        check, files), which are never shared: the health check must not
        depend on a Site lookup's query. Kept on the request as Wagtail keeps
        it, so that no later step looks it up again.
        """
        # Imported here: shared_lookups keeps its lookups in this module's cache.
        from masthead.core.shared_lookups import SKIPPED_PREFIXES, find_site

        if request.path.startswith(SKIPPED_PREFIXES):
            return None
        site = find_site(request)
        request._wagtail_site = site  # type: ignore[attr-defined]
        return site

    def remember_site(self, request: HttpRequest, site_id: int) -> None:
        """Tell the WSGI layer which Site the request's host shows, as a page is stored."""
        # Saving or deleting a Site empties the page cache, this too; renewed
        # with every stored page, it outlives each page stored under it.
        lifetime = int(page_cache_settings()["S_MAXAGE"])
        lookup_key = site_lookup_key(*request_host(request.META))
        self.cache.set(lookup_key, (site_id, time.time() + lifetime), lifetime)

    def replay(self, stored: StoredPage, request: HttpRequest) -> HttpResponse:
        """Rebuild a stored response."""
        content, headers, stored_at, _ = stored
        response = HttpResponse(b"" if request.method == "HEAD" else content)
        for name, value in (*headers, age_header(stored_at)):
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response

    def store(self, key: str, response: HttpResponseBase) -> None:
        """Save a response's body and shareable headers."""
        assert isinstance(response, HttpResponse)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSHAREABLE_HEADERS
        ]
        timeout = shared_lifetime(response)
        if timeout <= 0:  # What it shows stops being true now (a page expiring).
            return
        now = time.time()
        self.cache.set(key, (response.content, headers, now, now + timeout), timeout)


class ProcessMemo:
    """Keep recently served pages in this process, checked against the shared store.

    Reading a page from the file-based cache costs a file read, a zlib inflate
    and an unpickle on every hit. The memo keeps the decoded page and, for the
    file-based backend, revalidates it with one ``stat``: a purge deletes the
    file and a new version rewrites it, so a changed modification time or a
    missing file sends the lookup back to the shared cache. Other backends
    (Redis) are asked every time.
    """

    def __init__(self, cache: Any, size: int = 2048) -> None:
        self.cache = cache
        self.size = size
        self.entries: OrderedDict[str, tuple[int, float, Any]] = OrderedDict()
        self.key_to_file = getattr(cache, "_key_to_file", None)

    def get(self, key: str) -> Any:
        """Return the stored value of a key, or None."""
        if self.key_to_file is None:
            return self.cache.get(key)
        path = self.key_to_file(key)
        try:
            modified = os.stat(path).st_mtime_ns
        except OSError:
            self.entries.pop(key, None)
            return None
        entry = self.entries.get(key)
        if entry is not None and entry[0] == modified and entry[1] > time.time():
            return entry[2]
        value = self.cache.get(key)
        if value is not None:
            # Stored pages carry their own expiry time as their last item.
            self.entries[key] = (modified, float(value[-1]), value)
            if len(self.entries) > self.size:
                with contextlib.suppress(KeyError):  # Another thread got there first.
                    self.entries.popitem(last=False)
        return value


class CachedPageApplication:
    """WSGI wrapper answering cache hits before Django builds a request.

    The middleware above stores pages and answers hits inside Django; this
    wrapper answers the same hits with a few dictionary lookups, which is most
    of what keeps a cached page close to static-file speed. Anything it is not
    sure about (a session cookie, credentials, an unknown host, a mount point)
    goes to Django unchanged.
    """

    def __init__(self, application: Callable[..., Any]) -> None:
        self.application = application
        self.cache = caches[CACHE_ALIAS]
        self.enabled = bool(page_cache_settings()["ENABLED"])
        self.session_cookie = f"{settings.SESSION_COOKIE_NAME}="
        self.memo = ProcessMemo(self.cache)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        stored = self.lookup(environ) if self.enabled else None
        if stored is None:
            return self.application(environ, start_response)
        content, headers, stored_at, _ = stored
        start_response("200 OK", [*headers, age_header(stored_at), (HIT_HEADER, "hit")])
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]

    def lookup(self, environ: dict[str, Any]) -> StoredPage | None:
        """Return the stored page for an anonymous GET or HEAD, or None."""
        if (
            environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or self.session_cookie in environ.get("HTTP_COOKIE", "")
            or "HTTP_AUTHORIZATION" in environ
            or environ.get("SCRIPT_NAME")
            or (settings.SECURE_SSL_REDIRECT and not is_secure_environ(environ))
        ):
            return None
        hostname, port = request_host(environ)
        if not validate_host(hostname, settings.ALLOWED_HOSTS):
            return None
        # Which Site a host shows is remembered by the middleware's first answer.
        site = self.memo.get(site_lookup_key(hostname, port))
        if site is None:
            return None
        key = cache_key(site[0], get_path_info(environ), environ.get("QUERY_STRING", ""))
        return self.memo.get(key)


def listing_urls(base: str, count: int, page_size: int) -> list[str]:
    """Return the addresses of every page of a listing of ``count`` items: ``base?page=N``.

    One page more than the items fill, for the page an item added or removed
    shifts into or out of. The bare ``base`` is purged by its page or view.
    """
    return [f"{base}?page={n}" for n in range(1, count // page_size + 2)]


def purge_urls(urls: Iterable[str]) -> None:
    """Drop the given absolute URLs from the page cache, on every Site that may hold them."""
    roots = Site.get_site_root_paths()
    keys = set()
    for url in urls:
        parts = urlsplit(url)
        # Pages are stored under the decoded path Django routes (/café/); Wagtail's
        # URLs carry it percent-encoded (/caf%C3%A9/).
        for site_id, path in stored_addresses(
            parts.scheme, parts.netloc, unquote(parts.path) or "/", roots
        ):
            keys.add(cache_key(site_id, path, parts.query))
    caches[CACHE_ALIAS].delete_many(list(keys))


def stored_addresses(
    scheme: str, netloc: str, path: str, roots: Iterable[SiteRootPath]
) -> set[tuple[int, str]]:
    """Return every (Site id, path) under which a URL's page may be stored.

    Its path on every Site: views outside the page tree (author pages, feeds)
    answer on any host, and a path purged on a Site that has no such page costs
    nothing. And when the URL is a page of one Site that other Sites hold too (a
    Site rooted at a section of another), the page's path on each of those:
    Wagtail names one address of such a page in its purges.
    """
    found = {(root.site_id, path) for root in roots}
    origin = f"{scheme}://{netloc}"
    for root in roots:
        if root.root_url != origin:
            continue
        url_path = root.root_path + path.lstrip("/")
        for other in roots:
            if url_path.startswith(other.root_path):
                found.add((other.site_id, "/" + url_path[len(other.root_path) :]))
    return found


def purge_everything() -> None:
    """Empty the page cache (after a change that shows on every page)."""
    caches[CACHE_ALIAS].clear()


class PageCacheBackend(BaseBackend):
    """Wagtail frontend-cache backend that purges Masthead's own page cache after the commit.

    Wagtail purges a page as it sends ``page_published``, inside the publishing
    transaction: purged then, a reader could store the old page again before the
    commit, to be served until it expires. Outside a transaction it purges at once.
    """

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls: Iterable[str]) -> None:
        urls = list(urls)
        transaction.on_commit(lambda: purge_urls(urls))
