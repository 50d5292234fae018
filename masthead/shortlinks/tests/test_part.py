"""The article's "Get short URL" part: cacheable, accessible markup, no extra query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from masthead.core.page_cache import HIT_HEADER, purge_urls
from masthead.shortlinks.models import ShortLink
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db


def test_article_page_offers_its_short_url(client: Client) -> None:
    """The part links to the share page and carries the URL, copy button and QR code."""
    article = make_article()
    code = ShortLink.objects.get(target=article).code
    html = client.get(article.url).content.decode()
    assert f'href="/s/{code}/share"' in html
    assert "Get short URL" in html
    assert f"/s/{code}" in html and f"/s/{code}/qr.svg" in html
    assert 'for="short-url-field"' in html and "shortlinks/shortlinks.js" in html
    assert "<script>" not in html  # Strict CSP: the script is a file.


def test_article_page_stays_shared_and_costs_no_shortlink_query(client: Client) -> None:
    """The part adds no per-reader state and, once cached, no query."""
    article = make_article()
    client.get(article.url)
    purge_urls([f"http://testserver{article.url}"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert not [q for q in queries.captured_queries if "shortlinks_" in q["sql"]]
    assert "public" in response["Cache-Control"] and not response.cookies
    assert client.get(article.url)[HIT_HEADER] == "hit"


def test_page_without_link_shows_no_control(client: Client) -> None:
    """No dead control: an article whose link was removed shows no part."""
    article = make_article()
    ShortLink.objects.filter(target=article).delete()
    from masthead.shortlinks.resolution import forget_links

    forget_links([ShortLink(code="xxxxxxx", target_id=article.pk)])
    assert "Get short URL" not in client.get(article.url).content.decode()
