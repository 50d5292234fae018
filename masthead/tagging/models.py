"""Tags, their aliases and old slugs, articles' ordered tag lists and suggestions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from masthead.core.models import stored_value
from masthead.tagging.normalise import normalise_name
from masthead.tagging.queries import TagQuerySet


class TagKind(models.TextChoices):
    """What a tag is about."""

    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    PLACE = "place", "Place"
    TOPIC = "topic", "Topic"


class Tag(index.Indexed, ClusterableModel):
    """A person, organisation, place or topic articles are about, with its own page."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, allow_unicode=True, blank=True)
    kind = models.CharField(max_length=20, choices=TagKind.choices, default=TagKind.TOPIC)
    description = models.TextField(blank=True)
    external_id = models.CharField(
        max_length=100, blank=True, help_text="An outside identifier, e.g. Wikidata Q159."
    )
    normalised_name = models.CharField(max_length=200, db_index=True, editable=False)

    objects = TagQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("external_id"),
        InlinePanel("aliases", label="Aliases (other spellings)"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalised_name = normalise_name(self.name)
        if not self.slug:
            self.slug = unique_slug(self.name, exclude_pk=self.pk)
        old_slug = stored_value(self, "slug")
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_slug != self.slug:
                # A slug in use never also redirects: the tag now answers there itself.
                TagSlugRedirect.objects.filter(old_slug=self.slug).delete()
            if old_slug and old_slug != self.slug:
                # Shared and indexed links to the old address keep working, as after a merge.
                TagSlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": self})

    def get_absolute_url(self) -> str:
        return reverse("tagging:tag", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """Refuse a name another tag already uses as its name or alias."""
        key = normalise_name(self.name)
        clash = Tag.objects.filter(normalised_name=key).exclude(pk=self.pk).first()
        alias = TagAlias.objects.filter(normalised=key).exclude(tag_id=self.pk).first()
        if clash is not None or alias is not None:
            owner = clash or (alias.tag if alias else None)
            raise ValidationError({"name": f"“{self.name}” is already the tag “{owner}”."})


def unique_slug(name: str, exclude_pk: int | None = None) -> str:
    """Return a free slug for a tag name (old slugs of merged tags stay taken)."""
    base = slugify(name, allow_unicode=True)[:200] or "tag"
    slug, n = base, 1
    while (
        Tag.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
        or TagSlugRedirect.objects.filter(old_slug=slug).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


class TagAlias(Orderable):
    """Another spelling or form of a tag's name ("US", "U.S." for "United States")."""

    tag = ParentalKey(Tag, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    # Unique: one alias names one tag, or suggestions could not map it.
    normalised = models.CharField(max_length=200, unique=True, editable=False)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name_plural = "tag aliases"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalised = normalise_name(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """Refuse an alias that already names another tag, with a message saying which."""
        key = normalise_name(self.name)
        if not key:
            raise ValidationError({"name": "An alias needs letters or digits."})
        other = TagAlias.objects.filter(normalised=key).exclude(tag_id=self.tag_id).first()
        owner = other.tag if other else None
        owner = owner or Tag.objects.filter(normalised_name=key).exclude(pk=self.tag_id).first()
        if owner is not None:
            raise ValidationError({"name": f"“{self.name}” already names the tag “{owner}”."})


class TagSlugRedirect(models.Model):
    """An old slug of a tag (merged away or re-slugged), answering with a permanent redirect."""

    old_slug = models.SlugField(max_length=220, unique=True, allow_unicode=True)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="slug_redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.tag.slug}"


class ArticleTag(Orderable):
    """A tag on an article, in the order the tag line shows it."""

    page = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tag_links")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="article_links")

    panels = [FieldPanel("tag")]

    # No unique (page, tag) constraint: the admin's child formset could not report it
    # as a form error, so a doubled tag would fail at publishing; readers see it once.

    def __str__(self) -> str:
        return str(self.tag)


class SuggestionStatus(models.TextChoices):
    """What an editor did with a suggestion."""

    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class TagSuggestion(models.Model):
    """A tag found in an article's text, waiting for an editor's decision."""

    # Not part of the article's revisions: suggestions describe the latest text.
    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tag_suggestions"
    )
    name = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, editable=False)
    kind = models.CharField(max_length=20, choices=TagKind.choices)
    score = models.FloatField()
    tag = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-score", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "normalised"], name="tagging_suggestion_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind}, {self.score:.1f})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalised = normalise_name(self.name)
        super().save(*args, **kwargs)
