"""Newsroom actions: site tree, articles, corrections, scheduling."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.models import Page, Site

from masthead.newsroom import actions
from masthead.newsroom.models import ArticleCorrection, ArticlePage, HomePage
from masthead.testing.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


def test_ensure_home_page_replaces_welcome_page_once() -> None:
    """The default site points at one HomePage, however often it is ensured."""
    first = actions.ensure_home_page()
    second = actions.ensure_home_page()
    assert first.pk == second.pk
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page_id == first.pk
    assert not Page.objects.filter(depth=2).exclude(pk=first.pk).exists()


def test_naive_datetimes_are_refused() -> None:
    """Naive datetimes are never stored."""
    section = make_section()
    with pytest.raises(ValueError, match="timezone-aware"):
        actions.create_article(
            section, title="Naive", standfirst="x", published_at=dt.datetime(2020, 7, 3, 18, 0)
        )
    assert not ArticlePage.objects.filter(title="Naive").exists()


def test_correction_survives_later_publishing() -> None:
    """A correction is part of the article's revisions, so republishing keeps it."""
    article = make_article()
    actions.add_correction(article, "The bridge is 40 metres long, not 400.")
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.title = "A retitled story"
    draft.save_revision().publish()
    assert ArticleCorrection.objects.filter(page_id=article.pk).count() == 1


def test_correction_does_not_publish_an_editors_draft() -> None:
    """A correction goes live on the published text; a pending draft stays a draft, corrected too.

    Before, the correction was added to the latest revision and published, so
    an editor's unfinished (or embargoed) changes went live with it.
    """
    article = make_article(title="Tarnby mill to stay open")
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.title = "Tarnby mill to close in spring"
    draft.save_revision()
    actions.add_correction(article, "The mill employs 80 people, not 180.")
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.title == "Tarnby mill to stay open"
    assert [c.text for c in live.corrections.all()] == ["The mill employs 80 people, not 180."]
    assert live.has_unpublished_changes
    pending = live.get_latest_revision_as_object()
    assert pending.title == "Tarnby mill to close in spring"
    assert [c.text for c in pending.corrections.all()] == ["The mill employs 80 people, not 180."]


def test_correction_keeps_a_scheduled_update_scheduled() -> None:
    """A live article's scheduled update stays scheduled, and corrected, after a correction."""
    from django.utils import timezone

    article = make_article(title="Tarnby mill to stay open")
    update = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    update.title = "Tarnby mill sold to a cooperative"
    update.go_live_at = timezone.now() + dt.timedelta(hours=3)
    update.save_revision().publish()  # A future go-live time schedules the revision.
    actions.add_correction(article, "The mill opened in 1891, not 1819.")
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.title == "Tarnby mill to stay open"
    assert [c.text for c in live.corrections.all()] == ["The mill opened in 1891, not 1819."]
    scheduled = live.revisions.get(approved_go_live_at__isnull=False)
    assert scheduled.pk == live.latest_revision_id
    assert scheduled.approved_go_live_at == update.go_live_at
    later = scheduled.as_object()
    assert later.title == "Tarnby mill sold to a cooperative"
    assert [c.text for c in later.corrections.all()] == ["The mill opened in 1891, not 1819."]


def test_scheduled_article_is_not_live_until_go_live() -> None:
    """An embargoed article waits for its go-live time."""
    from django.utils import timezone

    article = actions.create_article(
        make_section(),
        title="Embargoed results",
        standfirst="Not before noon.",
        go_live_at=timezone.now() + dt.timedelta(hours=2),
    )
    assert not article.live
    assert article.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_align_first_published_uses_go_live_time() -> None:
    """A scheduled article is dated by its embargo time, not the scheduler's tick."""
    from django.utils import timezone

    go_live = timezone.now() - dt.timedelta(seconds=20)
    article = make_article(published_at=go_live + dt.timedelta(seconds=12))
    ArticlePage.objects.filter(pk=article.pk).update(go_live_at=go_live)
    article.refresh_from_db()
    actions.align_first_published(article)
    article.refresh_from_db()
    assert article.first_published_at == go_live


def test_home_page_is_unique() -> None:
    """A second HomePage cannot be created under the root."""
    make_home()
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_reverting_to_a_revision_before_a_correction_keeps_the_correction() -> None:
    """Publishing a revision older than a published correction keeps the correction.

    Before the fix the correction lived only in revisions made after it, so
    publishing an older one (a revert) deleted it from the public article.
    """
    article = make_article(title="Quarry road to reopen in March")
    before_correction = ArticlePage.objects.get(pk=article.pk).live_revision
    actions.add_correction(article, "The road reopens in March, not May.")
    assert before_correction is not None
    before_correction.publish()
    live = ArticlePage.objects.get(pk=article.pk)
    assert [c.text for c in live.corrections.all()] == ["The road reopens in March, not May."]


def test_a_published_correction_left_out_of_a_draft_is_published_again() -> None:
    """A draft that drops a published correction still carries it when published."""
    article = make_article(title="Orchard fair moves to the green")
    actions.add_correction(article, "The fair is on Saturday, not Sunday.")
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.corrections = []  # type: ignore[attr-defined]
    draft.save_revision().publish()
    live = ArticlePage.objects.get(pk=article.pk)
    assert [c.text for c in live.corrections.all()] == ["The fair is on Saturday, not Sunday."]


def test_a_correction_never_published_can_still_be_removed() -> None:
    """A correction only ever in a draft is the editor's to delete before publishing."""
    article = make_article(title="Weir footbridge repainted")
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    actions.with_correction(draft, "Draft note.", draft.first_published_at).save_revision()
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [c.text for c in draft.corrections.all()] == ["Draft note."]
    draft.corrections = []  # type: ignore[attr-defined]
    draft.save_revision().publish()
    assert not ArticlePage.objects.get(pk=article.pk).corrections.exists()
    unpublished = make_article(title="Mill pond survey begins", publish=False)
    draft = ArticlePage.objects.get(pk=unpublished.pk).get_latest_revision_as_object()
    actions.with_correction(draft, "Never printed.", draft.published_at).save_revision()
    draft.corrections = []  # type: ignore[attr-defined]
    draft.save_revision().publish()
    assert not ArticlePage.objects.get(pk=unpublished.pk).corrections.exists()


def test_a_draft_holding_a_copy_of_a_published_correction_publishes_it_once() -> None:
    """A draft given a published correction without its id (as drafts corrected earlier
    were) publishes one correction, not two."""
    article = make_article(title="Lantern walk returns to the quay")
    published = actions.add_correction(article, "The walk starts at 7pm, not 8pm.")
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.corrections = [  # type: ignore[attr-defined]
        ArticleCorrection(text=published.text, corrected_at=published.corrected_at)
    ]
    draft.save_revision().publish()
    live = ArticlePage.objects.get(pk=article.pk)
    assert [c.text for c in live.corrections.all()] == ["The walk starts at 7pm, not 8pm."]


def test_a_correction_to_a_withdrawn_article_is_refused() -> None:
    """A correction is refused for an article readers cannot see, which stays unpublished.

    Before the fix the correction published the article's latest revision: a
    withdrawn article (or a draft never printed) went live with it.
    """
    article = make_article(title="Causeway toll scrapped")
    ArticlePage.objects.get(pk=article.pk).unpublish()
    with pytest.raises(ValueError, match="live"):
        actions.add_correction(article, "The toll ends in June, not July.")
    withdrawn = ArticlePage.objects.get(pk=article.pk)
    assert not withdrawn.live and not withdrawn.corrections.exists()
