"""A changed record updates its article only where the newsroom has no work of its own on it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from wagtail.actions.delete_page import DeletePageAction
from wagtail.signals import page_unpublished

from masthead.ingest.actions import Outcome, import_record
from masthead.ingest.models import ImportedArticle
from masthead.ingest.records import ArticleRecord
from masthead.newsroom.models import ArticlePage
from masthead.tagging.models import Tag
from masthead.testing.factories import make_home

pytestmark = pytest.mark.django_db


def record(standfirst: str, *, is_draft: bool = False) -> ArticleRecord:
    """Return a wire record about an invented ferry timetable."""
    return ArticleRecord(
        source_format="feed",
        source_key="https://wire.example/ferry-timetable",
        title="Ferry timetable changes for winter",
        standfirst=standfirst,
        published_at=dt.datetime(2024, 11, 2, 7, tzinfo=dt.UTC),
        tags=["Ferries"],
        origin="feed.xml#1",
        is_draft=is_draft,
    )


def test_changed_record_is_published_over_an_untouched_live_article() -> None:
    """A live article without pending changes takes the changed record at once."""
    make_home()
    first = import_record(record("Two crossings are dropped."))
    outcome = import_record(record("Three crossings are dropped."))
    article = ArticlePage.objects.get(pk=first.article_id)
    assert (outcome.outcome, outcome.reason) == ("updated", "")
    assert article.live and article.standfirst == "Three crossings are dropped."


def test_changed_record_leaves_an_editors_unpublished_draft_alone() -> None:
    """An editor's saved draft is neither published nor overwritten; the run says why.

    Before the fix the import built on the draft and published it, so the
    editor's unfinished caption went live with the wire's new standfirst.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    draft = ArticlePage.objects.get(pk=first.article_id).get_latest_revision_as_object()
    draft.lead_image_caption = "Caption still to be checked"
    draft.save_revision()

    outcome = import_record(record("Three crossings are dropped."))
    live = ArticlePage.objects.get(pk=first.article_id)
    assert (outcome.outcome, outcome.reason) == ("skipped", "has unpublished changes")
    assert outcome.as_json()["reason"] == "has unpublished changes"
    assert live.lead_image_caption == ""
    assert live.standfirst == "Two crossings are dropped."
    assert live.get_latest_revision_as_object().lead_image_caption == "Caption still to be checked"


def test_changed_record_does_not_republish_a_withdrawn_article() -> None:
    """An article the newsroom unpublished stays withdrawn.

    Before the fix the import published a new revision and the article was live again.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    ArticlePage.objects.get(pk=first.article_id).unpublish()

    outcome = import_record(record("Three crossings are dropped."))
    article = ArticlePage.objects.get(pk=first.article_id)
    assert (outcome.outcome, outcome.reason) == ("skipped", "withdrawn by the newsroom")
    assert not article.live


def test_held_change_comes_in_once_the_editor_has_published() -> None:
    """The held record's hash is not stored, so the next run after the publish updates."""
    make_home()
    first = import_record(record("Two crossings are dropped."))
    article = ArticlePage.objects.get(pk=first.article_id)
    article.get_latest_revision_as_object().save_revision()
    held = import_record(record("Three crossings are dropped."))
    ArticlePage.objects.get(pk=article.pk).get_latest_revision().publish()

    again = import_record(record("Three crossings are dropped."))
    assert (held.outcome, again.outcome) == ("skipped", "updated")
    assert ArticlePage.objects.get(pk=article.pk).standfirst == "Three crossings are dropped."
    assert ImportedArticle.objects.get(article=article).content_hash == (
        record("Three crossings are dropped.").content_hash()
    )


def test_imported_draft_is_updated_and_published_when_its_source_publishes() -> None:
    """A never-published imported draft nobody has edited follows its source."""
    make_home()
    first = import_record(record("Two crossings are dropped.", is_draft=True))
    outcome = import_record(record("Three crossings are dropped."))
    article = ArticlePage.objects.get(pk=first.article_id)
    assert outcome.outcome == "updated"
    assert article.live and article.standfirst == "Three crossings are dropped."


def test_the_imports_own_draft_does_not_hold_back_the_next_change() -> None:
    """A draft the import wrote over a live article is the source's, not the newsroom's.

    The source withholds the item (a draft revision is saved, the article stays
    live as it was), then publishes it again: the new text goes live. Before the
    fix the import's own draft counted as the newsroom's unpublished changes,
    and every later change of the source was skipped until an editor stepped in.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    withheld = import_record(record("Three crossings are dropped.", is_draft=True))
    article = ArticlePage.objects.get(pk=first.article_id)
    assert withheld.outcome == "updated"
    assert article.live and article.standfirst == "Two crossings are dropped."

    outcome = import_record(record("Four crossings are dropped."))
    article = ArticlePage.objects.get(pk=first.article_id)
    assert (outcome.outcome, outcome.reason) == ("updated", "")
    assert article.live and not article.has_unpublished_changes
    assert article.standfirst == "Four crossings are dropped."


def test_a_tag_name_past_the_name_limit_is_found_again_by_a_later_import() -> None:
    """A tag name longer than a tag's 200 characters makes one tag, however often it comes.

    The tag is stored under the first 200 characters. Before the fix a later
    import looked it up by the whole name, found nothing and made a second
    tag of the same name (slug ``-2``), then a third, one a run.
    """
    make_home()
    long_name = "Quillby harbour " * 15
    first = dataclasses.replace(record("Two crossings are dropped."), tags=[long_name])
    second = dataclasses.replace(first, source_key="https://wire.example/ferry-fares")
    assert import_record(first).outcome == "created"
    assert import_record(second).outcome == "created"
    assert Tag.objects.count() == 1
    assert Tag.objects.get().name == long_name.strip()[:200]


def delete_in_the_admin(article_id: int | None) -> None:
    """Delete an article as the admin's delete view does (Wagtail's delete action)."""
    page = ArticlePage.objects.get(pk=article_id)
    DeletePageAction(page).execute(skip_permission_checks=True)


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize(
    "standfirst", ["Two crossings are dropped.", "Three crossings are dropped."]
)
def test_an_article_the_newsroom_deleted_is_not_imported_again(
    standfirst: str, dry_run: bool
) -> None:
    """The same or a changed record of a deleted article is skipped with a reason.

    Before the fix the import record was deleted with the article, so the next
    run of the same source created the article again, live, as if new.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    delete_in_the_admin(first.article_id)

    outcome = import_record(record(standfirst), dry_run=dry_run)
    assert (outcome.outcome, outcome.reason) == ("skipped", "deleted by the newsroom")
    assert (outcome.article_id, outcome.url) == (None, "")
    assert outcome.as_json()["reason"] == "deleted by the newsroom"
    assert not ArticlePage.objects.exists()
    tombstone = ImportedArticle.objects.get()
    assert tombstone.article_id is None
    assert tombstone.content_hash == record("Two crossings are dropped.").content_hash()


def withdrawn(standfirst: str) -> ArticleRecord:
    """Return the ferry record as its source sends it when taking the item back."""
    return dataclasses.replace(record(standfirst), is_draft=True, is_withdrawn=True)


def test_a_source_withdrawal_unpublishes_an_untouched_live_article() -> None:
    """An item the source withdraws is unpublished through Wagtail, which purges and pings.

    Before the fix the withdrawn record was saved as a draft revision and the
    story stayed live.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    unpublished: list[int] = []

    def note(sender: Any, instance: ArticlePage, **kwargs: Any) -> None:
        unpublished.append(instance.pk)

    page_unpublished.connect(note, sender=ArticlePage, dispatch_uid="test-withdrawal")
    try:
        outcome = import_record(withdrawn("Two crossings are dropped."))
    finally:
        page_unpublished.disconnect(dispatch_uid="test-withdrawal", sender=ArticlePage)
    article = ArticlePage.objects.get(pk=first.article_id)
    assert (outcome.outcome, outcome.reason) == ("withdrawn", "withdrawn by the source")
    assert outcome.article_id == article.pk
    assert not article.live
    assert unpublished == [article.pk]
    assert article.standfirst == "Two crossings are dropped."
    again = import_record(withdrawn("Two crossings are dropped."))
    assert again.outcome == "skipped"


def test_a_source_withdrawal_leaves_an_article_the_newsroom_edited(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An article with an editor's saved draft stays live; the run says the source withdrew it.

    Before the fix the record was skipped as ``has unpublished changes``, with no
    word of the withdrawal.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    draft = ArticlePage.objects.get(pk=first.article_id).get_latest_revision_as_object()
    draft.lead_image_caption = "Caption still to be checked"
    draft.save_revision()

    with caplog.at_level(logging.WARNING, logger="masthead.ingest.actions"):
        outcome = import_record(withdrawn("Two crossings are dropped."))
    article = ArticlePage.objects.get(pk=first.article_id)
    assert outcome.outcome == "skipped"
    assert outcome.reason == "withdrawn by the source, left live: has unpublished changes"
    assert article.live
    assert "withdrew https://wire.example/ferry-timetable" in caplog.text


def test_a_source_withdrawal_yields_to_an_edit_saved_just_before_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An editor's save committed after the import read the article, but before its
    transaction, still keeps the article live: the check is made under the page lock.

    Before the fix the article was checked on the row read with the import record,
    before the transaction, and the withdrawal unpublished the editor's work.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    edited: list[str] = []

    def edit_first(execute: Any, sql: str, *args: Any) -> Any:
        # The import's transaction opens with a savepoint (inside the test's own
        # transaction): the editor's save lands just before it.
        if not edited and sql.startswith("SAVEPOINT"):
            edited.append(sql)
            draft = ArticlePage.objects.get(pk=first.article_id).get_latest_revision_as_object()
            draft.lead_image_caption = "Caption still to be checked"
            draft.save_revision()
        return execute(sql, *args)

    with (
        caplog.at_level(logging.WARNING, logger="masthead.ingest.actions"),
        connection.execute_wrapper(edit_first),
    ):
        outcome = import_record(withdrawn("Two crossings are dropped."))
    assert edited, "the import opened no transaction"
    assert "withdrew https://wire.example/ferry-timetable" in caplog.text
    article = ArticlePage.objects.get(pk=first.article_id)
    assert (outcome.outcome, outcome.reason) == (
        "skipped",
        "withdrawn by the source, left live: has unpublished changes",
    )
    assert article.live and article.has_unpublished_changes
    assert ImportedArticle.objects.get().withdrawn_at is None


def test_a_source_withdrawal_after_the_newsrooms_own_unpublish_is_skipped() -> None:
    """An article an editor unpublished just before the import's transaction stays the
    newsroom's withdrawal: the record is skipped with that reason, not withdrawn again."""
    make_home()
    first = import_record(record("Two crossings are dropped."))
    unpublished: list[str] = []

    def unpublish_first(execute: Any, sql: str, *args: Any) -> Any:
        if not unpublished and sql.startswith("SAVEPOINT"):
            unpublished.append(sql)
            ArticlePage.objects.get(pk=first.article_id).unpublish()
        return execute(sql, *args)

    with connection.execute_wrapper(unpublish_first):
        outcome = import_record(withdrawn("Two crossings are dropped."))
    assert unpublished, "the import opened no transaction"
    assert (outcome.outcome, outcome.reason) == ("skipped", "withdrawn by the newsroom")
    assert ImportedArticle.objects.get().withdrawn_at is None


def test_a_dry_run_reports_a_withdrawal_and_changes_nothing() -> None:
    """A dry run says the article would be withdrawn and leaves it live.

    Before the fix a dry run (like a real one) reported the record ``updated``.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    stored = ImportedArticle.objects.get()

    outcome = import_record(withdrawn("Two crossings are dropped."), dry_run=True)
    assert (outcome.outcome, outcome.article_id) == ("withdrawn", first.article_id)
    assert ArticlePage.objects.get(pk=first.article_id).live
    after = ImportedArticle.objects.get()
    assert (after.content_hash, after.withdrawn_at) == (stored.content_hash, None)


def test_the_sources_next_version_puts_a_withdrawn_article_back() -> None:
    """After a source's withdrawal, its next published version goes live again.

    The newsroom's own unpublish still holds: an article the import unpublished
    is the source's to put back, and only until an editor publishes it.
    """
    make_home()
    first = import_record(record("Two crossings are dropped."))
    import_record(withdrawn("Two crossings are dropped."))

    outcome = import_record(record("Three crossings are dropped."))
    article = ArticlePage.objects.get(pk=first.article_id)
    assert (outcome.outcome, outcome.reason) == ("updated", "")
    assert article.live and article.standfirst == "Three crossings are dropped."
    assert ImportedArticle.objects.get().withdrawn_at is None
    article.unpublish()
    held = import_record(record("Four crossings are dropped."))
    assert (held.outcome, held.reason) == ("skipped", "withdrawn by the newsroom")


@override_settings(WAGTAIL_ALLOW_UNICODE_SLUGS=False)
def test_an_exported_unicode_slug_is_made_ascii_where_wagtail_wants_ascii() -> None:
    """A site whose Wagtail refuses Unicode slugs imports an exported one in ASCII.

    Before the fix the draft (written one at a time) kept the slug ``färja``, one
    this site's Wagtail would never make (the batch path already made it ASCII).
    """
    make_home()
    draft = dataclasses.replace(record("Two crossings are dropped.", is_draft=True), slug="färja")
    outcome = import_record(draft)
    assert outcome.outcome == "created", outcome.error
    assert ArticlePage.objects.get(pk=outcome.article_id).slug == "farja"


def test_an_import_publishes_without_the_editorial_review() -> None:
    """The newsroom's review workflow on the home page does not hold back the wire."""
    from masthead.newsroom.actions import install_newsroom_roles

    install_newsroom_roles(make_home())
    first = import_record(record("Two crossings are dropped."))
    import_record(record("Three crossings are dropped."))
    article = ArticlePage.objects.get(pk=first.article_id)
    assert article.live and article.standfirst == "Three crossings are dropped."
    assert article.current_workflow_state is None


def test_the_section_option_looks_under_the_home_page_the_site_serves() -> None:
    """``--section`` finds a section of the default Site's home page when two are in the tree.

    Before the fix it looked only under the first home page in the tree, so
    the import refused a section readers could see ("no section").
    """
    from wagtail.models import Page, Site

    from masthead.ingest.actions import find_section
    from masthead.newsroom.actions import create_section
    from masthead.newsroom.models import HomePage

    make_home()
    served = HomePage(title="Quillmere Courier", slug="courier")
    Page.get_first_root_node().add_child(instance=served)
    Site.objects.filter(is_default_site=True).update(root_page=served)
    lighthouses = create_section(served, title="Lighthouses", slug="lighthouses")
    assert find_section("lighthouses").pk == lighthouses.pk


@pytest.mark.parametrize("path", ["one at a time", "batch"])
@pytest.mark.parametrize("name", ["Tags", "Search", "Authors"])
def test_a_section_named_like_another_part_of_the_site_gets_a_free_address(
    name: str, path: str
) -> None:
    """A record's new section whose slug another view answers gets a numbered slug.

    Before the fix the section was created at that address (``/tags/``), so its
    front or its articles answered with the other view (a tag page, search).
    """
    from django.test import Client

    from masthead.ingest.bulk import import_batch
    from masthead.newsroom.models import shadowed_address

    home = make_home()

    def write(item: ArticleRecord) -> Outcome:
        return import_record(item) if path == "one at a time" else import_batch([item])[0]

    first = write(dataclasses.replace(record("Two crossings are dropped."), section=name))
    second = write(
        dataclasses.replace(
            record("The quay reopens."),
            source_key="urn:wire:quay",
            title="Quay reopens",
            section=name,
        )
    )
    assert (first.outcome, second.outcome) == ("created", "created"), first.error or second.error
    article = ArticlePage.objects.get(pk=first.article_id)
    section = article.get_parent().specific
    assert ArticlePage.objects.get(pk=second.article_id).get_parent().pk == section.pk
    assert section.title == name
    assert section.slug == f"{name.lower()}-2"
    assert shadowed_address(home, section.slug, holds_pages=True) is None
    response = Client().get(article.url)
    assert response.status_code == 200
    assert "Ferry timetable changes for winter" in response.content.decode()
    assert Client().get(section.url).status_code == 200
