"""A WSGI layer answering short-link redirects before Django builds a request.

A redirect needs a dictionary lookup, not a URL resolver, middleware and a
template engine. This layer answers ``/s/<code>`` (and ``/<code>`` on a separate
short host) from resolutions that the Django view stored in the shared "pages"
cache, kept decoded in a per-process memo revalidated with one ``stat`` of the
cache file (see ``ProcessMemo``). Signals delete a link's resolution whenever
its page is published, unpublished, moved or deleted, so the memo never
outlives a change. Anything it has not seen (unknown codes, first clicks,
share pages, QR codes, junk) goes to Django, whose view gives the same answer
and fills the cache.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import caches

from masthead.core.page_cache import CACHE_ALIAS, ProcessMemo
from masthead.shortlinks import conf
from masthead.shortlinks.codes import normalise
from masthead.shortlinks.counting import tally
from masthead.shortlinks.resolution import Resolution, resolution_key
from masthead.shortlinks.responses import STATUS_LINES, answer

logger = logging.getLogger(__name__)
PREFIX = "/s/"
# Paths under /s/<code>/ that are pages of their own, not redirects.
SUBPAGES = ("/share", "/qr.svg")


def request_host(environ: dict[str, Any]) -> str:
    """Return the lowercase host name the request was sent to, without port."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    return str(host).rsplit(":", 1)[0].lower() if "]" not in host else str(host).lower()


class ShortLinkApplication:
    """WSGI wrapper answering known short links in a few microseconds."""

    def __init__(self, application: Callable[..., Any]) -> None:
        self.application = application
        self.memo = ProcessMemo(caches[CACHE_ALIAS])
        if self.memo.key_to_file is not None:
            # The file name is an md5 of the key: compute it once per code, not per click.
            self.memo.key_to_file = functools.lru_cache(maxsize=4096)(self.memo.key_to_file)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        raw = self.code_in(environ)
        if raw is not None:
            try:
                resolution = self.lookup(raw)
            except Exception:  # A cache fault must not break redirects: Django answers.
                logger.exception("short link fast path failed")
                resolution = None
            if resolution is not None:
                return self.respond(resolution, environ, start_response)
        return self.application(environ, start_response)

    def code_in(self, environ: dict[str, Any]) -> str | None:
        """Return the raw code of a short-link GET/HEAD, rewriting short-host paths for Django."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("SCRIPT_NAME"):
            return None
        path = str(environ.get("PATH_INFO", ""))
        short_host = conf.short_host()
        is_short_host = bool(short_host) and request_host(environ) == short_host
        if is_short_host and path != "/" and not path.startswith(PREFIX):
            # On the short host every root path is a code: let Django see /s/<code>.
            path = PREFIX + path.lstrip("/")
            environ["PATH_INFO"] = path
        if not path.startswith(PREFIX) or path.endswith(SUBPAGES):
            return None
        return path[len(PREFIX) :]

    def lookup(self, raw: str) -> Resolution | None:
        """Return the cached resolution of a raw code, or None to let Django decide."""
        key = normalise(raw)
        if key is None:
            return None
        stored = self.memo.get(resolution_key(key))
        return Resolution(*stored) if stored is not None else None

    def respond(
        self, resolution: Resolution, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> list[bytes]:
        """Send the redirect (or 410) and count the click."""
        status, headers, body = answer(resolution)
        start_response(STATUS_LINES[status], headers)
        if resolution.is_live:
            tally.add(resolution.link_id, str(environ.get("HTTP_USER_AGENT", "")))
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
