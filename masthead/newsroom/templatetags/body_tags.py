"""Render article bodies safely: rich text whatever wrote it, embeds within the CSP."""

from __future__ import annotations

import html as html_entities
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
YOUTUBE_PLAYER = re.compile(r'(\bsrc=["\'])https?://(?:www\.)?youtube\.com/embed/')
NO_COOKIE_PLAYER = r"\1https://www.youtube-nocookie.com/embed/"
# A provider's script (a post's widget loader): the policy's script-src refuses it
# with a console error on every page, and the post reads as its quoted text anyway.
PROVIDER_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
# A player frame's address, to check its host against the policy's frame-src.
IFRAME_SOURCE = re.compile(r"""<iframe\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
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
    """Return an embed's provider HTML and frame shape, or None when it cannot be fetched.

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
    if frames_refused(embed.html or ""):
        return None  # An empty box and a console error otherwise: the link serves readers.
    ratio = embed.ratio if embed.is_responsive else None
    shape = min(FRAME_SHAPES, key=lambda entry: abs(entry[0] - ratio))[1] if ratio else ""
    # Provider HTML from Wagtail's allow-listed oEmbed finders, shown as Wagtail shows it
    # but for what the policy refuses.
    html = PROVIDER_SCRIPT.sub("", YOUTUBE_PLAYER.sub(NO_COOKIE_PLAYER, embed.html or ""))
    return {"html": mark_safe(html), "shape": shape}  # noqa: S308


def frames_refused(provider_html: str) -> bool:
    """Return whether the site's policy would refuse a frame of a provider's HTML.

    A YouTube player counts as the no-cookie one it is rewritten to.
    """
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    directives = policy.get("DIRECTIVES") or {}
    sources = directives.get("frame-src", directives.get("default-src"))
    if sources is None:
        return False  # No policy: every frame loads.
    allowed = set(sources)
    for source in IFRAME_SOURCE.findall(YOUTUBE_PLAYER.sub(NO_COOKIE_PLAYER, provider_html)):
        address = urlsplit(html_entities.unescape(source))
        if f"{address.scheme}://{address.netloc}" not in allowed:
            return True
    return False
