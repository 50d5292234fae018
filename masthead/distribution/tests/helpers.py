"""Builders and checkers shared by the distribution tests."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from django.utils import timezone
from lxml import etree

from masthead.newsroom.actions import add_correction
from masthead.newsroom.models import ArticlePage
from masthead.tagging.tests.helpers import make_tag, tagged_article
from masthead.testing.factories import make_author, make_image, make_section

XSD_DIR = Path(__file__).resolve().parent / "xsd"


def schema(name: str) -> etree.XMLSchema:
    """Return one of the bundled XML schemas."""
    return etree.XMLSchema(etree.parse(str(XSD_DIR / name)))


def assert_valid_xml(body: bytes, schema_name: str) -> etree._Element:
    """Parse XML and assert it validates against a bundled schema; return its root."""
    root = etree.fromstring(body)
    checker = schema(schema_name)
    assert checker.validate(root), checker.error_log
    return root


def full_article(**overrides: Any) -> ArticlePage:
    """Return a live article with a lead image, two authors, two tags and a correction."""
    section = overrides.pop("section", None) or make_section("Harbour", slug="harbour")
    authors = overrides.pop("authors", None) or [
        make_author("Mira Lund", slug="mira-lund", role="Harbour correspondent"),
        make_author("Oskar Penn", slug="oskar-penn"),
    ]
    fields: dict[str, Any] = {
        "section": section,
        "title": "Averly council delays the pier vote",
        "standfirst": "Councillors want another survey of the old timber piles.",
        "body": [
            ("paragraph", "<p>The vote was due on <b>Tuesday</b>.</p>"),
            (
                "quote",
                {"text": "We will not rush this.", "speaker": "Ines Caldor", "attribution": "said"},
            ),
            (
                "image",
                {
                    "image": make_image(title="North quay"),
                    "caption": "The north quay",
                    "credit": "Tomas Verne",
                },
            ),
        ],
        "authors": authors,
        "lead_image": make_image(title="Pier at dusk", width=1600, height=900),
        "lead_image_caption": "The old pier at dusk.",
        "published_at": timezone.now() - dt.timedelta(hours=3),
    }
    fields.update(overrides)
    tags = [make_tag("Averly council", "organisation"), make_tag("Piers")]
    return tagged_article(*tags, **fields)


def correct(article: ArticlePage, text: str = "An earlier version gave the wrong day.") -> None:
    """Add a correction an hour ago."""
    add_correction(article, text, corrected_at=timezone.now() - dt.timedelta(hours=1))


def json_ld_blocks(html: str) -> list[dict[str, Any]]:
    """Return the parsed JSON-LD blocks of a page."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def still_fresh_for_a_cache(old: Any, new: Any) -> bool:
    """Return whether a cache holding ``old`` would be told "not modified" given ``new``.

    As RFC 9110 (13.1) has a CDN or a feed reader revalidate: by ``ETag`` when
    the old response had one, else by comparing ``Last-Modified`` dates.
    """
    from django.utils.http import parse_http_date_safe

    if old.has_header("ETag"):
        return bool(old["ETag"] == new.get("ETag"))
    before = parse_http_date_safe(old.get("Last-Modified", ""))
    after = parse_http_date_safe(new.get("Last-Modified", ""))
    return before is not None and after is not None and after <= before
