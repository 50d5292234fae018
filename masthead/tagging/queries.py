"""Reads of tags: lookups by name or alias, co-occurrence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet

if TYPE_CHECKING:
    from masthead.tagging.models import Tag


class TagQuerySet(QuerySet["Tag"]):
    """Queries over tags."""

    def shown(self) -> TagQuerySet:
        """Return the tags of at least one article readers can see (live, unrestricted).

        A tag only embargoed drafts or restricted articles carry names their
        subject: its page, feeds and API entry wait until one is published.
        """
        from masthead.newsroom.models import ArticlePage
        from masthead.newsroom.queries import public_pages
        from masthead.tagging.models import ArticleTag

        articles = public_pages(ArticlePage.objects.live()).values("pk")
        return self.filter(pk__in=ArticleTag.objects.filter(page_id__in=articles).values("tag_id"))

    def co_occurring_with(
        self, tag: Tag, limit: int = 10, among: QuerySet[Any] | None = None
    ) -> QuerySet[Tag]:
        """Return the tags most often on the same public articles as a tag, most often first.

        Shown on the tag's public page, so a restricted article's tags never count;
        ``among`` narrows the articles counted (one Site's), all public ones by default.
        """
        from masthead.newsroom.models import ArticlePage
        from masthead.newsroom.queries import public_pages
        from masthead.tagging.models import ArticleTag

        if among is None:
            among = public_pages(ArticlePage.objects.live())
        pages = ArticleTag.objects.filter(tag=tag, page_id__in=among.values("pk")).values("page_id")
        return (
            self.filter(article_links__page_id__in=pages)
            .exclude(pk=tag.pk)
            .annotate(shared=Count("article_links"))
            .order_by("-shared", "name")[:limit]
        )


def tags_by_key(keys: Iterable[str]) -> dict[str, Tag]:
    """Return the existing tags named, or aliased, by these normalised names."""
    from masthead.tagging.models import Tag, TagAlias

    wanted = set(keys)
    found: dict[str, Tag] = {}
    for alias in TagAlias.objects.filter(normalised__in=wanted).select_related("tag"):
        found[alias.normalised] = alias.tag
    # A tag's own name wins over another tag's alias of the same form.
    for tag in Tag.objects.filter(normalised_name__in=wanted):
        found[tag.normalised_name] = tag
    return found


def pending_suggestions(article_id: int | None) -> list[Any]:
    """Return an article's pending suggestions, best first."""
    from masthead.tagging.models import SuggestionStatus, TagSuggestion

    if article_id is None:
        return []
    return list(
        TagSuggestion.objects.filter(article_id=article_id, status=SuggestionStatus.PENDING)
    )


def current_slug(old_slug: str) -> str | None:
    """Return the slug of the tag that once answered at ``old_slug`` (merged or re-slugged).

    None when no tag ever had it. Callers look the slug up among tags first: a
    tag given back an old slug answers there again.
    """
    from masthead.tagging.models import TagSlugRedirect

    moved = TagSlugRedirect.objects.filter(old_slug=old_slug).values_list("tag__slug", flat=True)
    return moved.first()
