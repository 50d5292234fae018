"""Text helpers every source shares: decoding bytes, paragraphs to body blocks, dates."""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import html
import re
import zoneinfo

import nh3
from django.conf import settings
from lxml import etree
from lxml import html as lxml_html

from masthead.ingest.quotes import paragraphs_to_blocks
from masthead.ingest.records import Block, RecordError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline and carriage return mark binary data.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BINARY_SHARE = 0.01
PARAGRAPH_TAGS = {"b", "strong", "i", "em", "a", "br", "ul", "ol", "li"}
BLOCK_TAGS = ("p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "div")
BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")
SPACES = re.compile(r"\s+")


def decode_text(data: bytes) -> str:
    """Return bytes as text: a byte-order mark wins, then UTF-8, then Windows-1252/Latin-1.

    Refuses binary data (NUL and other control characters) with a RecordError.
    """
    if not data.strip():
        raise RecordError("empty file")
    text = None
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise RecordError(f"invalid {encoding} text: {error.reason}") from None
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Windows-1252 is what "Latin-1" files usually are; bytes it leaves
            # undefined (0x81, 0x8d...) fall back to true ISO-8859-1.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if len(CONTROL.findall(text[:100_000])) > max(1, len(text[:100_000]) * BINARY_SHARE):
        raise RecordError("binary data, not text")
    text = CONTROL.sub("", text)
    if not text.strip():
        raise RecordError("empty file")
    return text


def squash(text: str) -> str:
    """Return text with runs of white space made single spaces, trimmed."""
    return SPACES.sub(" ", text).strip()


def plain_text(markup: str) -> str:
    """Return the text of an HTML fragment, entities decoded, white space squashed."""
    cleaned = nh3.clean(markup, tags=set())
    return squash(html.unescape(cleaned))


def paragraph_html(text: str) -> str:
    """Return plain text as one rich-text paragraph."""
    return f"<p>{html.escape(text, quote=False)}</p>"


def html_to_blocks(markup: str, people: list[str] | None = None) -> list[Block]:
    """Return body blocks from an HTML fragment: paragraphs, quotes (with speakers), lists."""
    if "<" not in markup:
        chunks = [squash(chunk) for chunk in BLANK_LINES.split(html.unescape(markup))]
        return paragraphs_to_blocks([chunk for chunk in chunks if chunk], people)
    cleaned = nh3.clean(
        markup,
        tags={*PARAGRAPH_TAGS, *BLOCK_TAGS, "cite", "footer", "figcaption"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    if not cleaned.strip():
        return []
    try:
        root = lxml_html.fragment_fromstring(cleaned, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    return element_blocks(root, people)


def element_blocks(root: etree._Element, people: list[str] | None) -> list[Block]:
    """Return the blocks of a parsed fragment, in document order.

    Block elements are read as before; text outside them (the root's and its
    divs' own text, and the tails between block elements) is split on blank
    lines into paragraphs, as WordPress's ``wpautop`` does for classic posts.
    """
    blocks: list[Block] = []
    texts: list[str] = []
    loose: list[str] = []

    def flush_loose() -> None:
        chunks = [squash(chunk) for chunk in BLANK_LINES.split("".join(loose))]
        texts.extend(chunk for chunk in chunks if chunk)
        loose.clear()

    def flush_texts() -> None:
        flush_loose()
        if texts:
            blocks.extend(paragraphs_to_blocks(list(texts), people))
            texts.clear()

    def read(element: etree._Element) -> None:
        if element.tag not in BLOCK_TAGS:
            # Inline markup between blocks is part of the loose text around it.
            loose.append("\n" if element.tag == "br" else element.text_content())
            return
        text = squash(element.text_content())
        if not text:
            return
        if element.tag in ("ul", "ol"):
            flush_texts()
            blocks.append(("paragraph", rich_html(element)))
        elif element.tag == "blockquote":
            flush_texts()
            blocks.extend(blockquote_blocks(element, people))
        elif element.tag in ("p", "pre") and has_markup(element):
            flush_texts()
            blocks.append(("paragraph", rich_html(element, as_paragraph=True)))
        else:
            flush_loose()
            texts.append(text)

    # iterwalk is not recursive in Python, so deep nesting cannot exhaust the stack.
    # ``inside`` counts the depth within an element read whole (its tail comes at its end).
    inside = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if inside:
                inside += 1
            elif element is root or element.tag == "div":
                loose.append(element.text or "")
            else:
                read(element)
                inside = 1
        elif inside > 1:
            inside -= 1
        else:
            inside = 0
            if element is not root:
                loose.append(element.tail or "")
    flush_texts()
    return blocks


def has_markup(element: etree._Element) -> bool:
    """Return whether a paragraph holds links or emphasis worth keeping."""
    return any(child.tag in ("a", "b", "strong", "i", "em") for child in element.iter())


def rich_html(element: etree._Element, *, as_paragraph: bool = False) -> str:
    """Return an element as allowed rich text (a list, or a paragraph with its markup)."""
    markup = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
    cleaned = nh3.clean(markup, tags=PARAGRAPH_TAGS | {"p"}, attributes={"a": {"href"}})
    cleaned = cleaned.strip()
    if as_paragraph and not cleaned.startswith("<p>"):
        cleaned = f"<p>{cleaned}</p>"
    return cleaned


def blockquote_blocks(element: etree._Element, people: list[str] | None) -> list[Block]:
    """Return a blockquote as a quote block when it names its speaker, else a paragraph."""
    credit_element = next(iter(element.iter("cite", "footer", "figcaption")), None)
    credit = squash(credit_element.text_content()) if credit_element is not None else ""
    if credit_element is not None:
        credit_element.drop_tree()
    text = squash(element.text_content()).strip('“”"')
    credit = credit.lstrip("\u2014\u2013- ").strip()
    if text and credit:
        return [("quote", {"text": text, "speaker": credit[:200], "attribution": ""})]
    return paragraphs_to_blocks([text], people) if text else []


def drop_repeats(blocks: list[Block], *texts: str) -> list[Block]:
    """Return blocks without leading paragraphs that repeat the headline or the lead."""
    repeated = {squash(text).casefold() for text in texts if text}
    while blocks and blocks[0][0] == "paragraph":
        if plain_text(str(blocks[0][1])).casefold() not in repeated:
            break
        blocks = blocks[1:]
    return blocks


def site_zone() -> dt.tzinfo:
    """Return the zone of times that name none (the project's TIME_ZONE)."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def parse_datetime(value: object) -> dt.datetime | None:
    """Return an aware UTC datetime from ISO 8601 or RFC 822 text; None when unreadable."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    text = value.strip()
    moment: dt.datetime | None = None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=site_zone())
    try:
        return moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None
