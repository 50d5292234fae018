"""The batch path makes the same articles as one record at a time, or nothing at all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import DatabaseError
from django_tasks.signals import task_enqueued
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backend
from wagtail.signals import page_published

from masthead.ingest import bulk
from masthead.ingest.actions import import_record
from masthead.ingest.models import ImportedArticle, RelatedHeadline
from masthead.ingest.records import ArticleRecord
from masthead.ingest.tests.helpers import fixture, run_import
from masthead.newsroom.models import ArticlePage, Author
from masthead.related.models import RelatedEntry, RelatedPick
from masthead.shortlinks.models import ShortLink
from masthead.tagging.models import Tag, TagAlias
from masthead.testing.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.UTC)
# Fields that differ between two pages however they are made (place, identity, clock).
PLACE_AND_CLOCK = {
    "id",
    "page_ptr",
    "path",
    "url_path",
    "translation_key",
    "latest_revision",
    "live_revision",
    "last_published_at",
    "latest_revision_created_at",
}


def record(key: str, **overrides: Any) -> ArticleRecord:
    """Return a record with every part the importers fill in."""
    fields: dict[str, Any] = {
        "source_format": "textpage",
        "source_key": key,
        "title": "Quernholt harbour levy vote put off until spring",
        "standfirst": "Quernholt's council delayed its vote on the harbour levy by three months.",
        "body": [
            ("paragraph", "<p>Councillors asked for a study of the levy's effect on fishing.</p>"),
            (
                "quote",
                {
                    "text": "We will not rush a tax on the boats that feed this town.",
                    "speaker": "Oda Brennick",
                    "attribution": "said",
                },
            ),
        ],
        "published_at": PUBLISHED,
        "updated_at": PUBLISHED + dt.timedelta(hours=2),
        "authors": ["Salme Ortvik"],
        "tags": ["Quernholt Town Council", "harbour levy", "Oda Brennick"],
        "people": ["Oda Brennick"],
        "related": ["Quernholt ferry fares rise for winter", "A study nobody has written yet"],
        "origin": f"{key}.txt",
    }
    fields.update(overrides)
    return ArticleRecord(**fields)


@pytest.fixture
def newsroom() -> dict[str, Any]:
    """A home page, two sections, an article to relate to, and a tag with an alias."""
    make_home()
    council = Tag(name="Quernholt Borough Council", kind="organisation")
    council.save()
    TagAlias(tag=council, name="Quernholt Town Council").save()
    older = make_article(make_section("Harbour"), title="Quernholt ferry fares rise for winter")
    return {"one": make_section("One"), "two": make_section("Two"), "older": older}


@pytest.fixture
def enqueued() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Collect (task path, arguments) of every task enqueued."""
    seen: list[tuple[str, tuple[Any, ...]]] = []

    def collect(sender: Any, task_result: Any, **kwargs: Any) -> None:
        seen.append((task_result.task.module_path, tuple(task_result.args)))

    task_enqueued.connect(collect)
    yield seen
    task_enqueued.disconnect(collect)


def without_ids(value: Any) -> Any:
    """Return revision content without what differs between any two pages."""
    skip = PLACE_AND_CLOCK | {"pk", "page", "id"}
    if isinstance(value, dict):
        return {
            k: without_ids(json.loads(v) if k == "body" and isinstance(v, str) else v)
            for k, v in value.items()
            if k not in skip
        }
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


def page_fields(page: ArticlePage) -> dict[str, Any]:
    """Return the page's stored fields, apart from place and clock."""
    page = ArticlePage.objects.get(pk=page.pk)
    fields = {
        f.attname: getattr(page, f.attname)
        for f in ArticlePage._meta.concrete_fields
        if f.name not in PLACE_AND_CLOCK
    }
    fields["body"] = [(block.block_type, block.value.source if block.block_type == "paragraph"
                       else dict(block.value)) for block in page.body]  # fmt: skip
    return fields


def article_parts(page: ArticlePage) -> dict[str, Any]:
    """Return everything an import writes for an article, comparable across two articles."""
    page = ArticlePage.objects.get(pk=page.pk)
    revisions = list(Revision.objects.filter(object_id=str(page.pk)).order_by("pk"))
    return {
        "fields": page_fields(page),
        "url_path_in_section": page.url_path.rsplit("/", 2)[-2],
        "depth": page.depth,
        "revisions": [without_ids(revision.content) for revision in revisions],
        "live_revision_is_latest": page.live_revision_id
        == page.latest_revision_id
        == revisions[-1].pk,
        "log": [
            (entry.action, entry.content_changed, entry.revision_id == page.live_revision_id)
            for entry in PageLogEntry.objects.filter(page_id=page.pk).order_by("pk")
        ],
        "authors": [link.author.name for link in page.article_authors.order_by("sort_order")],
        "tags": [link.tag.name for link in page.tag_links.order_by("sort_order")],
        "picks": list(
            RelatedPick.objects.filter(page_id=page.pk)
            .order_by("sort_order")
            .values_list("target_id", flat=True)
        ),
        "related_headlines": list(
            RelatedHeadline.objects.filter(article=page)
            .order_by("position")
            .values_list("position", "headline", "normalised", "target_id")
        ),
        "short_links": ShortLink.objects.filter(target_id=page.pk).count(),
        "import_records": ImportedArticle.objects.filter(article=page).count(),
    }


def test_batch_article_is_identical_to_one_made_record_by_record(
    newsroom: dict[str, Any],
    enqueued: list[tuple[str, tuple[Any, ...]]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Fields, revision, live state, slug, tags, picks, headlines, log and tasks all match."""
    with django_capture_on_commit_callbacks(execute=True):
        slow = import_record(record("slow"), section=newsroom["one"])
    slow_tasks = {path for path, _ in enqueued}
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        [fast] = bulk.import_batch([record("fast")], section=newsroom["two"])
    fast_tasks = {path for path, _ in enqueued}
    assert (slow.outcome, fast.outcome) == ("created", "created")
    slow_page = ArticlePage.objects.get(pk=slow.article_id)
    fast_page = ArticlePage.objects.get(pk=fast.article_id)
    expected, got = article_parts(slow_page), article_parts(fast_page)
    assert got == expected
    assert got["tags"] == ["Quernholt Borough Council", "harbour levy", "Oda Brennick"]
    assert got["picks"] == [newsroom["older"].pk]
    assert got["fields"]["live"] and not got["fields"]["has_unpublished_changes"]
    assert fast_page.url_path == f"{newsroom['two'].url_path}{slow_page.slug}/"
    assert fast.url.endswith(fast_page.url_path.removeprefix("/home"))
    assert fast_tasks == slow_tasks
    # The revision as Wagtail reads it back is the live page (body block ids included).
    assert fast_page.get_latest_revision_as_object().body.raw_data == fast_page.body.raw_data
    assert Page.objects.get(pk=newsroom["two"].pk).numchild == 1


def test_batch_articles_are_searchable_and_related_after_their_tasks(
    newsroom: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """The tasks run (immediately in tests) index the article and build its related list."""
    with django_capture_on_commit_callbacks(execute=True):
        bulk.import_batch([record("fast")], section=newsroom["two"])
    article = ArticlePage.objects.get(title__startswith="Quernholt harbour")
    found = list(get_search_backend().search("levy", ArticlePage))
    assert article in found
    entries = list(RelatedEntry.objects.filter(article=article).order_by("position"))
    assert entries and entries[0].target_id == newsroom["older"].pk and entries[0].is_pick


def test_related_headlines_resolve_within_a_batch_both_ways(newsroom: dict[str, Any]) -> None:
    """A record names an earlier one of its batch (linked at once) and a later one (later)."""
    first = record("a", title="Quernholt pier reopens", related=["Quernholt pier repairs funded"])
    second = record("b", title="Quernholt pier repairs funded", related=["Quernholt pier reopens"])
    outcomes = bulk.import_batch([first, second])
    assert [o.outcome for o in outcomes] == ["created", "created"]
    a = ArticlePage.objects.get(pk=outcomes[0].article_id)
    b = ArticlePage.objects.get(pk=outcomes[1].article_id)
    assert list(b.related_picks.values_list("target_id", flat=True)) == [a.pk]
    # Like the slow path: a waited for b, got it when b was published, in a new revision.
    assert RelatedHeadline.objects.get(article=a).target_id == b.pk
    assert list(a.related_picks.values_list("target_id", flat=True)) == [b.pk]
    assert Revision.objects.filter(object_id=str(a.pk)).count() == 2


def test_new_articles_share_a_section_with_distinct_slugs_and_paths(
    newsroom: dict[str, Any],
) -> None:
    """Two records with one headline get slug and slug-2, after the section's last page."""
    before = make_article(newsroom["one"], title="Quernholt tide tables")
    records = [record(f"k{n}", title="Quernholt tide tables", related=[]) for n in range(2)]
    outcomes = bulk.import_batch(records, section=newsroom["one"])
    pages = [ArticlePage.objects.get(pk=o.article_id) for o in outcomes]
    assert [p.slug for p in pages] == ["quernholt-tide-tables-2", "quernholt-tide-tables-3"]
    assert before.path < pages[0].path < pages[1].path
    assert [p.get_parent().pk for p in pages] == [newsroom["one"].pk] * 2
    assert Page.objects.get(pk=newsroom["one"].pk).numchild == 3
    assert Page.find_problems() == ([], [], [], [], [])


def test_reimport_skips_and_a_changed_record_updates(newsroom: dict[str, Any]) -> None:
    """Idempotent: same records skip without a write; a changed one becomes a new revision."""
    records = [record("a", related=[]), record("b", title="Quernholt dock strike ends")]
    assert [o.outcome for o in bulk.import_batch(records)] == ["created", "created"]
    revisions, pages = Revision.objects.count(), ArticlePage.objects.count()
    again = [record("a", related=[]), record("b", title="Quernholt dock strike ends")]
    assert [o.outcome for o in bulk.import_batch(again)] == ["skipped", "skipped"]
    assert (Revision.objects.count(), ArticlePage.objects.count()) == (revisions, pages)
    changed = record("a", related=[], standfirst="The vote is now set for April.")
    [outcome] = bulk.import_batch([changed])
    assert outcome.outcome == "updated"
    assert (
        ArticlePage.objects.get(pk=outcome.article_id).standfirst
        == "The vote is now set for April."
    )


def test_a_key_repeated_in_a_batch_is_created_once(newsroom: dict[str, Any]) -> None:
    """The second copy of a record in the same batch is skipped, as it would be on its own."""
    outcomes = bulk.import_batch([record("same", related=[]), record("same", related=[])])
    assert [o.outcome for o in outcomes] == ["created", "skipped"]
    assert ImportedArticle.objects.filter(source_key="same").count() == 1


def test_bad_record_fails_alone_and_leaves_nothing(newsroom: dict[str, Any]) -> None:
    """A headline too long for the page fails its record; the batch's others are created."""
    records = [
        record("ok-1", title="Quernholt lighthouse relit", related=[]),
        record("bad", title="Quernholt " * 40, related=[]),
        record("ok-2", title="Quernholt bakery wins prize", related=[]),
    ]
    outcomes = bulk.import_batch(records)
    assert [o.outcome for o in outcomes] == ["created", "failed", "created"]
    assert "at most 255 characters" in outcomes[1].error
    assert not ArticlePage.objects.filter(title__startswith="Quernholt Quernholt").exists()
    assert not ImportedArticle.objects.filter(source_key="bad").exists()


def test_database_error_in_a_batch_falls_back_to_one_transaction_per_record(
    newsroom: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch fails after writing pages: all of it is undone, then each record goes alone."""
    real_write = bulk.write_batch

    def write_then_fail(*args: Any, **kwargs: Any) -> Any:
        real_write(*args, **kwargs)
        raise DatabaseError("disk full")

    monkeypatch.setattr(bulk, "write_batch", write_then_fail)
    real_store = __import__("masthead.ingest.actions", fromlist=["x"]).store_related_headlines

    def store_or_fail(article: ArticlePage, related: Any) -> None:
        if article.title == "Quernholt mill burns":
            raise DatabaseError("constraint failed")
        real_store(article, related)

    monkeypatch.setattr("masthead.ingest.actions.store_related_headlines", store_or_fail)
    records = [
        record("a", title="Quernholt lighthouse relit", related=[]),
        record("b", title="Quernholt mill burns", related=[]),
        record("c", title="Quernholt bakery wins prize", related=[]),
    ]
    before = ArticlePage.objects.count()
    outcomes = bulk.import_batch(records)
    assert [o.outcome for o in outcomes] == ["created", "failed", "created"]
    assert "constraint failed" in outcomes[1].error
    assert ArticlePage.objects.count() == before + 2
    assert not ArticlePage.objects.filter(title="Quernholt mill burns").exists()
    assert ImportedArticle.objects.count() == 2
    assert Page.find_problems() == ([], [], [], [], [])


def test_dry_run_writes_nothing_and_reports_what_would_happen(newsroom: dict[str, Any]) -> None:
    """A dry run of a batch reports created records without ids and leaves every table alone."""
    models = (
        Page,
        Revision,
        PageLogEntry,
        ImportedArticle,
        RelatedHeadline,
        ShortLink,
        Tag,
        Author,
    )
    counts = [model.objects.count() for model in models]
    records = [record("a"), record("b", title="Quernholt dock strike ends", tags=["docks"])]
    outcomes = bulk.import_batch(records, dry_run=True)
    assert [(o.outcome, o.article_id) for o in outcomes] == [("created", None)] * 2
    assert all(o.url for o in outcomes)
    assert [model.objects.count() for model in models] == counts


def test_command_imports_fixtures_through_batches_of_one_and_many(tmp_path: Any) -> None:
    """Batch size changes nothing in what the command reports or creates."""
    make_home()
    one = run_import("textpage", fixture("textpage"), "--json", "--batch-size", "1").records()
    ArticlePage.objects.all().delete()
    ImportedArticle.objects.all().delete()
    many = run_import("textpage", fixture("textpage"), "--json").records()
    assert [(o["outcome"], o["title"]) for o in one] == [(o["outcome"], o["title"]) for o in many]


def test_every_publish_handler_is_covered_by_the_batch_path() -> None:
    """A new page_published handler for articles must be added to bulk.after_publish."""
    receivers = page_published._live_receivers(ArticlePage)
    sync = receivers[0] if isinstance(receivers, tuple) else receivers
    names = {f"{receiver.__module__}.{receiver.__qualname__}" for receiver in sync}
    assert names <= bulk.HANDLED_RECEIVERS, names - bulk.HANDLED_RECEIVERS


def test_records_outside_the_fast_path_keep_their_order(newsroom: dict[str, Any]) -> None:
    """Drafts take the slow path; outcomes still come back in the records' order."""
    records = [
        record("a", title="Quernholt lighthouse relit", related=[]),
        dataclasses.replace(record("d", title="Quernholt draft plan", related=[]), is_draft=True),
        record("c", title="Quernholt bakery wins prize", related=[]),
    ]
    outcomes = bulk.import_batch(records)
    assert [o.title for o in outcomes] == [r.title for r in records]
    draft = ArticlePage.objects.get(title="Quernholt draft plan")
    assert not draft.live and draft.first_published_at is None


def test_one_purge_covers_every_url_the_publish_handlers_purge(
    newsroom: dict[str, Any],
    enqueued: list[tuple[str, tuple[Any, ...]]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The batch's single purge holds each article's URLs as every handler lists them."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from masthead.distribution.affected import feed_scopes, feed_urls, other_urls
    from masthead.newsroom.signal_handlers import article_pages_to_purge
    from masthead.tagging.signal_handlers import tag_pages_to_purge

    records = [
        record("a"),
        record("b", title="Quernholt dock strike ends", tags=["docks", "harbour levy"]),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = bulk.import_batch(records, section=newsroom["two"])
    ninjs = [f"http://localhost/api/ninjs/{o.article_id}/" for o in outcomes]
    purges = [
        set(args[0]) for path, args in enqueued if path.endswith("purge_urls_from_cache_task")
    ]
    batch_purges = [urls for urls in purges if all(url in urls for url in ninjs)]
    assert len(batch_purges) == 1
    purged = batch_purges[0]
    for outcome in outcomes:
        page = ArticlePage.objects.get(pk=outcome.article_id)
        wagtail_batch = PurgeBatch()
        wagtail_batch.add_page(page)
        expected = article_pages_to_purge(page).urls | tag_pages_to_purge(page).urls
        expected |= set(feed_urls(page, feed_scopes(page), with_summary_query=True))
        expected |= set(other_urls(page)) | wagtail_batch.urls
        assert expected <= purged, expected - purged


def test_dry_run_of_a_key_repeated_in_a_batch_reports_what_a_real_run_does(
    newsroom: dict[str, Any],
) -> None:
    """A dry run sees the batch's earlier records: a repeated key is skipped or updated.

    Before the fix each record of a dry run was rolled back before the next
    one, so a key repeated in the batch was reported "created" twice, where
    the real run creates one article and skips or updates the repeat.
    """
    changed = record("a", standfirst="Quernholt's council put off its harbour levy vote again.")
    records = [record("a"), record("a"), changed]
    before = ArticlePage.objects.count()
    dry = bulk.import_batch([dataclasses.replace(r) for r in records], dry_run=True)
    assert ArticlePage.objects.count() == before
    assert [(o.outcome, o.article_id) for o in dry] == [
        ("created", None),
        ("skipped", None),
        ("updated", None),
    ]
    real = bulk.import_batch(records)
    assert [o.outcome for o in real] == [o.outcome for o in dry]
    assert [o.url for o in real] == [o.url for o in dry]


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize("standfirst", [None, "The vote is now set for April."])
def test_a_batch_does_not_bring_back_an_article_the_newsroom_deleted(
    newsroom: dict[str, Any], standfirst: str | None, dry_run: bool
) -> None:
    """A deleted article's record, the same or changed, is skipped; the rest of the batch is not.

    Before the fix the import record went with the article, so the batch's fast
    path created the deleted article again as a new record.
    """
    [first] = bulk.import_batch([record("a", related=[])])
    page = ArticlePage.objects.get(pk=first.article_id)
    DeletePageAction(page).execute(skip_permission_checks=True)
    again = record("a", related=[])
    if standfirst is not None:
        again = record("a", related=[], standfirst=standfirst)
    other = record("b", title="Quernholt dock strike ends", related=[page.title])

    outcomes = bulk.import_batch([again, other], dry_run=dry_run)
    assert [(o.outcome, o.reason) for o in outcomes] == [
        ("skipped", "deleted by the newsroom"),
        ("created", ""),
    ]
    assert (outcomes[0].article_id, outcomes[0].url) == (None, "")
    assert not ArticlePage.objects.filter(title=page.title).exists()
    assert ImportedArticle.objects.filter(article__isnull=True).count() == 1
    if not dry_run:
        created = ArticlePage.objects.get(pk=outcomes[1].article_id)
        # The deleted article's headline waits for an article, as any unknown one does.
        assert list(
            RelatedHeadline.objects.filter(article=created).values_list("headline", "target")
        ) == [(page.title, None)]
