"""Site-wide template tags: the editors' user bar."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

register = template.Library()


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
