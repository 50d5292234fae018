"""Builders shared by the search tests."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client

from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.testing.factories import make_article

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
RESULT_LINK = re.compile(r'<h3 class="search-result__headline"><a href="([^"]+)">')


def write(section: SectionPage, title: str, body: str = "", **fields: Any) -> ArticlePage:
    """Publish an article whose headline and first paragraph are given."""
    paragraph = body or "The council met on Tuesday evening."
    fields.setdefault("standfirst", "A short report from the town hall.")
    return make_article(section, title=title, body=[("paragraph", f"<p>{paragraph}</p>")], **fields)


def found_urls(client: Client, **params: str) -> list[str]:
    """Return the article URLs the search page lists, in order."""
    response = client.get("/search/", params)
    assert response.status_code == 200
    return RESULT_LINK.findall(response.content.decode())
