"""Editor picks, publishing, unpublishing and deletion."""

from __future__ import annotations

from typing import Any

import pytest

from masthead.newsroom.models import ArticlePage
from masthead.related.actions import set_editor_picks, update_article
from masthead.related.models import RelatedEntry, RelatedPick
from masthead.related.tests.helpers import build_stories, related_ids, story_article
from masthead.testing.factories import make_section

pytestmark = pytest.mark.django_db


def test_editor_picks_come_first_in_their_order() -> None:
    """Picks lead the list in the given order; automatic ones fill the rest."""
    stories = build_stories(make_section())
    article = stories["ferry"][0]
    comet, cider = stories["observatory"][1], stories["orchard"][2]
    entries = set_editor_picks(article, [comet, article, cider, comet])
    assert [entry.target_id for entry in entries[:2]] == [comet.pk, cider.pk]
    # Other stories share no terms: only the ferry story fills in after the picks.
    assert [entry.is_pick for entry in entries] == [True, True, False, False]
    assert {entry.target_id for entry in entries[2:]} == {p.pk for p in stories["ferry"][1:]}
    assert list(
        RelatedPick.objects.filter(page=article)
        .order_by("sort_order")
        .values_list("target_id", flat=True)
    ) == [comet.pk, cider.pk]
    set_editor_picks(article, [cider])
    assert related_ids(article)[0] == cider.pk
    assert RelatedEntry.objects.filter(article=article, is_pick=True).count() == 1


def test_unpublished_picks_are_skipped() -> None:
    """A pick that is withdrawn disappears from the list when it is recomputed."""
    stories = build_stories(make_section())
    article, pick = stories["orchard"][0], stories["ferry"][0]
    set_editor_picks(article, [pick])
    assert related_ids(article)[0] == pick.pk
    pick.unpublish()
    update_article(pick.pk)
    assert pick.pk not in related_ids(article)


def test_length_is_a_setting(settings: Any) -> None:
    """RELATED_LIST_LENGTH caps every list, picks included."""
    settings.RELATED_LIST_LENGTH = 1
    stories = build_stories(make_section())
    article = stories["ferry"][0]
    assert len(related_ids(article)) == 1
    set_editor_picks(article, [stories["orchard"][0], stories["orchard"][1]])
    assert related_ids(article) == [stories["orchard"][0].pk]


def test_publishing_queues_an_update(monkeypatch: pytest.MonkeyPatch) -> None:
    """Publishing and unpublishing an article enqueue its update."""
    queued: list[int] = []
    monkeypatch.setattr("masthead.related.tasks.enqueue_update", queued.append)
    article = story_article("Brannock ferry", "Ferry.", "The ferry.")
    article.unpublish()
    assert queued == [article.pk, article.pk]


def test_update_task_adds_a_new_article_to_its_neighbours_lists() -> None:
    """A new article of a story appears in the lists of the story's other articles."""
    from masthead.related.tasks import update_related

    stories = build_stories(make_section())
    newcomer = story_article(
        "Ilse Vantrow buys a Brannock ferry",
        "The Skelmere terminal will welcome a new ferry hull.",
        "Ilse Vantrow signed for a second-hand ferry to run the Brannock crossing from "
        "the Skelmere terminal next winter.",
        hours_ago=0.5,
    )
    update_related.enqueue(newcomer.pk)
    for page in stories["ferry"]:
        assert newcomer.pk in related_ids(page)
    assert set(related_ids(newcomer)[:3]) == {page.pk for page in stories["ferry"]}


def test_unpublishing_refills_the_lists_that_showed_it() -> None:
    """A withdrawn article leaves every list, and the index, once its update runs."""
    stories = build_stories(make_section())
    gone = stories["ferry"][1]
    gone.unpublish()
    result = update_article(gone.pk)
    assert not result.indexed
    assert not RelatedEntry.objects.filter(target=gone).exists()
    assert not RelatedEntry.objects.filter(article=gone).exists()
    assert stories["ferry"][0].pk in related_ids(stories["ferry"][2])


def test_deleting_removes_an_article_from_every_list_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Deletion takes the article out of lists in its own transaction, then queues refills."""
    refills: list[list[int]] = []
    monkeypatch.setattr("masthead.related.tasks.enqueue_refill", refills.append)
    stories = build_stories(make_section())
    gone = stories["orchard"][0]
    showing = set(RelatedEntry.objects.filter(target=gone).values_list("article_id", flat=True))
    assert {page.pk for page in stories["orchard"][1:]} <= showing
    ArticlePage.objects.get(pk=gone.pk).delete()
    assert not RelatedEntry.objects.filter(target_id=gone.pk).exists()
    assert set(refills[0]) == showing


def test_refill_task_recomputes_lists_and_tolerates_missing_articles() -> None:
    """The refill task recomputes the lists it is given, skipping ids that no longer exist."""
    from masthead.related.tasks import refill_lists

    stories = build_stories(make_section())
    article = stories["ferry"][0]
    RelatedEntry.objects.filter(article=article).delete()
    refill_lists.enqueue([article.pk, 987654])
    assert set(related_ids(article)) == {page.pk for page in stories["ferry"][1:]}


def test_a_view_restriction_put_on_or_lifted_updates_the_lists(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Restricting an article's section takes it out of the index and of every list; lifting
    the restriction brings it back, each without waiting for a publish.

    Before, nothing but a later publish or a rebuild updated them: the lists that
    showed a newly restricted article stayed a line short (the page hid it), and
    an article whose restriction was lifted was never listed again.
    """
    from wagtail.models import PageViewRestriction

    from masthead.related.models import IndexedArticle

    section = make_section()
    stories = build_stories(section)
    ferry = stories["ferry"]
    hidden = story_article(
        "Vault of Skelmere deeds", "Sealed Brannock ferry contracts.", "Brannock ferry deeds."
    )
    update_article(hidden.pk)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
    assert not IndexedArticle.objects.filter(article_id__in=[p.pk for p in ferry]).exists()
    assert not RelatedEntry.objects.filter(target__in=ferry).exists()
    assert ferry[0].pk not in related_ids(hidden)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert IndexedArticle.objects.filter(article_id=ferry[0].pk).exists()
    assert set(related_ids(ferry[0])) >= {ferry[1].pk, ferry[2].pk}
    assert ferry[0].pk in related_ids(ferry[1])


def test_moving_an_article_under_a_restriction_updates_the_lists(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """An article moved into a restricted section leaves the index and the lists at once.

    Before, the lists that showed it kept it (hidden by the page, a line short)
    until a publish or a rebuild.
    """
    from wagtail.models import PageViewRestriction

    from masthead.related.models import IndexedArticle

    stories = build_stories(make_section())
    moved = stories["ferry"][1]
    vault = make_section("Vault")
    with django_capture_on_commit_callbacks(execute=True):  # The commit empties the lookups.
        PageViewRestriction.objects.create(page=vault, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        moved.move(vault, pos="last-child")
    assert not IndexedArticle.objects.filter(article_id=moved.pk).exists()
    assert not RelatedEntry.objects.filter(target=moved).exists()
    assert stories["ferry"][2].pk in related_ids(stories["ferry"][0])


def test_a_restriction_over_many_articles_rebuilds_once(
    django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restriction reaching more articles than updates are worth queues one rebuild instead.

    A restriction on a big section (or the home page) would otherwise queue an
    update per article: about 50 ms each, days of work at a million articles,
    where the rebuild takes about 1.8 ms an article.
    """
    from wagtail.models import PageViewRestriction

    from masthead.related import rebuild, signal_handlers
    from masthead.related.models import IndexedArticle

    section = make_section()
    build_stories(section)
    rebuilds: list[int] = []
    real_rebuild = rebuild.rebuild_index

    def counted(*args: Any) -> Any:
        rebuilds.append(1)
        return real_rebuild(*args)

    monkeypatch.setattr(rebuild, "rebuild_index", counted)
    monkeypatch.setattr(signal_handlers, "UPDATES_BEFORE_REBUILD", 2)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert rebuilds == [1]
    assert not IndexedArticle.objects.exists() and not RelatedEntry.objects.exists()
