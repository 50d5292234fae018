"""The demo newsroom is searchable: every published demo article is found by its headline."""

from __future__ import annotations

import pytest
from django.test import Client

from masthead.newsroom.demo.loader import load_demo
from masthead.newsroom.models import ArticlePage
from masthead.search.tests.helpers import found_urls

pytestmark = pytest.mark.django_db


def test_every_demo_article_is_found_by_its_headline(client: Client) -> None:
    """`masthead demo` publishes through Wagtail, so every article is in the search index.

    Each headline, searched as a quoted phrase, lists its article, also when
    narrowed to the article's own section. The loader is called without the
    command's ``after_demo_load`` hooks: other apps' enrichments play no part
    in search, and on PostgreSQL the related app's rebuild cannot run inside
    the test's single transaction (it creates an index behind pending
    constraint triggers).
    """
    load_demo()
    articles = list(ArticlePage.objects.live().public().order_by("pk"))
    assert len(articles) >= 20
    missed = [
        article.title
        for article in articles
        if article.url not in found_urls(client, q=f'"{article.title}"')
    ]
    assert missed == []
    first = articles[0]
    section = first.get_parent()
    assert first.url in found_urls(client, q=f'"{first.title}"', section=section.slug)
