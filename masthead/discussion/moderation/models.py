"""Models of the moderation app: standards, word lists, audit log, reports, appeals, sanctions."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from masthead.core import fixed_sql
from masthead.newsroom.models import CacheablePage


class CommunityStandardsPage(CacheablePage):
    """The published rules of the discussion; every moderation decision cites one."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("rules", heading="Rules, in order", label="Rule", min_num=1),
    ]

    max_count = 1
    parent_page_types = ["newsroom.HomePage"]
    subpage_types: list[str] = []

    def numbered_rules(self) -> list[tuple[int, StandardsRule]]:
        """Return the rules with their numbers, in order."""
        return list(enumerate(self.rules.all(), start=1))


class StandardsRule(Orderable):
    """One numbered rule: its code (cited by decisions), title, explanation and examples."""

    page = ParentalKey(CommunityStandardsPage, on_delete=models.CASCADE, related_name="rules")
    code = models.SlugField(max_length=40, help_text="Cited by decisions; keep it stable.")
    title = models.CharField(max_length=120)
    explanation = models.TextField()
    examples = models.TextField(blank=True, help_text="One example a line.")

    panels = [FieldPanel("code"), FieldPanel("title"), FieldPanel("explanation"),
              FieldPanel("examples")]  # fmt: skip

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "code"], name="one_rule_per_code")]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    def example_lines(self) -> list[str]:
        """Return the examples, one per line, without blanks."""
        return [line.strip() for line in self.examples.splitlines() if line.strip()]


class WordKind(models.TextChoices):
    """What a match of a word-list entry does."""

    BANNED = "banned", "Banned (reject)"
    SUSPECT = "suspect", "Suspect (hold, after a warning)"


class WordListEntry(models.Model):
    """One banned or suspect word or phrase, matched on the normalised text."""

    term = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=WordKind.choices, default=WordKind.SUSPECT)
    whole_word = models.BooleanField(
        default=True,
        help_text="Match whole words only. Untick to match inside longer words too.",
    )
    rule = models.CharField(
        max_length=40, blank=True, help_text="Rule code cited; empty: the check's default."
    )
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = "word list entry"
        verbose_name_plural = "word lists"
        ordering = ["kind", "term"]
        constraints = [models.UniqueConstraint(fields=["term", "kind"], name="one_entry_per_term")]

    def __str__(self) -> str:
        return f"{self.term} ({self.kind})"

    def clean(self) -> None:
        """Refuse terms with nothing to match and rules the standards do not have."""
        from masthead.discussion.moderation.normalise import term_forms
        from masthead.discussion.moderation.standards import rules_by_code

        self.term = " ".join(self.term.split())
        if not term_forms(self.term)[0]:
            raise ValidationError({"term": "Write the word with at least one letter."})
        if self.rule and self.rule not in rules_by_code():
            raise ValidationError({"rule": "Use the code of a rule of the community standards."})


class ModerationEvent(models.Model):
    """The audit log: one status change of one comment, by a moderator or the system."""

    # Indexed by the (comment, created_at) index below, which every lookup by comment uses.
    comment = models.ForeignKey(
        "discussion.Comment",
        on_delete=models.CASCADE,
        related_name="moderation_events",
        db_index=False,
    )
    # Null means "system" (screening), or an actor whose account was deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    actor_name = models.CharField(max_length=150, default="system")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    rule = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)
    # Bulk actions share a batch so that one click can undo them together.
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["comment", "created_at"])]
        permissions = [("moderate_comments", "Can work the moderation queues and sanction readers")]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status} by {self.actor_name}"


class Report(models.Model):
    """A reader's report of a comment, citing the rule they think it breaks."""

    comment = models.ForeignKey(
        "discussion.Comment", on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_reports"
    )
    rule = models.CharField(max_length=40)
    note = models.CharField(max_length=500, blank=True)
    weight = models.FloatField(default=1.0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]

    def __str__(self) -> str:
        return f"Report of {self.comment_id} by {self.reporter_id} ({self.rule})"


class Disagreement(models.Model):
    """A reader's "I disagree": a reaction, never a report."""

    comment = models.ForeignKey(
        "discussion.Comment", on_delete=models.CASCADE, related_name="disagreements"
    )
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reader"], name="one_disagreement_per_reader"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reader_id} disagrees with {self.comment_id}"


class CommentReview(models.Model):
    """Moderation state of one comment: summed report weight and whether it awaits review."""

    comment = models.OneToOneField(
        "discussion.Comment", on_delete=models.CASCADE, primary_key=True, related_name="review"
    )
    report_weight = models.FloatField(default=0.0)
    report_count = models.PositiveIntegerField(default=0)
    # Set when the weight crosses the threshold; cleared by a moderator's decision.
    reported_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"Review of {self.comment_id}"


class AppealStatus(models.TextChoices):
    """Where an appeal stands."""

    OPEN = "open", "Awaiting a second moderator"
    UPHELD = "upheld", "Rejection upheld"
    OVERTURNED = "overturned", "Rejection overturned"


class Appeal(models.Model):
    """The one appeal of a rejected comment, decided by a moderator other than the first."""

    comment = models.OneToOneField(
        "discussion.Comment", on_delete=models.CASCADE, related_name="appeal"
    )
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(max_length=2000)
    # The moderator who rejected the comment (None: the system did); they may not decide.
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    status = models.CharField(
        max_length=16, choices=AppealStatus.choices, default=AppealStatus.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Appeal of {self.comment_id} ({self.status})"


class SanctionKind(models.TextChoices):
    """What a sanction does to a reader."""

    WARN = "warn", "Warning"
    PREMODERATE = "premoderate", "Pre-moderation (every comment held)"
    SUSPEND = "suspend", "Suspension (may not post until it ends)"
    BAN = "ban", "Ban (may not post)"


class SanctionQuerySet(models.QuerySet["Sanction"]):
    """Reads of sanctions."""

    def in_force(self) -> SanctionQuerySet:
        """Return sanctions neither revoked nor expired."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )

    def in_force_for(self, reader_id: int, kinds: Iterable[str]) -> list[Sanction]:
        """Return one reader's sanctions of some kinds in force, newest first.

        The same as ``in_force()`` filtered to the reader and kinds, as a fixed
        statement on the whole table (filters on this queryset do not apply):
        posting reads it on every comment, and a reader rarely has more than a
        few unrevoked sanctions to check.
        """
        wanted = set(kinds)
        now = timezone.now()
        unrevoked = fixed_sql.rows(
            Sanction,
            "SELECT * FROM {table} WHERE reader_id = %s AND revoked_at IS NULL"
            " ORDER BY created_at DESC, id DESC",
            [reader_id],
        )
        return [s for s in unrevoked if s.kind in wanted and (s.ends_at is None or s.ends_at > now)]


class Sanction(models.Model):
    """A sanction on a reader, citing a rule; the reader sees it and why."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_sanctions"
    )
    kind = models.CharField(max_length=16, choices=SanctionKind.choices)
    rule = models.CharField(max_length=40)
    reason = models.TextField(max_length=2000)
    ends_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["reader", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.reader_id} ({self.rule})"


class ReaderTrust(models.Model):
    """How far the moderators trust a reader: counts of approved and rejected comments."""

    reader = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
        related_name="moderation_trust",
    )  # fmt: skip
    approved_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Trust of {self.reader_id}: {self.score}"

    @property
    def score(self) -> int:
        """Return the trust score: approvals count once, rejections three times against."""
        return self.approved_count - 3 * self.rejected_count


class ArticleModeration(models.Model):
    """Per-article moderation: hold every comment on this article for review."""

    article = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="moderation_setting"
    )
    premoderate = models.BooleanField(default=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = "pre-moderated article"

    def __str__(self) -> str:
        return f"Moderation of article {self.article_id}"
