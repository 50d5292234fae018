"""The related headlines under an article: content, escaping, query count."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from masthead.related.actions import set_editor_picks, update_article
from masthead.related.models import IndexedArticle
from masthead.related.templatetags.related_tags import related_headlines
from masthead.related.tests.helpers import build_stories, related_ids, story_article
from masthead.testing.http import count_queries

pytestmark = pytest.mark.django_db


def test_article_page_lists_related_headlines(client: Client) -> None:
    """The article page shows its related headlines as links under the body."""
    stories = build_stories()
    article = stories["observatory"][0]
    html = client.get(article.url).content.decode()
    assert 'class="article__related related"' in html
    for other in stories["observatory"][1:]:
        assert f'href="{other.url}"' in html and other.title in html
    assert html.index("article__related") > html.index("article__body")


def test_rendering_the_list_costs_one_query(client: Client) -> None:
    """The part reads the stored list in one query, however long it is."""
    stories = build_stories()
    article = stories["ferry"][0]
    set_editor_picks(article, [stories["orchard"][0], stories["observatory"][0]])
    with CaptureQueriesContext(connection) as queries:
        shown = related_headlines(article)
        assert [page.url for page in shown]
    assert len(queries) == 1 and len(shown) == 4
    lonely = story_article("Zzyzx", "It is.", "")
    update_article(lonely.pk)
    assert count_queries(client, article.url) == count_queries(client, lonely.url)


def test_headlines_are_escaped(client: Client) -> None:
    """A hostile headline is shown as text."""
    stories = build_stories()
    hostile = story_article(
        '<script>alert("x")</script> Tessary comet telescope',
        "Nell Carrow and the observatory comet.",
        "Tessary observatory telescope comet Nell Carrow ridge.",
        hours_ago=0.1,
    )
    update_article(hostile.pk)
    html = client.get(stories["observatory"][0].url).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tessary" in html
    assert '<script>alert("x")' not in html


def test_no_list_no_markup(client: Client) -> None:
    """An article without related headlines shows no empty box."""
    lonely = story_article("Zzyzx", "It is.", "")
    update_article(lonely.pk)
    assert "article__related" not in client.get(lonely.url).content.decode()


def test_restricted_articles_are_not_related_headlines(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A password-protected article is neither ranked nor shown, even as an editor's pick.

    Before the fix its headline and link were listed under public articles: the
    index and the candidates only asked for live articles, and the rendered list
    only for live, unexpired targets.
    """
    stories = build_stories()
    article, secret = stories["observatory"][0], stories["observatory"][1]
    picked = stories["orchard"][0]
    set_editor_picks(article, [picked])
    with django_capture_on_commit_callbacks(execute=True):  # The commit empties the lookups.
        PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.PASSWORD, password="dome"
        )
        PageViewRestriction.objects.create(
            page=picked, restriction_type=PageViewRestriction.PASSWORD, password="press"
        )
    html = client.get(article.url).content.decode()
    assert secret.title not in html and picked.title not in html  # Lists stored before.
    for page in stories["observatory"]:
        update_article(page.pk)  # What any later publish of these articles does.
    html = client.get(article.url).content.decode()
    assert stories["observatory"][2].title in html
    assert secret.title not in html and picked.title not in html
    assert not IndexedArticle.objects.filter(article_id=secret.pk).exists()


def test_a_renamed_related_headline_is_purged_from_the_pages_listing_it(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Republishing an article under a new headline refreshes the cached pages that list it.

    Before, the list's targets did not change, so those pages were not purged and
    kept showing the headline the newsroom had replaced until their cache expired.
    """
    stories = build_stories()
    article, renamed = stories["observatory"][0], stories["observatory"][1]
    assert renamed.title in client.get(article.url).content.decode()
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    draft = renamed.get_latest_revision_as_object()
    draft.title = "Tessary ridge closed to comet watchers"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Tessary ridge closed to comet watchers" in html
    assert "Comet hunters crowd Tessary ridge" not in html


def test_a_shared_page_cannot_outlive_a_related_headlines_expiry(client: Client) -> None:
    """An article's page listing a related headline is shared at most until that one expires.

    Before the fix it was kept for the usual ten minutes (by us and a CDN),
    linking an article that was a 404 for readers from its expiry on.
    """
    import datetime as dt

    from django.utils import timezone

    stories = build_stories()
    article, related = stories["observatory"][0], stories["observatory"][1]
    type(related).objects.filter(pk=related.pk).update(
        expire_at=timezone.now() + dt.timedelta(seconds=90)
    )
    response = client.get(article.url)
    assert f'href="{related.url}"' in response.content.decode()
    directives = dict(
        part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
    )
    assert "public" in directives
    assert 0 < int(directives["s-maxage"]) <= 90
    assert 0 < int(directives["max-age"]) <= 90


def add_valley_section() -> Any:
    """Add a second Site, valley.test, with one section; return the section."""
    from wagtail.models import Page, Site

    from masthead.newsroom.actions import create_section
    from masthead.newsroom.models import HomePage

    home = HomePage(title="Valley Courier", slug="valley")
    Page.get_first_root_node().add_child(instance=home)  # type: ignore[union-attr]
    home.save_revision().publish()
    Site.objects.create(hostname="valley.test", port=80, root_page=home)
    return create_section(home, title="Valley news", slug="valley-news")


def test_another_sites_articles_are_not_related_headlines(client: Client) -> None:
    """An article of another Site is neither ranked into a list nor shown from a stored one.

    Before the fix the engine ranked every live article of every Site, so a
    public article listed a staff site's story, linked on the staff host; and a
    stored list kept showing an article moved to another Site.
    """
    from masthead.related.rebuild import rebuild

    stories = build_stories()
    article, moved, kept = stories["observatory"]
    valley = add_valley_section()
    twin = story_article(
        "Tessary observatory telescope tracks the comet",
        "Nell Carrow follows the comet from the Tessary dome.",
        "The Tessary observatory telescope tracked the comet all night. Nell Carrow said "
        "the comet would be brightest next month above the Tessary ridge.",
        hours_ago=0.5,
        section=valley,
    )
    update_article(twin.pk)
    assert twin.pk not in related_ids(article)
    moved.move(valley, pos="last-child")  # No update runs: the stored list still names it.
    html = client.get(article.url).content.decode()
    assert kept.title in html
    assert moved.title not in html and twin.title not in html
    twin_list = client.get(twin.url, HTTP_HOST="valley.test").content.decode()
    assert stories["observatory"][0].title not in twin_list
    update_article(moved.pk)
    assert related_ids(article) == [kept.pk]
    assert related_ids(twin) == [moved.pk]
    rebuild()
    assert related_ids(article) == [kept.pk]
    assert related_ids(twin) == [moved.pk]
