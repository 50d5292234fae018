"""Render article bodies safely: rich text whatever wrote it, embeds within the CSP."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import nh3
from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException
from wagtail.rich_text import expand_db_html

register = template.Library()

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# YouTube's oEmbed player address; the policy's frame-src allows only its no-cookie host.
YOUTUBE_PLAYER = re.compile(r"^https?://(?:www\.)?youtube\.com/embed/")
NO_COOKIE_PLAYER = "https://www.youtube-nocookie.com/embed/"
# What of a provider's HTML the site's policy lets load: text, links and a player
# frame. A foreign image, a style attribute or element, an event handler and a
# script (a post's widget loader) are each refused, with an error in every
# reader's console; the post reads as its quoted text without them.
PROVIDER_TAGS = ALLOWED_TAGS | {"blockquote", "iframe"}
PROVIDER_ATTRIBUTES = {
    "a": {"href", "title"},
    "iframe": {
        "src",
        "title",
        "width",
        "height",
        "allow",
        "allowfullscreen",
        "loading",
        "referrerpolicy",
        "frameborder",
    },
}
# Frame shapes the stylesheet draws (height / width, class suffix), nearest one wins.
FRAME_SHAPES = ((9 / 16, "16x9"), (3 / 4, "4x3"), (1.0, "1x1"), (16 / 9, "9x16"))


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


@register.simple_tag
def body_embed(value: Any) -> dict[str, Any] | None:
    """Return an embed's provider HTML and frame shape, or None to show its link instead.

    Wagtail's own rendering wraps a video in an inline ``style`` (its aspect
    ratio), which the site's Content-Security-Policy refuses; the shape is a
    class of the stylesheet instead.
    """
    if value is None:
        return None
    try:
        embed = embeds.get_embed(value.url, value.max_width, value.max_height)
    except EmbedException:
        return None  # The template links to the address instead.
    html = provider_html(embed.html or "")
    if html is None:
        return None  # A refused frame or nothing loadable: the link serves readers.
    ratio = embed.ratio if embed.is_responsive else None
    shape = min(FRAME_SHAPES, key=lambda entry: abs(entry[0] - ratio))[1] if ratio else ""
    # nh3 has just removed every tag and attribute outside the allow-list.
    return {"html": mark_safe(html), "shape": shape}  # noqa: S308


def provider_html(html: str) -> str | None:
    """Return a provider's HTML cut to what the site's policy allows, or None.

    None means a player frame the policy refuses (an empty box otherwise) or
    nothing left to show (a photo from a foreign host, say). A YouTube player
    is pointed at the no-cookie host the policy allows.
    """
    refused: list[str] = []

    def allowed_frame(element: str, attribute: str, value: str) -> str | None:
        if element != "iframe" or attribute != "src":
            return value
        value = YOUTUBE_PLAYER.sub(NO_COOKIE_PLAYER, value)
        if not frame_allowed(value):
            refused.append(value)
            return None
        return value

    cleaned = nh3.clean(
        html,
        tags=PROVIDER_TAGS,
        clean_content_tags={"script", "style"},
        attributes=PROVIDER_ATTRIBUTES,
        attribute_filter=allowed_frame,
        url_schemes={"http", "https"},
        link_rel="noopener",
    )
    if refused:
        return None
    if "<iframe" not in cleaned and not nh3.clean(cleaned, tags=set()).strip():
        return None
    return cleaned


def frame_allowed(address: str) -> bool:
    """Return whether the site's policy lets a frame load from an address."""
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    directives = policy.get("DIRECTIVES") or {}
    sources = directives.get("frame-src", directives.get("default-src"))
    if sources is None:
        return True  # No policy: every frame loads.
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}" in set(sources)
