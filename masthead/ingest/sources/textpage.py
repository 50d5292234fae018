"""Plain-text captures of article pages, as crawlers and archives save them.

The shape: a dateline line, page chrome ("Listen Live", "Get short URL"), an
optional headline, the paragraphs, a block of related headlines, a comma-separated
tag line and trailing chrome ("Community standards", "Discussion"), any of which
may be glued to its neighbour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator

from masthead.ingest.dateline import parse_dateline
from masthead.ingest.quotes import paragraphs_to_blocks, person_names
from masthead.ingest.records import ArticleRecord, Failure, RecordError
from masthead.ingest.text import decode_text, squash
from masthead.tagging.normalise import normalise_name

FORMAT = "textpage"
CHROME = ("Listen Live", "Get short URL", "Community standards", "Discussion")
CHROME_PATTERN = "|".join(re.escape(token) for token in CHROME)
CHROME_ONLY = re.compile(rf"^(?:\s*(?:{CHROME_PATTERN}))+\s*$", re.I)
# Glued chrome is matched in its own spelling only, so "public discussion" is kept.
LEADING_CHROME = re.compile(r"^(?:\s*(?:Listen Live|Get short URL))+")
TRAILING_CHROME = re.compile(r"(?<=\S)(?:Community standards|Discussion)+\s*$")
ANYWHERE_CHROME = re.compile(CHROME_PATTERN)
DATELINE_LINES = 3
HEADLINE_MAX = 200
RELATED_MAX = 200
TAG_MAX = 120
DERIVED_WORDS = 12


def parse(data: bytes, origin: str) -> Iterator[ArticleRecord | Failure]:
    """Yield the one article a text page holds, or why it cannot be read."""
    try:
        yield parse_page(decode_text(data), origin)
    except RecordError as error:
        yield Failure(origin, str(error))


def clean_lines(text: str) -> list[str]:
    """Return the page's lines with chrome removed (blank lines kept as "")."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if CHROME_ONLY.match(line):
            continue
        line = TRAILING_CHROME.sub("", LEADING_CHROME.sub("", line)).strip()
        if line or raw.strip() == "":
            lines.append(line)
    return lines


def take_dateline(
    lines: list[str],
) -> tuple[tuple[dt.datetime, dt.datetime | None], list[str]]:
    """Return the dateline's times and the lines after it."""
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        times = parse_dateline(ANYWHERE_CHROME.sub(" ", line))
        if times is not None:
            return times, lines[index + 1 :]
        seen += 1
        if seen >= DATELINE_LINES:
            break
    raise RecordError("no dateline (time and date) in the first lines")


def groups_of(lines: list[str]) -> list[list[str]]:
    """Return runs of consecutive non-blank lines."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def is_headline_like(line: str, limit: int = HEADLINE_MAX) -> bool:
    """Return whether a line reads as a headline: short, no closing full stop, no quote."""
    return (
        0 < len(line) <= limit
        and not line.endswith((".", ",", ":", ";", "-"))
        and line[:1] not in '“"'
        and len(line.split()) <= 30
    )


def is_tag_line(line: str) -> bool:
    """Return whether a line is a comma-separated list of short names."""
    names = [name.strip() for name in line.split(",")]
    return (
        not line.endswith(".")
        and all(0 < len(name) <= TAG_MAX for name in names)
        and (len(names) > 1 or len(line.split()) <= 4)
    )


def split_tail(groups: list[list[str]]) -> tuple[list[list[str]], list[str], list[str]]:
    """Split off the related headlines and the tag line from the end of the page."""
    if not groups:
        return groups, [], []
    last = list(groups[-1])
    tags: list[str] = []
    if (len(groups) > 1 or len(last) > 1) and is_tag_line(last[-1]):
        tags = [squash(name) for name in last.pop().split(",")]
    related: list[str] = []
    body = groups[:-1]
    if not last and body:
        last = body.pop()
        if len(last) == 1 and not is_headline_like(last[0], RELATED_MAX):
            body.append(last)
            last = []
    if (
        last
        and all(is_headline_like(line, RELATED_MAX) for line in last)
        and (len(last) > 1 or tags)
    ):
        related = last
    elif last:
        body.append(last)
    return body, related, unique_names(tags)


def unique_names(names: list[str]) -> list[str]:
    """Return names without blanks or repeats (by their lookup form), in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        key = normalise_name(name)
        if key and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def take_headline(groups: list[list[str]]) -> tuple[str, list[list[str]]]:
    """Return the headline (if the page shows one) and the paragraphs' line groups."""
    if not groups:
        return "", groups
    first = groups[0]
    if len(first) == 1 and is_headline_like(first[0]) and len(groups) > 1:
        return first[0], groups[1:]
    if len(first) > 1 and is_headline_like(first[0]) and first[1][:1].isupper():
        return first[0], [first[1:], *groups[1:]]
    return "", groups


def derive_headline(lead: str) -> str:
    """Return a headline made from the lead's first words (flagged for review)."""
    sentence = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0].rstrip(".")
    words = sentence.split()
    if len(words) <= DERIVED_WORDS:
        return sentence
    return " ".join(words[:DERIVED_WORDS]).rstrip(",;:") + "…"


def parse_page(text: str, origin: str) -> ArticleRecord:
    """Return the article of one text page."""
    (published, updated), rest = take_dateline(clean_lines(text))
    body_groups, related, tags = split_tail(groups_of(rest))
    headline, body_groups = take_headline(body_groups)
    paragraphs = [squash(" ".join(group)) for group in body_groups]
    if not paragraphs:
        raise RecordError("no paragraphs after the dateline")
    lead, others = paragraphs[0], paragraphs[1:]
    people = [name for name in tags if person_names(name) == [name]]
    title = headline or derive_headline(lead)
    identity = f"{published.isoformat()}|{normalise_name(title)}"
    return ArticleRecord(
        source_format=FORMAT,
        source_key=hashlib.sha256(identity.encode("utf-8")).hexdigest(),
        title=title[:255],
        standfirst=lead,
        body=paragraphs_to_blocks(others, people),
        published_at=published,
        updated_at=updated,
        tags=tags,
        people=people,
        related=related,
        needs_review=not headline,
        origin=origin,
    )
