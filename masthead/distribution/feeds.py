"""RSS 2.0 and Atom feeds of the whole site, a section, a tag or an author.

Each feed is a ``django.contrib.syndication`` ``Feed``, built per request (the
request decides the site's address and whether whole articles are included).
Item IDs are tag URIs made of the site's host, the first publication date and
the page id, so they stay the same when an article is updated or corrected.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed

from masthead.core.dateline import format_day, iso_datetime
from masthead.core.templatetags.dateline_tags import style_for_request
from masthead.distribution import bodies, conf
from masthead.distribution.publisher import absolute, publisher_for_request, site_root_url
from masthead.distribution.queries import (
    authors_of,
    corrections_of,
    modified_at,
    published_at,
    tags_of,
    with_listing_facts,
)
from masthead.newsroom.models import ArticleCorrection, ArticlePage
from masthead.newsroom.queries import soonest_expiry
from masthead.newsroom.sections import section_of

# XML 1.0 refuses these characters; an imported headline must not break a feed.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif"}
IMAGE_TYPES["webp"] = "image/webp"


def clean(text: str) -> str:
    """Return text without the control characters XML cannot carry."""
    return XML_INVALID.sub("", text)


class WebSubMixin:
    """Name the WebSub hub beside the feed's own address, and carry full text."""

    feed: dict[str, Any]

    def hub_link(self, handler: Any, tag: str) -> None:
        """Write the hub's link element when a hub is configured."""
        if self.feed.get("hub"):
            handler.addQuickElement(tag, None, {"rel": "hub", "href": self.feed["hub"]})


class RssFeedWithHub(WebSubMixin, Rss201rev2Feed):
    """RSS 2.0 with ``atom:link rel=hub`` and ``content:encoded`` for full text."""

    def rss_attributes(self) -> dict[str, str]:
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        self.hub_link(handler, "atom:link")

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class AtomFeedWithHub(WebSubMixin, Atom1Feed):
    """Atom with ``link rel=hub`` and ``content`` for full text."""

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        self.hub_link(handler, "link")

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass
class FeedScope:
    """What one feed covers: its name, its page, its articles and its address."""

    kind: str
    slug: str
    title: str
    link: str
    description: str
    articles: QuerySet[ArticlePage]


class ArticleFeed(Feed):  # type: ignore[type-arg]
    """The newest articles of a scope, newest first."""

    feed_type: type[SyndicationFeed] = RssFeedWithHub
    format_name = "rss"

    def __init__(self, request: HttpRequest, scope: FeedScope, *, full_text: bool) -> None:
        super().__init__()
        self.request = request
        self.scope = scope
        self.full_text = full_text
        self.bodies: dict[int, str] = {}
        self.shown_until: dt.datetime | None = None

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedScope:
        return self.scope

    def title(self, obj: FeedScope) -> str:
        return clean(obj.title)

    def link(self, obj: FeedScope) -> str:
        return obj.link

    def description(self, obj: FeedScope) -> str:
        return clean(obj.description)

    def subtitle(self, obj: FeedScope) -> str:
        return clean(obj.description)

    def feed_url(self, obj: FeedScope) -> str:
        from masthead.distribution.urls_for import feed_url

        return feed_url(self.request, obj.kind, obj.slug, self.format_name, full=self.full_text)

    def feed_guid(self, obj: FeedScope) -> str:
        return self.feed_url(obj)

    def feed_copyright(self, obj: FeedScope) -> str:
        return clean(f"© {publisher_for_request(self.request)['name']}")

    def author_name(self, obj: FeedScope) -> str:
        # Atom requires an author on the feed unless every entry has its own
        # (RFC 4287, 4.1.1), and an article may carry no byline. RSS writes no
        # feed author without an email address, so it is unchanged.
        return clean(publisher_for_request(self.request)["name"])

    def feed_extra_kwargs(self, obj: FeedScope) -> dict[str, Any]:
        return {"hub": conf.websub_hub()}

    def items(self, obj: FeedScope) -> list[ArticlePage]:
        articles = obj.articles.newest_first()  # type: ignore[attr-defined]
        loaded = list(with_listing_facts(articles, bodies=self.full_text)[: conf.feed_size()])
        self.shown_until = soonest_expiry(loaded)  # No copy of the feed is kept past then.
        if self.full_text:
            self.bodies = bodies.full_text(loaded, lambda url: absolute(self.request, url))
        return loaded

    def item_title(self, item: ArticlePage) -> str:
        return clean(item.title)

    def item_description(self, item: ArticlePage) -> str:
        return clean(item.search_description or item.standfirst)

    def item_link(self, item: ArticlePage) -> str:
        return absolute(self.request, item.get_url(self.request) or "/")

    def item_guid(self, item: ArticlePage) -> str:
        return article_tag_uri(self.request, item)

    item_guid_is_permalink = False

    def item_pubdate(self, item: ArticlePage) -> dt.datetime | None:
        return published_at(item)

    def item_updateddate(self, item: ArticlePage) -> dt.datetime | None:
        return modified_at(item, corrections_of(item))

    def item_author_name(self, item: ArticlePage) -> str | None:
        names = [author.name for author in authors_of(item)]
        return clean(", ".join(names)) if names else None

    def item_author_link(self, item: ArticlePage) -> str | None:
        authors = authors_of(item)
        return absolute(self.request, authors[0].get_absolute_url()) if len(authors) == 1 else None

    def item_categories(self, item: ArticlePage) -> list[str]:
        section = section_of(self.request, item.url_path)
        names = [section["title"]] if section else []
        return [clean(name) for name in names + [tag.name for tag in tags_of(item)]]

    def item_enclosures(self, item: ArticlePage) -> list[Enclosure]:
        image = item.lead_image
        if image is None:
            return []
        extension = image.file.name.rsplit(".", 1)[-1].lower()
        mime = IMAGE_TYPES.get(extension, "application/octet-stream")
        size = str(getattr(image, "file_size", None) or 0)
        return [Enclosure(absolute(self.request, image.file.url), size, mime)]

    def item_extra_kwargs(self, item: ArticlePage) -> dict[str, Any]:
        content = self.bodies.get(item.pk, "")
        corrections = corrections_of(item)
        if content and corrections:
            notes = "".join(correction_note(self.request, c) for c in corrections)
            content += f"<h2>Corrections</h2><ul>{notes}</ul>"
        return {"content": clean(content)} if content else {}


class AtomArticleFeed(ArticleFeed):
    """The same feed as Atom 1.0."""

    feed_type = AtomFeedWithHub
    format_name = "atom"


def correction_note(request: HttpRequest, correction: ArticleCorrection) -> str:
    """Return a correction as the article's foot lists it: its day in the site's zone, its text."""
    style, _ = style_for_request(request)
    day = html.escape(format_day(correction.corrected_at, style))
    moment = iso_datetime(correction.corrected_at)
    return f'<li><time datetime="{moment}">{day}</time>: {html.escape(correction.text)}</li>'


def article_tag_uri(request: HttpRequest, article: ArticlePage) -> str:
    """Return the article's permanent ID: ``tag:host,YYYY-MM-DD:article:<page id>`` (RFC 4151)."""
    host = urlsplit(site_root_url(request)).hostname or "localhost"
    moment = published_at(article)
    day = moment.date().isoformat() if moment else "2000-01-01"
    return f"tag:{host},{day}:article:{article.pk}"
