"""Reads of articles: queryset methods shared by fronts, sections and profiles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import F, Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.models import PageQuerySet

if TYPE_CHECKING:
    from typing import Self

LISTING_IMAGE_FILTERS = ("fill-640x360|format-webp",)


class ArticlePageQuerySet(PageQuerySet):
    """Queries over article pages."""

    def newest_first(self) -> Self:
        """Order by first publication, newest first (undated drafts last)."""
        return self.order_by(F("first_published_at").desc(nulls_last=True), "-pk")

    def in_section(self, section: object) -> Self:
        """Return the articles under a section page."""
        return self.child_of(section)  # type: ignore[arg-type]

    def for_listing(self) -> Self:
        """Load what a teaser shows (lead image and its rendition) in a fixed number of queries."""
        return self.prefetch_related(listing_image_prefetch())


def listing_image_prefetch() -> Prefetch:
    """Return the prefetch of teasers' lead images with their listing renditions."""
    images = get_image_model().objects.prefetch_renditions(*LISTING_IMAGE_FILTERS)  # type: ignore[attr-defined]
    return Prefetch("lead_image", queryset=images)


def prefetch_listing_images(articles: Iterable[Any]) -> None:
    """Load the lead images of articles gathered from several lists, in two queries."""
    prefetch_related_objects([a for a in articles if a is not None], listing_image_prefetch())
