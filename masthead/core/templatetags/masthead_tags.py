"""Site-wide template tags: section navigation and the editors' user bar."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Site

from masthead.core.page_cache import CACHE_ALIAS

register = template.Library()

NAVIGATION_CACHE_SECONDS = 300


@register.inclusion_tag("core/includes/navigation.html", takes_context=True)
def section_navigation(context: dict[str, Any]) -> dict[str, Any]:
    """Return the live sections under the site's home page, in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"sections": []}
    # The page cache is shared by every process and emptied by purges, so a
    # renamed or new section shows everywhere at once.
    cache = caches[CACHE_ALIAS]
    key = f"navigation:{site.pk}"
    sections = cache.get(key)
    if sections is None:
        from masthead.newsroom.models import SectionPage

        sections = [
            {"title": s.title, "url": s.get_url(request)}
            for s in SectionPage.objects.live().child_of(site.root_page).in_menu()
        ]
        cache.set(key, sections, NAVIGATION_CACHE_SECONDS)
    current = getattr(context.get("page"), "url_path", "")
    return {"sections": sections, "current_path": current}


@register.simple_tag(takes_context=True)
def reader_userbar(context: template.Context) -> SafeString:
    """Render Wagtail's user bar only for requests with a session.

    Touching ``request.user`` for an anonymous reader would add ``Vary: Cookie``
    and make the page unshareable by a CDN.
    """
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return mark_safe("")
    return mark_safe(wagtailuserbar(context))  # noqa: S308  (Wagtail renders it escaped)
