"""Template tags of the related headlines app."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.http import HttpRequest

from masthead.core.page_cache import bound_by_expiry
from masthead.core.page_urls import page_url
from masthead.related.queries import has_several_sites, site_root_of, visible_headlines

register = template.Library()


@dataclass(frozen=True)
class Headline:
    """A related article as the list shows it."""

    title: str
    url: str


@register.simple_tag
def related_headlines(article: object, request: HttpRequest | None = None) -> list[Headline]:
    """Return the related articles readers see under an article, in one query."""
    if not isinstance(request, HttpRequest):
        request = None  # A template without a request passes "" for it.
    url_path = getattr(article, "url_path", "")
    site_root = site_root_of(url_path) if url_path and has_several_sites() else ""
    shown = []
    for title, url_path, expire_at in visible_headlines(getattr(article, "pk", None), site_root):
        url = page_url(url_path, request)
        if url is not None:
            shown.append(Headline(title, url))
            bound_by_expiry(request, expire_at)  # The page must not link it once it expires.
    return shown
