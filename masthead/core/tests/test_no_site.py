"""A request no Wagtail Site serves: pages answer 404, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import Site

from masthead.testing.factories import make_article


@pytest.fixture
def article_path() -> str:
    """Publish an article, then leave the installation without a default Site."""
    article = make_article()
    path = article.url_path.removeprefix(article.get_site().root_page.url_path)
    Site.objects.update(is_default_site=False)
    return "/" + path.lstrip("/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "ARTICLE", "/search/?q=ferry", "/feeds/rss/", "/sitemap.xml"]
)
def test_pages_answer_404_when_no_site_serves_the_host(
    client: Client, article_path: str, path: str
) -> None:
    """With no matching and no default Site, a reader's page is not found, as in Wagtail."""
    response = client.get(
        article_path if path == "ARTICLE" else path, HTTP_HOST="elsewhere.invalid"
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_pages_answer_404_when_there_is_no_site_at_all(client: Client, article_path: str) -> None:
    """Deleting every Site leaves the front page and the feed not found, not broken."""
    Site.objects.all().delete()
    assert client.get("/").status_code == 404
    assert client.get(article_path).status_code == 404
    assert client.get("/feeds/atom/").status_code == 404


@pytest.mark.django_db
def test_health_check_answers_without_a_site(client: Client, article_path: str) -> None:
    """The health check does not depend on a Site."""
    Site.objects.all().delete()
    response = client.get("/healthz", HTTP_HOST="elsewhere.invalid")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_machine_addresses_do_not_crash_without_a_site(client: Client, article_path: str) -> None:
    """Author and tag pages and one article's ninjs are not found; robots.txt and the API answer."""
    from masthead.newsroom.models import ArticlePage
    from masthead.testing.factories import make_author

    author = make_author()
    article = ArticlePage.objects.get()
    for path in [author.get_absolute_url(), "/tags/ferries/", f"/api/ninjs/{article.pk}/"]:
        assert client.get(path, HTTP_HOST="elsewhere.invalid").status_code == 404, path
    for path in ["/robots.txt", "/api/v2/pages/"]:
        assert client.get(path, HTTP_HOST="elsewhere.invalid").status_code < 500, path
