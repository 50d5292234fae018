"""page_url: the URL of a page from its url_path, as Wagtail's pageurl gives it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from masthead.core.page_urls import page_url
from masthead.testing.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


def test_matches_wagtail_on_one_site() -> None:
    """With one site, URLs are relative, with or without a request."""
    article = make_article()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert page_url(article.url_path) == article.url
    assert page_url(article.url_path, request) == article.get_url(request)
    assert page_url(article.get_parent().url_path, request) == article.get_parent().url


def test_pages_of_another_site_get_absolute_urls() -> None:
    """On a second site's request, the first site's page is linked in full, as Wagtail does."""
    article = make_article()
    home = make_home()
    other_root = Page.get_first_root_node().add_child(title="Other", slug="other-root")
    Site.objects.filter(is_default_site=True).update(hostname="news.example.org", port=80)
    other = Site.objects.create(hostname="radio.example.org", port=80, root_page=other_root)
    Site.clear_site_root_paths_cache()
    request = RequestFactory().get("/", HTTP_HOST="radio.example.org")
    request._wagtail_site = other  # type: ignore[attr-defined]
    expected = article.get_url(request)
    assert expected.startswith("http://news.example.org/")
    assert page_url(article.url_path, request) == expected
    assert page_url(home.url_path + "nowhere/", request) == home.get_url(request) + "nowhere/"


def test_a_page_outside_every_site_has_no_url() -> None:
    """A path no site root holds gives None, like Page.url."""
    make_section()
    assert page_url("/elsewhere/page/") is None
