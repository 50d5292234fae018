"""Sitemaps validate against the official schemas; robots.txt names them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from masthead.distribution.tests.helpers import (
    assert_valid_xml,
    correct,
    full_article,
    still_fresh_for_a_cache,
)
from masthead.newsroom.models import ArticlePage
from masthead.tagging.tests.helpers import make_tag, tagged_article
from masthead.testing.factories import (
    make_article,
    make_author,
    make_home,
    make_image,
    make_section,
)
from masthead.testing.http import count_queries

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITEMAPS = ["articles", "news", "sections", "authors", "tags"]


def fetch(client: Client, url: str) -> bytes:
    """Return the body of a 200 XML response."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return response.content


def test_index_lists_every_sitemap_and_validates(client: Client) -> None:
    """The index validates against siteindex.xsd and names every sitemap."""
    full_article()
    root = assert_valid_xml(fetch(client, "/sitemap.xml"), "siteindex.xsd")
    locations = [loc.text for loc in root.iter(f"{SM}loc")]
    assert locations == [f"http://localhost/sitemaps/{name}.xml" for name in SITEMAPS]


@pytest.mark.parametrize("name", SITEMAPS)
def test_every_sitemap_validates_with_its_extensions(client: Client, name: str) -> None:
    """Each sitemap validates against sitemap.xsd with Google's image and news schemas."""
    full_article()
    root = assert_valid_xml(fetch(client, f"/sitemaps/{name}.xml"), "urlset-with-extensions.xsd")
    assert len(root.findall(f"{SM}url")) >= 1


def test_article_sitemap_has_lastmod_and_images(client: Client) -> None:
    """Articles carry their last significant change and their lead image."""
    article = full_article()
    correct(article)
    root = assert_valid_xml(fetch(client, "/sitemaps/articles.xml"), "urlset-with-extensions.xsd")
    [url] = root.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc") == f"http://localhost{article.url}"
    lastmod = dt.datetime.fromisoformat(url.findtext(f"{SM}lastmod") or "")
    assert lastmod > article.first_published_at  # The correction moved it.
    image = url.find(f"{IMAGE}image/{IMAGE}loc")
    assert image is not None and image.text and image.text.startswith("http://localhost/media/")


def test_article_sitemap_is_paginated_oldest_first(client: Client, settings: object) -> None:
    """Pages hold the configured number of articles; past the last page is a 404."""
    settings.DISTRIBUTION_SITEMAP_PAGE_SIZE = 2  # type: ignore[attr-defined]
    section = make_section()
    now = timezone.now()
    articles = [
        make_article(section, published_at=now - dt.timedelta(days=5 - n)) for n in range(5)
    ]
    index = assert_valid_xml(fetch(client, "/sitemap.xml"), "siteindex.xsd")
    pages = [loc.text for loc in index.iter(f"{SM}loc") if "articles" in (loc.text or "")]
    assert pages == [
        "http://localhost/sitemaps/articles.xml",
        "http://localhost/sitemaps/articles.xml?p=2",
        "http://localhost/sitemaps/articles.xml?p=3",
    ]
    third = assert_valid_xml(fetch(client, "/sitemaps/articles.xml?p=3"), "sitemap.xsd")
    assert [u.findtext(f"{SM}loc") for u in third.findall(f"{SM}url")] == [
        f"http://localhost{articles[4].url}"
    ]
    assert client.get("/sitemaps/articles.xml?p=4").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "p=0",
        "p=-1",
        "p=abc",
        "p=99999999999999999999999999",
        "p=1e3",
        "p=%00",
        "p=" + "9" * 5000,
        "p=%C2%B2",
    ],
)
def test_bad_sitemap_pages_are_404(client: Client, query: str) -> None:
    """Huge, negative or malformed page numbers are 404s, never errors."""
    make_article()
    assert client.get(f"/sitemaps/articles.xml?{query}").status_code == 404


def test_unknown_sitemap_is_404(client: Client) -> None:
    """A sitemap that does not exist is a 404."""
    assert client.get("/sitemaps/videos.xml").status_code == 404
    assert client.get("/sitemaps/../robots.txt.xml").status_code == 404


def test_news_sitemap_has_the_last_two_days_with_publication_and_language(
    client: Client,
) -> None:
    """The news sitemap lists recent articles only, with name, language, date and title."""
    section = make_section()
    recent = make_article(
        section, title="Fresh news", published_at=timezone.now() - dt.timedelta(hours=5)
    )
    make_article(section, title="Old news", published_at=timezone.now() - dt.timedelta(days=3))
    root = assert_valid_xml(fetch(client, "/sitemaps/news.xml"), "urlset-with-extensions.xsd")
    [url] = root.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc") == f"http://localhost{recent.url}"
    news = url.find(f"{NEWS}news")
    assert news is not None
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Masthead"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh news"
    published = dt.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date") or "")
    assert abs(published - recent.first_published_at) < dt.timedelta(seconds=1)


def test_news_sitemap_strips_control_characters(client: Client) -> None:
    """A control character in a headline or the publication name is left out, as feeds do.

    Before the fix the news sitemap carried it and was no longer well-formed XML.
    """
    from wagtail.models import Site

    from masthead.core.models import SiteIdentity

    make_home()
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.publication_name = "The Averly\x08 Courier"
    identity.save()
    make_article(title="Tides\x0b report for Averly", published_at=timezone.now())
    root = assert_valid_xml(fetch(client, "/sitemaps/news.xml"), "urlset-with-extensions.xsd")
    news = root.find(f"{SM}url/{NEWS}news")
    assert news is not None
    assert news.findtext(f"{NEWS}title") == "Tides report for Averly"
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Averly Courier"


def test_author_and_tag_sitemaps_list_only_credited_and_used_ones(client: Client) -> None:
    """Authors and tags without live articles are left out."""
    credited, idle = make_author("Mira Lund", slug="mira-lund"), make_author("Idle Writer")
    used, unused = make_tag("Piers"), make_tag("Unused")
    tagged_article(used, authors=[credited])
    del idle, unused
    authors = assert_valid_xml(fetch(client, "/sitemaps/authors.xml"), "sitemap.xsd")
    assert [u.findtext(f"{SM}loc") for u in authors.findall(f"{SM}url")] == [
        "http://localhost/authors/mira-lund/"
    ]
    tags = assert_valid_xml(fetch(client, "/sitemaps/tags.xml"), "sitemap.xsd")
    assert [u.findtext(f"{SM}loc") for u in tags.findall(f"{SM}url")] == [
        "http://localhost/tags/piers/"
    ]


def test_section_sitemap_leaves_out_restricted_sections(client: Client) -> None:
    """A password-protected section is not in the sections sitemap; open ones are.

    Before the fix the sitemap listed every live section, restricted or not.
    """
    make_section("Harbour", slug="harbour")
    closed = make_section("Rota notes", slug="rota-notes", intro="For the night desk only")
    PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.PASSWORD, password="lanterns"
    )
    root = assert_valid_xml(fetch(client, "/sitemaps/sections.xml"), "sitemap.xsd")
    assert [u.findtext(f"{SM}loc") for u in root.findall(f"{SM}url")] == [
        "http://localhost/harbour/"
    ]


def test_robots_txt_names_the_sitemaps(client: Client) -> None:
    """robots.txt names the index and the news sitemap, and keeps crawlers out of the admin."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in text
    assert "Sitemap: http://localhost/sitemaps/news.xml" in text
    assert "Disallow: /admin/" in text


def test_a_correction_purges_the_cached_sitemaps(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    """Sitemaps are cached; a correction purges them so lastmod moves at once."""
    article = full_article()
    first = fetch(client, "/sitemaps/articles.xml")
    assert client.get("/sitemaps/articles.xml")["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        correct(article)
    second = client.get("/sitemaps/articles.xml")
    assert second.get("X-Masthead-Cache") != "hit"
    assert second.content != first


def test_a_withdrawn_article_changes_the_sitemaps_validator(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    """Once an article is withdrawn, a cache revalidating an old sitemap is told it changed.

    Before the fix a sitemap whose items all had a ``lastmod`` carried Django's
    ``Last-Modified``, the newest item's date, which went back in time when the
    newest article was withdrawn: a CDN asked "modified since?" kept listing it.
    """
    section = make_section("World", slug="world")
    make_article(section, title="Older story", published_at=timezone.now() - dt.timedelta(hours=9))
    newest = make_article(section, title="Withdrawn story", published_at=timezone.now())
    urls = ("/sitemaps/articles.xml", "/sitemaps/news.xml")
    before = {url: client.get(url) for url in urls}
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        ArticlePage.objects.get(pk=newest.pk).unpublish()
    for url in urls:
        after = client.get(url)
        assert after.content != before[url].content, url
        assert not still_fresh_for_a_cache(before[url], after), url
        assert not after.has_header("Last-Modified"), url


def corpus(count: int) -> None:
    """Add articles with lead images, tags, authors and corrections."""
    section = make_section()
    author = make_author()
    tag = make_tag(f"Topic {count}")
    for _ in range(count):
        article = tagged_article(tag, section=section, authors=[author], lead_image=make_image())
        correct(article)


def test_sitemaps_cost_a_constant_number_of_queries(client: Client) -> None:
    """Every sitemap costs the same queries for 2 articles as for 8."""
    urls = ["/sitemap.xml", *[f"/sitemaps/{name}.xml" for name in SITEMAPS]]
    corpus(2)
    few = {url: count_queries(client, url) for url in urls}
    corpus(6)
    assert {url: count_queries(client, url) for url in urls} == few
    assert max(few.values()) <= 6, few


def test_cached_feeds_sitemaps_and_ninjs_cost_no_query(client: Client) -> None:
    """Once cached, feeds, sitemaps, robots.txt and ninjs are answered without a query."""
    corpus(2)
    article_id = ArticlePage.objects.live().values_list("pk", flat=True).first()
    urls = [
        "/feeds/rss/",
        "/feeds/atom/?full=1",
        "/feeds/tags/topic-2/rss/?full=0",
        "/sitemap.xml",
        *[f"/sitemaps/{name}.xml" for name in SITEMAPS],
        "/robots.txt",
        f"/api/ninjs/{article_id}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response["X-Masthead-Cache"] == "hit", url
        assert len(queries) == 0, (url, [q["sql"] for q in queries])


def test_later_pages_of_sitemaps_publishing_does_not_purge_are_not_shared(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page 2 of the tag sitemap is served fresh each time; page 2 of the articles is shared.

    Before, every sitemap's later pages were kept in the page cache, but
    publishing purges the later pages of the article sitemap only, so a tag's
    page stayed stale there until it expired.
    """
    from masthead.distribution.sitemaps import TagSitemap

    monkeypatch.setattr(TagSitemap, "limit", 1)
    tagged_article(make_tag("Piers"))
    tagged_article(make_tag("Quays"))
    fetch(client, "/sitemaps/tags.xml?p=2")
    assert client.get("/sitemaps/tags.xml?p=2").get("X-Masthead-Cache") != "hit"
    fetch(client, "/sitemaps/tags.xml")
    assert client.get("/sitemaps/tags.xml").get("X-Masthead-Cache") == "hit"


def test_author_and_tag_sitemaps_list_only_this_sites_articles(client: Client) -> None:
    """Each Site's author and tag sitemaps name those of its own tree's articles, dated by them.

    An author and a tag on both Sites are on both sitemaps, each with the time
    of the latest article on that Site; one only on the other Site is left out.
    """
    from wagtail.models import Page, Site

    from masthead.newsroom.actions import create_section
    from masthead.newsroom.models import HomePage

    ours, theirs = (
        make_author("Mira Lund", slug="mira-lund"),
        make_author("Elsa Varn", slug="elsa-varn"),
    )
    piers, orchards = make_tag("Piers"), make_tag("Orchards")
    older = tagged_article(
        piers, authors=[ours], published_at=timezone.now() - dt.timedelta(days=2)
    )
    other_home = HomePage(title="Valley Courier", slug="valley")
    Page.get_first_root_node().add_child(instance=other_home)  # type: ignore[union-attr]
    other_home.save_revision().publish()
    Site.objects.create(hostname="valley.example.invalid", root_page=other_home)
    farming = create_section(other_home, title="Farming", slug="farming")
    tagged_article(orchards, piers, authors=[theirs, ours], section=farming)
    found = {}
    for host in ("localhost", "valley.example.invalid"):
        for name in ("authors", "tags"):
            response = client.get(f"/sitemaps/{name}.xml", HTTP_HOST=host)
            assert response.status_code == 200
            root = assert_valid_xml(response.content, "sitemap.xsd")
            found[host, name] = [
                (u.findtext(f"{SM}loc"), u.findtext(f"{SM}lastmod"))
                for u in root.findall(f"{SM}url")
            ]
    assert older.first_published_at is not None
    dated = older.first_published_at.isoformat(timespec="seconds")
    assert found["localhost", "authors"] == [("http://localhost/authors/mira-lund/", dated)]
    assert found["localhost", "tags"] == [("http://localhost/tags/piers/", dated)]
    valley = "http://valley.example.invalid"
    assert [loc for loc, _ in found["valley.example.invalid", "authors"]] == [
        f"{valley}/authors/elsa-varn/",
        f"{valley}/authors/mira-lund/",
    ]
    assert [loc for loc, _ in found["valley.example.invalid", "tags"]] == [
        f"{valley}/tags/orchards/",
        f"{valley}/tags/piers/",
    ]
