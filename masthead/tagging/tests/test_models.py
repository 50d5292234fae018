"""Tags, aliases and merging."""

from __future__ import annotations

import datetime as dt
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from wagtail.models import Revision

from masthead.newsroom import actions as newsroom_actions
from masthead.newsroom.models import ArticlePage
from masthead.tagging import actions as tagging_actions
from masthead.tagging.actions import find_or_create_tag, merge_tags, set_article_tags
from masthead.tagging.models import Tag, TagAlias, TagSlugRedirect, TagSuggestion
from masthead.tagging.models import TagAlias as Alias
from masthead.tagging.normalise import normalise_name
from masthead.tagging.tests.helpers import make_tag, tag_names, tagged_article
from masthead.testing.factories import make_section

pytestmark = pytest.mark.django_db


def test_normalised_names_ignore_case_dots_and_accents() -> None:
    """Spellings that differ in case, dots, accents or spacing share one lookup key."""
    assert normalise_name("U.S.") == normalise_name("us") == "us"
    assert normalise_name("  Ínes   Cáldor ") == "ines caldor"
    assert normalise_name("O'Neill") == "oneill"


def test_tag_gets_a_unique_slug() -> None:
    """A new tag gets a slug from its name, never one already taken."""
    first = make_tag("Harbour funding")
    second = Tag(name="Harbour  Funding!")
    second.save()
    assert first.slug == "harbour-funding"
    assert second.slug == "harbour-funding-2"
    assert first.get_absolute_url() == "/tags/harbour-funding/"


def test_aliases_find_the_tag() -> None:
    """An alias, in any spelling, names its tag."""
    states = make_tag("United States", "place", aliases=("US", "U.S.A."))
    assert find_or_create_tag("u.s.", "place") == states
    assert find_or_create_tag("USA", "place") == states
    assert find_or_create_tag("united states", "place") == states
    assert Tag.objects.count() == 1


def test_alias_collision_is_a_clear_error() -> None:
    """One alias on two tags is refused with a message naming the other tag."""
    make_tag("United States", "place", aliases=("US",))
    union = make_tag("Union of Shipwrights", "organisation")
    with pytest.raises(ValidationError, match="already names the tag “United States”"):
        Alias(tag=union, name="U.S.").full_clean()
    with pytest.raises(ValidationError, match="already names the tag “United States”"):
        Alias(tag=union, name="united states").full_clean()
    with pytest.raises(ValidationError, match="already the tag"):
        Tag(name="u.s.").full_clean()


def test_merge_moves_articles_keeping_order_and_no_duplicates() -> None:
    """Merging puts the survivor in the source's place, once, on every article."""
    caldor = make_tag("Ines Caldor", "person")
    caldor_dup = make_tag("I. Caldor", "person", aliases=("Councillor Caldor",))
    harbour = make_tag("Harbour funding")
    only_dup = tagged_article(harbour, caldor_dup)
    both = tagged_article(caldor_dup, harbour, caldor)
    merge_tags(caldor_dup, caldor)
    assert tag_names(only_dup) == ["Harbour funding", "Ines Caldor"]
    assert tag_names(both) == ["Ines Caldor", "Harbour funding"]
    assert not Tag.objects.filter(pk=caldor_dup.pk).exists()
    aliases = set(TagAlias.objects.filter(tag=caldor).values_list("name", flat=True))
    assert aliases == {"Councillor Caldor", "I. Caldor"}
    # The next publication restores tags from the latest revision: it must agree.
    revision = both.get_latest_revision_as_object()
    assert [link.tag_id for link in revision.tag_links.all()] == [caldor.pk, harbour.pk]
    revision.save_revision().publish()
    assert tag_names(both) == ["Ines Caldor", "Harbour funding"]


def test_merged_slug_redirects_permanently(client: Client) -> None:
    """The old slug answers 301 to the survivor's page, even after a second merge."""
    old = make_tag("Averly harbour")
    middle = make_tag("Averly port")
    last = make_tag("Port of Averly", "place")
    merge_tags(old, middle)
    merge_tags(middle, last)
    for slug in ("averly-harbour", "averly-port"):
        response = client.get(f"/tags/{slug}/")
        assert response.status_code == 301
        assert response["Location"] == "/tags/port-of-averly/"
    assert TagSlugRedirect.objects.filter(tag=last).count() == 2
    Tag(name="Averly harbour").save()
    assert Tag.objects.get(name="Averly harbour").slug == "averly-harbour-2"


def test_merging_a_tag_given_back_its_old_slug(client: Client) -> None:
    """A tag re-slugged and given its old slug back merges; its slug then redirects once.

    Before the fix the merge raised IntegrityError: the redirect of that slug existed.
    """
    source = make_tag("Quay trust", slug="quay-trust")
    survivor = make_tag("Averly quay trust")
    tagged_article(source)
    source.slug = "quay-trust-old"
    source.save()
    source.slug = "quay-trust"
    source.save()
    assert not TagSlugRedirect.objects.filter(old_slug="quay-trust").exists()
    merge_tags(Tag.objects.get(pk=source.pk), survivor)
    assert TagSlugRedirect.objects.get(old_slug="quay-trust").tag_id == survivor.pk
    assert client.get("/tags/quay-trust/")["Location"] == survivor.get_absolute_url()


def test_merging_a_tag_that_took_another_tags_old_slug() -> None:
    """A slug one tag gave up and another took redirects to the merge's survivor.

    Before the fix the merge raised IntegrityError on the old slug's unique redirect.
    """
    first = make_tag("Slipway fund", slug="slipway")
    first.slug = "slipway-fund"
    first.save()
    taker = make_tag("Slipway", slug="slipway")
    survivor = make_tag("Slipways")
    TagSlugRedirect.objects.update_or_create(old_slug="slipway", defaults={"tag": first})
    merge_tags(taker, survivor)
    assert TagSlugRedirect.objects.get(old_slug="slipway").tag_id == survivor.pk


def test_merge_refuses_a_tag_into_itself() -> None:
    """A tag cannot swallow itself."""
    tag = make_tag("Ferries")
    with pytest.raises(ValueError):
        merge_tags(tag, tag)


def test_merge_command(client: Client) -> None:
    """`masthead tags merge OLD NEW` merges by slug."""
    old, new = make_tag("Ferry"), make_tag("Ferries")
    article = tagged_article(old)
    call_command("tags", "merge", "ferry", "ferries")
    assert tag_names(article) == ["Ferries"]
    assert client.get("/tags/ferry/")["Location"] == new.get_absolute_url()


def go_live_now(article_id: int) -> None:
    """Bring every scheduled revision of an article due, and run Wagtail's scheduler."""
    past = timezone.now() - dt.timedelta(seconds=1)
    scheduled = Revision.objects.filter(
        object_id=str(article_id), approved_go_live_at__isnull=False
    )
    for revision in scheduled:
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)


def test_merge_keeps_the_survivor_on_an_embargoed_article() -> None:
    """An embargoed article merged while it waits goes live with the survivor tag.

    Before the fix the scheduled revision kept the merged-away tag's id, which no
    longer existed: the article went live with neither tag.
    """
    source, survivor = make_tag("Kelmory quay"), make_tag("Kelmory harbour", "place")
    article = newsroom_actions.create_article(
        make_section(),
        title="Kelmory harbour dredging to start",
        standfirst="Not before noon.",
        go_live_at=timezone.now() + dt.timedelta(hours=2),
        publish=False,
    )
    draft = set_article_tags(article, [source], publish=False)
    draft.save_revision().publish()  # Scheduled again, now with its tag.
    assert not ArticlePage.objects.get(pk=article.pk).live
    merge_tags(source, survivor)
    go_live_now(article.pk)
    assert ArticlePage.objects.get(pk=article.pk).live
    assert tag_names(article) == ["Kelmory harbour"]


def test_merge_keeps_the_survivor_on_a_scheduled_update() -> None:
    """A live article's scheduled update, merged while it waits, goes live with the survivor.

    Before the fix the update stayed scheduled with the merged-away tag's id and
    went live without the article's tag.
    """

    source, survivor = make_tag("Tarnby mill"), make_tag("Tarnby mill cooperative")
    article = tagged_article(source, make_tag("Mill jobs"))
    update = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    update.title = "Tarnby mill sold to its workers"
    update.go_live_at = timezone.now() + dt.timedelta(hours=3)
    update.save_revision().publish()
    merge_tags(source, survivor)
    assert tag_names(article) == ["Tarnby mill cooperative", "Mill jobs"]
    go_live_now(article.pk)
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.title == "Tarnby mill sold to its workers"
    assert tag_names(article) == ["Tarnby mill cooperative", "Mill jobs"]


def test_merge_keeps_the_survivor_on_a_draft_that_gained_the_tag() -> None:
    """A tag added only in a draft (an accepted suggestion) becomes the survivor there.

    Before the fix the merge looked only at the articles' live tag rows, which a
    draft revision does not write: the draft kept the merged-away tag's id and was
    published with neither tag.
    """
    source, survivor = make_tag("Brackwater ferry"), make_tag("Brackwater ferry service")
    unpublished = newsroom_actions.create_article(
        make_section(),
        title="Brackwater ferry to run at night",
        standfirst="A trial over the winter.",
        publish=False,
    )
    set_article_tags(unpublished, [source])  # A draft: only the revision carries it.
    night = make_tag("Night crossings")
    live = tagged_article(night)
    set_article_tags(live, [night, source], publish=False)  # The editor's pending draft.
    merge_tags(source, survivor)
    for article in (unpublished, live):
        ArticlePage.objects.get(pk=article.pk).get_latest_revision().publish()
    assert tag_names(unpublished) == ["Brackwater ferry service"]
    assert tag_names(live) == ["Night crossings", "Brackwater ferry service"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_accepting_suggestions_at_once_keep_both_tags() -> None:
    """Two acceptances on one article at the same moment both end up in its tag list.

    Before the fix both read the same latest revision, and the second to save
    wrote a tag list without the first one's tag (PostgreSQL; SQLite's
    immediate transactions already take turns).
    """
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's immediate transactions never overlap")
    article = tagged_article(make_tag("Harbour"))
    suggestions = [
        TagSuggestion.objects.create(
            article=article, name=name, kind="topic", score=1.0, tag=make_tag(name)
        )
        for name in ("Ferries", "Tolls")
    ]
    first_has_read = threading.Event()
    second_done = threading.Event()
    read = tagging_actions.latest_draft

    def slow_read(page: ArticlePage) -> ArticlePage:
        draft = read(page)
        if threading.current_thread().name == "first":
            first_has_read.set()
            second_done.wait(timeout=2)  # Blocked on the lock when it is taken.
        return draft

    def accept(index: int) -> None:
        try:
            if index == 1:
                first_has_read.wait(timeout=10)
            page = ArticlePage.objects.get(pk=article.pk)
            tagging_actions.accept_suggestions(page, [suggestions[index]])
        finally:
            if index == 1:
                second_done.set()
            connections.close_all()

    with mock.patch.object(tagging_actions, "latest_draft", slow_read):
        threads = [
            threading.Thread(target=accept, args=(0,), name="first"),
            threading.Thread(target=accept, args=(1,), name="second"),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    names = sorted(link.tag.name for link in draft.tag_links.all())
    assert names == ["Ferries", "Harbour", "Tolls"]
