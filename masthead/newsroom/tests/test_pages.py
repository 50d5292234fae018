"""Page types render the reference anatomy with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from masthead.newsroom import actions
from masthead.testing.factories import (
    make_article,
    make_author,
    make_home,
    make_image,
    make_section,
)
from masthead.testing.http import count_queries

pytestmark = pytest.mark.django_db


def rich_article(**overrides: object):  # type: ignore[no-untyped-def]
    """Return an article with every kind of body block, two authors and a correction."""
    image = make_image(title="Quay at dusk")
    fields: dict[str, Any] = {
        "title": "Averly council delays the pier vote",
        "standfirst": "Councillors want another survey of the old timber piles.",
        "body": [
            ("paragraph", "<p>The vote was due on Tuesday.</p>"),
            (
                "quote",
                {
                    "text": "We will not rush this.",
                    "speaker": "Ines Caldor",
                    "attribution": "recalled",
                },
            ),
            ("image", {"image": image, "caption": "The north quay", "credit": "Tomas Verne"}),
        ],
        "authors": [make_author("Mira Lund"), make_author("Oskar Penn")],
        "published_at": dt.datetime(2020, 7, 3, 18, 0, tzinfo=dt.UTC),
    }
    fields.update(overrides)
    article = make_article(**fields)
    actions.add_correction(
        article,
        "An earlier version gave the wrong day for the vote.",
        corrected_at=dt.datetime(2020, 7, 4, 8, 0, tzinfo=dt.UTC),
    )
    return article


def test_article_shows_parts_in_reference_order(client: Client) -> None:
    """Dateline, headline, standfirst, body and corrections appear in that order."""
    article = rich_article()
    html = client.get(article.url).content.decode()
    order = [
        'class="dateline"',
        'class="article__headline"',
        'class="article__standfirst"',
        "The vote was due on Tuesday.",
        'class="quote"',
        'class="body-image"',
        'id="corrections"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_quote_is_attributed_to_its_speaker(client: Client) -> None:
    """A quote names its speaker and how they said it."""
    html = client.get(rich_article().url).content.decode()
    assert '<cite class="quote__speaker">Ines Caldor</cite>' in html
    assert '<span class="quote__attribution">recalled</span>' in html
    assert "<blockquote><p>We will not rush this.</p></blockquote>" in html


def test_image_has_caption_and_credit(client: Client) -> None:
    """Body images carry their caption, credit and alt text."""
    html = client.get(rich_article().url).content.decode()
    figure = html[html.index('class="body-image"') :]
    assert "The north quay" in figure
    assert "Credit: Tomas Verne" in figure
    assert re.search(r'<img[^>]+alt="A plain teal test image"', figure)


def test_corrections_are_dated_at_foot_and_marked_above(client: Client) -> None:
    """The correction note is dated at the foot, with a mark near the top."""
    html = client.get(rich_article().url).content.decode()
    assert '<a href="#corrections">This article has been corrected.</a>' in html
    assert '<time datetime="2020-07-04T08:00:00+00:00">04 July 2020</time>' in html
    assert "An earlier version gave the wrong day for the vote." in html


def test_corrections_are_dated_in_the_site_zone(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A correction's date is the day in the site's zone, as the dateline above it is.

    Before, it was the day in UTC: a correction at half past midnight in a
    British summer was dated the day before.
    """
    from wagtail.models import Site

    from masthead.core.models import SiteIdentity

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.display_timezone = "Europe/London"
    with django_capture_on_commit_callbacks(execute=True):
        identity.save()
    article = make_article(published_at=dt.datetime(2020, 7, 4, 21, 0, tzinfo=dt.UTC))
    actions.add_correction(
        article,
        "The harbour master is Edda Brisk, not Edda Brisker.",
        corrected_at=dt.datetime(2020, 7, 4, 23, 30, tzinfo=dt.UTC),
    )
    html = client.get(article.url).content.decode()
    assert '<time datetime="2020-07-04T23:30:00+00:00">05 July 2020</time>' in html


def test_a_correction_mistyped_as_year_one_does_not_break_the_page(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A correction dated 0001 in a zone west of UTC is shown (in UTC), not a server error."""
    from wagtail.models import Site

    from masthead.core.models import SiteIdentity

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.display_timezone = "America/New_York"
    with django_capture_on_commit_callbacks(execute=True):
        identity.save()
    article = make_article()
    actions.add_correction(
        article, "The quay is in Tarnby.", corrected_at=dt.datetime(1, 1, 1, 2, 0, tzinfo=dt.UTC)
    )
    response = client.get(article.url)
    assert response.status_code == 200
    assert ">01 January 0001</time>: The quay is in Tarnby." in response.content.decode()


def test_byline_links_author_profiles(client: Client) -> None:
    """Authors are credited in order and link to their profile pages."""
    html = client.get(rich_article().url).content.decode()
    byline = re.search(r'<p class="article__byline">(.*?)</p>', html)
    assert byline is not None
    assert "Mira Lund</a> and <a" in byline.group(1)
    response = client.get("/authors/" + re.findall(r'href="/authors/([^"]+)"', html)[0])
    assert response.status_code == 200
    assert b"Averly council delays the pier vote" in response.content


def test_parts_of_absent_apps_are_not_rendered(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part whose app is not installed renders nothing: no dead controls, no placeholder."""
    from django.core.cache import caches

    from masthead.core.templatetags import parts

    article = rich_article()
    installed = client.get(article.url).content.decode()
    assert "Listen Live" in installed and 'id="discussion"' in installed
    # The radio and discussion apps "uninstalled": their parts are not found.
    absent = {"header_listen", "listen_live", "persistent_player", "discussion", "header_account"}
    real_find = parts.find_part

    def find_installed(name: str) -> object:
        return None if name in absent else real_find(name)

    monkeypatch.setattr(parts, "find_part", find_installed)
    caches["pages"].clear()
    html = client.get(article.url).content.decode()
    assert "Listen Live" not in html and 'id="discussion"' not in html
    assert "Sign in" not in html
    assert article.title in html and 'class="dateline' in html


def test_section_lists_articles_newest_first_and_paginates(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    """A section front is newest first, with pages of the configured size."""
    settings.MASTHEAD_SECTION_PAGE_SIZE = 3
    section = make_section(title="Island news")
    now = timezone.now()
    for n in range(5):
        make_article(section, title=f"Island story {n}", published_at=now - dt.timedelta(days=n))
    first = client.get(section.url).content.decode()
    assert (
        first.index("Island story 0")
        < first.index("Island story 1")
        < first.index("Island story 2")
    )
    assert "Island story 3" not in first
    second = client.get(section.url, {"page": "2"}).content.decode()
    assert "Island story 3" in second and "Island story 4" in second


def test_draft_articles_are_not_listed_or_served(client: Client) -> None:
    """Unpublished articles are 404 and absent from lists."""
    section = make_section()
    draft = make_article(section, title="Unreleased budget draft", publish=False)
    assert client.get(section.url).content.count(b"Unreleased budget") == 0
    assert client.get("/").content.count(b"Unreleased budget") == 0
    assert client.get(draft.url or f"{section.url}{draft.slug}/").status_code == 404


def test_article_page_query_count_is_fixed(client: Client) -> None:
    """An article page costs a fixed number of queries, whatever its body holds."""
    small = make_article()
    big = rich_article()
    assert count_queries(client, small.url) <= count_queries(client, big.url)
    # The newsroom's own five (route, authors, corrections, body images and
    # their renditions), plus at most one for each other app's part: tags,
    # related headlines, article audio, the discussion's count; the rest come
    # from caches.
    assert count_queries(client, big.url) <= 10


def test_section_query_count_does_not_grow_with_articles(client: Client) -> None:
    """No query per article on a section front (lead images included)."""
    section = make_section()
    make_article(section, lead_image=make_image())
    few = count_queries(client, section.url)
    for _ in range(6):
        make_article(section, lead_image=make_image())
    assert count_queries(client, section.url) == few
    assert few <= 5  # Route, count, articles, lead images, renditions.


def test_home_query_count_does_not_grow_with_articles(client: Client) -> None:
    """The front page costs a fixed number of queries per rail, not per article."""
    home = make_home()
    section = make_section()
    home.rails.create(section=section, count=4)
    home.latest_count = 20
    home.save()
    for _ in range(6):  # Enough for the lead, the rail and the latest list.
        make_article(section, lead_image=make_image())
    few = count_queries(client, "/")
    for _ in range(6):
        make_article(section, lead_image=make_image())
    assert count_queries(client, "/") == few
    assert few <= 8  # Picks, rails, then per list: articles, images, renditions.


def test_author_page_query_count_does_not_grow(client: Client) -> None:
    """An author profile costs a fixed number of queries."""
    author = make_author()
    make_article(authors=[author], lead_image=make_image())
    few = count_queries(client, author.get_absolute_url())
    for _ in range(4):
        make_article(authors=[author], lead_image=make_image())
    assert count_queries(client, author.get_absolute_url()) == few
    assert few <= 5  # Author, count, articles, lead images, renditions.


def test_renaming_an_author_refreshes_the_cached_bylines(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A corrected author name shows on their articles at once; an unseen change purges nothing."""
    author = make_author("Mira Lunde", slug="mira-lunde")
    article = make_article(authors=[author])
    assert "Mira Lunde" in client.get(article.url).content.decode()
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make_author("Oskar Penn")  # A new author is on no page yet.
        author.save()  # Nothing changed.
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    author.name = "Mira Lund"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    html = client.get(article.url).content.decode()
    assert "Mira Lund" in html
    assert "Mira Lunde" not in html


def test_every_page_of_an_author_profile_is_purged(
    client: Client, settings, django_capture_on_commit_callbacks: Any
) -> None:  # type: ignore[no-untyped-def]
    """A new article by an author refreshes their profile's later pages, not just the first.

    Before, ?page=2 kept its cached list, one article behind, until it expired.
    """
    settings.MASTHEAD_SECTION_PAGE_SIZE = 2
    author = make_author("Ilse Varnholm")
    section = make_section()
    start = timezone.now() - dt.timedelta(days=1)
    for n in range(3):
        make_article(
            section, title=f"Harbour note {n}", authors=[author],
            published_at=start + dt.timedelta(hours=n),
        )  # fmt: skip
    url = f"{author.get_absolute_url()}?page=2"
    assert b"Harbour note 0" in client.get(url).content
    assert client.get(url)["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(section, title="Harbour note 3", authors=[author], published_at=timezone.now())
    second = client.get(url).content
    assert b"Harbour note 1" in second and b"Harbour note 0" in second


def test_an_author_taken_off_a_byline_stops_listing_the_article(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A republish that changes the byline purges the profile of the author it lost.

    Before, the wrongly credited author's cached profile kept the article.
    """
    from masthead.newsroom.models import ArticleAuthor

    wrong, right = make_author("Tarn Oldfield"), make_author("Edda Brisk")
    article = make_article(title="Quay wall repairs begin", authors=[wrong])
    assert b"Quay wall repairs begin" in client.get(wrong.get_absolute_url()).content
    draft = article.get_latest_revision_as_object()
    draft.article_authors = [ArticleAuthor(author=right, sort_order=0)]
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert b"Quay wall repairs begin" not in client.get(wrong.get_absolute_url()).content
    assert b"Quay wall repairs begin" in client.get(right.get_absolute_url()).content


def test_an_author_given_a_new_slug_keeps_the_old_addresses(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """The old profile and feed addresses answer 301 to the new ones, without chains."""
    author = make_author("Mira Lund", slug="mira-lund")
    make_article(authors=[author])
    author.slug = "mira-lund-averly"
    with django_capture_on_commit_callbacks(execute=True):  # Purges the cached profile.
        author.save()
    response = client.get("/authors/mira-lund/")
    assert (response.status_code, response["Location"]) == (301, "/authors/mira-lund-averly/")
    assert client.get("/authors/mira-lund-averly/").status_code == 200
    feed = client.get("/feeds/authors/mira-lund/atom/")
    assert (feed.status_code, feed["Location"]) == (301, "/feeds/authors/mira-lund-averly/atom/")
    author.slug = "mira-lund-harbour"
    with django_capture_on_commit_callbacks(execute=True):  # Purges the cached profile.
        author.save()
    assert client.get("/authors/mira-lund/")["Location"] == "/authors/mira-lund-harbour/"
    assert client.get("/authors/mira-lund-averly/")["Location"] == "/authors/mira-lund-harbour/"
    author.slug = "mira-lund"  # Back to the first: it answers there again, not in a loop.
    with django_capture_on_commit_callbacks(execute=True):  # Purges the cached profile.
        author.save()
    assert client.get("/authors/mira-lund/").status_code == 200
    assert client.get("/authors/mira-lund-harbour/")["Location"] == "/authors/mira-lund/"
    assert client.get("/feeds/authors/mira-lund/rss/").status_code == 200


def test_section_and_author_pages_leave_out_restricted_articles(client: Client) -> None:
    """A password-protected article is not listed on its section's page or its author's profile.

    Before the fix both lists showed its headline, standfirst and link to every reader.
    """
    author = make_author("Oona Brisk", slug="oona-brisk")
    section = make_section("Harbour", slug="harbour")
    make_article(section, title="Quay lights repaired", authors=[author])
    secret = make_article(section, title="Embargoed quay tender", authors=[author])
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="tide"
    )
    for url in ("/harbour/", author.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Quay lights repaired" in html, url
        assert "Embargoed quay tender" not in html, url


def test_front_page_leaves_out_restricted_articles(client: Client) -> None:
    """A password-protected article is neither the lead, a pick, in a rail nor in the latest.

    Before, the front page teased it (headline, standfirst, link) like any other.
    """
    home = make_home()
    section = make_section("Harbour", slug="harbour")
    home.rails.create(section=section, count=4)
    home.save()
    make_article(section, title="Quay lights repaired")
    secret = make_article(section, title="Embargoed quay tender", published_at=timezone.now())
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="tide"
    )
    home.lead_article = secret
    home.save()
    html = client.get("/").content.decode()
    assert "Quay lights repaired" in html
    assert "Embargoed quay tender" not in html


def test_restricted_section_lists_its_articles_to_readers_let_in(client: Client) -> None:
    """Readers let into a login-only section see its articles; its own restriction hides none."""
    section = make_section("Rota notes", slug="rota-notes")
    make_article(section, title="Night desk swaps shifts")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    user = get_user_model().objects.create_user("ilse", password="not-used-here")
    client.force_login(user)
    assert "Night desk swaps shifts" in client.get("/rota-notes/").content.decode()


def test_an_author_credited_twice_lists_the_article_once(client: Client) -> None:
    """A byline naming the same author twice (the admin allows it) lists the article once.

    Before, the profile joined the byline rows and showed the article twice.
    """
    author = make_author("Tove Marrick")
    make_article(title="Lighthouse keeper retires", authors=[author, author])
    html = client.get(author.get_absolute_url()).content.decode()
    assert html.count("Lighthouse keeper retires") == 1


def test_signed_in_editors_author_profile_is_private(client: Client) -> None:
    """An editor's author profile carries the Wagtail user bar, so no shared cache keeps it.

    Before, the profile was marked public (s-maxage) for editors too, unlike article,
    section and front pages.
    """
    author = make_author("Tove Marrick")
    make_article(title="Lighthouse keeper retires", authors=[author])
    editor = get_user_model().objects.create_superuser("ed", "ed@example.invalid", "pw")
    client.force_login(editor)
    response = client.get(author.get_absolute_url())
    assert b"w-userbar" in response.content or b"wagtail-userbar" in response.content
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def expire(article: Any, seconds: float) -> None:
    """Give a live article an expiry time ``seconds`` from now, as the scheduler has not run."""
    at = timezone.now() + dt.timedelta(seconds=seconds)
    type(article).objects.filter(pk=article.pk).update(expire_at=at)


def test_an_article_past_its_expiry_is_gone_before_the_scheduler_runs(client: Client) -> None:
    """A live article past its expire_at is a 404 and is on no section, author or front page.

    Before the fix it stayed readable everywhere, lead story included, until the
    scheduler's next run unpublished it (never, with the scheduler down).
    """
    author = make_author("Oona Brisk", slug="oona-brisk")
    home = make_home()
    section = make_section("Harbour", slug="harbour")
    home.rails.create(section=section, count=4)
    make_article(section, title="Quay lights repaired", authors=[author])
    gone = make_article(
        section, title="Ferry strike called off", authors=[author], published_at=timezone.now()
    )
    home.lead_article = gone
    home.save()
    expire(gone, -1)
    assert client.get(gone.url).status_code == 404
    for url in ("/", "/harbour/", author.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Quay lights repaired" in html, url
        assert "Ferry strike called off" not in html, url


def test_a_shared_copy_of_a_page_cannot_outlive_its_expiry(client: Client) -> None:
    """An article's page, and the pages listing it, are shared at most until its expire_at.

    Before the fix they were kept, by us and by a CDN, for the usual ten
    minutes: the article readable, and its headline listed, after its expiry.
    """
    from django.core.cache import caches

    from masthead.core.page_cache import CACHE_ALIAS, cache_key

    author = make_author("Oona Brisk", slug="oona-brisk")
    article = make_article(
        make_section("Harbour", slug="harbour"), title="Ferry strike called off", authors=[author]
    )
    expire(article, 90)
    for url in (article.url, "/", "/harbour/", author.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Ferry strike called off" in response.content.decode(), url
        directives = dict(
            part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
        )
        assert 0 < int(directives["s-maxage"]) <= 90, url
        assert 0 < int(directives["max-age"]) <= 90, url
    site_id = article.get_site().pk
    stored = caches[CACHE_ALIAS].get(cache_key(site_id, article.url, ""))
    assert stored is not None
    assert stored[-1] <= time.time() + 90


def test_section_navigation_bounds_every_page_by_a_sections_expiry(client: Client) -> None:
    """Pages showing the navigation are shared at most until a listed section expires,
    and a section past its expiry leaves the navigation before the scheduler runs.

    Before the fix the navigation (and every cached page with it) kept linking a
    section that was a 404 for readers, until the scheduler withdrew it.
    """
    author = make_author("Oona Brisk", slug="oona-brisk")
    article = make_article(make_section("Harbour", slug="harbour"), authors=[author])
    closing = make_section("Regatta week", slug="regatta-week")
    expire(closing, 90)
    for url in (article.url, "/", "/harbour/", author.get_absolute_url()):
        response = client.get(url)
        assert 'href="/regatta-week/"' in response.content.decode(), url
        directives = dict(
            part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
        )
        assert 0 < int(directives["s-maxage"]) <= 90, url
        assert 0 < int(directives["max-age"]) <= 90, url
    expire(closing, -1)
    from masthead.core.page_cache import purge_everything

    purge_everything()  # Drop the copies stored above, kept at most until the expiry.
    html = client.get("/harbour/").content.decode()
    assert 'href="/harbour/"' in html
    assert 'href="/regatta-week/"' not in html


def test_an_author_page_lists_the_articles_of_its_own_site(client: Client) -> None:
    """Each Site's author page lists the author's articles in its own tree only.

    Before, an author page read the whole page tree, so one paper listed a
    separate Site's articles, as its author feed already did not.
    """
    from wagtail.models import Page, Site

    from masthead.newsroom.models import HomePage

    author = make_author("Noor Castellan", slug="noor-castellan")
    make_article(title="Lighthouse keeper retires", authors=[author])
    other_home = HomePage(title="Valley Courier", slug="valley")
    Page.get_first_root_node().add_child(instance=other_home)  # type: ignore[union-attr]
    other_home.save_revision().publish()
    Site.objects.create(hostname="valley.test", port=80, root_page=other_home)
    valley = actions.create_section(other_home, title="Valley News", slug="valley-news")
    make_article(valley, title="Lighthouse auctioned", authors=[author])
    ours = client.get("/authors/noor-castellan/").content.decode()
    assert "Lighthouse keeper retires" in ours
    assert "Lighthouse auctioned" not in ours
    theirs = client.get("/authors/noor-castellan/", HTTP_HOST="valley.test").content.decode()
    assert "Lighthouse auctioned" in theirs
    assert "Lighthouse keeper retires" not in theirs


def test_articles_published_at_the_same_moment_each_appear_on_exactly_one_page(
    client: Client, settings: Any
) -> None:
    """Articles sharing a publication time (an import of dated stories) split across pages
    with every one listed once, on section and author pages alike.

    Before, only the time ordered the list: PostgreSQL may order ties differently
    for each page's LIMIT and OFFSET, so an article showed on two pages and another
    on none.
    """
    settings.MASTHEAD_SECTION_PAGE_SIZE = 4
    section, author = make_section(title="Archive"), make_author(slug="archivist")
    moment = timezone.now().replace(microsecond=0) - dt.timedelta(days=1)
    titles = [f"Archived story {n:02d}" for n in range(14)]
    for title in titles:
        make_article(section, title=title, published_at=moment, authors=[author])
    for url in (section.url, author.get_absolute_url()):
        listed: list[str] = []
        for number in range(1, 5):
            html = client.get(url, {"page": str(number)}).content.decode()
            listed += re.findall(r"Archived story \d\d", html)
        assert sorted(listed) == titles, url


def test_later_pages_of_a_listing_say_their_number_in_the_title(
    client: Client, settings: Any
) -> None:
    """Page 2 of a section, author or tag list is titled as page 2; page 1 keeps the plain title.

    Before, every page of a list had page 1's title, while each names itself
    canonical: tabs, history and search results showed one title for all of them.
    """
    from masthead.tagging.tests.helpers import make_tag, tagged_article

    settings.MASTHEAD_SECTION_PAGE_SIZE = 1
    section, author, tag = (
        make_section(title="Fenmarch"),
        make_author("Ada Quill"),
        make_tag("Quays"),
    )
    for _ in range(2):
        tagged_article(tag, section=section, authors=[author])
    for url, name in (
        (section.url, "Fenmarch"),
        (author.get_absolute_url(), "Ada Quill"),
        (tag.get_absolute_url(), "Quays"),
    ):
        assert page_title(client, url).startswith(f"{name} |"), url
        assert page_title(client, f"{url}?page=2").startswith(f"{name}, page 2 |"), url


def page_title(client: Client, url: str) -> str:
    """Return the text of a page's <title>."""
    found = re.search(r"<title>(.*?)</title>", client.get(url).content.decode())
    assert found is not None, url
    return found.group(1)


def test_page_numbers_below_one_give_the_first_page_of_every_list(
    client: Client, settings: Any
) -> None:
    """Page 0 or a negative page of a section, author or tag list shows its first page,
    as search does, and stays private: no purge names that address.

    Before, Django's get_page answered every number below 1 with the last page.
    """
    from masthead.tagging.tests.helpers import make_tag, tagged_article

    settings.MASTHEAD_SECTION_PAGE_SIZE = 2
    section, author, tag = (
        make_section(title="Fenmarch"),
        make_author("Ada Quill"),
        make_tag("Quays"),
    )
    now = timezone.now()
    for n in range(5):
        tagged_article(
            tag,
            section=section,
            authors=[author],
            title=f"Quay story {n}",
            published_at=now - dt.timedelta(hours=n),
        )
    for url in (section.url, author.get_absolute_url(), tag.get_absolute_url()):
        html = client.get(url).content.decode()
        first = re.findall(r"Quay story \d", html)
        assert first[:2] == ["Quay story 0", "Quay story 1"], url
        for number in ("0", "-1", "-99999999999999999999"):
            response = client.get(url, {"page": number})
            shown = response.content.decode()
            assert re.findall(r"Quay story \d", shown) == first, (url, number)
            assert canonical(shown) == canonical(html), (url, number)  # No ?page=N.
            assert "private" in response["Cache-Control"], (url, number)


def canonical(html: str) -> str:
    """Return the address of a page's canonical link."""
    found = re.search(r'<link rel="canonical" href="([^"]*)">', html)
    assert found is not None
    return found.group(1)
