"""RSS and Atom feeds, read with feedparser; full text when the feed carries it."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

import feedparser
from feedparser.encodings import convert_to_utf8

from masthead.ingest.records import ArticleRecord, Failure, RecordError
from masthead.ingest.sources.xmlsafety import check_no_entities
from masthead.ingest.text import drop_repeats, html_to_blocks, plain_text, squash

FORMAT = "feed"


def parse(data: bytes, origin: str) -> Iterator[ArticleRecord | Failure]:
    """Yield one record per feed entry, or why the feed or an entry cannot be read."""
    try:
        entries = read_feed(data)
    except RecordError as error:
        yield Failure(origin, str(error))
        return
    for index, entry in enumerate(entries, start=1):
        where = f"{origin}#{index}"
        try:
            yield entry_record(entry, where)
        except RecordError as error:
            yield Failure(where, str(error))


def read_feed(data: bytes) -> list[Any]:
    """Return a feed's entries, refusing empty, entity-declaring or non-feed input."""
    if not data.strip():
        raise RecordError("empty file")
    check_no_entities(data)
    # feedparser decodes what the document declares (EBCDIC, UTF-7...), where an
    # entity declaration shows no ASCII bytes: check the text it will read too,
    # and give it exactly that text.
    data = convert_to_utf8({}, data, {})
    check_no_entities(data)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise RecordError(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    return list(parsed.entries)


def entry_time(entry: Any, *names: str) -> dt.datetime | None:
    """Return the first of an entry's parsed times (feedparser gives UTC struct_time)."""
    for name in names:
        # dict.get: feedparser's own get maps a missing updated_parsed onto
        # published_parsed (with a deprecation warning); the fields are read as given.
        value = dict.get(entry, name)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def entry_record(entry: Any, origin: str) -> ArticleRecord:
    """Return the article of one feed entry."""
    contents = [c for c in entry.get("content") or [] if isinstance(c.get("value"), str)]
    full = next((c["value"] for c in contents if "html" in (c.get("type") or "")), "")
    full = full or (contents[0]["value"] if contents else "")
    summary = entry.get("summary") or ""
    title = plain_text(entry.get("title") or "")
    blocks = html_to_blocks(full or summary)
    lead = plain_text(summary) if full and summary else ""
    if not lead and blocks and blocks[0][0] == "paragraph":
        lead = plain_text(str(blocks[0][1]))
        blocks = blocks[1:]
    if not lead:
        raise RecordError("entry has no text")
    link = entry.get("link") or ""
    key = entry.get("id") or link or hashlib.sha256(f"{title}|{lead}".encode()).hexdigest()
    authors = [squash(a.get("name") or "") for a in entry.get("authors") or [] if a.get("name")]
    published = entry_time(entry, "published_parsed", "updated_parsed")
    updated = entry_time(entry, "updated_parsed") if dict.get(entry, "published_parsed") else None
    return ArticleRecord(
        source_format=FORMAT,
        source_key=str(key),
        title=(title or lead[:120])[:255],
        standfirst=lead,
        body=drop_repeats(blocks, title, lead),
        published_at=published,
        updated_at=updated if updated != published else None,
        authors=[a for a in authors if a][:10],
        tags=[squash(t.get("term") or "") for t in entry.get("tags") or [] if t.get("term")],
        url=str(link),
        needs_review=not title,
        origin=origin,
    )
