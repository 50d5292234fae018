"""The fast path of an import: the new articles of a batch written together.

``newsroom.actions.create_article`` costs a Wagtail tree insert, a revision and a
publish per article, each followed by every app's ``page_published`` handler:
about 260 queries an article. For a batch of new records this module writes
what that leaves behind in a few statements per table (the ``masthead synth``
way: computed tree paths and ``bulk_create``):

- the page rows, live, with the slug Wagtail would give (``slugify`` with
  Unicode, ``-2``, ``-3``... against the siblings) and its ``url_path``;
- the authors, tags (in tag-line order, through aliases) and related picks;
- the first revision, whose content is the page's ``serializable_data()`` as
  ``save_revision`` stores it, set as the latest and the live revision, and the
  ``wagtail.create`` and ``wagtail.publish`` log entries;
- the import record and the related headlines, resolved against existing
  articles and the batch's earlier records.

Then it does what publishing sets off, once per article or once per batch
where the work allows (see ``after_publish``): the search index and reference
index tasks Wagtail's ``post_save`` queues, tag suggestions, the related
lists' update, the audio reading, the short link, waiting related headlines,
one cache purge and one WebSub ping for the batch.

Everything is validated before the write (the model's field validation that
publishing runs), the batch is one transaction, and the runner falls back to
one transaction per record when anything in it fails. Records the fast path
does not cover (updates, drafts, scheduled articles, untitled slugs, untagged
imports when tags are applied from suggestions, repeats of a key in the batch)
go through ``actions.import_record``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision

from masthead.core.page_cache import listing_urls
from masthead.core.task_batches import enqueue_many
from masthead.ingest.actions import (
    CREATED,
    FAILED,
    DryRun,
    Outcome,
    find_article_by_headline,
    find_links,
    find_or_create_author,
    hash_with_section,
    import_record,
    outcome_for,
    placement,
    resolve_tags,
    resolve_waiting_for,
    skipped_outcome,
    tag_key,
    tag_kinds,
    unique,
)
from masthead.ingest.models import ImportedArticle, RelatedHeadline, stored_source_key
from masthead.ingest.records import ArticleRecord, RecordError
from masthead.newsroom.models import ArticleAuthor, ArticlePage, Author, SectionPage
from masthead.newsroom.synth.tree import decode_step, encode_step
from masthead.tagging.models import ArticleTag, Tag
from masthead.tagging.normalise import normalise_name

logger = logging.getLogger(__name__)
BATCH_SIZE = 250


@dataclass(eq=False)
class Slot:
    """A new record of a batch and what the batch builds for it."""

    position: int
    record: ArticleRecord
    content_hash: str
    section: SectionPage | None = None
    authors: list[Author] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    # (headline, target): an existing article, an earlier slot of the batch, or None.
    related: list[tuple[str, ArticlePage | Slot | None]] = field(default_factory=list)
    page: ArticlePage | None = None
    # Why the article is not in the section its record names ("" when it is).
    note: str = ""

    def target_pages(self) -> list[tuple[str, ArticlePage | None]]:
        """Return the related headlines with their articles (batch slots by their page)."""
        return [
            (headline, target.page if isinstance(target, Slot) else target)
            for headline, target in self.related
        ]


@dataclass
class SiblingSlugs:
    """A section's next tree step and the slugs its children already use."""

    section: SectionPage
    next_step: int
    slugs: set[str]

    @classmethod
    def open(cls, section: SectionPage) -> SiblingSlugs:
        """Return the state after the section's last child, read now."""
        # From the database, not the section's numchild: a section object kept
        # across batches (--section) may be behind.
        last = (
            Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
            .order_by("-path")
            .only("path")
            .first()
        )
        return cls(
            section=section,
            next_step=decode_step(last.path) + 1 if last is not None else 1,
            slugs=set(section.get_children().values_list("slug", flat=True)),
        )

    def free_slug(self, title: str) -> str:
        """Return the slug Wagtail would give a new child with this title ('' if none)."""
        base = slugify(title, allow_unicode=unicode_slugs())
        if not base:
            return ""
        slug, suffix = base, 1
        while slug in self.slugs:
            suffix += 1
            slug = f"{base}-{suffix}"
        return slug

    def place(self, page: ArticlePage, slug: str) -> None:
        """Give an unsaved page its slug and its place after the section's last child."""
        self.slugs.add(slug)
        page.slug = slug
        page.path = self.section.path + encode_step(self.next_step)
        page.depth = self.section.depth + 1
        page.numchild = 0
        page.url_path = f"{self.section.url_path}{slug}/"
        self.next_step += 1


def eligible(record: ArticleRecord) -> bool:
    """Return whether the fast path creates this new record (the rest take the slow path)."""
    if record.is_draft:
        return False
    if not record.tags:
        from masthead.tagging import conf as tagging_conf

        # Applying suggestions needs the article's text indexed first: one at a time.
        return not tagging_conf.auto_apply_imported()
    return True


def import_batch(
    records: Sequence[ArticleRecord],
    *,
    section: SectionPage | None = None,
    dry_run: bool = False,
) -> list[Outcome]:
    """Import a batch of records; return their outcomes in the batch's order.

    Unchanged records are skipped, new ones go through the fast path together,
    the rest (and all of them if the fast path fails) record by record. A dry
    run writes the whole batch in one transaction and rolls it back at the end,
    so each record sees the batch's earlier ones as in a real run (a repeated
    key is skipped or updated, not created twice).
    """
    if not dry_run:
        return write_records(records, section=section)
    written: list[Outcome] = []
    try:
        with transaction.atomic():
            written = write_records(records, section=section)
            raise DryRun
    except DryRun:
        pass
    if section is not None:
        # Kept across batches: after the rollback the database's count is the true one.
        section.refresh_from_db(fields=["numchild"])
    # The batch's new pages are rolled back with their ids, also where a repeat names them.
    new_ids = {o.article_id for o in written if o.outcome == CREATED}
    for outcome in written:
        if outcome.article_id in new_ids:
            outcome.article_id = None
    return written


def write_records(
    records: Sequence[ArticleRecord], *, section: SectionPage | None
) -> list[Outcome]:
    """Import a batch of records for good; return their outcomes in the batch's order."""
    outcomes: dict[int, Outcome] = {}
    slow: list[int] = []
    fast: list[Slot] = []
    hashes: dict[int, str] = {}
    for n, record in enumerate(records):
        try:
            record.scrub()
            record.check()
        except RecordError as error:
            outcomes[n] = Outcome(FAILED, record.origin, key=record.source_key, error=str(error))
            continue
        hashes[n] = record.content_hash() if section is None else hash_with_section(record, section)
    links = find_links(records[n] for n in hashes)
    seen: set[tuple[str, str]] = set()
    for n, content_hash in hashes.items():
        record = records[n]
        key = (record.source_format, record.source_key)
        link = links.get(key)
        skipped = skipped_outcome(record, link, content_hash) if link is not None else None
        if skipped is not None:
            outcomes[n] = skipped
        elif link is None and key not in seen and eligible(record):
            fast.append(Slot(n, record, content_hash))
        else:
            slow.append(n)
        seen.add(key)
    if fast:
        outcomes.update(create_batch(fast, section=section, slow=slow))
    for n in sorted(slow):
        outcomes[n] = import_one(records[n], section=section)
    return [with_warnings(outcomes[n], records[n]) for n in range(len(records))]


def with_warnings(outcome: Outcome, record: ArticleRecord) -> Outcome:
    """Return the outcome with the record's field warnings added to its reason, and log them."""
    if outcome.outcome == FAILED or not record.warnings:
        return outcome
    for warning in record.warnings:
        logger.warning("%s: %s", record.origin, warning)
    outcome.reason = "; ".join(filter(None, [outcome.reason, *record.warnings]))
    return outcome


def import_one(record: ArticleRecord, *, section: SectionPage | None) -> Outcome:
    """Import one record in its own transaction, any error a failed outcome."""
    try:
        return import_record(record, section=section)
    except RecordError as error:
        return Outcome(FAILED, record.origin, key=record.source_key, error=str(error))
    except Exception as error:
        # One bad record must not stop a batch: its transaction is already rolled
        # back, so report it with the exception's class and carry on.
        logger.exception("Import of %s failed", record.origin)
        message = f"{type(error).__name__}: {error}"[:500]
        return Outcome(FAILED, record.origin, key=record.source_key, error=message)


def create_batch(
    slots: list[Slot], *, section: SectionPage | None, slow: list[int]
) -> dict[int, Outcome]:
    """Create the batch's new articles in one transaction; on failure, hand them to the slow path.

    Slots whose record does not validate are added to ``slow`` (the slow path
    reports them with Wagtail's own message). Returns the fast slots' outcomes.
    """
    outcomes: dict[int, Outcome] = {}
    try:
        with transaction.atomic():
            written = write_batch(slots, section)
            done = {slot.position for slot in written}
            slow.extend(slot.position for slot in slots if slot.position not in done)
            for slot in written:
                assert slot.page is not None
                outcomes[slot.position] = outcome_for(CREATED, slot.record, slot.page)
                outcomes[slot.position].reason = slot.note
    except Exception:
        # Anything wrong in the batch: undo it all and give every record its own
        # transaction, so one bad record fails alone with its own message.
        logger.exception("Batch import failed; importing its records one by one")
        outcomes.clear()
        slow.extend(slot.position for slot in slots if slot.position not in slow)
    if section is not None:
        # The slow path's add_child trusts the object's count of children; after a
        # rollback (a failure) the database is the one to believe.
        section.refresh_from_db(fields=["numchild"])
    return outcomes


def write_batch(slots: list[Slot], section: SectionPage | None) -> list[Slot]:
    """Write the articles of the slots that validate; return those slots, pages saved.

    Validation comes before any write, so a record that fails it leaves nothing
    behind (not even the tags or authors it names).
    """
    valid = []
    for slot in slots:
        slot.page = build_page(slot.record)
        if slot.page is not None:
            valid.append(slot)
    if not valid:
        return []
    prepare(valid, section)
    placed = place_pages(valid)
    now = timezone.now()
    insert_pages(placed, now)
    revisions = insert_children_and_revisions(placed, now)
    log_created_and_published(placed, revisions, now)
    ImportedArticle.objects.bulk_create(
        ImportedArticle(
            source_format=slot.record.source_format,
            source_key=stored_source_key(slot.record.source_key),
            content_hash=slot.content_hash,
            article=slot.page,
        )
        for slot in placed
    )
    RelatedHeadline.objects.bulk_create(
        RelatedHeadline(
            article=slot.page,
            position=position,
            headline=headline,
            normalised=normalise_name(headline)[:500],
            target=target,
        )
        for slot in placed
        for position, (headline, target) in enumerate(slot.target_pages())
    )
    sections = [slot.section for slot in placed if slot.section is not None]
    after_publish([slot.page for slot in placed if slot.page is not None], sections)
    return placed


def log_created_and_published(slots: list[Slot], revisions: list[Revision], now: Any) -> None:
    """Write the log entries a new page's save and its publish write (``wagtail.log_actions``).

    The rows ``PageLogEntryManager.log_action`` creates, in one insert: a
    ``wagtail.create`` then a ``wagtail.publish`` with the revision.
    """
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(ArticlePage, for_concrete_model=False)
    published = timezone.now()
    entries = []
    for slot, revision in zip(slots, revisions, strict=True):
        assert slot.page is not None
        for action, moment, published_revision in (
            ("wagtail.create", now, None),
            ("wagtail.publish", published, revision),
        ):
            entries.append(
                PageLogEntry(
                    content_type=content_type,
                    label=slot.page.get_admin_display_title(),
                    action=action,
                    timestamp=moment,
                    data={},
                    user=context.user,
                    uuid=context.uuid,
                    revision=published_revision,
                    content_changed=True,
                    page=slot.page,
                )
            )
    PageLogEntry.objects.bulk_create(entries)


def prepare(slots: list[Slot], section: SectionPage | None) -> None:
    """Find or create each slot's section, authors and tags; resolve related headlines."""
    sections: dict[tuple[str, str], tuple[SectionPage, str]] = {}
    authors: dict[str, Author] = {}
    keys = {tag_key(name) for slot in slots for name in slot.record.tags}
    from masthead.tagging.queries import tags_by_key

    tags = tags_by_key(key for key in keys if key)
    headlines = {h for slot in slots for h in unique(slot.record.related)}
    found: dict[str, ArticlePage | None] = exact_headlines(headlines)
    earlier: dict[str, Slot] = {}
    for slot in slots:
        record = slot.record
        if section is not None:
            slot.section = section
        else:
            named = (record.section.strip(), record.section_slug)
            if named not in sections:
                sections[named] = placement(record)
            slot.section, slot.note = sections[named]
        for name in record.authors:
            if name.strip() not in authors:
                authors[name.strip()] = find_or_create_author(name)
            slot.authors.append(authors[name.strip()])
        slot.tags = resolve_tags(record.tags, tag_kinds(record), existing=tags)
        for headline in unique(record.related):
            target: ArticlePage | Slot | None = found.get(headline)
            if target is None:
                target = earlier.get(normalise_name(headline))
            if target is None:
                # Neither exact nor in the batch: the full match (case, accents, punctuation).
                found[headline] = find_article_by_headline(headline)
                target = found[headline]
            slot.related.append((headline, target))
        earlier.setdefault(normalise_name(record.title), slot)


def build_page(record: ArticleRecord) -> ArticlePage | None:
    """Return the record's unsaved page, or None when publishing it would not validate.

    The fields are those ``create_article`` gives the page; the check is the field
    validation publishing runs (``Page.full_clean`` on a live page), on the slug
    Wagtail would start from. Author names without letters fail too, as
    ``actions.find_or_create_author`` refuses them.
    """
    if not all(slugify(name.strip()[:120], allow_unicode=True) for name in record.authors):
        return None
    page = ArticlePage(
        live=False,
        title=record.title,
        standfirst=record.standfirst,
        body=list(record.body),
        first_published_at=record.published_at,
        last_updated_at=record.updated_at,
        go_live_at=None,
        needs_review=record.needs_review,
    )
    page.draft_title = page.title
    page.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
    page.slug = slugify(record.slug or page.title, allow_unicode=unicode_slugs())
    if not page.slug:
        return None
    # Relations are ours and known to exist; the tree fields are computed later.
    unchecked = [f.name for f in ArticlePage._meta.concrete_fields if f.is_relation]
    try:
        page.clean_fields(exclude=[*unchecked, "path", "depth", "numchild", "url_path"])
    except ValidationError:
        return None
    return page


def unicode_slugs() -> bool:
    """Return whether Wagtail keeps non-ASCII letters in the slugs it makes."""
    return bool(getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True))


def exact_headlines(headlines: set[str]) -> dict[str, ArticlePage | None]:
    """Return the articles whose headline is exactly one of these, in one query.

    Headline lookups scan the page table (titles are not indexed): one scan a
    batch for the common case, the same text, instead of two a headline.
    """
    found: dict[str, ArticlePage | None] = {}
    wanted = sorted(headlines)
    for start in range(0, len(wanted), 500):  # Under any database's parameter limit.
        chunk = wanted[start : start + 500]
        for article in ArticlePage.objects.filter(title__in=chunk).order_by("pk").only("title"):
            found.setdefault(article.title, article)
    return found


def place_pages(slots: list[Slot]) -> list[Slot]:
    """Give each slot's page its locale, a slug free among its siblings and a tree path."""
    siblings: dict[int, SiblingSlugs] = {}
    for slot in slots:
        page, section = slot.page, slot.section
        assert page is not None and section is not None
        if section.pk not in siblings:
            siblings[section.pk] = SiblingSlugs.open(section)
        state = siblings[section.pk]
        page.locale_id = section.locale_id
        state.place(page, state.free_slug(slot.record.slug or page.title))
    return slots


def insert_pages(slots: list[Slot], now: Any) -> None:
    """Insert the page rows as a publish leaves them, and count them in their sections."""
    pages = [slot.page for slot in slots if slot.page is not None]
    published = {
        "live": True,
        "has_unpublished_changes": False,
        "expired": False,
        "last_published_at": now,
        "latest_revision_created_at": now,
    }
    rows = []
    for page in pages:
        values = {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
        values.pop("id")
        values.update(published)
        values["first_published_at"] = page.first_published_at or now
        rows.append(Page(**values))
    using = router.db_for_write(ArticlePage)
    Page.objects.using(using).bulk_create(rows)
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
    insert_article_rows(pages, using)
    counts = Counter(slot.section.pk for slot in slots if slot.section is not None)
    for section_id, count in counts.items():
        Page.objects.filter(pk=section_id).update(numchild=F("numchild") + count)
    for section in {slot.section.pk: slot.section for slot in slots if slot.section}.values():
        section.numchild += counts[section.pk]  # As treebeard's add_child does in memory.


def insert_article_rows(pages: list[ArticlePage], using: str) -> None:
    """Insert the article table's rows of pages whose base rows exist (as ``synth`` does)."""
    fields = ArticlePage._meta.local_concrete_fields
    size = max(1, connections[using].ops.bulk_batch_size(fields, pages))
    # bulk_create refuses multi-table models; _insert is the call Model.save
    # makes for the child table, here with many rows at once.
    for start in range(0, len(pages), size):
        ArticlePage._base_manager.using(using)._insert(  # type: ignore[attr-defined]
            pages[start : start + size], fields=fields, using=using
        )


def insert_children_and_revisions(slots: list[Slot], now: Any) -> list[Revision]:
    """Insert authors, tags and related picks, then the first revision of each page.

    The revision's content is what ``save_revision`` stores right after
    ``add_child``: the page not yet live, its child rows with their ids.
    """
    children = child_rows(slots)
    for model, rows in children.items():
        model.objects.bulk_create(rows)
    pages = [slot.page for slot in slots if slot.page is not None]
    relations = child_relation_names()
    by_page: dict[int, dict[str, list[Any]]] = {page.pk: {} for page in pages}
    for name, model in relations.items():
        for row in children.get(model, []):
            by_page[row.page_id].setdefault(name, []).append(row)
    page_type = ContentType.objects.get_for_model(Page)
    article_type = ContentType.objects.get_for_model(ArticlePage)
    revisions = []
    for page in pages:
        for name in relations:
            setattr(page, name, by_page[page.pk].get(name, []))
        revisions.append(
            Revision(
                content_type=article_type,
                base_content_type=page_type,
                object_id=str(page.pk),
                user=None,
                approved_go_live_at=None,
                content=page.serializable_data(),
                object_str=str(page),
                created_at=now,
            )
        )
    Revision.objects.bulk_create(revisions)
    for page, revision in zip(pages, revisions, strict=True):
        page.live = True
        page.has_unpublished_changes = False
        page.expired = False
        page.last_published_at = now
        page.latest_revision_created_at = now
        page.first_published_at = page.first_published_at or now
        page.latest_revision = page.live_revision = revision
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
    return revisions


def child_relation_names() -> dict[str, type[Any]]:
    """Return the article's child relations (accessor name: model), as revisions store them."""
    from modelcluster.models import get_all_child_relations

    return {
        relation.get_accessor_name(): relation.related_model
        for relation in get_all_child_relations(ArticlePage)
    }


def child_rows(slots: list[Slot]) -> dict[type[Any], list[Any]]:
    """Return the unsaved child rows of the slots' pages, by model."""
    rows: dict[type[Any], list[Any]] = {ArticleAuthor: [], ArticleTag: []}
    picks = pick_model()
    if picks is not None:
        rows[picks] = []
    for slot in slots:
        page = slot.page
        assert page is not None
        rows[ArticleAuthor] += [
            ArticleAuthor(page=page, author=author, sort_order=n)
            for n, author in enumerate(slot.authors)
        ]
        rows[ArticleTag] += [
            ArticleTag(page=page, tag=tag, sort_order=n) for n, tag in enumerate(slot.tags)
        ]
        if picks is not None:
            targets = [target for _, target in slot.target_pages() if target is not None]
            rows[picks] += [
                picks(page=page, target=target, sort_order=n)
                for n, target in enumerate(dict.fromkeys(targets))
            ]
    return rows


def pick_model() -> type[Any] | None:
    """Return the related app's editor pick model, if that app is installed."""
    if not apps.is_installed("masthead.related"):
        return None
    from masthead.related.models import RelatedPick

    return RelatedPick


def after_publish(pages: list[ArticlePage], sections: Sequence[SectionPage]) -> None:
    """Do what publishing each page sets off, in bulk where the work allows.

    ``HANDLED_RECEIVERS`` names every ``page_published`` handler this covers; a
    test fails when an app adds one this function does not know.
    """
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.tasks import update_reference_index_task

    from masthead.radio import conf as radio_conf
    from masthead.radio.tasks import render_article_audio_task
    from masthead.related.tasks import update_related
    from masthead.shortlinks.actions import create_short_links
    from masthead.tagging.tasks import compute_article_suggestions

    ids = [page.pk for page in pages]
    # What Wagtail's post_save handlers queue for a saved page (once, not per save).
    rows = [(ArticlePage._meta.app_label, ArticlePage._meta.model_name, str(pk)) for pk in ids]
    enqueue_many(insert_or_update_object_task, rows)
    enqueue_many(update_reference_index_task, rows)
    # What the apps' publish handlers queue once the transaction commits.
    after_commit: list[Any] = [compute_article_suggestions, update_related]
    if radio_conf.is_article_audio_enabled():
        after_commit.append(render_article_audio_task)

    def enqueue_after_commit() -> None:
        for task in after_commit:
            enqueue_many(task, [(pk,) for pk in ids])

    transaction.on_commit(enqueue_after_commit)
    create_short_links(pages)
    purge_and_ping(pages, sections)
    resolve_waiting_for(pages)


def purge_and_ping(pages: Sequence[ArticlePage], sections: Sequence[SectionPage]) -> None:
    """Purge every URL showing the batch's articles once, after the commit; ping the hub once."""
    from masthead.distribution.tasks import ping_websub_hub

    urls, feeds = batch_urls(pages, sections)

    def after_commit() -> None:
        # After the commit, or a reader could cache the old version again in between.
        purge(urls)
        ping_websub_hub.enqueue(feeds)

    transaction.on_commit(after_commit)


def batch_urls(
    pages: Sequence[ArticlePage], sections: Sequence[SectionPage]
) -> tuple[set[str], list[str]]:
    """Return (every URL to purge, the feed URLs to ping) for newly published articles.

    The union of what the publish handlers of the newsroom (the article, its
    section's pages, the front, its authors), tagging (its tags' pages),
    distribution (feeds, sitemaps, the ninjs item) and Wagtail's frontend cache
    app (the page) purge one article at a time; what the articles of a section,
    author or tag share is counted once. A test checks it against the handlers'
    own lists.
    """
    from django.db.models import Count

    from masthead.distribution.affected import feed_urls, other_urls, site_root
    from masthead.tagging import conf as tagging_conf

    if not pages:
        return set(), []
    batch = PurgeBatch()
    first = pages[0]
    root = site_root(first)
    scopes: set[tuple[str, str]] = {("site", "")}
    urls: set[str] = set(other_urls(first))  # The sitemaps, and the first one's ninjs item.
    for page in pages:
        batch.add_page(page)
        urls.add(root + reverse("distribution_ninjs", kwargs={"page_id": page.pk}))
    for section in {section.pk: section for section in sections}.values():
        scopes.add(("section", section.slug))
        for ancestor in section.get_ancestors(inclusive=True).specific().filter(depth__gt=1):
            batch.add_page(ancestor)
            if isinstance(ancestor, SectionPage):
                count = ArticlePage.objects.live().child_of(ancestor).count()
                base = ancestor.get_full_url()
                if base:
                    batch.add_urls(listing_urls(base, count, settings.MASTHEAD_SECTION_PAGE_SIZE))
    ids = [page.pk for page in pages]
    listings = (
        ("author", Author, ArticleAuthor, settings.MASTHEAD_SECTION_PAGE_SIZE),
        ("tag", Tag, ArticleTag, tagging_conf.page_size()),
    )
    for kind, model, link_model, page_size in listings:
        owners = model.objects.filter(article_links__page_id__in=ids).distinct()
        # Live articles each author or tag lists: every page of its listing is purged.
        listed = dict(
            link_model.objects.filter(**{f"{kind}__in": owners}, page__live=True)
            .values(f"{kind}_id")
            .annotate(n=Count("pk"))
            .values_list(f"{kind}_id", "n")
        )
        for owner in owners:
            scopes.add((kind, owner.slug))
            base = f"{root}{owner.get_absolute_url()}"
            urls.add(base)
            urls.update(listing_urls(base, listed.get(owner.pk, 0), page_size))
    ordered = sorted(scopes)
    urls |= batch.urls | set(feed_urls(first, ordered, with_summary_query=True))
    return urls, feed_urls(first, ordered)


def purge(urls: Iterable[str]) -> None:
    """Purge these URLs from the page cache and any CDN (one task)."""
    batch = PurgeBatch()
    batch.add_urls(sorted(urls))
    batch.purge()


# The page_published receivers for articles whose work after_publish does.
HANDLED_RECEIVERS = frozenset(
    {
        "masthead.newsroom.signal_handlers.date_scheduled_article",  # nothing: no go-live time
        "masthead.newsroom.signal_handlers.purge_article",
        "masthead.tagging.signal_handlers.purge_tag_pages",
        "masthead.tagging.signal_handlers.suggest_on_publish",
        "masthead.related.signal_handlers.update_on_publish",
        "masthead.shortlinks.signal_handlers.create_article_link",
        "masthead.shortlinks.signal_handlers.forget_redirects",
        "masthead.distribution.signal_handlers.on_article_change",
        "masthead.radio.signal_handlers.queue_article_audio",
        "masthead.ingest.signal_handlers.link_waiting_headlines",
        "wagtail.contrib.frontend_cache.signal_handlers.page_published_signal_handler",
    }
)
