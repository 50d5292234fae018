"""Reader-facing views: the redirect, the share page and the QR code."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from wagtail.models import Page

from masthead.core.page_cache import has_reader_state, mark_private, mark_public
from masthead.core.shared_lookups import view_restrictions_exist
from masthead.newsroom.queries import public_pages
from masthead.shortlinks import qr
from masthead.shortlinks.codes import normalise
from masthead.shortlinks.counting import tally
from masthead.shortlinks.models import ShortLink
from masthead.shortlinks.resolution import Resolution, find_link, resolve
from masthead.shortlinks.responses import answer
from masthead.shortlinks.urls_for import short_url

QR_MAX_AGE = 86400 * 30


def access_live_key(raw: str) -> tuple[str, Resolution]:
    """Return the normalised key and resolution of a live link, or raise Http404."""
    key = normalise(raw)
    resolution = resolve(key) if key is not None else None
    if key is None or resolution is None or not resolution.is_live:
        raise Http404("No such short link")
    return key, resolution


def live_link(raw: str) -> tuple[ShortLink, Resolution]:
    """Return the row and resolution of a live link, or raise Http404."""
    key, resolution = access_live_key(raw)
    link = find_link(key)
    if link is None:  # Deleted since its resolution was cached.
        raise Http404("No such short link")
    return link, resolution


def follow(request: HttpRequest, code: str) -> HttpResponse:
    """Redirect a short code or alias to its page's current URL (410 once withdrawn)."""
    key = normalise(code)
    resolution = resolve(key) if key is not None else None
    if resolution is None:
        raise Http404("No such short link")
    status, headers, body = answer(resolution)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    if resolution.is_live:
        tally.add(resolution.link_id, request.META.get("HTTP_USER_AGENT", ""))
    return response


def share(request: HttpRequest, code: str) -> HttpResponse:
    """Show a link's short URL, ready to copy, and its QR code (the no-JavaScript path)."""
    link, resolution = live_link(code)
    context = {
        "short_url": short_url(link.code, request),
        "qr_url": f"/s/{link.code}/qr.svg",
        "target_url": resolution.location,
        "target_title": public_title(link),
    }
    response = render(request, "shortlinks/share.html", context)
    if has_reader_state(request):
        return mark_private(response)  # type: ignore[return-value]  # It carries the user bar.
    if code not in (link.code, link.alias):
        # Only the code's and the alias's own spellings are purged when the target
        # changes (actions.purge_share_pages), so only they may be cached.
        return mark_private(response)  # type: ignore[return-value]
    return mark_public(response)  # type: ignore[return-value]


def public_title(link: ShortLink) -> str:
    """Return the title of a link's destination, or '' when a view restriction hides it."""
    if link.target is not None:
        # The share page is public: a members-only headline stays behind its restriction.
        pages = Page.objects.filter(pk=link.target_id)
        is_public = not view_restrictions_exist() or public_pages(pages).exists()
        return link.target.title if is_public else ""
    return link.target_tag.name if link.target_tag is not None else ""


def qr_code(request: HttpRequest, code: str) -> HttpResponse:
    """Return the QR code of a link's short URL as SVG, cacheable for a long time."""
    link, _ = live_link(code)
    response = HttpResponse(qr.svg(short_url(link.code, request)), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=QR_MAX_AGE)
    return response
