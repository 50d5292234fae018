"""The WSGI fast path answers exactly as the Django view does, and sees changes at once."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import Settings

from masthead.shortlinks.counting import tally
from masthead.shortlinks.models import ShortLink, ShortLinkDailyCount
from masthead.testing.factories import make_article
from masthead.testing.http import wsgi_get

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
COMPARED_HEADERS = ("Location", "Cache-Control", "X-Robots-Tag", "Content-Type")


def is_fast(headers: dict[str, str]) -> bool:
    """Return whether the fast path answered (Django adds its CSP header; we do not)."""
    return "Content-Security-Policy" not in headers and "X-Frame-Options" not in headers


def test_fast_path_answers_like_the_view(client: Client) -> None:
    """After the first click fills the cache, the fast path gives the view's answer."""
    article = make_article()
    code = ShortLink.objects.get(target=article).code
    status, first, _ = wsgi_get(f"/s/{code}")
    assert status.startswith("302") and not is_fast(first)
    status, fast, body = wsgi_get(f"/s/{code}")
    assert status == "302 Found" and is_fast(fast) and body == b""
    view = client.get(f"/s/{code}")
    for name in ("Location", "Cache-Control", "X-Robots-Tag"):
        assert fast[name] == view[name] == first[name], name
    status, pasted, _ = wsgi_get(f"/s/{code.upper()}).")
    assert status.startswith("302") and pasted["Location"] == article.get_full_url()


def test_unpublishing_is_seen_at_once_through_the_fast_path(client: Client) -> None:
    """A cached redirect turns into 410 the moment the article is unpublished."""
    article = make_article()
    code = ShortLink.objects.get(target=article).code
    wsgi_get(f"/s/{code}")
    assert is_fast(wsgi_get(f"/s/{code}")[1])
    article.unpublish()
    status, headers, _ = wsgi_get(f"/s/{code}")
    assert status.startswith("410")
    assert headers["Cache-Control"] == "private, max-age=0"
    status, headers, _ = wsgi_get(f"/s/{code}")
    assert status.startswith("410") and is_fast(headers)
    assert client.get(f"/s/{code}").status_code == 410
    article.save_revision().publish()
    assert wsgi_get(f"/s/{code}")[0].startswith("302")


def test_slug_change_is_seen_at_once_through_the_fast_path() -> None:
    """The fast path never keeps an old address after a change of slug."""
    article = make_article()
    code = ShortLink.objects.get(target=article).code
    wsgi_get(f"/s/{code}")
    wsgi_get(f"/s/{code}")
    draft = article.get_latest_revision_as_object()
    draft.slug = "a-fresh-slug"
    draft.save_revision().publish()
    assert wsgi_get(f"/s/{code}")[1]["Location"].endswith("/a-fresh-slug/")


@pytest.mark.parametrize(
    "path",
    ["/s/zzzzzzz", "/s/" + "x" * 10_000, "/s/../../etc/passwd", "/s/%00%ff", "/s/\xff\xfe"],
    ids=lambda path: path[:20],
)
def test_junk_through_the_wsgi_stack_is_404(path: str) -> None:
    """Bad codes fall through to Django and get its 404, never a 500."""
    make_article()
    assert wsgi_get(path)[0].startswith("404")


def test_head_and_post_are_handled(client: Client) -> None:
    """HEAD gets the redirect without a body; POST is left to Django."""
    article = make_article()
    code = ShortLink.objects.get(target=article).code
    wsgi_get(f"/s/{code}")
    status, _, body = wsgi_get(f"/s/{code}", REQUEST_METHOD="HEAD")
    assert status.startswith("302") and body == b""


def test_fast_path_counts_clicks() -> None:
    """Clicks answered before Django are counted like the view's."""
    article = make_article()
    link = ShortLink.objects.get(target=article)
    for _ in range(3):
        wsgi_get(f"/s/{link.code}", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/130")
    wsgi_get(f"/s/{link.code}", HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    assert tally.flush() == 4
    day = ShortLinkDailyCount.objects.get(link=link)
    assert (day.human_clicks, day.bot_clicks) == (3, 1)


def test_short_host_root_paths_redirect(settings: Settings) -> None:
    """On the SHORTLINK_BASE_URL host, /<code> redirects, through both paths."""
    settings.SHORTLINK_BASE_URL = "https://sho.rt"
    article = make_article()
    code = ShortLink.objects.get(target=article).code
    for _ in range(2):  # Django first, then the fast path.
        status, headers, _ = wsgi_get(f"/{code.upper()}/", HTTP_HOST="sho.rt")
        assert status.startswith("302") and headers["Location"] == article.get_full_url()
    assert wsgi_get("/zzzzzzz", HTTP_HOST="sho.rt")[0].startswith("404")
    # The main host's own pages are untouched.
    assert wsgi_get(article.url)[0].startswith("200")
