"""What every importer produces: one source-neutral record per article, or an error."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone

Block = tuple[str, Any]
# How far ahead of the clock a published record's times may be: a server clock or
# a zone a little off, not a date that would sit atop every list for years.
FUTURE_TOLERANCE = dt.timedelta(days=1)
# Earlier times are placeholders (0001-01-01 is Go's zero time), not news; shown
# in a zone west of UTC, year 1 would fall out of Python's range and fail the page.
EARLIEST = dt.datetime(1800, 1, 1, tzinfo=dt.UTC)
# NUL and other control characters: PostgreSQL refuses NUL in text, and none belongs
# in an article. JSON sources can carry them as \u0000 escapes.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def scrubbed(value: Any) -> Any:
    """Return a value with control characters removed from every string in it."""
    if isinstance(value, str):
        return CONTROL.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(scrubbed(item) for item in value)
    if isinstance(value, dict):
        return {key: scrubbed(item) for key, item in value.items()}
    return value


def time_text(moment: dt.datetime) -> str:
    """Return a time as its source gave it, for an error message (``2642-06-11 06:15+00:00``)."""
    # Not converted to UTC: year 1 with a positive offset would leave Python's range.
    return moment.isoformat(sep=" ", timespec="minutes")


class RecordError(Exception):
    """A record that cannot be imported, with a message for the error report."""


@dataclass
class ArticleRecord:
    """One article as a source describes it, ready for the import action."""

    source_format: str
    source_key: str
    title: str
    standfirst: str
    body: list[Block] = field(default_factory=list)
    published_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)
    section: str = ""
    # Where our own export says the article was (ninjs): its slug, and the slug of
    # its section, used only when the site has that section (never created).
    slug: str = ""
    section_slug: str = ""
    tags: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    # Names the source gives as places and organisations (ninjs): the kind of a new tag.
    places: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    url: str = ""
    is_draft: bool = False
    # The source withdrew the item (ninjs "withheld"/"canceled", a trashed WordPress
    # post): a live article it made is unpublished. Also a draft, for new items.
    is_withdrawn: bool = False
    needs_review: bool = False
    origin: str = ""
    # Problems of a field the record was read without (an unreadable time): the
    # import goes on, and the record's report says what was left out.
    warnings: list[str] = field(default_factory=list)

    def content_hash(self) -> str:
        """Return a SHA-256 of everything the article is built from (not where it came from)."""
        data = asdict(self)
        data.pop("origin")
        data.pop("warnings")  # What the source failed to say, not content.
        # Only the kind of a tag created by the import: left out, so records
        # imported before they were read keep their hash and are not rewritten.
        data.pop("places")
        data.pop("organisations")
        # Left out for the same reason; a withdrawn record is a draft, and so hashes
        # apart from the published version of the item anyway.
        data.pop("is_withdrawn")
        # Only a new article's place, which an update never changes: left out, so
        # items imported before they were read keep their hash.
        data.pop("slug")
        data.pop("section_slug")
        # Sources cut keys to 500 characters before long keys were digested (see
        # models.stored_source_key): hashed as cut, records with a long key keep
        # the hash they were stored with. The key finds the row; it is not content.
        data["source_key"] = self.source_key[:500]
        encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()

    def scrub(self) -> None:
        """Remove control characters from every text field (in place)."""
        for name in ("source_key", "title", "standfirst", "section", "slug", "section_slug", "url"):
            setattr(self, name, scrubbed(getattr(self, name)))
        for name in ("body", "authors", "tags", "people", "places", "organisations", "related"):
            setattr(self, name, scrubbed(getattr(self, name)))

    def check(self) -> None:
        """Refuse a record without headline, lead or zone, or published at an impossible time."""
        if not self.title.strip():
            raise RecordError("no headline and no text to derive one from")
        if not self.standfirst.strip() and not self.body:
            raise RecordError("no text")
        latest = timezone.now() + FUTURE_TOLERANCE
        for name in ("published_at", "updated_at"):
            moment = getattr(self, name)
            if moment is not None and moment.tzinfo is None:
                raise RecordError(f"{name} has no time zone")
            # A draft's dates are dropped (it has not been published), so only a
            # published record's dates must be believable.
            if moment is None or self.is_draft:
                continue
            if moment > latest:
                raise RecordError(f"{name} is in the future: {time_text(moment)}")
            if moment < EARLIEST:
                raise RecordError(f"{name} is before {EARLIEST.year}: {time_text(moment)}")


@dataclass
class Failure:
    """A record a source could not read, reported and counted as failed."""

    origin: str
    message: str


ParseResult = ArticleRecord | Failure
