"""WordPress export files (WXR): posts, categories to sections, tags, authors, dates, status.

Parsed with defusedxml, which refuses entity declarations (expansion bombs) and
external entities. Pages, attachments and menu items are not articles and are left
out; drafts, pending, private and scheduled posts are imported unpublished.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from masthead.ingest.records import ArticleRecord, Failure, RecordError
from masthead.ingest.sources.xmlsafety import check_no_entities
from masthead.ingest.text import (
    drop_repeats,
    html_to_blocks,
    parse_datetime,
    plain_text,
    site_zone,
    squash,
)

FORMAT = "wxr"
# The shortcodes WordPress core registers (media.php, class-wp-embed.php). Other
# bracketed words are the writer's own ("[the council]", "[sic]") and stay.
SHORTCODE_NAMES = ("wp_caption", "caption", "gallery", "playlist", "audio", "video", "embed")
# As WordPress's get_shortcode_regex: the name ends at anything but a word character
# or a hyphen, and a doubled bracket ("[[caption]]") escapes the shortcode.
SHORTCODE = re.compile(r"(\[?)\[/?(?:" + "|".join(SHORTCODE_NAMES) + r")(?![\w-])[^\]]*\](\]?)")
ZERO_DATE = "0000-00-00 00:00:00"


def parse(data: bytes, origin: str) -> Iterator[ArticleRecord | Failure]:
    """Yield one record per post in a WordPress export, or why one cannot be read."""
    try:
        channel = read_channel(data)
    except RecordError as error:
        yield Failure(origin, str(error))
        return
    authors = author_names(channel)
    for item in children(channel, "item"):
        if text_of(item, "post_type") not in ("post", ""):
            continue
        where = f"{origin}#{text_of(item, 'post_id') or text_of(item, 'title')[:40]}"
        try:
            yield post_record(item, authors, where)
        except RecordError as error:
            yield Failure(where, str(error))


def read_channel(data: bytes) -> Element:
    """Return the export's channel element, refusing unsafe or non-WXR XML."""
    if not data.strip():
        raise RecordError("empty file")
    check_no_entities(data)
    try:
        root = fromstring(data)
    except DefusedXmlException as error:
        raise RecordError(f"unsafe XML refused: {type(error).__name__}") from None
    except (ParseError, ValueError) as error:
        raise RecordError(f"not well-formed XML: {error}") from None
    channel = root.find("channel") if local(root.tag) == "rss" else None
    if channel is None:
        raise RecordError("not a WordPress export (no rss/channel)")
    return channel


def local(tag: object) -> str:
    """Return an element name without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


def children(element: Element, name: str) -> list[Element]:
    """Return the direct children with this local name, whatever the WXR version's namespace."""
    return [child for child in element if local(child.tag) == name]


def text_of(element: Element, name: str) -> str:
    """Return the text of the first child with this local name (the WordPress field)."""
    for child in element:
        if local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def author_names(channel: Element) -> dict[str, str]:
    """Return display names by login, from the export's author list."""
    names = {}
    for author in children(channel, "author"):
        login = text_of(author, "author_login")
        if login:
            names[login] = text_of(author, "author_display_name") or login
    return names


def post_time(item: Element, gmt_field: str, local_field: str) -> dt.datetime | None:
    """Return a post time: the GMT field, else the local field in the site's zone."""
    gmt = text_of(item, gmt_field)
    if gmt and gmt != ZERO_DATE:
        moment = parse_datetime(gmt.replace(" ", "T") + "+00:00")
        if moment is not None:
            return moment
    local_time = text_of(item, local_field)
    if local_time and local_time != ZERO_DATE:
        try:
            naive = dt.datetime.fromisoformat(local_time)
        except ValueError:
            return None
        return naive.replace(tzinfo=site_zone()).astimezone(dt.UTC)
    return None


def strip_shortcodes(content: str) -> str:
    """Return content without core shortcode tags, keeping enclosed text (a caption's words)."""

    def strip(match: re.Match[str]) -> str:
        if match[1] and match[2]:
            return match[0][1:-1]  # "[[caption]]" is the literal text "[caption]".
        return match[1] + match[2]

    return SHORTCODE.sub(strip, content)


def post_record(item: Element, authors: dict[str, str], origin: str) -> ArticleRecord:
    """Return the article of one WordPress post."""
    title = plain_text(text_of(item, "title"))
    content = strip_shortcodes(
        next((child.text or "" for child in item if is_content(child.tag)), "")
    )
    excerpt = next((plain_text(child.text or "") for child in item if is_excerpt(child.tag)), "")
    blocks = html_to_blocks(content)
    lead = excerpt
    if not lead and blocks and blocks[0][0] == "paragraph":
        lead, blocks = plain_text(str(blocks[0][1])), blocks[1:]
    if not lead:
        raise RecordError("post has no text")
    categories = [c for c in children(item, "category") if (c.text or "").strip()]
    sections = [squash(c.text or "") for c in categories if c.get("domain") == "category"]
    sections = [s for s in sections if s.lower() != "uncategorized"]
    tags = [squash(c.text or "") for c in categories if c.get("domain") == "post_tag"]
    creator = text_of(item, "creator")
    status = text_of(item, "status") or "publish"
    post_id = text_of(item, "post_id")
    key = text_of(item, "guid") or text_of(item, "link") or (f"post:{post_id}" if post_id else "")
    if not key:
        raise RecordError("post has no guid, link or id")
    return ArticleRecord(
        source_format=FORMAT,
        source_key=key,
        title=(title or lead[:120])[:255],
        standfirst=lead,
        body=drop_repeats(blocks, title, lead),
        published_at=post_time(item, "post_date_gmt", "post_date"),
        updated_at=post_time(item, "post_modified_gmt", "post_modified"),
        authors=[authors.get(creator, creator)] if creator else [],
        section=sections[0] if sections else "",
        tags=tags,
        url=text_of(item, "link"),
        is_draft=status != "publish",
        # Moved to the bin: WordPress's way of taking a post back.
        is_withdrawn=status == "trash",
        needs_review=not title,
        origin=origin,
    )


def is_excerpt(tag: Any) -> bool:
    """Return whether an element is the post's excerpt:encoded field."""
    return "excerpt" in str(tag) and local(tag) == "encoded"


def is_content(tag: Any) -> bool:
    """Return whether an element is the post's content:encoded field."""
    return "excerpt" not in str(tag) and local(tag) == "encoded"
