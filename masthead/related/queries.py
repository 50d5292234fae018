"""Reads of the related headlines app: the list a page renders, and its explanation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, Site

from masthead.core.shared_lookups import view_restrictions_exist
from masthead.newsroom.queries import public_pages
from masthead.related.models import RelatedEntry


def visible_entries(article_id: int | None, site_root: str = "") -> QuerySet[RelatedEntry]:
    """Return the lines of an article's list readers may see, with targets, in one query.

    A target under a view restriction is left out, even an editor's pick: the
    list is shown on public pages. So is one outside ``site_root`` (the root
    path of the article's Site), which a stored list names after a move.
    """
    now = timezone.now()
    entries = RelatedEntry.objects.filter(article_id=article_id, target__live=True).filter(
        Q(target__expire_at__isnull=True) | Q(target__expire_at__gt=now)
    )
    if site_root:
        entries = entries.filter(target__url_path__startswith=site_root)
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


def has_several_sites() -> bool:
    """Return whether pages live under more than one Site root (from Wagtail's cached roots)."""
    return len({root.root_path for root in Site.get_site_root_paths()}) > 1


def site_root_of(url_path: str) -> str:
    """Return the root path of the Site whose tree holds a page, or "" when none does."""
    roots = [root.root_path for root in Site.get_site_root_paths()]
    return max((root for root in roots if url_path.startswith(root)), key=len, default="")


def site_roots_of(page_ids: Iterable[int]) -> dict[int, str]:
    """Return {id: root path of its Site} of pages, in one query per thousand ids."""
    wanted = sorted(set(page_ids))
    roots: dict[int, str] = {}
    for start in range(0, len(wanted), 1000):
        rows = Page.objects.filter(pk__in=wanted[start : start + 1000])
        for pk, url_path in rows.values_list("pk", "url_path"):
            roots[pk] = site_root_of(url_path)
    return roots


def on_site(
    article_id: int, headlines: Mapping[int, str], roots: Mapping[int, str]
) -> dict[int, str]:
    """Return the headlines of articles on the article's Site, given ``site_roots_of`` roots.

    A list is shown on its article's Site: another Site's article (a staff
    site's, say) would leak its headline there and link to another host.
    """
    site = roots.get(article_id)
    return {pk: headline for pk, headline in headlines.items() if roots.get(pk) == site}


def same_site_headlines(article_id: int, headlines: Mapping[int, str]) -> dict[int, str]:
    """Return the headlines of articles on the article's Site (a query when there are several)."""
    if not has_several_sites():
        return dict(headlines)
    return on_site(article_id, headlines, site_roots_of([article_id, *headlines]))


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


def visible_headlines(
    article_id: int | None, site_root: str = ""
) -> list[tuple[str, str, dt.datetime | None]]:
    """Return (headline, url_path, expiry time) of the articles readers see in a list, in one query.

    The same rows as ``visible_entries`` without building page objects: the
    part shows a headline and a link, and no copy of it may outlive a link's expiry.
    """
    return list(
        visible_entries(article_id, site_root).values_list(
            "target__title", "target__url_path", "target__expire_at"
        )
    )
