"""Reads of the related headlines app: the list a page renders, and its explanation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from masthead.core.shared_lookups import view_restrictions_exist
from masthead.newsroom.queries import public_pages
from masthead.related.models import RelatedEntry


def visible_entries(article_id: int | None) -> QuerySet[RelatedEntry]:
    """Return the lines of an article's list readers may see, with targets, in one query.

    A target under a view restriction is left out, even an editor's pick: the
    list is shown on public pages.
    """
    now = timezone.now()
    entries = RelatedEntry.objects.filter(article_id=article_id, target__live=True).filter(
        Q(target__expire_at__isnull=True) | Q(target__expire_at__gt=now)
    )
    if view_restrictions_exist():  # A subquery saved on every article page when none exist.
        entries = entries.filter(target__in=public_pages(Page.objects.all()).values("pk"))
    return (
        entries.select_related("target")
        # Teasers never show the body: skip loading (and parsing) it.
        .defer("target__body")
        .order_by("position")
    )


def listing_articles(article_id: int) -> list[int]:
    """Return the articles whose stored lists show this one."""
    return list(
        RelatedEntry.objects.filter(target_id=article_id)
        .values_list("article_id", flat=True)
        .distinct()
    )


def eligible_headlines(article_ids: Sequence[int]) -> dict[int, str]:
    """Return {id: headline} of the given articles that are live, public and not expired."""
    from masthead.newsroom.models import ArticlePage

    if not article_ids:
        return {}
    now = timezone.now()
    rows = (
        public_pages(ArticlePage.objects.live())
        .filter(pk__in=list(article_ids))
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .values_list("pk", "title")
    )
    return dict(rows)


def key_labels(keys: Iterable[str]) -> dict[str, str]:
    """Return {"tag:<id>": tag name} for the tag keys among keys."""
    from masthead.tagging.models import Tag

    ids = {int(key[4:]) for key in keys if key.startswith("tag:") and key[4:].isdigit()}
    if not ids:
        return {}
    return {
        f"tag:{pk}": name for pk, name in Tag.objects.filter(pk__in=ids).values_list("pk", "name")
    }


@dataclass(frozen=True)
class ExplainedEntry:
    """One line of a list as the admin and the command show it."""

    position: int
    article_id: int
    url: str
    headline: str
    score: float
    is_pick: bool
    reasons: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        """Return the line as the command's JSON prints it."""
        return {
            "position": self.position + 1,
            "id": self.article_id,
            "url": self.url,
            "headline": self.headline,
            "score": round(self.score, 4),
            "source": "editor" if self.is_pick else "automatic",
            "reasons": self.reasons,
        }


def explained_list(article_id: int) -> list[ExplainedEntry]:
    """Return an article's stored list with the reason for each line."""
    entries = RelatedEntry.objects.filter(article_id=article_id).select_related("target")
    return [
        ExplainedEntry(
            position=entry.position,
            article_id=entry.target_id,
            url=entry.target.get_full_url() or entry.target.url_path,
            headline=entry.target.title,
            score=entry.score,
            is_pick=entry.is_pick,
            reasons=entry.reasons,
        )
        for entry in entries.defer("target__body").order_by("position")
    ]


def visible_headlines(article_id: int | None) -> list[tuple[str, str, dt.datetime | None]]:
    """Return (headline, url_path, expiry time) of the articles readers see in a list, in one query.

    The same rows as ``visible_entries`` without building page objects: the
    part shows a headline and a link, and no copy of it may outlive a link's expiry.
    """
    return list(
        visible_entries(article_id).values_list(
            "target__title", "target__url_path", "target__expire_at"
        )
    )
