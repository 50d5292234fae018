"""Builders shared by the tagging tests."""

from __future__ import annotations

from typing import Any

from masthead.newsroom.models import ArticlePage
from masthead.tagging.actions import set_article_tags
from masthead.tagging.models import Tag, TagAlias
from masthead.testing.factories import make_article


def make_tag(name: str, kind: str = "topic", aliases: tuple[str, ...] = (), **fields: Any) -> Tag:
    """Create a tag with aliases."""
    tag = Tag(name=name, kind=kind, **fields)
    tag.save()
    for alias in aliases:
        TagAlias.objects.create(tag=tag, name=alias)
    return tag


def tagged_article(*tags: Tag, **overrides: Any) -> ArticlePage:
    """Create a live article carrying these tags in this order."""
    article = make_article(**overrides)
    set_article_tags(article, list(tags), publish=True)
    return ArticlePage.objects.get(pk=article.pk)


def tag_names(article: ArticlePage) -> list[str]:
    """Return the live tag line of an article, in order."""
    links = ArticlePage.objects.get(pk=article.pk).tag_links.select_related("tag")  # type: ignore[attr-defined]
    return [link.tag.name for link in links.order_by("sort_order")]
