"""Models of the discussion app: reader profiles, comments, reactions, settings."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from masthead.core import fixed_sql

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class ReaderProfile(models.Model):
    """A reader's public display name and notification choices."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_profile"
    )
    display_name = models.CharField(max_length=40, unique=True)
    # The name compared regardless of case and compatibility forms ("Élodie" and
    # "élodie"): SQLite's case-insensitive matching only folds ASCII letters.
    name_key = models.CharField(max_length=160, unique=True, editable=False)
    notify_replies = models.BooleanField(
        default=False, help_text="Email me when someone replies to my comment."
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Store the display name's comparison key with it."""
        self.name_key = name_key(self.display_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)


# Drawn as nothing: Unicode's default-ignorable code points that are not format
# characters (those go by category), so "Marta Quill" with a combining grapheme
# joiner or a variation selector added looked exactly like "Marta Quill".
_INVISIBLE = re.compile(
    "[\u034f\u17b4\u17b5\u180b-\u180f\ufe00-\ufe0f\ufff0-\ufff8\U000e0000-\U000e0fff]"
)
# Drawn as a space: the Hangul fillers and the blank Braille pattern.
_BLANKS = str.maketrans(dict.fromkeys("\u115f\u1160\u3164\uffa0\u2800", " "))


def clean_display_name(display_name: str) -> str:
    """Return a typed display name without invisible characters, blanks made single spaces.

    Control and format characters (bidi overrides, zero-width) could disguise a
    name as another reader's or as staff; they never belong in a name.
    """
    visible = _INVISIBLE.sub("", display_name.translate(_BLANKS))
    return " ".join(
        "".join(ch for ch in visible if unicodedata.category(ch) not in ("Cc", "Cf")).split()
    )


def name_key(display_name: str) -> str:
    """Return the form of a display name two readers' names must not share."""
    folded = unicodedata.normalize("NFKC", display_name).casefold()
    return unicodedata.normalize("NFKC", folded)


class CommentStatus(models.TextChoices):
    """Where a comment stands; only published and approved ones are shown to readers."""

    PUBLISHED = "published", "Published"
    APPROVED = "approved", "Approved"
    HELD = "held", "Held for review"
    REJECTED = "rejected", "Rejected"
    DELETED = "deleted", "Deleted"


VISIBLE_STATUSES = (CommentStatus.PUBLISHED, CommentStatus.APPROVED)


class CommentQuerySet(models.QuerySet["Comment"]):
    """Reads of comments."""

    def visible(self) -> CommentQuerySet:
        """Return the comments every reader sees."""
        return self.filter(status__in=VISIBLE_STATUSES)

    def in_thread(self) -> CommentQuerySet:
        """Return visible comments, and hidden ones (deleted, held, rejected) kept as
        placeholders for the replies they have in the thread."""
        return self.filter(Q(status__in=VISIBLE_STATUSES) | Q(reply_count__gt=0))

    def for_article(self, article_id: int) -> CommentQuerySet:
        """Return the comments of one article."""
        return self.filter(article_id=article_id)


class Comment(models.Model):
    """One reader's comment on an article, with its screening decision."""

    # No index of their own: the (article, ...) and (author, ...) indexes below
    # serve lookups by either, and every post would write the extra ones.
    article = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="discussion_comments",
        db_index=False,
    )
    # Null once the author deletes their account (see docs/discussion.md).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_comments",
        db_index=False,
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top-level comment of the thread (None for top-level comments), so a
    # page of threads loads with one query.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(help_text="What the reader wrote (plain text with light markup).")
    body_html = models.TextField(help_text="The body rendered and sanitised with nh3.")
    status = models.CharField(
        max_length=16, choices=CommentStatus.choices, default=CommentStatus.PUBLISHED
    )
    # The rule cited and the note of the latest status change.
    status_rule = models.CharField(max_length=64, blank=True)
    status_note = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # The latest screening decision: verdict, rule and every check's result.
    screening_verdict = models.CharField(max_length=16, blank=True)
    screening_rule = models.CharField(max_length=64, blank=True)
    screening = models.JSONField(default=dict, blank=True)
    warning_acknowledged = models.BooleanField(default=False)
    is_staff_comment = models.BooleanField(default=False)
    is_editors_pick = models.BooleanField(default=False)
    picked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Denormalised for sorting and display: visible reactions and direct replies.
    reaction_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["author", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on article {self.article_id}"

    @property
    def is_visible(self) -> bool:
        """Return whether every reader sees this comment."""
        return self.status in VISIBLE_STATUSES

    @property
    def is_edited(self) -> bool:
        """Return whether the author changed the comment after posting."""
        return self.edited_at is not None

    @property
    def edit_mark(self) -> str:
        """Return the mark of the latest edit ("" if none) that pages and the live feed carry.

        In microseconds: a second edit within the same second as the first, or
        after a poll that saw the first, must carry a mark the page has not seen.
        """
        if self.edited_at is None:
            return ""
        return str((self.edited_at - EPOCH) // dt.timedelta(microseconds=1))


class Reaction(models.Model):
    """One reader's positive reaction ("recommend") to one comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_reactions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_reaction_per_reader")
        ]

    def __str__(self) -> str:
        return f"Reaction of {self.user_id} to {self.comment_id}"


# Ten years, as sanctions: a larger number of days overflowed the closing date.
MAX_CLOSE_AFTER_DAYS = 3650


class DiscussionMode(models.TextChoices):
    """Whether readers may comment on an article."""

    DEFAULT = "default", "Site default"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed (read-only)"
    AUTO_CLOSE = "auto", "Close automatically after N days"


class ArticleDiscussion(models.Model):
    """Per-article discussion settings and the denormalised visible comment count."""

    article = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="discussion_state"
    )
    mode = models.CharField(
        max_length=16, choices=DiscussionMode.choices, default=DiscussionMode.DEFAULT
    )
    close_after_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CLOSE_AFTER_DAYS)],
        help_text="Days after publication when the discussion closes (auto mode). "
        "Empty: the site default.",
    )
    comment_count = models.PositiveIntegerField(default=0)
    # Bumped on every change readers can see; the live feed and caches key on it.
    version = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Discussion of article {self.article_id}"

    @classmethod
    def for_article(cls, article_id: int) -> ArticleDiscussion | None:
        """Return an article's discussion row, or None before it has one.

        A fixed statement: posting, the live feed and every thread fragment read it.
        """
        return fixed_sql.first(cls, "SELECT * FROM {table} WHERE article_id = %s", [article_id])

    def closes_at(self, published_at: dt.datetime | None, site: DiscussionSettings) -> Any:
        """Return when the discussion closes by itself, or None."""
        mode = self.mode if self.mode != DiscussionMode.DEFAULT else site.default_mode
        if mode == DiscussionMode.CLOSED:
            return published_at or timezone.now()
        if mode != DiscussionMode.AUTO_CLOSE or published_at is None:
            return None
        days = self.close_after_days or site.close_after_days
        try:
            return published_at + dt.timedelta(days=days)
        except OverflowError:  # A value saved before the maximum: past year 9999, never.
            return None


@register_setting(icon="comment")
class DiscussionSettings(BaseSiteSetting):
    """Site-wide discussion switches."""

    read_only = models.BooleanField(
        default=False,
        help_text="Pause every discussion: readers can read but not post, edit or react.",
    )
    default_mode = models.CharField(
        max_length=16,
        choices=[
            (DiscussionMode.OPEN, "Open"),
            (DiscussionMode.AUTO_CLOSE, "Close automatically after N days"),
            (DiscussionMode.CLOSED, "Closed"),
        ],
        default=DiscussionMode.AUTO_CLOSE,
    )
    close_after_days = models.PositiveIntegerField(
        default=14, validators=[MinValueValidator(1), MaxValueValidator(MAX_CLOSE_AFTER_DAYS)]
    )

    class Meta:
        verbose_name = "Discussion settings"
