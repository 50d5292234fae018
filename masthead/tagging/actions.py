"""Writes of the tagging app: tag lists, merges, suggestions and their acceptance."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Q
from wagtail.blocks import StreamValue
from wagtail.models import Page, Revision

from masthead.newsroom.actions import pending_revisions
from masthead.newsroom.models import ArticlePage
from masthead.tagging.extraction import ArticleText, Candidate, suggest, suggest_many
from masthead.tagging.models import (
    ArticleTag,
    SuggestionStatus,
    Tag,
    TagAlias,
    TagSlugRedirect,
    TagSuggestion,
)
from masthead.tagging.normalise import normalise_name
from masthead.tagging.queries import tags_by_key
from masthead.tagging.signals import tag_merged

AUTO_APPLY_LIMIT = 6


def article_text(article: ArticlePage) -> ArticleText:
    """Return the text of an article that suggestions read: headline, standfirst, body."""
    parts: list[str] = []
    body = article.body if isinstance(article.body, StreamValue) else []
    for block in body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(str(getattr(value, "source", value)))
        elif block.block_type == "quote":
            parts.append(f"{value.get('text', '')} {value.get('speaker', '')}")
        elif block.block_type in ("image", "embed"):
            parts.append(str(value.get("caption", "")))
    return ArticleText(article.title, article.standfirst, "\n\n".join(parts))


def latest_draft(article: ArticlePage) -> ArticlePage:
    """Return the article as its latest revision holds it (what the editor sees)."""
    fresh = ArticlePage.objects.get(pk=article.pk)
    return fresh.get_latest_revision_as_object()  # type: ignore[no-any-return]


@transaction.atomic
def set_article_tags(
    article: ArticlePage, tags: Sequence[Tag], publish: bool | None = None
) -> ArticlePage:
    """Give an article this ordered tag list in a new revision, and publish it if asked.

    By default it is published only when live with no pending draft, so an
    editor's unfinished changes are never published by a tagging action.
    """
    fresh = ArticlePage.objects.get(pk=article.pk)
    draft = with_tags(fresh.get_latest_revision_as_object(), tags)
    if publish is None:
        publish = fresh.live and not fresh.has_unpublished_changes
    revision = draft.save_revision()
    if publish:
        revision.publish()
    return draft  # type: ignore[no-any-return]


def with_tags(page: ArticlePage, tags: Sequence[Tag]) -> ArticlePage:
    """Return the page with this ordered tag list (each tag once) as its in-memory links."""
    # Keep the links' ids where the tag stays, so revisions differ only in what changed.
    links = {link.tag_id: link for link in page.tag_links.all()}  # type: ignore[attr-defined]
    ordered = []
    for n, tag in enumerate(dict.fromkeys(tags)):
        link = links.get(tag.pk) or ArticleTag(tag=tag)
        link.sort_order = n
        ordered.append(link)
    page.tag_links = ordered  # type: ignore[attr-defined]
    return page


@transaction.atomic
def store_suggestions(article: ArticlePage, candidates: Sequence[Candidate]) -> list[TagSuggestion]:
    """Replace an article's pending suggestions; decided ones and present tags stay out."""
    draft = latest_draft(article)
    present = {link.tag_id for link in draft.tag_links.all()}  # type: ignore[attr-defined]
    decided = set(
        TagSuggestion.objects.filter(article=article)
        .exclude(status=SuggestionStatus.PENDING)
        .values_list("normalised", flat=True)
    )
    TagSuggestion.objects.filter(article=article, status=SuggestionStatus.PENDING).delete()
    existing = tags_by_key(normalise_name(c.name) for c in candidates)
    stored: dict[str, TagSuggestion] = {}
    for candidate in candidates:
        tag = existing.get(normalise_name(candidate.name))
        name, kind = (tag.name, tag.kind) if tag else (candidate.name, candidate.kind)
        key = normalise_name(name)
        if not key or key in decided or key in stored or (tag and tag.pk in present):
            continue
        stored[key] = TagSuggestion(
            article=article,
            name=name[:200],
            normalised=key,
            kind=kind,
            score=candidate.score,
            tag=tag,
        )
    # Two runs for one article (a save, then a publish) may overlap in the worker pool.
    TagSuggestion.objects.bulk_create(stored.values(), ignore_conflicts=True)
    return list(stored.values())


def compute_suggestions(article: ArticlePage) -> list[TagSuggestion]:
    """Read the article's latest text and store its ranked suggestions."""
    candidates = suggest(article_text(latest_draft(article)))
    return store_suggestions(article, candidates)


def find_or_create_tag(name: str, kind: str) -> Tag:
    """Return the tag this name or alias names, creating it if none does."""
    key = normalise_name(name)
    existing = tags_by_key([key]).get(key)
    if existing is not None:
        return existing
    tag = Tag(name=name, kind=kind)
    tag.save()
    return tag


@transaction.atomic
def accept_suggestions(
    article: ArticlePage, suggestions: Sequence[TagSuggestion], publish: bool | None = False
) -> list[Tag]:
    """Append the suggested tags to the article's tag list, in score order, as a new revision."""
    # Lock the page row before reading the latest revision: two editors accepting
    # at once would otherwise both extend the same list, and the second drop the
    # first one's tag.
    Page.objects.select_for_update().filter(pk=article.pk).exists()
    draft = latest_draft(article)
    current = [link.tag for link in draft.tag_links.all()]  # type: ignore[attr-defined]
    added: list[Tag] = []
    for suggestion in suggestions:
        tag = suggestion.tag or find_or_create_tag(suggestion.name, suggestion.kind)
        suggestion.tag, suggestion.status = tag, SuggestionStatus.ACCEPTED
        suggestion.save(update_fields=["tag", "status"])
        if tag not in current and tag not in added:
            added.append(tag)
    if added:
        set_article_tags(article, [*current, *added], publish=publish)
    return added


@transaction.atomic
def reject_suggestion(suggestion: TagSuggestion) -> None:
    """Mark a suggestion rejected, so recomputing does not offer it again."""
    suggestion.status = SuggestionStatus.REJECTED
    suggestion.save(update_fields=["status"])


def apply_suggestions(article: ArticlePage, limit: int = AUTO_APPLY_LIMIT) -> list[Tag]:
    """Tag an article with its top suggestions (importers, demo); publish if live and current."""
    compute_suggestions(article)
    pending = list(
        TagSuggestion.objects.filter(article=article, status=SuggestionStatus.PENDING)[:limit]
    )
    return accept_suggestions(article, pending, publish=None)


@transaction.atomic
def merge_tags(source: Tag, survivor: Tag) -> Tag:
    """Fold one tag into another: articles, aliases, suggestions and old slugs move over."""
    if source.pk == survivor.pk:
        raise ValueError("A tag cannot be merged into itself.")
    for page_id in articles_naming(source):
        replace_tag_on_article(page_id, source, survivor)
    move_names(source, survivor)
    TagSuggestion.objects.filter(tag=source).update(tag=survivor)
    TagSlugRedirect.objects.filter(tag=source).update(tag=survivor)
    # Other apps move what they hang on the tag (short links) before it goes.
    tag_merged.send(sender=Tag, source=source, survivor=survivor)
    old_slug = source.slug
    source.delete()
    # The slug may already be an old slug (of this tag, or of one that gave it up).
    TagSlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": survivor})
    return survivor


def articles_naming(tag: Tag) -> list[int]:
    """Return the ids of the articles whose live tag line or a pending revision names the tag.

    A draft saved without publishing (an accepted suggestion, an editor's edit)
    writes only a revision, not the live rows: such a draft must be found too.
    """
    page_ids = set(ArticleTag.objects.filter(tag=tag).values_list("page_id", flat=True))
    latest = ArticlePage.objects.filter(has_unpublished_changes=True).values("latest_revision")
    pending = Revision.page_revisions.filter(
        Q(pk__in=latest) | Q(approved_go_live_at__isnull=False)
    ).only("object_id", "content")
    for revision in pending.iterator():
        links = revision.content.get("tag_links") or []
        if any(isinstance(link, dict) and link.get("tag") == tag.pk for link in links):
            page_ids.add(int(revision.object_id))
    return sorted(ArticlePage.objects.filter(pk__in=page_ids).values_list("pk", flat=True))


def replace_tag_on_article(page_id: int, source: Tag, survivor: Tag) -> None:
    """Put the survivor in the source's place (or drop it if present) on one article.

    A current live article is republished. Otherwise the live tag line changes
    now, and the pending revisions (a scheduled one and the editor's latest) get
    the survivor and stay pending, the scheduled one for the same time.
    """
    article = ArticlePage.objects.get(pk=page_id)
    if article.live and not article.has_unpublished_changes:
        draft = article.get_latest_revision_as_object()
        set_article_tags(article, swapped_tags(draft, source, survivor), publish=True)
        return
    # The revisions first: restoring a revision drops children whose rows are gone,
    # so the live rows must not change before the revisions are read.
    drafts = [(revision.as_object(), go_live) for revision, go_live in pending_revisions(article)]
    links = list(ArticleTag.objects.filter(page_id=page_id))
    has_survivor = any(link.tag_id == survivor.pk for link in links)
    for link in links:
        if link.tag_id != source.pk:
            continue
        if has_survivor:
            link.delete()
        else:
            link.tag = survivor
            link.save(update_fields=["tag"])
    # The scheduled revision still names the source, which is about to go:
    # its copy with the survivor takes its place in the schedule.
    article.revisions.update(approved_go_live_at=None)
    for draft, go_live in drafts:  # Oldest first, so the latest stays latest.
        with_tags(draft, swapped_tags(draft, source, survivor)).save_revision(
            approved_go_live_at=go_live
        )


def swapped_tags(page: ArticlePage, source: Tag, survivor: Tag) -> list[Tag]:
    """Return the page's tag list with the survivor in the source's place."""
    links = page.tag_links.all()  # type: ignore[attr-defined]
    return [survivor if link.tag_id == source.pk else link.tag for link in links]


def move_names(source: Tag, survivor: Tag) -> None:
    """Give the survivor the source's aliases and its name as a new alias."""
    taken = {survivor.normalised_name, *survivor.aliases.values_list("normalised", flat=True)}  # type: ignore[attr-defined]
    for alias in TagAlias.objects.filter(tag=source):
        if alias.normalised in taken:
            alias.delete()
        else:
            alias.tag = survivor  # type: ignore[assignment]
            alias.save()
            taken.add(alias.normalised)
    if source.normalised_name and source.normalised_name not in taken:
        TagAlias.objects.create(tag=survivor, name=source.name)


def tag_untagged_articles(limit: int = AUTO_APPLY_LIMIT) -> int:
    """Tag every live article without tags with its top suggestions; return how many."""
    articles = list(ArticlePage.objects.live().filter(tag_links__isnull=True).order_by("pk"))
    if not articles:
        return 0  # Spare loading the spaCy pipeline.
    # One spaCy batch for all texts is several times faster than one call each.
    ranked = suggest_many(article_text(article) for article in articles)
    for article, candidates in zip(articles, ranked, strict=True):
        store_suggestions(article, candidates)
        pending = TagSuggestion.objects.filter(article=article, status=SuggestionStatus.PENDING)
        accept_suggestions(article, list(pending[:limit]), publish=None)
    return len(articles)
