"""Health check, error pages, and hostile or malformed requests."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client

from masthead.testing.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


def test_healthz_answers_when_database_is_reachable(client: Client) -> None:
    """GET /healthz is 200 with the database up."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_reports_unreachable_database(client: Client) -> None:
    """GET /healthz is 503 when the database fails."""
    with mock.patch("masthead.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_healthz_refuses_writes(client: Client) -> None:
    """Only GET and HEAD are allowed on the health check."""
    assert client.post("/healthz").status_code == 405


def test_healthz_answers_probes_by_address_and_plain_http(settings: Any) -> None:
    """A probe on the machine or from a load balancer gets the health, not a redirect or 400.

    Before, with production settings `curl http://127.0.0.1:8000/healthz` got
    400 (the address is not in ALLOWED_HOSTS) and a plain-HTTP probe of the
    public name a 301 to HTTPS, so a load balancer marked a healthy site down.
    """
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    probe = Client()  # Built after the settings change: middleware reads them once.
    for host in ("127.0.0.1:8000", "10.0.4.7", "news.example.org"):
        response = probe.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert response.json() == {"status": "ok", "database": "ok"}
    assert probe.post("/healthz", HTTP_HOST="127.0.0.1").status_code == 405
    # Everything else keeps the host check and the redirect.
    assert probe.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    assert probe.get("/", HTTP_HOST="news.example.org").status_code == 301


def test_unknown_url_gets_site_404(client: Client) -> None:
    """Unknown URLs get the site's own 404 page with navigation."""
    make_section(title="Harbour")
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'class="site-nav"' in response.content


def test_server_error_page_leaks_nothing() -> None:
    """An exception gives the static 500 page: no traceback, settings or paths."""
    article = make_article()
    client = Client(raise_request_exception=False)
    with mock.patch(
        "masthead.newsroom.models.ArticlePage.get_context",
        side_effect=RuntimeError("secret-internal-detail /etc/passwd"),
    ):
        response = client.get(article.url)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    for leak in ("secret-internal-detail", "Traceback", "SECRET_KEY", "/work/", "masthead/"):
        assert leak not in body


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999999999999999999999",
        "page=%ff%fe%00",
        "page[]=1&page[]=2",
        "page=1&page=2",
        "%%%",
        "a=" + "x" * 20000,
        "page=1' OR '1'='1",
        "&&&===",
    ],
)
def test_malformed_query_strings_never_500(client: Client, query: str) -> None:
    """Section fronts answer 200 to any query string."""
    section = make_section()
    make_article(section)
    response = client.get(f"{section.url}?{query}")
    assert response.status_code == 200


def test_disallowed_host_is_400_not_500(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    """A forged Host header is refused, even when the page is cached."""
    settings.ALLOWED_HOSTS = ["testserver"]
    make_home()
    assert client.get("/").status_code == 200
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_oversized_header_values_do_not_500(client: Client) -> None:
    """Large headers are ignored rather than crashing a view."""
    make_home()
    response = client.get(
        "/",
        HTTP_USER_AGENT="x" * 16000,
        HTTP_ACCEPT_LANGUAGE="y" * 8000,
        HTTP_COOKIE="z=" + "c" * 8000,
    )
    assert response.status_code == 200


def test_hostile_path_is_404(client: Client) -> None:
    """Paths with traversal, NULs or odd encodings are 404s."""
    make_home()
    for path in (
        "/../../etc/passwd",
        "/%00/",
        "/%2e%2e/%2e%2e/",
        "/" + "a/" * 500,
        "/authors/%ff/",
    ):
        assert client.get(path).status_code in (400, 404), path


def test_security_headers_are_sent(client: Client) -> None:
    """Readers' pages carry a strict CSP and the usual hardening headers."""
    make_home()
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_media_files_are_served_with_cache_headers(client: Client) -> None:
    """Uploaded images are served by the app, cacheable, and traversal is refused."""
    from masthead.testing.factories import make_image

    image = make_image()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    for path in ("/media/../settings.py", "/media/%2e%2e/%2e%2e/etc/passwd"):
        assert client.get(path).status_code in (400, 404), path
    assert client.post(image.file.url).status_code == 405


def test_document_files_are_only_served_through_wagtail(client: Client) -> None:
    """A document in a private collection cannot be fetched by its file's address.

    Wagtail's document view checks the collection's privacy; before, the same
    file answered 200 (cacheable for a day) at /media/documents/<name>.
    """
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Legal: not for publication")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document = get_document_model()(title="Source memo", collection=private)
    document.file.save("source-memo.pdf", ContentFile(b"%PDF-1.4 memo"), save=True)
    assert client.get(document.url).status_code == 302  # to sign in
    file_url = document.file.url
    assert file_url.startswith("/media/documents/")
    for path in (file_url, file_url.replace("/documents/", "/images/../documents/"),
                 file_url.replace("/media/", "/media//")):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"memo" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_favicon_redirects_to_the_site_icon(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """/favicon.ico leads to the SVG icon that pages link, so browsers log no 404."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("masthead/favicon.svg")
    assert client.post("/favicon.ico").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        make_home()
    assert b'rel="icon"' in client.get("/").content


def test_media_path_too_long_for_the_file_system_is_404(client: Client) -> None:
    """A media address longer than the file system takes (PATH_MAX) is a 404, not a 500."""
    make_home()
    client.raise_request_exception = False
    assert client.get("/media/" + "harbour/" * 600 + "tide.jpg").status_code == 404


def test_csrf_failure_page_holds_under_the_content_security_policy() -> None:
    """A form sent with a stale or missing CSRF token gets the site's own 403 page,
    with no inline style for the policy to refuse.

    Before, Django's built-in page was sent, whose <style> block the strict policy
    refused (a console error, and an unstyled page).
    """
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "tove", "password": "not-used"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "<style" not in body
    assert "style=" not in body
    assert "masthead/masthead" in body  # The site's stylesheet link.
    assert "default-src 'self'" in response["Content-Security-Policy"]
