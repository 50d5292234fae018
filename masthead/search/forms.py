"""The search form: what readers may ask for, checked before anything reaches a query."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from wagtail.models import Site

from masthead.newsroom.models import Author, SectionPage
from masthead.search.filters import Order, SearchFilters
from masthead.search.query import clean_text
from masthead.tagging.models import Tag
from masthead.tagging.normalise import normalise_name

# Slugs as the URL patterns of sections, tags and authors accept them: anything
# else (NUL bytes, which PostgreSQL refuses, or pages of text) never reaches a query.
SLUG = re.compile(r"[-\w]{1,220}")
# Dates readers can mean; beyond these, converting to UTC could overflow.
EARLIEST = dt.date(1800, 1, 1)
LATEST = dt.date(2999, 12, 31)


class QueryField(forms.CharField):
    """A query string, shortened and stripped of control characters rather than refused."""

    def to_python(self, value: Any) -> str:
        return clean_text(str(super().to_python(value)))


class SlugChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of model instance by slug that refuses malformed slugs before any query."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if not SLUG.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SearchForm(forms.Form):
    """Search words, filters by section, tag, author and dates, and the order of results."""

    q = QueryField(label="Search for", required=False)
    section = SlugChoiceField(
        queryset=SectionPage.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
        error_messages={"invalid_choice": "Choose a section from the list."},
    )
    tag = forms.CharField(
        label="Tag",
        required=False,
        max_length=200,
        help_text="A person, place, organisation or topic.",
    )
    author = SlugChoiceField(
        queryset=Author.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Any author",
        error_messages={"invalid_choice": "Choose an author from the list."},
    )
    published_from = forms.DateField(
        label="Published from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_to = forms.DateField(
        label="Published until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label="Sort by",
        choices=[(Order.RELEVANCE.value, "Relevance"), (Order.DATE.value, "Newest first")],
        required=False,
        widget=forms.RadioSelect,
        initial=Order.RELEVANCE.value,
    )

    def __init__(
        self, *args: Any, zone: str = "UTC", site: Site | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(zone)
        self.site = site
        sections = SectionPage.objects.live().public()
        if site is not None:
            # Slugs are unique among siblings only: another site may have its own "world".
            sections = sections.in_site(site)
        self.fields["section"].queryset = sections.order_by("path")  # type: ignore[attr-defined]
        self.fields["author"].queryset = Author.objects.order_by("name")  # type: ignore[attr-defined]

    def clean_tag(self) -> Tag | None:
        """Return the tag named by slug or by name (any alias spelling), or refuse it.

        Only tags readers can see count: one that only drafts or restricted
        articles carry is unknown here, as its page and feeds are 404, or the
        answer would confirm an embargoed story's subject.
        """
        value = self.cleaned_data["tag"].strip()
        if not value:
            return None
        tag = None
        if SLUG.fullmatch(value):
            tag = Tag.objects.shown().filter(slug=value).first()
        key = normalise_name(clean_text(value))
        if tag is None and key:
            tag = Tag.objects.shown().filter(normalised_name=key).first()
        if tag is None:
            raise ValidationError("No tag by that name.")
        return tag

    def clean_published_from(self) -> dt.date | None:
        return self.check_range(self.cleaned_data["published_from"])

    def clean_published_to(self) -> dt.date | None:
        return self.check_range(self.cleaned_data["published_to"])

    def check_range(self, value: dt.date | None) -> dt.date | None:
        """Refuse dates outside the years a newsroom's archive can hold."""
        if value is not None and not EARLIEST <= value <= LATEST:
            raise ValidationError(f"Enter a date between {EARLIEST.year} and {LATEST.year}.")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", "The end date is before the start date.")
        return cleaned

    def has_search(self) -> bool:
        """Return whether the reader asked for anything (words or a filter)."""
        return self.is_bound and any(self.data.get(name) for name in self.fields if name != "sort")

    def order(self) -> Order:
        """Return the chosen order (relevance unless the reader chose dates)."""
        return Order(self.cleaned_data.get("sort") or Order.RELEVANCE.value)

    def filters(self) -> SearchFilters:
        """Return the chosen filters, within the site's tree; dates are whole days in its zone."""
        data = self.cleaned_data
        start, end = data.get("published_from"), data.get("published_to")
        return SearchFilters(
            root=self.site.root_page if self.site is not None else None,
            section=data.get("section"),
            tag=data.get("tag"),
            author=data.get("author"),
            published_from=self.midnight(start) if start else None,
            published_before=self.midnight(end + dt.timedelta(days=1)) if end else None,
        )

    def midnight(self, day: dt.date) -> dt.datetime:
        """Return the start of a day in the site's zone."""
        return dt.datetime.combine(day, dt.time(), tzinfo=self.zone)
