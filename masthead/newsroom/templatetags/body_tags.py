"""Render article rich text safely, whatever wrote it (editor, importer or API)."""

from __future__ import annotations

import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

register = template.Library()

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_html(html: str) -> str:
    """Return HTML with only the body's formatting tags and safe link targets."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener",
    )


@register.filter
def safe_richtext(value: object) -> SafeString:
    """Expand Wagtail's internal links, then sanitise with nh3.

    The admin's editor only stores allowed markup, but importers and the API
    write the database directly; sanitising at render time covers them all.
    """
    source = getattr(value, "source", value)
    # nh3 has just removed every tag and attribute outside the allow-list.
    return mark_safe(sanitise_html(expand_db_html(str(source or ""))))  # noqa: S308
