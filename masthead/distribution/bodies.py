"""Article bodies as HTML for full-text feeds, for many articles in a fixed number of queries."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from masthead.newsroom.models import ArticlePage

# Splits one expand_db_html pass over every article back into articles; an HTML
# comment, which nh3 removes afterwards in any case.
SEPARATOR = "<!--masthead:article-->"


def raw_blocks(article: ArticlePage) -> list[dict[str, Any]]:
    """Return the stored blocks of an article body without converting them."""
    raw = getattr(article.body, "raw_data", None)
    return [dict(block) for block in raw] if raw is not None else []


def image_urls(articles: Sequence[ArticlePage]) -> dict[int, tuple[str, str]]:
    """Return the original file URL and title of every image the bodies show, in one query."""
    ids = {
        block["value"].get("image")
        for article in articles
        for block in raw_blocks(article)
        if block.get("type") == "image" and isinstance(block.get("value"), dict)
    }
    ids.discard(None)
    images = get_image_model().objects.filter(pk__in=ids) if ids else []
    return {image.pk: (image.file.url, image.title) for image in images}


def block_html(block: dict[str, Any], images: dict[int, tuple[str, str]], absolute: Any) -> str:
    """Return one stored block as HTML (paragraph, quote, image or embed)."""
    kind, value = block.get("type"), block.get("value")
    if kind == "paragraph":
        return str(value or "")
    if not isinstance(value, dict):
        return ""
    if kind == "quote":
        speaker = html.escape(str(value.get("speaker") or ""))
        how = html.escape(str(value.get("attribution") or ""))
        cite = f"<p>{speaker}{', ' + how if how else ''}</p>" if speaker else ""
        return f"<blockquote><p>{html.escape(str(value.get('text') or ''))}</p>{cite}</blockquote>"
    if kind == "image" and value.get("image") in images:
        url, title = images[value["image"]]
        caption = html.escape(str(value.get("caption") or ""))
        credit = html.escape(str(value.get("credit") or ""))
        alt = html.escape(caption or title)
        note = " ".join(part for part in (caption, f"Credit: {credit}" if credit else "") if part)
        figcaption = f"<figcaption>{note}</figcaption>" if note else ""
        return f'<figure><img src="{html.escape(absolute(url))}" alt="{alt}">{figcaption}</figure>'
    if kind == "embed" and value.get("embed"):
        url = html.escape(str(value["embed"]))
        label = html.escape(str(value.get("caption") or value["embed"]))
        return f'<p><a href="{url}">{label}</a></p>'
    return ""


FEED_TAGS = {"figure", "figcaption", "img", "blockquote"}


def full_text(articles: Sequence[ArticlePage], absolute: Any) -> dict[int, str]:
    """Return each article's body as sanitised HTML, keyed by page id."""
    images = image_urls(articles)
    pieces = ["".join(block_html(b, images, absolute) for b in raw_blocks(a)) for a in articles]
    # One pass over all bodies: internal links of every article are looked up together.
    expanded = expand_db_html(SEPARATOR.join(pieces)).split(SEPARATOR)
    if len(expanded) != len(pieces):  # A body held the separator itself: go one by one.
        expanded = [expand_db_html(piece) for piece in pieces]
    # Wagtail writes page and document links as site paths; a feed reader would
    # resolve them against its own address, so each is resolved on the article's.
    return {
        article.pk: sanitise_feed_html(text, base=absolute(article.url or "/"))
        for article, text in zip(articles, expanded, strict=True)
    }


def sanitise_feed_html(text: str, base: str) -> str:
    """Return body HTML with only formatting, quotes, figures and safe links and images.

    Relative addresses are resolved against ``base``, an absolute URL.
    """
    import nh3

    from masthead.newsroom.templatetags.body_tags import (
        ALLOWED_ATTRIBUTES,
        ALLOWED_SCHEMES,
        ALLOWED_TAGS,
    )

    attributes = {**ALLOWED_ATTRIBUTES, "img": {"src", "alt"}}
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS | FEED_TAGS,
        attributes=attributes,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener",
        url_relative=("rewrite_with_base", base),
    )
