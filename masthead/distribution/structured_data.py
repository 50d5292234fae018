"""What an article page tells search engines and social sites about itself.

schema.org NewsArticle JSON-LD, OpenGraph and Twitter card tags, all built
from the same facts (``queries.py``) as the feeds and sitemaps, so a
correction shows in all of them at once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from masthead.core.dateline import DatelineStyle, format_dateline, in_zone
from masthead.core.models import SiteIdentity
from masthead.distribution import conf
from masthead.distribution.publisher import Publisher, absolute, publisher_for_request
from masthead.distribution.queries import modified_at, published_at
from masthead.newsroom.models import ArticleCorrection, ArticlePage, Author

# Google asks for images in 16:9, 4:3 and 1:1, each at least 50,000 pixels wide*high.
IMAGE_FILTERS = (
    "fill-1200x675|format-jpeg",
    "fill-1200x900|format-jpeg",
    "fill-1200x1200|format-jpeg",
)
# Characters that could end the <script> data block or open a comment in it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ImageInfo:
    """An absolute image address with its size and text alternative."""

    url: str
    width: int
    height: int
    alt: str = ""


@dataclass
class ArticleFacts:
    """Everything the head of an article page says about the article."""

    url: str
    headline: str
    description: str
    published: dt.datetime | None
    modified: dt.datetime | None
    authors: list[dict[str, str]]
    section: str
    keywords: list[str]
    corrections: list[ArticleCorrection]
    images: list[ImageInfo] = field(default_factory=list)


def language_tag(language_code: str) -> str:
    """Return a Django language code as a BCP 47 tag (en-gb becomes en-GB)."""
    language, _, region = language_code.partition("-")
    return f"{language}-{region.upper()}" if region else language


def local_iso(moment: dt.datetime | None, zone: str) -> str | None:
    """Return an aware time in the site's display zone as ISO 8601 with its offset."""
    if moment is None:
        return None
    return in_zone(moment, zone).isoformat(timespec="seconds")


def lead_images(request: HttpRequest, article: ArticlePage) -> list[ImageInfo]:
    """Return the lead image in the three shapes Google asks for (largest first)."""
    image = article.lead_image
    if image is None:
        return []
    alt = article.lead_image_caption or image.title
    renditions = image.get_renditions(*IMAGE_FILTERS)  # type: ignore[attr-defined]
    return [
        ImageInfo(absolute(request, r.url), r.width, r.height, alt) for r in renditions.values()
    ]


def author_entries(request: HttpRequest, authors: list[Author]) -> list[dict[str, str]]:
    """Return authors' names, profile URLs and roles."""
    return [
        {"name": a.name, "url": absolute(request, a.get_absolute_url()), "role": a.role}
        for a in authors
    ]


def gather_facts(
    request: HttpRequest,
    article: ArticlePage,
    *,
    authors: list[Author],
    corrections: list[ArticleCorrection],
    tags: list[Any],
    section: str,
) -> ArticleFacts:
    """Collect the facts of an article that its head shows."""
    return ArticleFacts(
        url=article.get_full_url(request) or absolute(request, article.url_path),
        headline=article.seo_title or article.title,
        description=article.search_description or article.standfirst,
        published=published_at(article),
        modified=modified_at(article, corrections),
        authors=author_entries(request, authors),
        section=section,
        keywords=[tag.name for tag in tags],
        corrections=corrections,
        images=lead_images(request, article),
    )


def news_article(request: HttpRequest, facts: ArticleFacts) -> dict[str, Any]:
    """Return the schema.org NewsArticle of an article page."""
    identity = SiteIdentity.for_request(request)
    zone = identity.display_timezone
    publisher = publisher_for_request(request)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{facts.url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": facts.url},
        "url": facts.url,
        "headline": facts.headline,
        "description": facts.description,
        "image": [image.url for image in facts.images],
        "datePublished": local_iso(facts.published, zone),
        "dateModified": local_iso(facts.modified or facts.published, zone),
        "author": [person(author) for author in facts.authors],
        "publisher": organisation(publisher),
        "isAccessibleForFree": conf.is_accessible_for_free(),
        "inLanguage": language_tag(settings.LANGUAGE_CODE),
    }
    if facts.published is not None:
        style = DatelineStyle(zone, identity.utc_label, identity.dateline_format)
        data["dateline"] = format_dateline(facts.published, style)
    if facts.section:
        data["articleSection"] = facts.section
    if facts.keywords:
        data["keywords"] = facts.keywords
    if facts.corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": local_iso(correction.corrected_at, zone),
            }
            for correction in facts.corrections
        ]
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def person(author: dict[str, str]) -> dict[str, str]:
    """Return an author as a schema.org Person linking to the profile page."""
    entry = {"@type": "Person", "name": author["name"], "url": author["url"]}
    if author.get("role"):
        entry["jobTitle"] = author["role"]
    return entry


def organisation(publisher: Publisher) -> dict[str, Any]:
    """Return the publisher as a schema.org Organization with its logo."""
    entry: dict[str, Any] = {
        "@type": "Organization",
        "name": publisher["name"],
        "url": publisher["url"],
    }
    logo = publisher["logo"]
    if logo is not None:
        entry["logo"] = {
            "@type": "ImageObject",
            "url": logo["url"],
            "width": logo["width"],
            "height": logo["height"],
        }
    return entry


def json_ld(data: dict[str, Any]) -> SafeString:
    """Return JSON for a ``<script type="application/ld+json">`` block, safely escaped.

    As Django's ``json_script`` does: <, > and & become Unicode escapes, so no
    text in the data can close the element or open a comment; JSON parsers
    read the escapes back as the same characters.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308
