"""Short links to pages and their daily click totals."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from masthead.shortlinks.codes import ALIAS_MAX_LENGTH, ALIAS_PATTERN, CODE_LENGTH


class ShortLink(models.Model):
    """A short code (and optional readable alias) that redirects to a page's current URL."""

    code = models.CharField(max_length=CODE_LENGTH, unique=True, editable=False)
    # Any page: articles get theirs on first publication, sections on request.
    # Null once the page is deleted, so the code answers 410 for good.
    target = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="short_links",
    )
    # Or a tag's page (tags are not Wagtail pages), on request; a merged tag's
    # links move to the tag that absorbed it.
    target_tag = models.ForeignKey(
        "tagging.Tag",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="short_links",
        verbose_name="target tag",
    )
    alias = models.CharField(
        max_length=ALIAS_MAX_LENGTH,
        unique=True,
        null=True,
        blank=True,
        help_text="A readable name such as harbour-vote: lowercase letters, digits, hyphens.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__isnull=True) | models.Q(target_tag__isnull=True),
                name="shortlink_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.alias or self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.alias:
            self.alias = None  # NULLs do not collide in the unique index; '' would.
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.target_id and self.target_tag_id:
            raise ValidationError("A short link leads to a page or to a tag, not both.")

    @property
    def destination(self) -> str:
        """Return what the link leads to, for listings: the page or the tag, or gone."""
        if self.target is not None:
            return str(self.target)
        if self.target_tag is not None:
            return f"Tag: {self.target_tag}"
        return "(deleted)"

    @property
    def path(self) -> str:
        """Return the site-relative path of the short link."""
        return f"/s/{self.code}"


class ShortLinkDailyCount(models.Model):
    """One link's clicks on one day, people and known bots apart; nothing about who."""

    link = models.ForeignKey(ShortLink, on_delete=models.CASCADE, related_name="daily_counts")
    date = models.DateField()
    human_clicks = models.PositiveIntegerField(default=0)
    bot_clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["link", "date"], name="shortlink_one_count_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.link} on {self.date}: {self.human_clicks} + {self.bot_clicks} bots"


def validate_alias_format(alias: str) -> None:
    """Raise ValidationError unless the alias is lowercase words joined by hyphens."""
    if not ALIAS_PATTERN.match(alias):
        raise ValidationError(
            {"alias": "Use lowercase letters, digits and single hyphens, e.g. harbour-vote."}
        )
