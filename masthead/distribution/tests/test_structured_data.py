"""The head of every page: canonical link, robots, cards, feeds and NewsArticle JSON-LD."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

import feedparser
import pytest
from django.test import Client
from lxml import etree
from wagtail.models import Site

from masthead.core.models import SiteIdentity
from masthead.distribution.tests.helpers import correct, full_article, json_ld_blocks
from masthead.tagging.models import ArticleTag
from masthead.tagging.tests.helpers import make_tag
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
ISO_WITH_ZONE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def meta(html: str, key: str) -> list[str]:
    """Return the content of every meta tag with this property or name."""
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">'
    return re.findall(pattern, html)


def set_identity(**fields: Any) -> SiteIdentity:
    """Save the default site's identity with these fields."""
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(identity, name, value)
    identity.save()
    return identity


def article_ld(client: Client, url: str) -> dict[str, Any]:
    """Return the one NewsArticle block of a page."""
    [block] = json_ld_blocks(client.get(url).content.decode())
    return block


def test_news_article_has_required_and_recommended_fields(client: Client) -> None:
    """Headline, images, zoned dates, authors with profiles, publisher with logo and more."""
    make_home()
    set_identity(
        publication_name="Averly Gazette",
        logo=make_image("Logo", 400, 100),
        display_timezone="Europe/London",
    )
    article = full_article(published_at=dt.datetime(2020, 7, 3, 17, 0, tzinfo=dt.UTC))
    data = article_ld(client, article.url)
    url = f"http://localhost{article.url}"
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Averly council delays the pier vote"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["description"] == article.standfirst
    assert data["datePublished"] == "2020-07-03T18:00:00+01:00"  # BST, with its offset.
    assert ISO_WITH_ZONE.match(data["dateModified"])
    assert isinstance(data["image"], list) and len(data["image"]) == 3
    assert all(image.startswith("http://localhost/media/") for image in data["image"])
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Mira Lund",
            "url": "http://localhost/authors/mira-lund/",
            "jobTitle": "Harbour correspondent",
        },
        {"@type": "Person", "name": "Oskar Penn", "url": "http://localhost/authors/oskar-penn/"},
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Averly Gazette"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith("http://localhost/media/")
    assert isinstance(publisher["logo"]["width"], int) and isinstance(
        publisher["logo"]["height"], int
    )
    assert data["dateline"] == "18:00 BST 03 July 2020"
    assert data["keywords"] == ["Averly council", "Piers"]
    assert data["articleSection"] == "Harbour"
    assert data["isAccessibleForFree"] is True
    assert data["inLanguage"] == "en-GB"
    assert "correction" not in data


def test_authors_link_their_profile_pages(client: Client) -> None:
    """Each author is a Person whose url is the profile page, which exists."""
    article = full_article()
    for person in article_ld(client, article.url)["author"]:
        assert person["@type"] == "Person" and person["name"]
        path = person["url"].removeprefix("http://localhost")
        assert client.get(path).status_code == 200


def published_views(client: Client, article: Any) -> dict[str, Any]:
    """Return the article's modified time and correction as each public view shows it."""
    data = article_ld(client, article.url)
    atom = feedparser.parse(client.get("/feeds/atom/?full=1").content).entries[0]
    views: dict[str, Any] = {
        "json-ld": dt.datetime.fromisoformat(data["dateModified"]),
        "atom": dt.datetime.fromtimestamp(calendar.timegm(atom.updated_parsed), dt.UTC),
        "atom text": atom.content[0].value,
        "json-ld corrections": [c["text"] for c in data.get("correction", [])],
    }
    for name in ("articles", "news"):
        root = etree.fromstring(client.get(f"/sitemaps/{name}.xml").content)
        lastmod = root.findtext(f"{SM}url/{SM}lastmod") or ""
        views[f"{name} sitemap"] = dt.datetime.fromisoformat(lastmod)
    return views


def test_a_correction_updates_json_ld_feeds_and_sitemaps_together(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """After a correction, the page, the feed and both sitemaps show its time and text at once.

    Every view is read (and so cached) before the correction: only the purge on
    publish can make the cached feed and sitemaps change.
    """
    article = full_article()
    before = published_views(client, article)
    assert client.get("/sitemaps/articles.xml")["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        correct(article, "The vote is on Wednesday, not Tuesday.")
    after = published_views(client, article)
    moved = after["json-ld"]
    assert moved > before["json-ld"]
    for view in ("atom", "articles sitemap", "news sitemap"):
        assert before[view] == before["json-ld"], view
        assert after[view] == moved, view  # The same instant, whatever zone each writes.
    assert after["json-ld corrections"] == ["The vote is on Wednesday, not Tuesday."]
    assert "The vote is on Wednesday, not Tuesday." in after["atom text"]
    assert "Wednesday" not in before["atom text"]
    [correction] = article_ld(client, article.url)["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert ISO_WITH_ZONE.match(correction["datePublished"])


def test_json_ld_escapes_markup_in_text(client: Client) -> None:
    """Text that could close the script element is escaped, and still reads back the same."""
    title = 'Pier </script><script>alert("x")</script> & <!-- vote'
    article = make_article(title=title)
    html = client.get(article.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    assert "<" not in block.group(1) and ">" not in block.group(1) and "&" not in block.group(1)
    assert json_ld_blocks(html)[0]["headline"] == title
    assert '<script>alert("x")' not in html


def test_article_head_has_canonical_robots_and_cards(client: Client) -> None:
    """Canonical link, max-image-preview, OpenGraph and Twitter card tags on an article."""
    article = full_article()
    html = client.get(article.url).content.decode()
    url = f"http://localhost{article.url}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "robots") == ["max-image-preview:large"]
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:url") == [url]
    assert meta(html, "og:title") == ["Averly council delays the pier vote"]
    assert meta(html, "og:image")[0].startswith("http://localhost/media/")
    assert meta(html, "og:image:width") == ["1200"] and meta(html, "og:image:height") == ["675"]
    assert meta(html, "og:image:alt") == ["The old pier at dusk."]
    assert meta(html, "og:locale") == ["en_GB"]
    assert meta(html, "article:tag") == ["Averly council", "Piers"]
    assert meta(html, "article:section") == ["Harbour"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "twitter:image") == meta(html, "og:image")
    feeds = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">', html)
    assert ("application/rss+xml", "http://localhost/feeds/sections/harbour/rss/") in feeds
    assert ("application/atom+xml", "http://localhost/feeds/atom/") in feeds


def test_every_page_type_has_canonical_robots_and_feed_links(client: Client, settings: Any) -> None:
    """Home, section (and its later pages), author and tag pages carry the head too."""
    settings.MASTHEAD_SECTION_PAGE_SIZE = 1
    author = make_author("Mira Lund", slug="mira-lund")
    piers = make_tag("Piers")
    section = make_section("World", slug="world")
    ArticleTag.objects.create(page=make_article(section, authors=[author]), tag=piers)
    make_article(section)
    expected = {
        "/": ("http://localhost/", "/feeds/rss/"),
        "/world/": ("http://localhost/world/", "/feeds/sections/world/rss/"),
        "/world/?page=2": ("http://localhost/world/?page=2", "/feeds/sections/world/rss/"),
        "/authors/mira-lund/": (
            "http://localhost/authors/mira-lund/",
            "/feeds/authors/mira-lund/rss/",
        ),
        "/tags/piers/": ("http://localhost/tags/piers/", "/feeds/tags/piers/rss/"),
    }
    for path, (canonical, feed) in expected.items():
        html = client.get(path).content.decode()
        assert f'<link rel="canonical" href="{canonical}">' in html, path
        assert meta(html, "robots") == ["max-image-preview:large"], path
        assert f'href="http://localhost{feed}"' in html, path
        assert "application/ld+json" not in html, path
        assert meta(html, "twitter:card") == ["summary"], path


def test_hostile_page_numbers_do_not_reach_the_canonical_link(client: Client) -> None:
    """Only a plausible page number is kept in a section's canonical link."""
    make_article(make_section("World", slug="world"))
    for query in (
        "page=abc",
        "page=0",
        "page=1",
        "page=99999999999",
        'page="><script>',
        "page=%C2%B2",
        "page=" + "9" * 5000,
    ):
        html = client.get(f"/world/?{query}").content.decode()
        assert '<link rel="canonical" href="http://localhost/world/">' in html, query


def test_canonical_link_names_the_page_of_the_list_shown(client: Client, settings: Any) -> None:
    """A page number past the end shows the last page, one below 1 the first, and the
    canonical link names the page shown.

    Before, /world/?page=7 of a two-page section showed page 2 under the canonical
    address ?page=7, and ?page=0 showed page 2 under the first page's address.
    """
    settings.MASTHEAD_SECTION_PAGE_SIZE = 1
    section = make_section("World", slug="world")
    make_article(section)
    make_article(section)
    make_home()
    for query in ("page=7", "page=2"):
        html = client.get(f"/world/?{query}").content.decode()
        assert '<link rel="canonical" href="http://localhost/world/?page=2">' in html, query
    for query in ("page=0", "page=-3"):
        html = client.get(f"/world/?{query}").content.decode()
        assert '<link rel="canonical" href="http://localhost/world/">' in html, query
    html = client.get("/?page=3").content.decode()
    assert '<link rel="canonical" href="http://localhost/">' in html


def test_the_head_adds_no_query_to_an_article_page(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The head reuses what the page loads (authors, corrections, tags, lead image)."""
    from masthead.core.templatetags import parts

    article = full_article()
    correct(article)
    with_head = count_queries(client, article.url)
    find_part = parts.find_part
    monkeypatch.setattr(
        parts, "find_part", lambda name: None if name == "head_meta" else find_part(name)
    )
    without_head = count_queries(client, article.url)
    assert "application/ld+json" not in client.get(article.url + "?nohead").content.decode()
    assert with_head == without_head


def test_not_found_page_has_no_canonical_link(client: Client) -> None:
    """A 404 names no canonical address, but still offers the site's feeds."""
    make_home()
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'rel="canonical"' not in html and 'property="og:url"' not in html
    assert 'href="http://localhost/feeds/rss/"' in html
