"""The public short URL of a code: on the short host when there is one, else under /s/."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Site

from masthead.shortlinks import conf


def short_url(code: str, request: HttpRequest | None = None) -> str:
    """Return the absolute short URL readers share (no per-reader state)."""
    base = conf.short_base_url()
    if base:
        return f"{base}/{code}"
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site is not None else ""
    return f"{root}/s/{code}"
