"""Hostile and malformed input: results or an empty page, never an error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from masthead.search.tests.helpers import found_urls, write
from masthead.testing.factories import make_section

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "harbour AND wall",
    "harbour OR NOT wall",
    "NOT harbour",
    "-harbour",
    "+harbour +wall",
    "harb*",
    "*",
    "NEAR(harbour wall, 3)",
    "harbour NEAR wall",
    '"harbour wall',
    'harbour" wall"" "',
    '"""',
    "title:harbour",
    "{title body} : harbour",
    "harbour^3 wall~2",
    "'; DROP TABLE wagtailcore_page; --",
    "harbour' OR '1'='1",
    "1; SELECT * FROM auth_user",
    "%s %% %(q)s {0}",
    "\\\\ \\' \\\"",
    "harbour\x00wall",
    "\x00",
    "🚢 harbour 🌊",
    "Ħarbour ḧarbour",
    "harbour " * 1250,  # 10 kB
    "x" * 10_000,  # one 10 kB word
    "((((((((((harbour",
    "harbour))))))",
    "AND",
    "OR OR OR",
    "<script>alert(1)</script>",
]


@pytest.fixture(scope="module")
def harbour(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """Publish one article about a harbour wall for the whole module; yield its URL.

    Made once (publishing is the slow part of these tests) inside a transaction
    that each test's own transaction nests in, and rolled back at the end.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield write(make_section("World", slug="world"), "Harbour wall finished").url
        transaction.set_rollback(True)


@pytest.mark.parametrize("text", HOSTILE_QUERIES)
def test_hostile_queries_answer_200(client: Client, engine: str, harbour: str, text: str) -> None:
    """Operators, full-text syntax, SQL, NUL bytes and 10 kB strings give a page, not an error."""
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_operator_words_still_find_the_article(client: Client, engine: str, harbour: str) -> None:
    """Ignored operators leave the plain words to search for."""
    assert found_urls(client, q="harbour AND wall") == [harbour]
    assert found_urls(client, q='"harbour wall') == [harbour]
    assert found_urls(client, q="+harbour* NEAR(wall)") == [harbour]
    assert found_urls(client, q="harbour\x00wall") == [harbour]
    assert found_urls(client, q="'; DROP TABLE wagtailcore_page; --") == []


@pytest.mark.parametrize(
    "params",
    [
        {"q": "harbour", "published_from": "2020-13-45"},
        {"q": "harbour", "published_from": "yesterday"},
        {"q": "harbour", "published_to": "0000-00-00"},
        {"q": "harbour", "published_from": "0001-01-01"},
        {"q": "harbour", "published_to": "9999-12-31"},
        {"q": "harbour", "published_from": "2025-02-01", "published_to": "2025-01-01"},
        {"q": "harbour", "published_from": "2025-01-01\x00"},
        {"q": "harbour", "section": "no-such-section"},
        {"q": "harbour", "section": "world\x00"},
        {"q": "harbour", "section": "x" * 5000},
        {"q": "harbour", "section": "../../etc/passwd"},
        {"q": "harbour", "tag": "no such tag"},
        {"q": "harbour", "tag": "\x00"},
        {"q": "harbour", "tag": "t" * 10_000},
        {"q": "harbour", "author": "nobody"},
        {"q": "harbour", "author": "1 OR 1=1"},
        {"q": "harbour", "sort": "random"},
        {"q": "harbour", "sort": "-first_published_at"},
        {"q": "harbour", "page": "-1"},
        {"q": "harbour", "page": "99999999999999999999999"},
        {"q": "harbour", "page": "1e9"},
        {"section": "no-such-section"},
        {"unknown": "value"},
    ],
)
def test_invalid_filters_give_an_empty_page(
    client: Client, engine: str, harbour: str, params: dict[str, str]
) -> None:
    """Unknown or malformed filter values answer 200 with a message, never a 500."""
    response = client.get("/search/", params)
    assert response.status_code == 200


def test_invalid_filter_is_reported_next_to_its_field(client: Client, harbour: str) -> None:
    """The reader sees which field to correct, and no results from a half-read query."""
    response = client.get("/search/", {"q": "harbour", "section": "no-such-section"})
    html = response.content.decode()
    assert "Choose a section from the list." in html
    assert 'aria-invalid="true"' in html
    assert found_urls(client, q="harbour", section="no-such-section") == []


def test_repeated_parameters_use_the_last(client: Client, engine: str, harbour: str) -> None:
    """A query string with a parameter twice is read like any other."""
    response = client.get("/search/?q=nothing&q=harbour&sort=date&sort=relevance")
    assert response.status_code == 200
    assert harbour in response.content.decode()


def test_undecodable_query_string(client: Client, harbour: str) -> None:
    """Bytes that are not UTF-8 are replaced, not fatal."""
    response = client.get("/search/?q=%FF%FE%00harbour&section=%C0%AF")
    assert response.status_code == 200
