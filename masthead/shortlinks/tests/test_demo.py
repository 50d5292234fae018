"""The demo newsroom: every published article has a working short link and QR code."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from masthead.newsroom.models import ArticlePage
from masthead.shortlinks.models import ShortLink

pytestmark = pytest.mark.django_db


def test_every_published_demo_article_has_a_working_short_link(client: Client) -> None:
    """`masthead demo` publishes through Wagtail, and publishing makes the links."""
    call_command("demo", stdout=io.StringIO())
    articles = list(ArticlePage.objects.live())
    assert articles
    links = {link.target_id: link for link in ShortLink.objects.filter(target__in=articles)}
    assert set(links) == {article.pk for article in articles}
    for article in articles[:5]:
        code = links[article.pk].code
        assert client.get(f"/s/{code}")["Location"] == article.get_full_url()
        assert client.get(f"/s/{code}/qr.svg").status_code == 200
