"""Writes of the import app: one record becomes (or updates) one article, atomically."""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from masthead.ingest import conf
from masthead.ingest.models import (
    SOURCE_KEY_LENGTH,
    ImportedArticle,
    RelatedHeadline,
    stored_source_key,
)
from masthead.ingest.records import ArticleRecord, RecordError
from masthead.newsroom.actions import (
    create_article,
    create_author,
    create_section,
    ensure_home_page,
    site_home_page,
)
from masthead.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
    shadowed_address,
)
from masthead.tagging.models import ArticleTag, Tag, TagKind
from masthead.tagging.normalise import normalise_name
from masthead.tagging.queries import tags_by_key

logger = logging.getLogger(__name__)
CREATED, UPDATED, SKIPPED, FAILED = "created", "updated", "skipped", "failed"
WITHDRAWN = "withdrawn"  # A live article unpublished because its source withdrew the item.
RELATED_CANDIDATES = 200
TAG_NAME_LENGTH = 200  # Tag.name's max_length
DELETED = "deleted by the newsroom"  # The reason given for the records of deleted articles.
BY_SOURCE = "withdrawn by the source"  # The reason given when a source withdraws an item.


@dataclass
class Outcome:
    """What happened to one record: created, updated, skipped or failed."""

    outcome: str
    origin: str
    key: str = ""
    url: str = ""
    article_id: int | None = None
    title: str = ""
    error: str = ""
    # Why a record was not written (an editor's draft, a withdrawn or deleted article).
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        """Return the outcome as a JSON-ready dict (one line of ``--json`` output)."""
        data = {
            "outcome": self.outcome,
            "source": self.origin,
            "key": self.key,
            "url": self.url,
            "id": self.article_id,
            "title": self.title,
        }
        if self.error:
            data["error"] = self.error
        if self.reason:
            data["reason"] = self.reason
        return data


class DryRun(Exception):
    """Raised inside the record's transaction to roll a dry run back."""


def import_record(
    record: ArticleRecord, *, section: SectionPage | None = None, dry_run: bool = False
) -> Outcome:
    """Create or update the article a record describes, in one transaction.

    Unchanged records (same source key and content hash) are skipped without a
    write, and so is every record of an article the newsroom deleted. A dry run
    does all the work and rolls it back, so errors still show.
    """
    record.scrub()
    record.check()
    content_hash = record.content_hash() if section is None else hash_with_section(record, section)
    link = find_links([record]).get((record.source_format, record.source_key))
    if link is not None and (skipped := skipped_outcome(record, link, content_hash)):
        return skipped
    if link is not None and record.is_withdrawn and link.article is not None and link.article.live:
        return withdraw_article(record, link, content_hash, dry_run=dry_run)
    if link is not None and link.article is not None and (reason := newsroom_hold(link)):
        # The content hash stays as it was, so a later run brings the change in
        # once the editor has published or discarded their work.
        skipped = outcome_for(SKIPPED, record, link.article)
        skipped.reason = reason
        return skipped
    result: Outcome | None = None
    try:
        with transaction.atomic():
            article, note = write_article(record, link, section, content_hash)
            result = outcome_for(UPDATED if link else CREATED, record, article)
            result.reason = note
            if dry_run:
                if link is None:
                    result.article_id = None  # The page is rolled back with its id.
                raise DryRun
    except DryRun:
        pass
    assert result is not None
    return result


def withdraw_article(
    record: ArticleRecord, link: ImportedArticle, content_hash: str, *, dry_run: bool = False
) -> Outcome:
    """Unpublish a live imported article its source withdrew, unless the newsroom has edited it.

    Wagtail's unpublish sends ``page_unpublished``, so every app's handlers purge
    the page cache, feeds and sitemaps and ping the hub, as for an editor's
    unpublish. An article the newsroom's work holds is left live: the record is
    skipped with a reason naming the source's withdrawal, and a warning is logged.
    """
    result: Outcome | None = None
    try:
        with transaction.atomic():
            # Checked on the row read again under its lock, not on the one loaded
            # with the link: an editor's save committed since then holds the
            # article, and one made now waits for this commit (SQLite serialises
            # writes anyway).
            article = ArticlePage.objects.select_for_update().filter(pk=link.article_id).first()
            if article is None:
                return deleted_outcome(record)
            link.article = article
            if not article.live:
                # Unpublished since the link was read (by an editor or another run).
                result = outcome_for(SKIPPED, record, article)
                result.reason = newsroom_hold(link) or BY_SOURCE
            elif hold := newsroom_hold(link):
                result = held_withdrawal(record, article, hold)
            else:
                article.unpublish()
                link.content_hash, link.updated_at = content_hash, timezone.now()
                link.withdrawn_at = link.updated_at
                link.save(update_fields=["content_hash", "updated_at", "withdrawn_at"])
                result = outcome_for(WITHDRAWN, record, article)
                result.reason = BY_SOURCE
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    assert result is not None
    return result


def held_withdrawal(record: ArticleRecord, article: ArticlePage, hold: str) -> Outcome:
    """Return the skipped outcome of a withdrawal the newsroom's work holds, and log it."""
    logger.warning(
        "The source withdrew %s (%s), left live: %s", record.source_key, article.url_path, hold
    )
    # The hash stays as it was, so every run reports the withdrawal until an editor acts.
    skipped = outcome_for(SKIPPED, record, article)
    skipped.reason = f"{BY_SOURCE}, left live: {hold}"
    return skipped


def skipped_outcome(
    record: ArticleRecord, link: ImportedArticle, content_hash: str
) -> Outcome | None:
    """Return the skipped outcome of a record already imported, or None if it may be written.

    Skipped are the records of an article the newsroom deleted, whatever their
    content, and unchanged records. (A changed record the newsroom's work holds
    back is skipped too, once ``newsroom_hold`` has looked at the article.)
    """
    article = link.article  # Loaded with the link (select_related).
    if article is None:
        return deleted_outcome(record)
    if link.content_hash == content_hash:
        return outcome_for(SKIPPED, record, article)
    return None


def find_links(records: Iterable[ArticleRecord]) -> dict[tuple[str, str], ImportedArticle]:
    """Return the import records of the records' keys, by (format, key as the record gives it).

    A row written before long keys were digested holds its key cut to 500
    characters. The first record (in the given order) whose long key matches
    such a row takes it over, its key rewritten in full form, so that a second
    key sharing those 500 characters gets an article of its own from then on.
    """
    wanted = list(dict.fromkeys((r.source_format, r.source_key) for r in records))
    links = matching_links({(fmt, stored_source_key(key)): (fmt, key) for fmt, key in wanted})
    legacy: dict[tuple[str, str], tuple[str, str]] = {}
    for fmt, key in wanted:
        if (fmt, key) not in links and len(key) >= SOURCE_KEY_LENGTH:
            legacy.setdefault((fmt, key[:SOURCE_KEY_LENGTH]), (fmt, key))
    if not legacy:
        return links
    with transaction.atomic():
        for given, link in matching_links(legacy).items():
            full = stored_source_key(given[1])
            # Conditional, so that of two runs claiming the row at once only one wins.
            claimed = ImportedArticle.objects.filter(pk=link.pk, source_key=link.source_key).update(
                source_key=full
            )
            if claimed:
                link.source_key = full
                links[given] = link
    return links


def matching_links(
    stored: dict[tuple[str, str], tuple[str, str]],
) -> dict[tuple[str, str], ImportedArticle]:
    """Return the import records under the stored (format, key) pairs, by the pairs' values."""
    if not stored:
        return {}
    rows = ImportedArticle.objects.filter(source_key__in={key for _, key in stored}).select_related(
        "article"
    )
    return {
        stored[(row.source_format, row.source_key)]: row
        for row in rows
        if (row.source_format, row.source_key) in stored
    }


def newsroom_hold(link: ImportedArticle) -> str:
    """Return why the newsroom's work forbids writing over the article, or "" if nothing does.

    An import publishes what it writes, so it must not build on an editor's
    unpublished changes (they would go live) nor bring back an article the
    newsroom withdrew. Unpublished changes are the newsroom's when someone saved
    a revision after the import: a draft the import wrote itself (the source
    withheld the item) follows the source, as an imported draft does.
    """
    article = link.article  # Loaded with the link (select_related).
    if article is None:
        return DELETED
    if article.live and not article.has_unpublished_changes:
        return ""
    withdrawn = not article.live and article.last_published_at is not None
    if withdrawn and not is_withdrawn_by_source(link, article):
        return "withdrawn by the newsroom"
    latest = article.latest_revision_created_at
    if latest is not None and latest > link.updated_at:
        return "has unpublished changes"
    return ""


def is_withdrawn_by_source(link: ImportedArticle, article: ArticlePage) -> bool:
    """Return whether the import unpublished the article (its source withdrew it) and it stays so.

    An editor's publish since then makes any later unpublish the newsroom's.
    """
    if link.withdrawn_at is None or article.last_published_at is None:
        return False
    return article.last_published_at <= link.withdrawn_at


def hash_with_section(record: ArticleRecord, section: SectionPage) -> str:
    """Return the record's hash when a --section override decides where it goes."""
    return hashlib.sha256(f"{record.content_hash()}|{section.pk}".encode()).hexdigest()


def deleted_outcome(record: ArticleRecord) -> Outcome:
    """Return the outcome of a record whose article the newsroom deleted: skipped, and why.

    The import record outlives its article (``on_delete=SET_NULL``) for this: an
    editor's deletion is final, whatever version of the item the source sends.
    """
    return Outcome(
        SKIPPED, record.origin, key=record.source_key, title=record.title, reason=DELETED
    )


def outcome_for(kind: str, record: ArticleRecord, article: ArticlePage) -> Outcome:
    """Return the outcome line of a record and its article."""
    return Outcome(
        kind,
        record.origin,
        key=record.source_key,
        url=article.get_full_url() or article.url_path,
        article_id=article.pk,
        title=article.title,
    )


def write_article(
    record: ArticleRecord,
    link: ImportedArticle | None,
    section: SectionPage | None,
    content_hash: str,
) -> tuple[ArticlePage, str]:
    """Create or update the article and its import record (inside the caller's transaction).

    Returns the article and a note for the report ("" or why the article is not
    in the section its record names).
    """
    authors = [find_or_create_author(name) for name in record.authors]
    tags = resolve_tags(record.tags, tag_kinds(record))
    exclude = link.article_id if link is not None else None
    related = [(h, find_article_by_headline(h, exclude=exclude)) for h in unique(record.related)]
    picks = [target for _, target in related if target is not None]
    note = ""
    if link is None:
        if section is None:
            section, note = placement(record)
        article = create_article(
            section,
            slug=free_slug(section, record.slug),
            title=record.title,
            standfirst=record.standfirst,
            body=record.body,
            authors=authors,
            # A draft has not been published yet, whatever date its source gave it.
            published_at=None if record.is_draft else record.published_at,
            updated_at=None if record.is_draft else record.updated_at,
            publish=not record.is_draft,
            needs_review=record.needs_review,
            tag_links=[ArticleTag(tag=tag, sort_order=n) for n, tag in enumerate(tags)],
            **editor_picks_field(picks),
        )
        ImportedArticle.objects.create(
            source_format=record.source_format,
            source_key=stored_source_key(record.source_key),
            content_hash=content_hash,
            article=article,
        )
    else:
        # Callers skip the records of deleted articles (see skipped_outcome).
        assert link.article is not None
        article = update_article(link.article, record, authors, tags, picks)
        link.content_hash, link.updated_at = content_hash, timezone.now()
        if not record.is_draft:
            link.withdrawn_at = None  # Published again: a later unpublish is someone's new act.
        link.save(update_fields=["content_hash", "updated_at", "withdrawn_at"])
    store_related_headlines(article, related)
    apply_tag_suggestions(article, has_tags=bool(tags))
    return article, note


def update_article(
    article: ArticlePage,
    record: ArticleRecord,
    authors: Sequence[Author],
    tags: Sequence[Tag],
    picks: Sequence[ArticlePage],
) -> ArticlePage:
    """Write a changed record over its article as a new revision (published unless a draft)."""
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.title = record.title
    draft.standfirst = record.standfirst
    draft.body = list(record.body)
    draft.needs_review = record.needs_review
    if record.published_at is not None and not record.is_draft:
        draft.first_published_at = record.published_at
    draft.last_updated_at = record.updated_at or draft.last_updated_at
    draft.article_authors = [
        ArticleAuthor(author=author, sort_order=n) for n, author in enumerate(authors)
    ]
    draft.tag_links = [ArticleTag(tag=tag, sort_order=n) for n, tag in enumerate(tags)]
    for name, value in editor_picks_field(picks).items():
        setattr(draft, name, value)
    revision = draft.save_revision()
    if not record.is_draft:
        revision.publish()
    return ArticlePage.objects.get(pk=article.pk)


def placement(record: ArticleRecord) -> tuple[SectionPage, str]:
    """Return the section of a record's new article, and a note when it is not the one named.

    A section our own export names (``section_slug``) is used when the site has
    it; otherwise the article goes where ``section_for`` puts it, as before, and
    the note says which section was missing.
    """
    if record.section_slug:
        home = ensure_home_page()
        found = SectionPage.objects.child_of(home).filter(slug=record.section_slug).first()
        if found is not None:
            return found.specific, ""  # type: ignore[return-value]
        fallback = section_for(record)
        return fallback, f"no section {record.section_slug!r}: put in {fallback.title}"
    return section_for(record), ""


def free_slug(section: SectionPage, slug: str) -> str:
    """Return the slug, numbered ``-2``, ``-3``... as Wagtail does until no sibling has it."""
    # Our export writes Unicode slugs; a site whose Wagtail refuses them gets them in ASCII.
    slug = slugify(slug, allow_unicode=bool(getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)))
    if not slug:
        return ""  # Wagtail makes one from the title.
    taken = set(section.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, suffix = slug, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


def section_for(record: ArticleRecord) -> SectionPage:
    """Return the section a record names (by title or slug), creating it if needed."""
    home = ensure_home_page()
    if record.section.strip():
        name = record.section.strip()[:200]
        slug = section_slug(home, slugify(name, allow_unicode=True)[:50] or "imported")
        found = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if found is None:
            found = SectionPage.objects.child_of(home).filter(title__iexact=name).first()
        return found.specific if found else create_section(home, title=name, slug=slug)
    title, slug = conf.default_section()
    return create_section(home, title=title, slug=section_slug(home, slug))


def section_slug(home: HomePage, slug: str) -> str:
    """Return the slug, numbered ``-2``, ``-3``... until no other view answers its address.

    The admin refuses such a slug (``newsroom.models.shadowed_address``); an
    import has nobody to ask, so it takes the first free one, as ``free_slug``
    numbers a taken article slug.
    """
    candidate, suffix = slug, 1
    while shadowed_address(home, candidate, holds_pages=True) is not None:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


def find_section(name: str) -> SectionPage:
    """Return the section named by slug or title (for ``--section``), refusing unknown ones."""
    # Only looked up: a dry run or an export must not set up the home page first.
    home = site_home_page()
    # No slug or title holds a NUL byte, and PostgreSQL refuses one in a query.
    if home is None or "\x00" in name:
        raise RecordError(f"no section {name!r}")
    found = SectionPage.objects.child_of(home).filter(slug=name).first()
    found = found or SectionPage.objects.child_of(home).filter(title__iexact=name).first()
    if found is None:
        raise RecordError(f"no section {name!r}")
    return found.specific  # type: ignore[return-value]


def find_or_create_author(name: str) -> Author:
    """Return the author with this name's slug, creating one if none exists."""
    name = name.strip()[:120]
    slug = slugify(name, allow_unicode=True)[:140]
    if not slug:
        raise RecordError(f"author name {name!r} has no letters")
    return create_author(name=name, slug=slug)


def tag_kinds(record: ArticleRecord) -> dict[str, str]:
    """Return the kind a record gives its tag names (normalised name: kind).

    People are the names the text shows as speakers or persons, and the source's
    own people; places and organisations are those the source lists as such.
    """
    kinds: dict[str, str] = {}
    for names, kind in (
        (record.organisations, TagKind.ORGANISATION),
        (record.places, TagKind.PLACE),
        (record.people, TagKind.PERSON),
    ):
        kinds.update((tag_key(name), kind) for name in names)
    return kinds


def resolve_tags(
    names: Sequence[str], kinds: dict[str, str], existing: dict[str, Tag] | None = None
) -> list[Tag]:
    """Return tags for a tag line, in order: aliases map to their tag, others are created.

    A new tag takes its kind from ``kinds`` (normalised name: kind, see
    ``tag_kinds``); the rest are topics until an editor types them (a tag line
    does not say). ``existing`` (normalised name: tag) saves the lookup when a
    batch has done it; tags created here are added to it.
    """
    keys = [tag_key(name) for name in names]
    if existing is None:
        existing = tags_by_key(key for key in keys if key)
    tags: list[Tag] = []
    for name, key in zip(names, keys, strict=True):
        if not key:
            continue
        tag = existing.get(key)
        if tag is None:
            tag = Tag(name=name.strip()[:TAG_NAME_LENGTH], kind=kinds.get(key, TagKind.TOPIC))
            tag.save()
            existing[key] = tag
        if tag not in tags:
            tags.append(tag)
    return tags


def tag_key(name: str) -> str:
    """Return the lookup key of a tag line's name: that of the name as a tag stores it."""
    # A longer name is cut to fit; keyed whole, it would not find its own tag again.
    return normalise_name(name.strip()[:TAG_NAME_LENGTH])


def apply_tag_suggestions(article: ArticlePage, *, has_tags: bool) -> None:
    """Tag an untagged import with its suggestions when the project asks importers to."""
    from masthead.tagging import conf as tagging_conf

    if has_tags or not tagging_conf.auto_apply_imported():
        return
    from masthead.tagging.actions import apply_suggestions

    apply_suggestions(article)


def unique(headlines: Sequence[str]) -> list[str]:
    """Return headlines stripped, without blanks or repeats, in order."""
    return list(dict.fromkeys(h.strip()[:500] for h in headlines if h.strip()))


def store_related_headlines(
    article: ArticlePage, related: Sequence[tuple[str, ArticlePage | None]]
) -> None:
    """Keep the article's related headlines with their articles (None until they arrive)."""
    RelatedHeadline.objects.filter(article=article).delete()
    RelatedHeadline.objects.bulk_create(
        RelatedHeadline(
            article=article,
            position=position,
            headline=headline,
            normalised=normalise_name(headline)[:500],
            target=target,
        )
        for position, (headline, target) in enumerate(related)
    )


def editor_picks_field(targets: Sequence[ArticlePage]) -> dict[str, Any]:
    """Return the related app's editor picks as a child-relation value for a new revision.

    An imported article's picks go into the revision the import publishes, so one
    publish carries them (the related app's publish handler recomputes the list);
    calling ``set_editor_picks`` afterwards would publish a second revision. Later
    links, made when a headline's article arrives, go through ``set_editor_picks``.
    """
    if not apps.is_installed("masthead.related"):
        return {}
    from masthead.related.models import RelatedPick

    return {
        "related_picks": [
            RelatedPick(target=target, sort_order=n)
            for n, target in enumerate(dict.fromkeys(targets))
        ]
    }


def find_article_by_headline(headline: str, exclude: int | None = None) -> ArticlePage | None:
    """Return the article whose headline matches (case, accents and punctuation aside)."""
    key = normalise_name(headline)
    first_word = headline.split()[0] if headline.split() else ""
    if not key or not first_word:
        return None
    exact = ArticlePage.objects.filter(title__iexact=headline).exclude(pk=exclude).first()
    if exact is not None:
        return exact
    candidates = ArticlePage.objects.filter(title__istartswith=first_word.strip("\"'\u201c\u2018"))
    for candidate in candidates.exclude(pk=exclude).only("pk", "title")[:RELATED_CANDIDATES]:
        if normalise_name(candidate.title) == key:
            return candidate
    return None


def resolve_waiting_headlines(article: ArticlePage) -> list[ArticlePage]:
    """Link related headlines waiting for this article's headline; return the articles updated."""
    return resolve_waiting_for([article])


def resolve_waiting_for(articles: Sequence[ArticlePage]) -> list[ArticlePage]:
    """Link related headlines waiting for these articles' headlines; return the articles updated.

    Each waiting headline goes to the first of the articles with its headline, as
    publishing them one by one would link it. The owners get their editor picks.
    """
    by_key: dict[str, ArticlePage] = {}
    for article in articles:
        key = normalise_name(article.title)[:500]
        if key:
            by_key.setdefault(key, article)
    if not by_key:
        return []
    waiting = RelatedHeadline.objects.filter(target__isnull=True, normalised__in=list(by_key))
    links: dict[int, list[int]] = {}
    owner_ids: set[int] = set()
    for row_id, owner_id, key in waiting.values_list("pk", "article_id", "normalised"):
        target = by_key[key]
        if owner_id != target.pk:
            links.setdefault(target.pk, []).append(row_id)
            owner_ids.add(owner_id)
    for target_id, row_ids in links.items():
        RelatedHeadline.objects.filter(pk__in=row_ids).update(target_id=target_id)
    owners = list(ArticlePage.objects.filter(pk__in=sorted(owner_ids)))
    for owner in owners:
        push_editor_picks(owner)
    return owners


def editor_picks_action() -> Callable[..., Any] | None:
    """Return the related app's ``set_editor_picks`` action, if that app is installed."""
    if not apps.is_installed("masthead.related"):
        return None
    module = importlib.import_module("masthead.related.actions")
    action = getattr(module, "set_editor_picks", None)
    return action if callable(action) else None


def push_editor_picks(article: ArticlePage) -> None:
    """Give the related app the article's resolved related headlines, in page order."""
    action = editor_picks_action()
    if action is None:
        return
    targets = [
        row.target
        for row in RelatedHeadline.objects.filter(article=article, target__isnull=False)
        .select_related("target")
        .order_by("position")
        if row.target is not None
    ]
    if targets:
        action(article, targets)
