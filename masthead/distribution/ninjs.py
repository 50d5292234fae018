"""Articles as IPTC ninjs 3 (News in JSON), valid against the bundled official schema."""

from __future__ import annotations

import datetime as dt
import html
import json
from functools import cache
from pathlib import Path
from typing import Any

import nh3
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.rich_text import expand_db_html

from masthead.distribution.queries import modified_at
from masthead.newsroom.models import ArticlePage
from masthead.newsroom.templatetags.body_tags import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    sanitise_html,
)

NINJS_VERSION = "3.1"
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
SCHEMA_FILE = SCHEMA_DIR / f"ninjs-schema_{NINJS_VERSION}.json"
SCHEMA_URI = f"http://www.iptc.org/std/ninjs/ninjs-schema_{NINJS_VERSION}.json#"

# Our tag kinds and the ninjs arrays that hold them.
TAG_KIND_PROPERTY = {
    "person": "people",
    "organisation": "organisations",
    "place": "places",
    "topic": "subjects",
}


@cache
def ninjs_schema() -> dict[str, Any]:
    """Return the official ninjs 3 JSON schema bundled with the project (no network)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def iso(moment: dt.datetime | None) -> str | None:
    """Return an aware datetime as RFC 3339 in UTC, or None."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def article_uri(article: ArticlePage) -> str:
    """Return the article's global identifier: its public URL, or a URN without a site."""
    url = article.full_url
    if url and url.startswith(("http://", "https://")):
        return str(url)
    return f"urn:masthead:article:{article.pk}"


def body_html(article: ArticlePage) -> str:
    """Return the article body as sanitised HTML (paragraphs, quotes, captions, embeds)."""
    parts: list[str] = []
    body = article.body if isinstance(article.body, StreamValue) else []
    base = article_uri(article)
    for block in body:
        value = block.value
        if block.block_type == "paragraph":
            source = str(getattr(value, "source", value) or "")
            parts.append(resolve_links(sanitise_html(expand_db_html(source)), base))
        elif block.block_type == "quote":
            parts.append(quote_html(value))
        elif block.block_type == "image" and value.get("caption"):
            parts.append(f"<p><em>{html.escape(str(value['caption']))}</em></p>")
        elif block.block_type == "embed" and value.get("embed") is not None:
            url = getattr(value["embed"], "url", "")
            label = html.escape(str(value.get("caption") or url))
            parts.append(sanitise_html(f'<p><a href="{html.escape(url)}">{label}</a></p>'))
    return "\n".join(part for part in parts if part)


def resolve_links(markup: str, base: str) -> str:
    """Return sanitised body HTML with its relative addresses resolved against ``base``.

    Wagtail writes page and document links as site paths, which mean nothing to
    the system receiving the item. Without a site (a URN) they stay as written.
    """
    if not base.startswith(("http://", "https://")):
        return markup
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener",
        url_relative=("rewrite_with_base", base),
    )


def quote_html(value: Any) -> str:
    """Return a quote block as a blockquote naming its speaker."""
    text = html.escape(str(value.get("text", "")))
    speaker = html.escape(str(value.get("speaker", "")))
    how = html.escape(str(value.get("attribution", "") or ""))
    credit = f"{speaker} {how}".strip()
    footer = f"<footer>{credit}</footer>" if credit else ""
    return f"<blockquote><p>{text}</p>{footer}</blockquote>"


def tag_entries(article: ArticlePage) -> dict[str, list[dict[str, str]]]:
    """Return the article's tags, in tag-line order, grouped by ninjs property."""
    if not apps.is_installed("masthead.tagging"):
        return {}
    from masthead.tagging.models import ArticleTag

    grouped: dict[str, list[dict[str, str]]] = {}
    links = (
        ArticleTag.objects.filter(page_id=article.pk).select_related("tag").order_by("sort_order")
    )
    for link in links:
        tag = link.tag
        entry = {"name": tag.name, "rel": "about", "literal": tag.slug}
        grouped.setdefault(TAG_KIND_PROPERTY.get(tag.kind, "subjects"), []).append(entry)
    return grouped


def article_to_ninjs(article: ArticlePage) -> dict[str, Any]:
    """Return one article as a ninjs 3 object (valid against the bundled schema)."""
    authors = [link.author.name for link in article.article_authors.select_related("author")]  # type: ignore[attr-defined]
    published = article.first_published_at or article.go_live_at
    # The last significant change (an editorial update or a correction), as the
    # feeds, sitemaps and JSON-LD give it; never a silent republish.
    updated = modified_at(article) or published
    item: dict[str, Any] = {
        "uri": article_uri(article),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": SCHEMA_URI},
        "type": "text",
        "representationType": "full",
        "profile": "masthead-article",
        # The published revision: a draft saved since is not what this text is.
        "version": str(article.live_revision_id or article.latest_revision_id or 1),
        "pubStatus": "usable" if article.live else "withheld",
        "language": settings.LANGUAGE_CODE.split("-")[0],
        "slugline": article.slug,
        "headlines": [{"role": "main", "value": article.title}],
        "altIds": [{"role": "masthead-id", "value": str(article.pk)}],
    }
    optional: dict[str, Any] = {
        "firstCreated": iso(published),
        "versionCreated": iso(updated),
        "embargoedUntil": iso(article.go_live_at)
        if article.go_live_at and article.go_live_at > timezone.now()
        else None,
        "by": ", ".join(authors) or None,
        "descriptions": [
            {"role": "summary", "contentType": "text/plain", "value": article.standfirst}
        ]
        if article.standfirst
        else None,
    }
    item.update({key: value for key, value in optional.items() if value})
    body = body_html(article)
    if body:
        item["bodies"] = [
            {"role": "main", "contentType": "text/html", "charCount": len(body), "value": body}
        ]
    item.update(tag_entries(article))
    return item
