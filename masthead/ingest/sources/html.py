"""Article pages as HTML: schema.org NewsArticle JSON-LD and OpenGraph first, trafilatura after.

trafilatura finds the main text (and metadata the page has no structured form
of); JSON-LD and OpenGraph, when present, are what the publisher declared, so
they win for headline, times, authors, section, tags and the lead.
"""

from __future__ import annotations

import hashlib
import html as html_module
import json
from collections.abc import Iterator
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from masthead.ingest.quotes import paragraphs_to_blocks
from masthead.ingest.records import ArticleRecord, Block, Failure, RecordError
from masthead.ingest.text import decode_text, drop_repeats, parse_datetime, squash

FORMAT = "html"
ARTICLE_TYPES = {
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "Report",
}  # fmt: skip
MAX_JSON_LD = 200_000
# libxml2 caps the depth of a parsed tree; pages with more elements than this are
# refused before trafilatura walks them.
MAX_TREE_SIZE = 200_000


def parse(data: bytes, origin: str) -> Iterator[ArticleRecord | Failure]:
    """Yield the article one HTML page holds, or why it cannot be read."""
    try:
        yield parse_page(decode_text(data), origin)
    except RecordError as error:
        yield Failure(origin, str(error))


def parse_page(text: str, origin: str) -> ArticleRecord:
    """Return the article of one HTML page."""
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise RecordError(f"not HTML: {error}") from None
    if sum(1 for _ in tree.iter()) > MAX_TREE_SIZE:
        raise RecordError(f"page has more than {MAX_TREE_SIZE} elements")
    ld = json_ld_article(tree)
    og = open_graph(tree)
    document = trafilatura.bare_extraction(
        tree,
        fast=True,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    extracted: dict[str, Any] = document.as_dict() if document is not None else {}  # type: ignore[union-attr]
    paragraphs = body_paragraphs(document)
    if not paragraphs and isinstance(ld.get("articleBody"), str):
        paragraphs = [squash(p) for p in ld["articleBody"][:MAX_JSON_LD].split("\n") if p.strip()]
    title = first_text(ld.get("headline"), og.get("og:title"), extracted.get("title"))
    lead = first_text(ld.get("description"), og.get("og:description"), extracted.get("description"))
    first = paragraphs[0] if paragraphs else None
    if isinstance(first, str) and (not lead or squash(lead) == first):
        lead, paragraphs = first, paragraphs[1:]
    url = first_text(ld.get("url"), main_entity(ld), og.get("og:url"), canonical(tree))
    key = url or hashlib.sha256(f"{title}|{lead}".encode()).hexdigest()
    if not lead:
        raise RecordError("no article text found")
    return ArticleRecord(
        source_format=FORMAT,
        source_key=key,
        title=(title or lead[:120])[:255],
        standfirst=lead,
        body=drop_repeats(body_blocks(paragraphs), title, lead),
        published_at=parse_datetime(
            first_text(ld.get("datePublished"), og.get("article:published_time"))
        )
        or parse_datetime(extracted.get("date")),
        updated_at=parse_datetime(
            first_text(ld.get("dateModified"), og.get("article:modified_time"))
        ),
        authors=names_of(ld.get("author"))
        or og_list(tree, "article:author")
        or split_names(extracted.get("author")),
        section=first_text(section_of(ld), og.get("article:section")),
        tags=keywords(ld.get("keywords"))
        or og_list(tree, "article:tag")
        or list(extracted.get("tags") or []),
        url=url,
        needs_review=not title,
        origin=origin,
    )


def first_text(*values: object) -> str:
    """Return the first non-empty string among values, squashed."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return squash(html_module.unescape(value))[:2000]
    return ""


def json_ld_article(tree: Any) -> dict[str, Any]:
    """Return the page's schema.org article object from its JSON-LD, or {}."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        source = (script.text or "")[:MAX_JSON_LD]
        try:
            data = json.loads(source)
        except (ValueError, RecursionError):
            continue
        for item in json_ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k in ARTICLE_TYPES for k in kinds):
                return item
    return {}


def json_ld_items(data: object) -> list[dict[str, Any]]:
    """Return the objects of a JSON-LD document: a list, an @graph or one object."""
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list):
            return [item for item in graph if isinstance(item, dict)]
        return [data]
    return []


def main_entity(ld: dict[str, Any]) -> str:
    """Return the URL in mainEntityOfPage (a string or an object with @id)."""
    entity = ld.get("mainEntityOfPage")
    if isinstance(entity, dict):
        entity = entity.get("@id")
    return entity if isinstance(entity, str) else ""


def section_of(ld: dict[str, Any]) -> str:
    """Return the first articleSection."""
    section = ld.get("articleSection")
    if isinstance(section, list):
        section = next((s for s in section if isinstance(s, str)), "")
    return section if isinstance(section, str) else ""


def names_of(value: object) -> list[str]:
    """Return the names in a JSON-LD author value (string, object or list of them)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not name.startswith("http"):
            names.append(squash(name)[:120])
    return names


def split_names(value: object) -> list[str]:
    """Return names from trafilatura's author string ("A; B")."""
    if not isinstance(value, str):
        return []
    return [squash(name) for name in value.split(";") if squash(name)]


def keywords(value: object) -> list[str]:
    """Return JSON-LD keywords (a list, or a comma-separated string)."""
    if isinstance(value, str):
        return [squash(k) for k in value.split(",") if squash(k)]
    if isinstance(value, list):
        return [squash(k) for k in value if isinstance(k, str) and squash(k)]
    return []


def open_graph(tree: Any) -> dict[str, str]:
    """Return the page's first value of each OpenGraph/article meta property."""
    found: dict[str, str] = {}
    for meta in tree.xpath("//meta[@property or @name]"):
        name = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = meta.get("content")
        if name.startswith(("og:", "article:")) and content and name not in found:
            found[name] = content
    return found


def og_list(tree: Any, name: str) -> list[str]:
    """Return every value of a repeated meta property (article:tag), names not URLs."""
    values = [
        squash(meta.get("content") or "")
        for meta in tree.xpath("//meta[@property=$name or @name=$name]", name=name)
    ]
    return [v for v in values if v and not v.startswith("http")]


def canonical(tree: Any) -> str:
    """Return the page's canonical link."""
    links = tree.xpath('//link[@rel="canonical"]/@href')
    return str(links[0]) if links else ""


def body_paragraphs(document: Any) -> list[str | Block]:
    """Return the main text as trafilatura found it: paragraph texts, and lists as blocks."""
    if document is None or document.body is None:
        return []
    parts: list[str | Block] = []
    for element in document.body:
        if element.tag == "list":
            items = [squash(" ".join(item.itertext())) for item in element.iter("item")]
            rows = "".join(f"<li>{html_module.escape(i, quote=False)}</li>" for i in items if i)
            if rows:
                parts.append(("paragraph", f"<ul>{rows}</ul>"))
        elif element.tag in ("p", "head", "quote"):
            text = squash(" ".join(element.itertext()))
            if text:
                parts.append(text)
    if not parts and document.text:
        parts = [squash(line) for line in str(document.text).split("\n") if line.strip()]
    return parts


def body_blocks(parts: list[str | Block]) -> list[Block]:
    """Return the body blocks: paragraphs with attributed quotations as quote blocks."""
    blocks: list[Block] = []
    texts: list[str] = []
    for part in parts:
        if isinstance(part, str):
            texts.append(part)
            continue
        blocks.extend(paragraphs_to_blocks(texts))
        texts = []
        blocks.append(part)
    blocks.extend(paragraphs_to_blocks(texts))
    return blocks
