"""The page cache: shared pages for anonymous readers, purged when content changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings

from masthead.core.page_cache import HIT_HEADER
from masthead.newsroom import actions
from masthead.testing.clock import held_clock
from masthead.testing.factories import make_article, make_home, make_section
from masthead.testing.http import wsgi_get

pytestmark = pytest.mark.django_db


def test_anonymous_page_is_stored_then_replayed(client: Client) -> None:
    """The second anonymous request is answered from the cache, byte for byte."""
    article = make_article()
    first = client.get(article.url)
    second = client.get(article.url)
    assert first[HIT_HEADER] == "miss"
    assert second[HIT_HEADER] == "hit"
    assert first.content == second.content
    assert "public" in second["Cache-Control"]
    assert "s-maxage=" in second["Cache-Control"]
    assert "Content-Security-Policy" in second


def test_anonymous_page_does_not_vary_on_cookie(client: Client) -> None:
    """A CDN can share the page: no Set-Cookie and no Vary: Cookie."""
    article = make_article()
    response = client.get(article.url)
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_request_with_session_bypasses_cache(client: Client) -> None:
    """A reader with a session never gets, nor fills, the shared copy."""
    article = make_article()
    client.cookies[settings.SESSION_COOKIE_NAME] = "abc"
    response = client.get(article.url)
    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]


def test_signed_in_editor_sees_private_page_with_userbar(client: Client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    """Editors get the Wagtail user bar, and that page is private."""
    article = make_article()
    client.get(article.url)  # Fill the shared cache first.
    user = django_user_model.objects.create_superuser("ed", "ed@example.invalid", "pw")
    client.force_login(user)
    response = client.get(article.url)
    assert "private" in response["Cache-Control"]
    assert b"wagtail-userbar" in response.content or b"w-userbar" in response.content


def test_republishing_purges_article_section_and_front(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """An edit shows at once on the article, its section and the front page."""
    section = make_section(title="Harbour")
    article = make_article(section, title="Old headline about the pier")
    for url in (article.url, section.url, "/"):
        assert b"Old headline" in client.get(url).content
        assert client.get(url)[HIT_HEADER] == "hit"
    draft = article.get_latest_revision_as_object()
    draft.title = "New headline about the pier"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    for url in (article.url, section.url, "/"):
        response = client.get(url)
        assert b"New headline" in response.content, url
        assert b"Old headline" not in response.content, url


def test_purges_wait_for_the_commit(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Inside the publishing transaction the old page stays; the commit purges it.

    Purged before the commit, a reader could store the old page again in
    between, to be served until it expires.
    """
    section = make_section(title="Harbour")
    article = make_article(section, title="Old headline about the quay")
    for url in (article.url, section.url, "/"):
        assert client.get(url)[HIT_HEADER] in ("miss", "hit")
    draft = article.get_latest_revision_as_object()
    draft.title = "New headline about the quay"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft.save_revision().publish()
        for url in (article.url, section.url, "/"):
            assert client.get(url)[HIT_HEADER] == "hit", url
    with django_capture_on_commit_callbacks(execute=True):  # And what they queue.
        for callback in callbacks:
            callback()
    for url in (article.url, section.url, "/"):
        response = client.get(url)
        assert response[HIT_HEADER] == "miss", url
        assert b"New headline about the quay" in response.content, url


def test_unpublishing_purges_the_article(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A withdrawn article stops being served from the cache."""
    article = make_article()
    url = article.url
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(url).status_code == 404


def test_purges_reach_pages_with_non_ascii_addresses(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A republish or unpublish purges /café/färja/ although Wagtail's URL is percent-encoded.

    Before, the purge key was built from /caf%C3%A9/f%C3%A4rja/ and missed the
    stored page, which kept the old headline, or a withdrawn article, for s-maxage.
    """
    article = make_article(make_section(title="Café", slug="café"), title="Old", slug="färja")
    url = article.url
    assert "%C3%A9" in url
    assert b"Old" in client.get(url).content
    assert client.get(url)[HIT_HEADER] == "hit"
    draft = article.get_latest_revision_as_object()
    draft.title = "Corrected"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert b"Corrected" in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        article.refresh_from_db()
        article.unpublish()
    assert client.get(url).status_code == 404


def test_new_article_purges_front_page(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Publishing a new article refreshes the cached front page."""
    section = make_section()
    make_article(section, title="First story on the front")
    assert b"First story" in client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        make_article(section, title="Second story on the front")
    assert b"Second story" in client.get("/").content


def test_second_page_of_section_is_purged(  # type: ignore[no-untyped-def]
    client: Client, settings, django_capture_on_commit_callbacks: Any
) -> None:
    """Paginated section pages are purged along with the first page."""
    import datetime as dt

    from django.utils import timezone

    settings.MASTHEAD_SECTION_PAGE_SIZE = 2
    section = make_section()
    start = timezone.now() - dt.timedelta(days=1)
    for n in range(3):
        make_article(section, title=f"Story number {n}", published_at=start + dt.timedelta(hours=n))
    page_two = client.get(f"{section.url}?page=2")
    assert b"Story number 0" in page_two.content
    assert b"Story number 1" not in page_two.content
    with django_capture_on_commit_callbacks(execute=True):
        make_article(section, title="A newer story pushes others down", published_at=timezone.now())
    assert b"Story number 1" in client.get(f"{section.url}?page=2").content


def test_errors_are_never_cached(client: Client) -> None:
    """A 404 is answered fresh every time."""
    make_home()
    assert client.get("/no-such-page/").status_code == 404
    response = client.get("/no-such-page/")
    assert HIT_HEADER not in response


def test_post_is_never_cached(client: Client) -> None:
    """Only GET and HEAD are served from the cache."""
    article = make_article()
    client.get(article.url)
    response = client.post(article.url)
    assert response.get(HIT_HEADER) != "hit"


def test_head_request_replays_headers_without_body(client: Client) -> None:
    """HEAD gets the cached headers and an empty body."""
    article = make_article()
    client.get(article.url)
    response = client.head(article.url)
    assert response[HIT_HEADER] == "hit"
    assert response.content == b""


def test_preview_is_private(client: Client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    """Draft previews never reach a shared cache."""
    article = make_article()
    user = django_user_model.objects.create_superuser("ed2", "ed2@example.invalid", "pw")
    client.force_login(user)
    response = client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_query_string_variants_are_cached_apart(client: Client, settings: Any) -> None:
    """?page=2 and ?page=1 are different entries."""
    settings.MASTHEAD_SECTION_PAGE_SIZE = 1
    section = make_section()
    make_article(section)
    make_article(section)
    one = client.get(section.url, {"page": "1"})
    two = client.get(section.url, {"page": "2"})
    assert one[HIT_HEADER] == "miss"
    assert two[HIT_HEADER] == "miss"


def test_tracking_parameters_share_the_page_and_its_purge(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A shared link's utm_ and click ids read the stored page, and an unpublish reaches it.

    Before, /story/?utm_source=... was stored apart and never purged: a withdrawn
    article stayed readable from shared links until it expired.
    """
    article = make_article(title="Pier lights switched off")
    assert client.get(article.url)[HIT_HEADER] == "miss"
    shared = f"{article.url}?utm_source=newsletter&UTM_Medium=email&fbclid=Iw4r"
    assert client.get(shared)[HIT_HEADER] == "hit"
    paged = client.get(f"{article.url}?page=2&utm_campaign=autumn")
    assert HIT_HEADER not in paged  # an article has no page 2: never stored
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(shared).status_code == 404
    assert client.get(f"{article.url}?gclid=x").status_code == 404


def test_scheduled_publish_purges_front(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """An article published by the scheduler appears on the cached front page.

    Scheduled an hour ahead, then published with the clock moved on: before, it
    was scheduled a second ahead, and on a loaded machine it went live at once.
    """
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from masthead.testing.clock import clock_at

    section = make_section()
    make_article(section, title="Already out")
    assert b"Already out" in client.get("/").content
    go_live = timezone.now() + dt.timedelta(hours=1)
    article = actions.create_article(
        section, title="Embargoed until noon", standfirst="Held back.", go_live_at=go_live
    )
    assert not article.live
    assert b"Embargoed" not in client.get("/").content
    with clock_at(go_live + dt.timedelta(seconds=0.2)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("scheduler", once=True)
        assert b"Embargoed until noon" in client.get("/").content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wsgi_layer_answers_hits_and_honours_purges() -> None:
    """The WSGI wrapper serves stored pages before Django, and sees purges at once."""
    article = make_article(title="A story told twice")
    status, headers, first = wsgi_get(article.url)
    assert status.startswith("200") and headers[HIT_HEADER] == "miss"
    status, headers, second = wsgi_get(article.url)
    assert headers[HIT_HEADER] == "hit" and second == first
    draft = article.get_latest_revision_as_object()
    draft.title = "A story told once more"
    draft.save_revision().publish()
    _, headers, third = wsgi_get(article.url)
    assert headers[HIT_HEADER] == "miss" and b"told once more" in third


def test_replayed_page_carries_its_age(client: Client) -> None:
    """A hit says, in whole seconds, how long ago its stored copy was made; a miss says nothing.

    A CDN counts a page's ``s-maxage`` from then, so a copy it fetches late is
    not kept past what the page was made to last.
    """
    article = make_article()
    with held_clock() as move_on:
        first = client.get(article.url)
        move_on(7.6)
        second = client.get(article.url)
        move_on(5)
        head = client.head(article.url)
    assert first[HIT_HEADER] == "miss" and "Age" not in first
    assert second[HIT_HEADER] == "hit" and second["Age"] == "7"
    assert head[HIT_HEADER] == "hit" and head["Age"] == "12"  # Counted afresh, never stored.


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wsgi_layer_replays_a_page_with_its_age() -> None:
    """The WSGI layer's hits carry the stored copy's age as well, counted at each hit."""
    article = make_article()
    with held_clock() as move_on:
        _, first, _ = wsgi_get(article.url)
        move_on(4)
        _, second, _ = wsgi_get(article.url)
        move_on(30)
        _, third, _ = wsgi_get(article.url)
    assert first[HIT_HEADER] == "miss" and "Age" not in first
    assert second[HIT_HEADER] == "hit" and second["Age"] == "4"
    assert third[HIT_HEADER] == "hit" and third["Age"] == "34"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wsgi_layer_passes_readers_with_sessions_and_bad_hosts_to_django(settings) -> None:  # type: ignore[no-untyped-def]
    """Sessions, credentials, POSTs and unknown hosts never get the shared copy."""
    settings.ALLOWED_HOSTS = ["testserver"]
    article = make_article()
    wsgi_get(article.url)
    _, headers, _ = wsgi_get(article.url, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=x")
    assert headers.get(HIT_HEADER) != "hit"
    _, headers, _ = wsgi_get(article.url, HTTP_AUTHORIZATION="Basic eDp5")
    assert headers.get(HIT_HEADER) != "hit"
    status, _, _ = wsgi_get(article.url, HTTP_HOST="evil.example")
    assert status.startswith("400")
    _, headers, body = wsgi_get(article.url, REQUEST_METHOD="HEAD")
    assert headers[HIT_HEADER] == "hit" and body == b""


def test_plain_http_is_redirected_even_when_the_page_is_cached(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    """With SECURE_SSL_REDIRECT, a page stored for HTTPS readers never answers plain HTTP.

    Before, the first HTTPS reader's copy was served to every plain-HTTP request
    (200, a hit) instead of the redirect production settings ask for.
    """
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    article = make_article()
    assert client.get(article.url, HTTP_X_FORWARDED_PROTO="https")[HIT_HEADER] == "miss"
    assert client.get(article.url, HTTP_X_FORWARDED_PROTO="https")[HIT_HEADER] == "hit"
    response = client.get(article.url)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert client.get(article.url, HTTP_X_FORWARDED_PROTO="http").status_code == 301


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wsgi_layer_leaves_plain_http_to_the_https_redirect() -> None:
    """The WSGI wrapper answers HTTPS readers (by the proxy's header or the scheme) only."""
    from masthead.wsgi import django_application

    article = make_article()
    https = {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    }
    try:
        with override_settings(**https):
            # Django's security middleware reads the setting when the chain is built.
            django_application.load_middleware()
            check_https_only(article.url)
    finally:
        django_application.load_middleware()


def check_https_only(url: str) -> None:
    """Check that the WSGI layer serves HTTPS readers and leaves plain HTTP to Django."""
    wsgi_get(url, HTTP_X_FORWARDED_PROTO="https")
    _, headers, _ = wsgi_get(url, HTTP_X_FORWARDED_PROTO="https, http")
    assert headers[HIT_HEADER] == "hit"
    for plain in ({}, {"HTTP_X_FORWARDED_PROTO": "http"}):
        status, headers, _ = wsgi_get(url, **plain)
        assert status.startswith("301"), plain
        assert headers["Location"].startswith("https://")
    with override_settings(SECURE_PROXY_SSL_HEADER=None):
        _, headers, _ = wsgi_get(url, **{"wsgi.url_scheme": "https"})
        assert headers[HIT_HEADER] == "hit"
        status, _, _ = wsgi_get(url)
        assert status.startswith("301")


def test_shared_lifetime_honours_a_shorter_s_maxage_only() -> None:
    """A response's own s-maxage shortens its stay in the page cache; never lengthens it."""
    from django.http import HttpResponse

    from masthead.core.page_cache import page_cache_settings, shared_lifetime

    ceiling = page_cache_settings()["S_MAXAGE"]
    short = HttpResponse(headers={"Cache-Control": "public, max-age=30, s-maxage=30"})
    assert shared_lifetime(short) == 30
    long = HttpResponse(headers={"Cache-Control": f"public, s-maxage={ceiling * 10}"})
    assert shared_lifetime(long) == ceiling
    junk = HttpResponse(headers={"Cache-Control": "public, s-maxage=soon, S-MAXAGE=-4"})
    assert shared_lifetime(junk) == ceiling
    assert shared_lifetime(HttpResponse()) == ceiling


def test_unpublishing_reaches_the_article_under_any_query_string(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A withdrawn article is not served from a stored copy at its address plus a query.

    Before, /story/?from=home or /story/?page=2 was stored under its own key, which
    no purge names: the withdrawn article stayed readable there until s-maxage.
    """
    article = make_article(title="Ferry timetable leaked early")
    variants = [f"{article.url}?from=home", f"{article.url}?page=2", f"{article.url}?page=01"]
    for url in variants:
        assert b"Ferry timetable" in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    for url in variants:
        assert client.get(url).status_code == 404, url


def test_unpublishing_reaches_every_listing_address(
    client: Client, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    """A section's or author's page out of range, or oddly written, is never left stale."""
    settings.MASTHEAD_SECTION_PAGE_SIZE = 2
    section = make_section(title="Islands")
    author = actions.create_author(name="Oda Fennick")
    article = make_article(section, title="Causeway closed by the tide", authors=[author])
    base_urls = [section.url, author.get_absolute_url()]
    queries = ["?page=99", "?page=last", "?page=1&page=1", "?sort=old"]
    for base in base_urls:
        for query in queries:
            assert b"Causeway closed" in client.get(base + query).content, base + query
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    for base in base_urls:
        for query in queries:
            assert b"Causeway closed" not in client.get(base + query).content, base + query


def add_harbour_site() -> tuple[Any, Any]:
    """Add a second Site, harbour.test, whose home is the Harbour section; return both."""
    from wagtail.models import Site

    section = make_section(title="Harbour Desk", slug="harbour")
    site = Site.objects.create(hostname="harbour.test", port=80, root_page=section)
    return section, site


def test_two_sites_never_share_a_page(client: Client) -> None:
    """Each Site's "/" is its own page, whichever host asked first.

    Before, pages were stored under their path alone: the first site's front page
    answered "/" on the second site's host too (and the other way round).
    """
    add_harbour_site()
    front = client.get("/")
    harbour = client.get("/", HTTP_HOST="harbour.test")
    assert front[HIT_HEADER] == "miss" and harbour[HIT_HEADER] == "miss"
    assert harbour.content != front.content
    assert b"Harbour Desk</h1>" in harbour.content
    assert b"Harbour Desk</h1>" not in client.get("/").content
    assert b"Harbour Desk</h1>" in client.get("/", HTTP_HOST="harbour.test").content


def test_purges_reach_every_site_showing_a_page(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A withdrawn article leaves both sites that show it, and every host of each.

    Before, Wagtail named one address of the article (the harbour site's) in its
    purge, and the copy under the main site's address stayed readable.
    """
    section, _ = add_harbour_site()
    article = make_article(section, title="Lighthouse keeper retires", slug="lighthouse")
    copies = [
        ("testserver", "/harbour/lighthouse/"),
        ("localhost", "/harbour/lighthouse/"),
        ("harbour.test", "/lighthouse/"),
    ]
    for host, path in copies:
        assert b"Lighthouse keeper" in client.get(path, HTTP_HOST=host).content, host
        assert client.get(path, HTTP_HOST=host)[HIT_HEADER] == "hit", host
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    for host, path in copies:
        assert client.get(path, HTTP_HOST=host).status_code == 404, host


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wsgi_layer_keeps_each_site_to_its_own_pages() -> None:
    """The WSGI wrapper answers a host only with pages its own Site stored."""
    add_harbour_site()
    for host in ("testserver", "harbour.test"):  # Each Site's first page creates its identity.
        wsgi_get("/", HTTP_HOST=host)
    _, _, front = wsgi_get("/")
    _, headers, harbour = wsgi_get("/", HTTP_HOST="harbour.test")
    assert b"Harbour Desk</h1>" in harbour and b"Harbour Desk</h1>" not in front
    for host, page in (("harbour.test", harbour), ("testserver", front)):
        _, headers, again = wsgi_get("/", HTTP_HOST=host)
        assert headers[HIT_HEADER] == "hit" and again == page, host
