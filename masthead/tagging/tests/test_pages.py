"""The tag line on articles and the tag pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from masthead.newsroom.models import ArticlePage
from masthead.tagging.actions import merge_tags, set_article_tags
from masthead.tagging.models import ArticleTag
from masthead.tagging.tests.helpers import make_tag, tagged_article
from masthead.testing.factories import make_article, make_other_site, make_section
from masthead.testing.http import count_queries

pytestmark = pytest.mark.django_db


def test_tag_line_follows_the_editors_order_and_links_tag_pages(client: Client) -> None:
    """The tag line lists the tags in their order, comma-separated, each linking its page."""
    nato = make_tag("NATO", "organisation")
    caldor = make_tag("Ines Caldor", "person")
    funding = make_tag("harbour funding")
    article = tagged_article(funding, nato, caldor)
    html = client.get(article.url).content.decode()
    line = re.search(r'<nav class="article__tags"[^>]*>(.*?)</nav>', html, re.S)
    assert line is not None
    assert re.sub(r"<[^>]+>", "", line.group(1)) == "harbour funding, NATO, Ines Caldor"
    assert re.findall(r'href="([^"]+)"', line.group(1)) == [
        "/tags/harbour-funding/",
        "/tags/nato/",
        "/tags/ines-caldor/",
    ]


def test_untagged_article_has_no_tag_line(client: Client) -> None:
    """An article without tags shows no empty tag line."""
    assert "article__tags" not in client.get(make_article().url).content.decode()


def test_article_page_costs_one_query_for_any_number_of_tags(client: Client) -> None:
    """Tags add one query to the article page, however many there are."""
    few = tagged_article(make_tag("Ferries"))
    many = tagged_article(*(make_tag(f"Topic {n}") for n in range(8)))
    assert count_queries(client, few.url) == count_queries(client, many.url)


def test_tag_page_shows_kind_description_and_articles_newest_first(client: Client) -> None:
    """A tag page names its kind and description and lists live articles, newest first."""
    tag = make_tag("Port Averly", "place", description="The coast's largest harbour town.")
    now = timezone.now()
    tagged_article(tag, title="Older pier story", published_at=now - dt.timedelta(days=2))
    tagged_article(tag, title="Newer pier story", published_at=now - dt.timedelta(hours=1))
    draft = tagged_article(tag, title="Unpublished pier story")
    draft.unpublish()
    response = client.get("/tags/port-averly/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "Place" in html and "The coast&#x27;s largest harbour town." in html
    assert html.index("Newer pier story") < html.index("Older pier story")
    assert "Unpublished pier story" not in html


def test_tag_page_paginates(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    """Tag pages hold the configured number of articles; bad page numbers fall back."""
    settings.MASTHEAD_SECTION_PAGE_SIZE = 2
    tag = make_tag("Ferries")
    section = make_section()
    for n in range(5):
        tagged_article(tag, section=section, title=f"Ferry story {n}")
    first = client.get("/tags/ferries/").content.decode()
    assert first.count('class="teaser"') == 2 and "Page 1 of 3" in first
    last = client.get("/tags/ferries/?page=3").content.decode()
    assert last.count('class="teaser"') == 1
    for bad in ("x", "999", "-1", "%00", "1" * 500):
        assert client.get(f"/tags/ferries/?page={bad}").status_code == 200


def test_tag_page_lists_tags_that_often_appear_with_it(client: Client) -> None:
    """Co-occurring tags are ordered by how many live articles they share."""
    harbour = make_tag("Harbour")
    caldor, nato, ferries = make_tag("Ines Caldor"), make_tag("NATO"), make_tag("Ferries")
    tagged_article(harbour, caldor, nato)
    tagged_article(nato, harbour)
    tagged_article(ferries)
    html = client.get("/tags/harbour/").content.decode()
    related = re.search(r'<ul class="tag-related__list">(.*?)</ul>', html, re.S)
    assert related is not None
    assert re.sub(r"<[^>]+>", " ", related.group(1)).split() == ["NATO", "Ines", "Caldor"]


def test_unknown_and_malformed_slugs_are_not_found(client: Client) -> None:
    """Unknown tags, huge slugs and odd encodings answer 404, never 500."""
    make_tag("Harbour")
    for path in (
        "/tags/nothing-here/",
        "/tags/" + "a" * 10_000 + "/",
        "/tags/%ff%fe/",
        "/tags/%00/",
        "/tags/%E2%80%AE/",
        "/tags/..%2f..%2fetc/",
        "/tags/caf%C3%A9/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post("/tags/harbour/").status_code == 405


def test_tag_page_query_count_does_not_grow_with_articles(client: Client) -> None:
    """A tag page costs a fixed number of queries as articles and tags grow."""
    tag = make_tag("Harbour")
    tagged_article(tag, make_tag("Ferries"))
    few = count_queries(client, "/tags/harbour/")
    for n in range(6):
        tagged_article(make_tag(f"Topic {n}"), tag)
    assert count_queries(client, "/tags/harbour/") == few
    assert few <= 6  # Tag, count, articles, lead images, renditions, co-occurring tags.


def test_publishing_purges_the_tag_pages(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A cached tag page shows a newly published article at once."""
    tag = make_tag("Harbour")
    tagged_article(tag, title="First harbour story")
    assert client.get("/tags/harbour/")["X-Masthead-Cache"] == "miss"
    assert client.get("/tags/harbour/")["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        article = tagged_article(tag, title="Second harbour story")
    assert "Second harbour story" in client.get("/tags/harbour/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert "Second harbour story" not in client.get("/tags/harbour/").content.decode()


def shown(client: Client, url: str) -> str:
    """Return a page's HTML, asserting the page cache now holds it."""
    html = client.get(url).content.decode()
    assert client.get(url)["X-Masthead-Cache"] == "hit", url
    return html


def test_a_republish_that_drops_a_tag_purges_its_page(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A tag taken off an article stops listing it at once, not when its page expires."""
    harbour, council = make_tag("Harbour"), make_tag("Averly council")
    article = tagged_article(harbour, council, title="Quay repairs begin in spring")
    assert "Quay repairs begin" in shown(client, "/tags/averly-council/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        set_article_tags(article, [harbour], publish=True)
    assert "Quay repairs begin" in shown(client, "/tags/averly-council/")  # Not yet committed.
    with django_capture_on_commit_callbacks(execute=True):  # And what they queue.
        for callback in callbacks:
            callback()
    assert "Quay repairs begin" not in client.get("/tags/averly-council/").content.decode()
    assert "Quay repairs begin" in client.get("/tags/harbour/").content.decode()


def test_renaming_a_tag_refreshes_the_pages_showing_it(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A renamed tag shows its new name on its articles and its page at once."""
    tag = make_tag("Averly harbour board")
    article = tagged_article(tag, title="Board meets on the quay")
    assert "Averly harbour board" in shown(client, article.url)
    assert "Averly harbour board" in shown(client, "/tags/averly-harbour-board/")
    tag.name = "Averly port authority"
    with django_capture_on_commit_callbacks(execute=True):
        tag.save()
    assert "Averly port authority" in client.get(article.url).content.decode()
    assert "Averly port authority" in client.get("/tags/averly-harbour-board/").content.decode()


def test_a_new_tag_or_an_unseen_change_keeps_the_cache(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Creating a tag (suggestions do, often) or re-saving one unchanged purges nothing."""
    tag = make_tag("Lowmere ferries")
    article = tagged_article(tag)
    shown(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_tag("Lowmere lighthouse")
        tag.save()
        tag.external_id = "Q000001"  # Not shown to readers.
        tag.save()
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"


def test_a_changed_slug_redirects_the_old_address(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A tag given a new slug keeps its old address answering 301, and links follow."""
    tag = make_tag("Averly ferries")
    article = tagged_article(tag)
    assert client.get("/tags/averly-ferries/").status_code == 200
    tag.slug = "ferries-of-averly"
    with django_capture_on_commit_callbacks(execute=True):
        tag.save()
    response = client.get("/tags/averly-ferries/")
    assert (response.status_code, response["Location"]) == (301, "/tags/ferries-of-averly/")
    assert 'href="/tags/ferries-of-averly/"' in client.get(article.url).content.decode()
    tag.slug = "averly-ferries"  # Back again: the tag answers, the old redirect moves.
    tag.save()
    assert client.get("/tags/averly-ferries/").status_code == 200
    assert client.get("/tags/ferries-of-averly/")["Location"] == "/tags/averly-ferries/"


def test_a_merge_refreshes_an_article_whose_draft_waits(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Merging changes a live tag line without a publish; the cached pages follow."""
    source, survivor = make_tag("Averly quay"), make_tag("Averly harbour")
    article = tagged_article(source, title="Night ferry returns")
    draft = article.get_latest_revision_as_object()
    draft.title = "Night ferry returns in May"
    draft.save_revision()  # An editor's draft waits: the merge must not publish it.
    assert "Averly quay" in shown(client, article.url)
    assert "Night ferry returns" in shown(client, "/tags/averly-quay/")
    assert client.get("/tags/averly-harbour/").status_code == 404  # No article carries it yet.
    with django_capture_on_commit_callbacks(execute=True):
        merge_tags(source, survivor)
    html = client.get(article.url).content.decode()
    assert "Averly harbour" in html
    assert "Averly quay" not in html
    assert "Night ferry returns in May" not in html  # The draft is still a draft.
    assert client.get("/tags/averly-quay/").status_code == 301
    assert "Night ferry returns" in client.get("/tags/averly-harbour/").content.decode()


def test_tag_page_leaves_out_restricted_articles(client: Client) -> None:
    """A password-protected article is not listed on its tags' pages, as in the tag's feed.

    Before the fix the public, cached tag page showed its headline and link.
    """
    tag = make_tag("Quay tenders")
    tagged_article(tag, title="Open quay tender published")
    secret = tagged_article(tag, title="Embargoed quay tender")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="tide"
    )
    html = client.get(tag.get_absolute_url()).content.decode()
    assert "Open quay tender published" in html
    assert "Embargoed quay tender" not in html


def test_tag_page_names_no_tag_seen_only_on_restricted_articles(client: Client) -> None:
    """ "Often with" counts public articles only: a restricted story's other tags stay hidden.

    Before the fix it counted every live article, so a public tag's page named
    (and linked) the tags of a password-protected investigation carrying it.
    """
    tag, shared, hidden = (
        make_tag("Quay tenders"),
        make_tag("Dredging"),
        make_tag("Kestrel Mill sale"),
    )
    tagged_article(tag, shared, title="Open quay tender published")
    secret = tagged_article(tag, hidden, title="Quay tender inquiry")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="tide"
    )
    html = client.get(tag.get_absolute_url()).content.decode()
    assert "Dredging" in html
    assert "Kestrel Mill sale" not in html


def test_an_article_carrying_a_tag_twice_is_listed_once(client: Client) -> None:
    """An article whose tag list holds one tag twice is listed, and counted, once on its page.

    Before the fix the join on tag links listed it twice and threw the count off.
    """
    tag = make_tag("Pier works")
    article = make_article(title="Averly pier works paused")
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.tag_links = [ArticleTag(tag=tag, sort_order=0), ArticleTag(tag=tag, sort_order=1)]
    draft.save_revision().publish()
    assert ArticleTag.objects.filter(page_id=article.pk).count() == 2
    html = client.get(tag.get_absolute_url()).content.decode()
    assert html.count("Averly pier works paused") == 1


def test_a_tag_only_drafts_or_restricted_articles_carry_stays_out_of_sight(client: Client) -> None:
    """Its page, its feeds and its API entry are 404 until an article carrying it is public."""
    draft = make_article(title="Embargoed: Tarnby mayor to step down", publish=False)
    secret = make_tag("Tarnby mayor", slug="tarnby-mayor", kind="person")
    ArticleTag.objects.create(page=draft, tag=secret)
    members = make_section("Members", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    ArticleTag.objects.create(page=make_article(members), tag=secret)
    addresses = [
        "/tags/tarnby-mayor/",
        "/feeds/tags/tarnby-mayor/rss/",
        "/feeds/tags/tarnby-mayor/atom/",
        f"/api/v2/tags/{secret.pk}/",
    ]
    for address in addresses:
        assert client.get(address).status_code == 404, address
    listed = client.get("/api/v2/tags/").json()["items"]
    assert "Tarnby mayor" not in [item["name"] for item in listed]
    draft.save_revision().publish()
    for address in addresses:
        assert client.get(address).status_code == 200, address
    listed = client.get("/api/v2/tags/").json()["items"]
    assert "Tarnby mayor" in [item["name"] for item in listed]


@pytest.mark.parametrize("query", ["?page=abc", "?page=7", "?page=1&sort=old", "?page=01"])
def test_a_withdrawn_article_leaves_tag_pages_at_any_address(
    client: Client, django_capture_on_commit_callbacks: Any, query: str
) -> None:
    """A tag page at an address purges do not reach is not kept by shared caches.

    Before the fix ``/tags/harbour/?page=abc`` (page 1 under another address) was
    cached and still listed an unpublished article until it expired.
    """
    tag = make_tag("Harbour")
    tagged_article(tag, title="Tide tables for the quay")
    article = tagged_article(tag, title="Harbour master resigns")
    url = f"/tags/harbour/{query}"
    assert "Harbour master resigns" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert "Harbour master resigns" not in client.get(url).content.decode()
    assert "Harbour master resigns" not in client.get("/tags/harbour/").content.decode()
    assert "Tide tables" in shown(client, "/tags/harbour/?page=1")  # Purged, so shared.


def test_signed_in_editors_tag_page_is_private(
    client: Client,
    django_user_model: Any,
) -> None:
    """An editor's tag page carries the Wagtail user bar, so no shared cache keeps it.

    Before, the tag page was marked public (s-maxage) for editors too.
    """
    tagged_article(make_tag("Piers"))
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.invalid", "pw"))
    response = client.get("/tags/piers/")
    assert b"w-userbar" in response.content or b"wagtail-userbar" in response.content
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_tag_page_leaves_out_articles_past_their_expiry(client: Client) -> None:
    """An article past its expire_at is not listed; a tag only it carries is a 404.

    Before the fix the tag page listed it until the scheduler's next run unpublished it.
    """
    piers, ferries = make_tag("Piers"), make_tag("Ferries")
    tagged_article(piers, title="Quay lights repaired")
    gone = tagged_article(piers, ferries, title="Ferry strike called off")
    ArticlePage.objects.filter(pk=gone.pk).update(
        expire_at=timezone.now() - dt.timedelta(seconds=1)
    )
    html = client.get(piers.get_absolute_url()).content.decode()
    assert "Quay lights repaired" in html
    assert "Ferry strike called off" not in html
    assert client.get(ferries.get_absolute_url()).status_code == 404


def test_a_tag_page_lists_the_articles_of_its_own_site(client: Client) -> None:
    """Each Site's tag page lists the articles of its own tree, and is a 404 without one.

    Before, a tag page read the whole page tree: one paper's tag page listed a
    separate Site's articles, and a tag only that Site used had a page here.
    """
    harbour, valley_only = make_tag("Harbour"), make_tag("Valley fair")
    tagged_article(harbour, title="Harbour wall finished")
    valley = make_other_site("valley.test", "Valley Courier", "Valley News")
    tagged_article(harbour, valley_only, section=valley, title="Harbour ferry sold inland")
    ours = client.get("/tags/harbour/").content.decode()
    assert "Harbour wall finished" in ours
    assert "Harbour ferry sold inland" not in ours
    assert "Valley fair" not in ours  # Not among the tags seen with it either.
    assert client.get("/tags/valley-fair/").status_code == 404
    theirs = client.get("/tags/harbour/", HTTP_HOST="valley.test").content.decode()
    assert "Harbour ferry sold inland" in theirs
    assert "Harbour wall finished" not in theirs
    assert client.get("/tags/valley-fair/", HTTP_HOST="valley.test").status_code == 200


@pytest.mark.parametrize("query", ["?page=abc", "?page=0", "?page=1&page=2", "?from=home"])
def test_a_tag_page_at_an_address_no_purge_names_tells_caches_in_front_it_is_private(
    client: Client, query: str
) -> None:
    """A CDN in front is told not to keep a tag page at an address purges never reach.

    Before, such a page carried no Cache-Control at all (as section and author
    pages never did): a CDN that keeps such responses by default kept a
    withdrawn article listed there for as long as it liked.
    """
    tagged_article(make_tag("Harbour"), title="Harbour master resigns")
    response = client.get(f"/tags/harbour/{query}")
    assert response.status_code == 200
    assert "private" in response.get("Cache-Control", "")
    assert "public" not in response.get("Cache-Control", "")
