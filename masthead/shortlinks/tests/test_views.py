"""The redirect, the share page and the QR code, through HTTP."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from pytest_django import Settings
from wagtail.actions.unpublish_page import UnpublishPageAction

from masthead.shortlinks import actions
from masthead.shortlinks.models import ShortLink
from masthead.testing.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def link_of(page: object) -> ShortLink:
    """Return the short link of a page."""
    return ShortLink.objects.get(target=page)


def test_code_redirects_to_the_current_url_privately(client: Client) -> None:
    """302 to the page's full URL, never cached by anyone, kept out of indexes."""
    article = make_article()
    response = client.get(f"/s/{link_of(article).code}")
    assert response.status_code == 302
    assert response["Location"] == article.get_full_url()
    assert response["Cache-Control"] == "private, max-age=0"
    assert response["X-Robots-Tag"] == "noindex"


def test_permanent_setting_switches_to_301(client: Client, settings: Settings) -> None:
    """SHORTLINKS_PERMANENT makes the redirect a 301."""
    settings.SHORTLINKS_PERMANENT = True
    article = make_article()
    assert client.get(f"/s/{link_of(article).code}").status_code == 301


def test_redirect_follows_slug_changes_and_moves(client: Client) -> None:
    """After a new slug and a move to another section, the code leads to the new URL."""
    article = make_article()
    code = link_of(article).code
    client.get(f"/s/{code}")  # Cache the old address.
    draft = article.get_latest_revision_as_object()
    draft.slug = "renamed-story"
    draft.save_revision().publish()
    article.refresh_from_db()
    assert client.get(f"/s/{code}")["Location"].endswith("/renamed-story/")
    section = make_section(slug="elsewhere")
    article.move(section, pos="last-child")
    assert client.get(f"/s/{code}")["Location"].endswith("/elsewhere/renamed-story/")


def test_unpublished_and_deleted_targets_are_gone(client: Client) -> None:
    """A withdrawn article answers 410 at once, even after its redirect was cached."""
    article = make_article()
    code = link_of(article).code
    assert client.get(f"/s/{code}").status_code == 302
    article.unpublish()
    response = client.get(f"/s/{code}")
    assert response.status_code == 410
    assert response["Cache-Control"] == "private, max-age=0"
    article.delete()
    assert client.get(f"/s/{code}").status_code == 410


def test_alias_redirects_like_the_code(client: Client) -> None:
    """A readable alias leads to the same place."""
    article = make_article()
    actions.set_alias(link_of(article), "harbour-vote")
    assert client.get("/s/harbour-vote")["Location"] == article.get_full_url()
    assert client.get("/s/Harbour-Vote.")["Location"] == article.get_full_url()


def test_section_links_redirect_too(client: Client) -> None:
    """Any page can be a target."""
    section = make_section()
    link = actions.ensure_short_link(section)
    assert client.get(f"/s/{link.code}")["Location"] == section.get_full_url()


@pytest.mark.parametrize(
    "suffix", ["", "/", "//", ".", ",", ")", "!", ").", "?", "%29", "%2F"], ids=repr
)
def test_pasted_forms_of_a_code_redirect(client: Client, suffix: str) -> None:
    """Wrong case, trailing slashes and chat punctuation still find the link."""
    article = make_article()
    code = link_of(article).code
    for pasted in (f"/s/{code.upper()}{suffix}", f"/s/{code}{suffix}"):
        response = client.get(pasted)
        assert response.status_code == 302, pasted
        assert response["Location"] == article.get_full_url(), pasted


@pytest.mark.parametrize(
    "path",
    [
        "/s/zzzzzzz",
        "/s/%00%ff%fe",
        "/s/%25%25%25",
        "/s/..%2f..%2fetc%2fpasswd",
        "/s/../../etc/passwd",
        "/s/" + "x" * 10_000,
        "/s/" + "%41" * 3_000,
        "/s/%E2%80%AE",
        "/s/bcd 2345",
    ],
    ids=lambda path: path[:30],
)
def test_junk_is_a_quick_404_never_a_500(client: Client, path: str) -> None:
    """Unknown or malformed codes answer 404, and junk costs no query at all."""
    make_article()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 404
    lookups = [q["sql"] for q in queries.captured_queries if "shortlinks_shortlink" in q["sql"]]
    assert len(lookups) <= 1
    if "zzzzzzz" not in path:
        assert lookups == []


def test_unknown_code_uses_the_unique_indexes(client: Client) -> None:
    """The lookup is one query on the code and alias indexes, no table scan."""
    make_article()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/s/zzzzzzz").status_code == 404
    (sql,) = [q["sql"] for q in queries.captured_queries if "shortlinks_shortlink" in q["sql"]]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "INDEX" in plan.upper() and "SCAN shortlinks_shortlink" not in plan


def test_share_page_shows_url_field_and_qr_and_is_cacheable(client: Client) -> None:
    """The no-JavaScript page: the short URL in a labelled field, the QR code, shareable."""
    article = make_article()
    code = link_of(article).code
    response = client.get(f"/s/{code}/share")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/s/{code}" in html and 'for="short-url-field"' in html
    assert f'src="/s/{code}/qr.svg"' in html
    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_qr_code_is_valid_svg_with_long_cache(client: Client) -> None:
    """The QR code is an SVG document, cacheable for a month."""
    article = make_article()
    response = client.get(f"/s/{link_of(article).code}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=2592000" in response["Cache-Control"]
    root = ET.fromstring(response.content)  # noqa: S314  (our own SVG, not untrusted input)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


def test_share_and_qr_of_unknown_or_gone_links_are_404(client: Client) -> None:
    """Nothing to share once the article is withdrawn."""
    article = make_article()
    code = link_of(article).code
    article.unpublish()
    for path in (f"/s/{code}/share", f"/s/{code}/qr.svg", "/s/zzzzzzz/share"):
        assert client.get(path).status_code == 404


def test_separate_short_host_redirects_root_paths(client: Client, settings: Settings) -> None:
    """With SHORTLINK_BASE_URL on its own host, that host's /<code> redirects too."""
    settings.SHORTLINK_BASE_URL = "https://sho.rt/"
    article = make_article()
    code = link_of(article).code
    share = client.get(f"/s/{code}/share").content.decode()
    assert f"https://sho.rt/{code}" in share
    assert client.get(f"/s/{code}").status_code == 302


def test_section_changes_reach_the_redirects_of_its_articles(
    client: Client, django_user_model: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Renaming a section's slug or unpublishing it changes its articles' redirects at once."""
    section = make_section(slug="harbour")
    article = make_article(section)
    code = link_of(article).code
    assert "/harbour/" in client.get(f"/s/{code}")["Location"]
    draft = section.get_latest_revision_as_object()
    draft.slug = "port"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert "/port/" in client.get(f"/s/{code}")["Location"]
    section.refresh_from_db()
    editor = django_user_model.objects.create_superuser("ed", "ed@example.invalid", "pw")
    UnpublishPageAction(section, user=editor, include_descendants=True).execute()
    assert client.get(f"/s/{code}").status_code == 410


def test_share_page_leaves_the_page_cache_when_its_article_changes(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A withdrawn article's share page is gone at once; a new headline shows at once.

    Before the fix the share page stayed in the page cache after the article was
    unpublished (its redirect already said 410), showing the withdrawn headline.
    """
    article = make_article(title="Quay crane inspection ordered")
    link = link_of(article)
    actions.set_alias(link, "quay-crane")
    paths = [f"/s/{link.code}/share", "/s/quay-crane/share"]
    for path in paths:
        client.get(path)
        assert "Quay crane inspection ordered" in client.get(path).content.decode()
    draft = article.get_latest_revision_as_object()
    draft.title = "Quay crane inspection postponed"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    for path in paths:
        assert "Quay crane inspection postponed" in client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.refresh_from_db()
        article.unpublish()
    for path in paths:
        response = client.get(path)
        assert response.status_code == 404
        assert "Quay crane" not in response.content.decode()


def test_share_page_under_another_spelling_is_not_cached(client: Client) -> None:
    """Only the code's own spelling is cached, since only it is purged on changes."""
    code = link_of(make_article()).code
    assert "public" in client.get(f"/s/{code}/share")["Cache-Control"]
    assert "private" in client.get(f"/s/{code.upper()}/share")["Cache-Control"]


def test_share_page_of_a_changed_alias_leaves_the_page_cache(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Once an alias is changed or removed, its share page no longer answers from the cache."""
    link = link_of(make_article(title="Lifeboat station extended"))
    actions.set_alias(link, "lifeboat")
    for _ in range(2):  # The second request is answered from the page cache.
        assert client.get("/s/lifeboat/share").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_alias(link, "lifeboat-station")
    assert client.get("/s/lifeboat/share").status_code == 404
    assert client.get("/s/lifeboat-station/share").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_alias(link, None)
    assert client.get("/s/lifeboat-station/share").status_code == 404


def test_share_page_of_a_restricted_article_keeps_its_headline_private(client: Client) -> None:
    """Anyone holding the code sees the short URL, but not a members-only headline."""
    from wagtail.models import PageViewRestriction

    article = make_article(title="Quarry sale terms agreed")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    code = link_of(article).code
    response = client.get(f"/s/{code}/share")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/s/{code}" in html
    assert "Quarry sale" not in html


def test_signed_in_editors_share_page_is_private(client: Client, django_user_model: Any) -> None:
    """An editor's share page carries the Wagtail user bar, so no shared cache keeps it.

    Before, the share page was marked public (s-maxage) for editors too.
    """
    article = make_article()
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.invalid", "pw"))
    response = client.get(f"/s/{link_of(article).code}/share")
    assert b"w-userbar" in response.content or b"wagtail-userbar" in response.content
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.parametrize("view_name", ["share", "qr_code"])
def test_share_and_qr_of_a_link_deleted_after_its_lookup_are_404(
    client: Client, rf: RequestFactory, monkeypatch: pytest.MonkeyPatch, view_name: str
) -> None:
    """A link deleted between the (cached) resolution and the read of its row is a 404.

    Before the fix an `assert link is not None` turned that moment into a 500.
    """
    from masthead.shortlinks import views

    article = make_article()
    code = link_of(article).code
    assert client.get(f"/s/{code}/share").status_code == 200  # The resolution is cached.
    real_find_link = views.find_link

    def deleted_meanwhile(key: str) -> ShortLink | None:
        ShortLink.objects.filter(code=code).delete()
        return real_find_link(key)

    monkeypatch.setattr(views, "find_link", deleted_meanwhile)
    with pytest.raises(Http404):
        getattr(views, view_name)(rf.get(f"/s/{code}/share"), code)


def test_a_target_past_its_expiry_is_gone_before_the_scheduler_runs(client: Client) -> None:
    """An article past its expire_at answers 410, and a cached redirect does not outlive it.

    Before the fix the code kept redirecting to the expired article, from the
    cache for up to an hour, until the scheduler unpublished it.
    """
    import datetime as dt

    from django.core.cache import caches
    from django.utils import timezone

    from masthead.core.page_cache import CACHE_ALIAS
    from masthead.newsroom.models import ArticlePage
    from masthead.shortlinks.resolution import resolution_key

    soon, gone = make_article(), make_article()
    ArticlePage.objects.filter(pk=soon.pk).update(
        expire_at=timezone.now() + dt.timedelta(seconds=30)
    )
    ArticlePage.objects.filter(pk=gone.pk).update(
        expire_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert client.get(f"/s/{link_of(gone).code}").status_code == 410
    code = link_of(soon).code
    assert client.get(f"/s/{code}").status_code == 302
    cached = caches[CACHE_ALIAS].get(resolution_key(code))
    assert cached is not None and cached[-1] <= time.time() + 30
