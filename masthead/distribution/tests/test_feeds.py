"""RSS and Atom feeds of the site, sections, tags and authors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import feedparser
import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from masthead.distribution.tests.helpers import correct, full_article, still_fresh_for_a_cache
from masthead.newsroom.actions import add_correction
from masthead.newsroom.models import ArticleAuthor, ArticlePage
from masthead.tagging.actions import merge_tags, set_article_tags
from masthead.tagging.tests.helpers import make_tag, tagged_article
from masthead.testing.factories import (
    make_article,
    make_author,
    make_image,
    make_other_site,
    make_section,
)
from masthead.testing.http import count_queries

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/sections/harbour/rss/",
    "/feeds/sections/harbour/atom/",
    "/feeds/tags/piers/rss/",
    "/feeds/tags/piers/atom/",
    "/feeds/authors/mira-lund/rss/",
    "/feeds/authors/mira-lund/atom/",
]


def parse(client: Client, url: str) -> feedparser.FeedParserDict:
    """Fetch a feed and parse it with feedparser, asserting it is well formed."""
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return parsed


def test_every_feed_parses_and_lists_the_article(client: Client) -> None:
    """Each feed, summary or full text, is well formed for feedparser and carries the article."""
    article = full_article(authors=[make_author("Mira Lund", slug="mira-lund")])
    correct(article)
    for url in FEEDS:
        check_feed_entry(client, url, article)
        [entry] = parse(client, f"{url}?full=1").entries
        assert "We will not rush this." in entry.content[0].value, url


def check_feed_entry(client: Client, url: str, article: Any) -> None:
    """Assert a feed carries the article alone, with its facts."""
    parsed = parse(client, url)
    assert parsed.version == ("rss20" if url.endswith("/rss/") else "atom10")
    [entry] = parsed.entries
    assert entry.title == "Averly council delays the pier vote"
    assert entry.link == f"http://localhost{article.url}"
    assert entry.summary == "Councillors want another survey of the old timber piles."
    assert entry.id.startswith("tag:localhost,") and entry.id.endswith(f":article:{article.pk}")
    assert entry.author == "Mira Lund"
    terms = {tag.term for tag in entry.tags}
    assert terms == {"Harbour", "Averly council", "Piers"}
    assert entry.enclosures and entry.enclosures[0]["type"] == "image/png"


def test_feeds_name_themselves_and_the_websub_hub(client: Client, settings: object) -> None:
    """Every feed links to itself (rel=self) and to the configured hub (rel=hub)."""
    settings.DISTRIBUTION_WEBSUB_HUB = "https://hub.example.org/"  # type: ignore[attr-defined]
    full_article(authors=[make_author("Mira Lund", slug="mira-lund")])
    for url in FEEDS:
        links = {link.rel: link.href for link in parse(client, url).feed.links}
        assert links["self"] == f"http://localhost{url}", url
        assert links["hub"] == "https://hub.example.org/", url


def test_no_hub_link_without_a_hub(client: Client) -> None:
    """Without a configured hub the feeds name none."""
    full_article()
    assert "hub" not in {link.rel for link in parse(client, "/feeds/atom/").feed.links}


def test_item_id_stays_the_same_when_the_article_is_updated(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A correction purges the cached feed and moves the updated time, never the item's ID."""
    article = full_article()
    before = parse(client, "/feeds/atom/").entries[0]
    with django_capture_on_commit_callbacks(execute=True):
        correct(article)
    after = parse(client, "/feeds/atom/").entries[0]
    assert after.id == before.id
    assert after.updated_parsed > before.updated_parsed


def test_full_text_option_adds_the_whole_article(client: Client, settings: object) -> None:
    """?full=1 (or the setting) adds the sanitised body; summaries stay without it."""
    article = full_article()
    correct(article, "The vote is on Wednesday.")
    summary = parse(client, "/feeds/rss/").entries[0]
    assert "content" not in summary
    for url in ("/feeds/rss/?full=1", "/feeds/atom/?full=1"):
        entry = parse(client, url).entries[0]
        html = entry.content[0].value
        assert "<b>Tuesday</b>" in html and "We will not rush this." in html
        assert "The north quay" in html and "<img" in html
        assert "The vote is on Wednesday." in html
    settings.DISTRIBUTION_FEED_FULL_TEXT = True  # type: ignore[attr-defined]
    assert "content" in parse(client, "/feeds/sections/harbour/atom/").entries[0]
    assert "content" not in parse(client, "/feeds/sections/harbour/atom/?full=0").entries[0]


def test_full_text_dates_each_correction(client: Client) -> None:
    """Whole articles in feeds date their corrections, as the article's foot does.

    Before, a subscriber read the correction with no date, so could not tell
    whether it came before or after the version they had read.
    """
    article = full_article()
    add_correction(
        article,
        "The vote is on Wednesday.",
        corrected_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
    )
    for url in ("/feeds/rss/?full=1", "/feeds/atom/?full=1"):
        html = parse(client, url).entries[0].content[0].value
        assert '<time datetime="2026-03-02T09:00:00+00:00">02 March 2026</time>' in html, url
        assert "The vote is on Wednesday." in html


def test_body_markup_is_sanitised_in_full_text(client: Client) -> None:
    """Scripts written into a body by an importer never reach the feed."""
    make_article(
        make_section("World", slug="world"),
        body=[("paragraph", '<p>Hi<script>alert(1)</script><a href="javascript:x()">x</a></p>')],
    )
    html = parse(client, "/feeds/rss/?full=1").entries[0].content[0].value
    assert "<script" not in html and "javascript:" not in html


def test_feeds_list_newest_first_and_leave_out_drafts(client: Client) -> None:
    """Newest first, at most the configured number, drafts left out."""
    section = make_section("World", slug="world")
    now = timezone.now()
    for n in range(3):
        make_article(section, title=f"Story {n}", published_at=now - dt.timedelta(days=n))
    make_article(section, title="Draft story", publish=False)
    titles = [entry.title for entry in parse(client, "/feeds/sections/world/rss/").entries]
    assert titles == ["Story 0", "Story 1", "Story 2"]


def test_control_characters_in_a_headline_do_not_break_the_feed(client: Client) -> None:
    """An imported headline with a control character still gives a well-formed feed."""
    make_article(title="Tides\x0b report", standfirst="Low water\x01 at noon.")
    assert parse(client, "/feeds/rss/").entries[0].title == "Tides report"


def test_an_atom_feed_names_an_author_for_an_article_without_a_byline(client: Client) -> None:
    """The Atom feed names the publication as its author, so unbylined entries stay valid.

    RFC 4287 (4.1.1) requires an author on the feed unless every entry has one.
    Before the fix an article credited to nobody (wire copy, a staff notice)
    gave an Atom feed without any author for that entry: invalid Atom.
    """
    from lxml import etree

    make_article(title="Ferry crossings resume at dawn")
    root = etree.fromstring(client.get("/feeds/atom/").content)
    atom = {"a": "http://www.w3.org/2005/Atom"}
    assert root.xpath("a:author/a:name/text()", namespaces=atom) == ["Masthead"]
    [entry] = root.xpath("a:entry", namespaces=atom)
    assert entry.xpath("a:author", namespaces=atom) == []


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/nowhere/rss/",
        "/feeds/tags/nothing/atom/",
        "/feeds/authors/nobody/rss/",
        "/feeds/json/",
        "/feeds/places/x/rss/",
        "/feeds/tags/" + "a" * 300 + "/rss/",
        "/feeds/tags/%00/rss/",
    ],
)
def test_unknown_feeds_are_404(client: Client, url: str) -> None:
    """Unknown sections, tags, authors and formats are 404s, not errors."""
    make_article()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query", ["full=%00", "full=" + "1" * 10_000, "full[]=1&full=2", "%ff%fe=1", "x=' OR 1=1--"]
)
def test_hostile_query_strings_get_a_feed(client: Client, query: str) -> None:
    """Odd query strings give the feed (not shared by the cache), never an error."""
    make_article()
    response = client.get(f"/feeds/rss/?{query}")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_feeds_are_cached_and_purged_on_publish(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Feeds are public (stored by the page cache) and a new article purges them."""
    section = make_section("World", slug="world")
    make_article(section, title="First story")
    first = client.get("/feeds/sections/world/rss/")
    assert "public" in first["Cache-Control"]
    assert client.get("/feeds/sections/world/rss/")["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(section, title="Second story", published_at=timezone.now())
    titles = [e.title for e in parse(client, "/feeds/sections/world/rss/").entries]
    assert titles[0] == "Second story"


def test_a_withdrawn_article_changes_the_feeds_validator(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Once an article is withdrawn, a cache revalidating the old feed is told it changed.

    Before the fix the feed's only validator was ``Last-Modified``, the newest
    item's date: withdrawing the newest article moved it back in time, so a
    CDN or reader asking "modified since?" was answered 304 and kept the
    withdrawn story. A minor republish left it unchanged in the same way.
    """
    section = make_section("World", slug="world")
    make_article(section, title="Older story", published_at=timezone.now() - dt.timedelta(days=1))
    newest = make_article(section, title="Withdrawn story", published_at=timezone.now())
    for url in ("/feeds/rss/", "/feeds/sections/world/atom/"):
        before = client.get(url)
        with django_capture_on_commit_callbacks(execute=True):
            ArticlePage.objects.get(pk=newest.pk).unpublish()
        after = client.get(url)
        assert b"Withdrawn story" in before.content and b"Withdrawn story" not in after.content
        assert not still_fresh_for_a_cache(before, after), url
        assert not after.has_header("Last-Modified"), url
        newest.save_revision().publish()


def cached_entries(client: Client, url: str) -> int:
    """Return how many entries a feed lists, asserting the page cache now holds it."""
    count = len(parse(client, url).entries)
    assert client.get(url)["X-Masthead-Cache"] == "hit", url
    return count


def drop_author(article: ArticlePage, author: Any) -> None:
    """Republish the article without one of its authors."""
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.article_authors = [
        ArticleAuthor(author=link.author)
        for link in draft.article_authors.all()
        if link.author_id != author.pk
    ]
    draft.save_revision().publish()


def test_a_republish_purges_the_feeds_of_a_lost_author_and_tag(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """An author or tag removed by a republish no longer lists the article in its cached feeds."""
    kept = make_author("Mira Lund", slug="mira-lund")
    lost = make_author("Oskar Penn", slug="oskar-penn")
    piers, council = make_tag("Piers"), make_tag("Averly council")
    article = tagged_article(piers, council, authors=[kept, lost])
    author_feeds = ["/feeds/authors/oskar-penn/rss/", "/feeds/authors/oskar-penn/atom/?full=1"]
    tag_feeds = ["/feeds/tags/averly-council/atom/", "/feeds/tags/averly-council/rss/?full=0"]
    assert [cached_entries(client, url) for url in author_feeds + tag_feeds] == [1, 1, 1, 1]
    with django_capture_on_commit_callbacks(execute=True):
        drop_author(article, lost)
    assert [len(parse(client, url).entries) for url in author_feeds] == [0, 0]
    assert [cached_entries(client, url) for url in tag_feeds] == [1, 1]  # Still cached.
    with django_capture_on_commit_callbacks(execute=True):
        set_article_tags(article, [piers], publish=True)
    # No public article carries the tag any more: its feeds answer 404, not the cached copy.
    assert [client.get(url).status_code for url in tag_feeds] == [404, 404]
    assert len(parse(client, "/feeds/tags/piers/rss/").entries) == 1
    assert len(parse(client, "/feeds/authors/mira-lund/rss/").entries) == 1


def test_moving_an_article_purges_the_feed_of_the_section_it_left(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A live article moved to another section leaves the old section's cached feed.

    Newsroom empties the local page cache on any move as well; the purge batch
    sent here is what reaches a CDN (and the hub: see test_websub).
    """
    harbour, world = make_section("Harbour", slug="harbour"), make_section("World", slug="world")
    article = make_article(harbour)
    assert cached_entries(client, "/feeds/sections/harbour/rss/") == 1
    assert cached_entries(client, "/feeds/sections/world/atom/") == 0
    assert cached_entries(client, "/feeds/rss/") == 1
    with django_capture_on_commit_callbacks(execute=True):
        article.move(world, pos="last-child")
    assert parse(client, "/feeds/sections/harbour/rss/").entries == []
    [entry] = parse(client, "/feeds/sections/world/atom/").entries
    assert entry.link == f"http://localhost/world/{article.slug}/"
    assert parse(client, "/feeds/rss/").entries[0].link == entry.link


def add_articles(count: int, section: Any, author: Any, tag: Any) -> None:
    """Create articles with an author, a tag, a lead image and a correction."""
    for _ in range(count):
        article = tagged_article(tag, section=section, authors=[author], lead_image=make_image())
        correct(article)


def test_feeds_cost_a_constant_number_of_queries(client: Client) -> None:
    """Feeds cost the same number of queries for 2 articles as for 8."""
    urls = [
        "/feeds/rss/",
        "/feeds/atom/?full=1",
        "/feeds/sections/world/rss/",
        "/feeds/tags/piers/rss/",
        "/feeds/authors/mira-lund/atom/?full=1",
    ]
    section = make_section("World", slug="world")
    author = make_author("Mira Lund", slug="mira-lund")
    tag = make_tag("Piers")
    add_articles(2, section, author, tag)
    few = {url: count_queries(client, url) for url in urls}
    add_articles(6, section, author, tag)
    assert {url: count_queries(client, url) for url in urls} == few
    assert max(few.values()) <= 8, few


def test_the_feed_of_a_merged_or_reslugged_tag_redirects_to_its_tag(client: Client) -> None:
    """Subscribers of an old tag feed are sent on (301), keeping full text or summaries."""
    source, survivor = make_tag("Averly quay"), make_tag("Averly harbour")
    tagged_article(source, title="Night ferry returns")
    merge_tags(source, survivor)
    response = client.get("/feeds/tags/averly-quay/atom/?full=1")
    assert (response.status_code, response["Location"]) == (
        301,
        "/feeds/tags/averly-harbour/atom/?full=1",
    )
    assert client.get("/feeds/tags/averly-quay/rss/?x=1")["Location"] == (
        "/feeds/tags/averly-harbour/rss/"
    )
    [entry] = parse(client, "/feeds/tags/averly-harbour/atom/?full=1").entries
    assert entry.title == "Night ferry returns"
    survivor.slug = "harbour-of-averly"
    survivor.save()
    assert client.get("/feeds/tags/averly-harbour/rss/")["Location"] == (
        "/feeds/tags/harbour-of-averly/rss/"
    )
    assert client.get("/feeds/tags/averly-quay/rss/")["Location"] == (
        "/feeds/tags/harbour-of-averly/rss/"
    )
    for unknown in ("/feeds/tags/never-a-tag/rss/", "/feeds/tags/averly-quay/json/"):
        assert client.get(unknown).status_code == 404


def test_restricted_section_has_no_feed(client: Client) -> None:
    """A login-restricted section's feed is a 404, so its title and intro stay private.

    Before the fix the feed answered 200 with the section's title and intro.
    """
    closed = make_section("Rota notes", slug="rota-notes", intro="For the night desk only")
    make_article(closed, title="Night desk swaps shifts")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/feeds/sections/rota-notes/rss/")
    assert response.status_code == 404
    assert b"night desk" not in response.content


def test_full_text_links_and_images_are_absolute_addresses(client: Client) -> None:
    """A link to another article in a whole article points at the site, not the feed reader.

    Before the fix Wagtail's page links came out as ``/harbour/…`` paths, which
    a feed reader resolves against its own address or not at all.
    """
    pier = make_article(make_section("Harbour", slug="harbour"), title="Pier vote delayed")
    make_article(
        pier.get_parent(),
        title="Ferry fares rise",
        body=[("paragraph", f'<p>See <a linktype="page" id="{pier.pk}">the pier</a>.</p>')],
    )
    assert pier.full_url and pier.full_url.startswith("http")
    for url in ("/feeds/rss/?full=1", "/feeds/atom/?full=1"):
        response = client.get(url)
        parsed = feedparser.parse(response.content, resolve_relative_uris=False)
        [entry] = [e for e in parsed.entries if e.title == "Ferry fares rise"]
        assert f'<a href="{pier.full_url}"' in entry.content[0].value, url


def test_an_article_past_its_expiry_is_in_no_feed_sitemap_or_api(client: Client) -> None:
    """A live article past its expire_at is left out of feeds, sitemaps and the API at once.

    Before the fix all of them listed it (and the API and ninjs served it) until the
    scheduler's next run unpublished it, or for ever with the scheduler down.
    """
    author = make_author("Mira Lund", slug="mira-lund")
    kept_tag, gone_tag = make_tag("Piers"), make_tag("Ferries")
    tagged_article(kept_tag, authors=[author], title="Quay lights repaired")
    gone = tagged_article(gone_tag, authors=[author], title="Ferry strike called off")
    ArticlePage.objects.filter(pk=gone.pk).update(
        expire_at=timezone.now() - dt.timedelta(seconds=1)
    )
    for url in (
        "/feeds/rss/",
        "/feeds/authors/mira-lund/atom/",
        "/sitemaps/articles.xml",
        "/sitemaps/news.xml",
        "/sitemaps/tags.xml",
        "/api/v2/articles/?fields=headline",
        "/api/v2/pages/",
        "/api/v2/tags/",
    ):
        body = client.get(url).content.decode()
        assert "quay-lights-repaired" in body or "piers" in body, url
        assert "ferry-strike-called-off" not in body and "ferries" not in body, url
    assert client.get(f"/api/v2/articles/{gone.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{gone.pk}/").status_code == 404
    assert client.get(f"/api/ninjs/{gone.pk}/").status_code == 404


def test_shared_copies_of_feeds_and_ninjs_cannot_outlive_an_articles_expiry(
    client: Client,
) -> None:
    """A feed listing an article, and its ninjs, are shared at most until its expire_at.

    Before the fix they were kept for the usual ten minutes, the expired
    article's headline (and, in ninjs, its text) with them.
    """
    article = make_article(title="Ferry strike called off")
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() + dt.timedelta(seconds=90)
    )
    for url in ("/feeds/rss/", f"/api/ninjs/{article.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = dict(
            part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
        )
        assert "public" in directives, url
        assert 0 < int(directives["s-maxage"]) <= 90, url


def test_shared_copies_of_sitemaps_cannot_outlive_a_listed_pages_expiry(client: Client) -> None:
    """A sitemap listing an article or a section is shared at most until it expires.

    Before the fix sitemaps were kept for the usual ten minutes, pointing
    crawlers at addresses that were 404s from the expiry on.
    """
    section = make_section("Regatta week", slug="regatta-week")
    article = make_article(section, title="Ferry strike called off")
    soon = timezone.now() + dt.timedelta(seconds=90)
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=soon)
    type(section).objects.filter(pk=section.pk).update(expire_at=soon)
    for url in ("/sitemaps/articles.xml", "/sitemaps/news.xml", "/sitemaps/sections.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "regatta-week" in response.content.decode(), url
        directives = dict(
            part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
        )
        assert "public" in directives, url
        assert 0 < int(directives["s-maxage"]) <= 90, url


def test_a_tag_feed_lists_its_own_sites_articles_and_is_a_404_without_one(client: Client) -> None:
    """A tag only another Site's articles carry has no feed here, as it has no page here.

    Before, the feed looked the tag up among every Site's articles: a tag used
    only by another paper answered an empty feed on this host, whose tag page
    is a 404.
    """
    harbour, valley_only = make_tag("Harbour"), make_tag("Valley fair")
    tagged_article(harbour, title="Harbour wall finished")
    valley = make_other_site("valley.test", "Valley Courier", "Valley News")
    tagged_article(harbour, valley_only, section=valley, title="Harbour ferry sold inland")
    ours = [entry.title for entry in parse(client, "/feeds/tags/harbour/rss/").entries]
    assert ours == ["Harbour wall finished"]
    assert client.get("/feeds/tags/valley-fair/rss/").status_code == 404
    theirs = client.get("/feeds/tags/valley-fair/rss/", HTTP_HOST="valley.test")
    assert theirs.status_code == 200
    assert "Harbour ferry sold inland" in theirs.content.decode()
