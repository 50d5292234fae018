"""IPTC ninjs (News in JSON) items, versions 1.x to 3.x.

1.x writes ``headline``, ``body_html``/``body_text``, ``versioncreated``; 2.x moved
to arrays (``headlines``, ``bodies``, ``descriptions``) with lower-case names; 3.x
renamed to camelCase (``firstCreated``, ``contentType``). All three are read. A
file holds one item, a list of items, or an object with an ``items`` list. Values
of the wrong type fail their record with the field's name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

from django.utils import timezone
from django.utils.text import slugify

from masthead.ingest.records import ArticleRecord, Block, Failure, RecordError
from masthead.ingest.text import (
    decode_text,
    drop_repeats,
    html_to_blocks,
    parse_datetime,
    plain_text,
    squash,
)

FORMAT = "ninjs"
NON_TEXT = {"audio", "video", "picture", "graphic", "event", "planning"}
PEOPLE_FIELDS = ("people", "person")
PLACE_FIELDS = ("places", "place")
ORGANISATION_FIELDS = ("organisations", "organisation")
# 3.x, then 1.x and 2.x.
EMBARGO_FIELDS = ("embargoedUntil", "embargoed")
VERSION_FIELDS = ("versionCreated", "versioncreated")
# When an item was first published, in the order they are looked at.
PUBLISHED_FIELDS = ("firstCreated", "firstcreated", "contentCreated", *VERSION_FIELDS)
# The profile `masthead export ninjs` gives its items: their `uri` is the article's
# URL (/<section>/<slug>/) and their `slugline` its slug.
OWN_PROFILE = "masthead-article"
# The statuses by which a source takes back an item it had sent as "usable".
WITHDRAWN_STATUSES = {"withheld", "canceled"}
TAG_FIELDS = ("subjects", "subject", "people", "person", "organisations", "organisation",
              "places", "place")  # fmt: skip


def parse(data: bytes, origin: str) -> Iterator[ArticleRecord | Failure]:
    """Yield one record per ninjs item in a file, or why one cannot be read."""
    try:
        items = read_items(data)
    except RecordError as error:
        yield Failure(origin, str(error))
        return
    for index, item in enumerate(items, start=1):
        where = origin if len(items) == 1 else f"{origin}#{index}"
        if isinstance(item, RecordError):  # A JSON Lines line that is not JSON.
            yield Failure(where, str(item))
            continue
        try:
            yield item_record(item, where)
        except RecordError as error:
            yield Failure(where, str(error))


def read_items(data: bytes) -> list[Any]:
    """Return the items of a ninjs file (one object, a list, or {"items": [...]})."""
    text = decode_text(data)
    try:
        document = json.loads(text)
    except RecursionError:
        raise RecordError("JSON nested too deeply") from None
    except ValueError as error:
        document = json_lines(text, error)
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        return list(document["items"])
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        return [document]
    raise RecordError(f"a ninjs file holds an object or a list, not {type(document).__name__}")


def json_lines(text: str, first_error: ValueError) -> list[Any]:
    """Return the objects of JSON Lines text (what ``masthead export ninjs`` writes).

    A line that is not JSON is returned as its RecordError, so it fails alone;
    when no line is JSON the file is not JSON Lines at all.
    """
    # Only "\n" ends a line: json.dumps leaves U+2028, U+2029 and U+0085 unescaped
    # inside strings, and str.splitlines() would break an item at them.
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        raise RecordError(f"not JSON: {first_error}")
    items: list[Any] = []
    for line in lines:
        try:
            items.append(json.loads(line))
        except RecursionError:
            items.append(RecordError("JSON nested too deeply"))
        except ValueError as error:
            items.append(RecordError(f"not JSON or JSON Lines: {error}"))
    if all(isinstance(item, RecordError) for item in items):
        raise items[0]
    return items


def field(item: dict[str, Any], *names: str, kind: type | tuple[type, ...] = str) -> Any:
    """Return the first of several spellings of a field, refusing a value of the wrong type."""
    for name in names:
        if name in item and item[name] is not None:
            value = item[name]
            if not isinstance(value, kind) or isinstance(value, bool):
                expected = (
                    kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
                )
                raise RecordError(f"{name} must be {expected}, not {type(value).__name__}")
            return value
    return None


def values_of(
    item: dict[str, Any], array_names: tuple[str, ...], role: str
) -> list[dict[str, str]]:
    """Return the entries of a 2.x/3.x array (headlines, bodies, descriptions), role first."""
    entries = field(item, *array_names, kind=list) or []
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), str):
            raise RecordError(f"{array_names[0]} entries must be objects with a string value")
        kind = entry.get("contentType", entry.get("contenttype", ""))
        found.append(
            {"role": str(entry.get("role") or ""), "type": str(kind or ""), "value": entry["value"]}
        )
    found.sort(key=lambda entry: entry["role"] != role)
    return found


def item_record(item: object, origin: str) -> ArticleRecord:
    """Return the article of one ninjs item."""
    if not isinstance(item, dict):
        raise RecordError(f"a ninjs item is an object, not {type(item).__name__}")
    uri = field(item, "uri")
    if not uri or not uri.strip():
        raise RecordError("uri is missing (ninjs requires it)")
    if field(item, "type") in NON_TEXT:
        raise RecordError(f"not a text item (type {item['type']!r})")
    headlines = values_of(item, ("headlines",), "main")
    title = plain_text(field(item, "headline") or (headlines[0]["value"] if headlines else ""))
    descriptions = values_of(item, ("descriptions",), "summary")
    lead = field(item, "description_text") or plain_text(field(item, "description_html") or "")
    lead = squash(lead or (plain_text(descriptions[0]["value"]) if descriptions else ""))
    blocks = body_blocks(item)
    if not lead and blocks and blocks[0][0] == "paragraph":
        lead, blocks = plain_text(str(blocks[0][1])), blocks[1:]
    if not lead:
        raise RecordError("item has no text")
    status = field(item, "pubStatus", "pubstatus") or "usable"
    lifts = embargo_end(item)
    warnings: list[str] = []
    published_at = publication_time(item, warnings)
    if lifts is not None and (published_at is None or published_at < lifts):
        # Written before its embargo, the item was not out before the embargo lifted.
        published_at = lifts
    slug, section_slug = own_place(item, uri)
    return ArticleRecord(
        source_format=FORMAT,
        source_key=uri.strip(),
        title=(title or lead[:120])[:255],
        standfirst=lead,
        body=drop_repeats(blocks, title, lead),
        published_at=published_at,
        updated_at=item_time(item, warnings, *VERSION_FIELDS),
        authors=byline(field(item, "by", "byline")),
        slug=slug,
        section_slug=section_slug,
        tags=names(item, TAG_FIELDS),
        people=names(item, PEOPLE_FIELDS),
        places=names(item, PLACE_FIELDS),
        organisations=names(item, ORGANISATION_FIELDS),
        url=uri if uri.startswith(("http://", "https://")) else "",
        # Held as a draft until the embargo lifts; imported again then, it goes live.
        is_draft=status != "usable" or (lifts is not None and lifts > timezone.now()),
        is_withdrawn=status in WITHDRAWN_STATUSES,
        needs_review=not title,
        origin=origin,
        warnings=warnings,
    )


def publication_time(item: dict[str, Any], warnings: list[str]) -> dt.datetime | None:
    """Return when an item was first published, or None (dated at import).

    An unreadable ``firstCreated`` (or ``contentCreated``) gives way to a
    readable ``versionCreated``, closer to the truth than the import time; the
    warning in the record's report says which time was used.
    """
    names = [name for name in PUBLISHED_FIELDS if field(item, name) is not None]
    if not names or names[0] in VERSION_FIELDS:
        return item_time(item, warnings, *PUBLISHED_FIELDS)
    value = field(item, names[0])
    moment = parse_datetime(value)
    if moment is not None:
        return moment
    version = item_time(item, [], *VERSION_FIELDS)  # Its own warning comes with updated_at.
    # Named as the item spells it (1.x wrote versioncreated).
    spelling = next((name for name in VERSION_FIELDS if name in names), "")
    used = "ignored" if version is None else f"dated from {spelling}"
    warnings.append(f"{names[0]} is not a time, {used}: {value[:64]!r}")
    return version


def item_time(item: dict[str, Any], warnings: list[str], *names: str) -> dt.datetime | None:
    """Return the time of the first of several spellings an item gives, or None.

    An unreadable one is left out (the article is dated as if the source gave
    none) and noted in ``warnings`` for the record's report.
    """
    for name in names:
        value = field(item, name)
        if value is None:
            continue
        moment = parse_datetime(value)
        warning = f"{name} is not a time, ignored: {value[:64]!r}"
        if moment is None and warning not in warnings:
            warnings.append(warning)
        return moment
    return None


def own_place(item: dict[str, Any], uri: str) -> tuple[str, str]:
    """Return (slug, section slug) of an item our own export wrote, else ("", "").

    ninjs carries neither: an item of our profile has its slug as ``slugline``
    and its URL as ``uri``, whose path ends with the section's slug and the
    article's. Other sources' sluglines are wire catchwords, not slugs.
    """
    # Looked at only in our own items: another source's odd slugline is not an error.
    if item.get("profile") != OWN_PROFILE:
        return "", ""
    slugline = field(item, "slugline")
    if not slugline:
        return "", ""
    # Room for the "-2" a taken slug is given.
    slug = slugify(slugline, allow_unicode=True)[:240]
    if not slug:
        return "", ""
    parts = [unquote(part) for part in urlsplit(uri.strip()).path.split("/") if part]
    if uri.startswith(("http://", "https://")) and len(parts) >= 2 and parts[-1] == slugline:
        return slug, slugify(parts[-2], allow_unicode=True)[:255]
    return slug, ""


def embargo_end(item: dict[str, Any]) -> dt.datetime | None:
    """Return when an item's embargo lifts, or None (an unreadable one fails the record)."""
    for name in EMBARGO_FIELDS:
        value = field(item, name)
        if value is None:
            continue
        lifts = parse_datetime(value)
        if lifts is None:
            raise RecordError(f"{name} is not a time: {value[:64]!r}")
        return lifts
    return None


def body_blocks(item: dict[str, Any]) -> list[Block]:
    """Return the body: HTML bodies preferred, then plain text."""
    bodies = values_of(item, ("bodies",), "main")
    html = field(item, "body_html") or next(
        (b["value"] for b in bodies if "html" in b["type"]), None
    )
    if html:
        return html_to_blocks(html)
    text = field(item, "body_text") or (bodies[0]["value"] if bodies else "")
    return html_to_blocks(text.replace("<", "&lt;")) if text else []


def byline(value: str | None) -> list[str]:
    """Return the author names of a byline ("By A and B")."""
    if not value:
        return []
    value = squash(value.removeprefix("By ").removeprefix("by "))
    parts = [p.strip() for p in value.replace(" and ", ",").split(",")]
    return [p[:120] for p in parts if p][:10]


def names(item: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    """Return the names of the entries of several arrays (subjects, people, places...)."""
    found: list[str] = []
    for name in fields:
        entries = field(item, name, kind=list) or []
        for entry in entries:
            if not isinstance(entry, dict):
                raise RecordError(f"{name} entries must be objects")
            label = entry.get("name")
            if isinstance(label, str) and squash(label) and squash(label) not in found:
                found.append(squash(label)[:200])
    return found
