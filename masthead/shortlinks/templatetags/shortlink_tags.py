"""Template tags of the short links app."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from masthead.shortlinks import qr
from masthead.shortlinks.resolution import page_code
from masthead.shortlinks.urls_for import short_url

register = template.Library()


@register.simple_tag(takes_context=True)
def short_link_for(context: template.Context, page: Any) -> dict[str, Any] | None:
    """Return a page's short URL, share page and QR code address, or None without a link."""
    if page is None or not getattr(page, "pk", None):
        return None
    code = page_code(page.pk)
    if not code:
        return None
    url = short_url(code, context.get("request"))
    return {
        "code": code,
        "url": url,
        "share_url": reverse("shortlinks:share", kwargs={"code": code}),
        "qr_url": reverse("shortlinks:qr", kwargs={"code": code}),
        "qr_size": qr.size(url),
    }
