"""Reads of the moderation queues and the dashboard, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from masthead.discussion.models import Comment, CommentStatus
from masthead.discussion.moderation.models import (
    Appeal,
    AppealStatus,
    ModerationEvent,
    ReaderTrust,
    Report,
    Sanction,
)

QUEUES = {
    "pending": "Pending",
    "reported": "Reported",
    "appeals": "Appeals",
    "rejected": "Rejected",
    "recent": "Recent decisions",
}
PAGE_SIZE = 25


@dataclass
class AuthorHistory:
    """What a moderator sees about an author beside each comment."""

    approved: int = 0
    rejected: int = 0
    score: int = 0
    sanctions: list[Sanction] = field(default_factory=list)


@dataclass
class QueueRow:
    """One comment in a queue with its context."""

    comment: Comment
    history: AuthorHistory
    reports: list[Report]
    appeal: Appeal | None = None
    matched: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    failing: list[dict[str, Any]] = field(default_factory=list)


def queue_comments(name: str) -> QuerySet[Comment]:
    """Return the comments of a queue, highest priority first.

    Priority: summed report weight, then the author's trust (lowest first), then
    age (oldest first). Rejected comments are listed newest first.
    """
    # The row names its author by display name: the profile comes in the same query.
    comments = Comment.objects.select_related(
        "article", "author__reader_profile", "parent", "review"
    )
    if name == "pending":
        comments = comments.filter(status=CommentStatus.HELD)
    elif name == "reported":
        comments = comments.filter(review__reported_at__isnull=False).exclude(
            status__in=[CommentStatus.REJECTED, CommentStatus.DELETED]
        )
    elif name == "appeals":
        comments = comments.filter(appeal__status=AppealStatus.OPEN)
    elif name == "rejected":
        return comments.filter(status=CommentStatus.REJECTED).order_by("-status_changed_at")
    else:
        raise ValueError(f"Unknown queue {name!r}")
    return comments.annotate(
        weight=Coalesce(F("review__report_weight"), Value(0.0), output_field=FloatField()),
        trust=Coalesce(
            F("author__moderation_trust__approved_count")
            - 3 * F("author__moderation_trust__rejected_count"),
            Value(0),
        ),
    ).order_by("-weight", "trust", "created_at", "pk")


def build_rows(comments: list[Comment]) -> list[QueueRow]:
    """Attach reports, appeals and author histories to a page of comments (four queries)."""
    ids = [c.pk for c in comments]
    author_ids = {c.author_id for c in comments if c.author_id}
    reports: dict[int, list[Report]] = defaultdict(list)
    for report in Report.objects.filter(comment_id__in=ids).select_related("reporter"):
        reports[report.comment_id].append(report)
    appeals = {a.comment_id: a for a in Appeal.objects.filter(comment_id__in=ids)}
    histories = author_histories(author_ids)
    rows = []
    for comment in comments:
        screening = comment.screening or {}
        results = screening.get("results", [])
        rows.append(
            QueueRow(
                comment=comment,
                history=histories.get(comment.author_id or 0, AuthorHistory()),
                reports=reports[comment.pk],
                appeal=appeals.get(comment.pk),
                matched=[t for r in results for t in r.get("detail", {}).get("matched", [])],
                scores={r["check"]: r["score"] for r in results if "check" in r},
                failing=[r for r in results if r.get("verdict") != "approve"],
            )
        )
    return rows


def author_histories(author_ids: set[int]) -> dict[int, AuthorHistory]:
    """Return approved and rejected counts, trust and sanctions in force, per author."""
    histories = {pk: AuthorHistory() for pk in author_ids}
    for trust in ReaderTrust.objects.filter(reader_id__in=author_ids):
        history = histories[trust.reader_id]
        history.approved, history.rejected = trust.approved_count, trust.rejected_count
        history.score = trust.score
    for sanction in Sanction.objects.in_force().filter(reader_id__in=author_ids):
        histories[sanction.reader_id].sanctions.append(sanction)
    return histories


def queue_counts() -> dict[str, int]:
    """Return the number of comments waiting in each working queue."""
    return {
        "pending": Comment.objects.filter(status=CommentStatus.HELD).count(),
        "reported": queue_comments("reported").count(),
        "appeals": Appeal.objects.filter(status=AppealStatus.OPEN).count(),
    }


def recent_events() -> QuerySet[ModerationEvent]:
    """Return the audit log, newest first."""
    return ModerationEvent.objects.select_related("comment", "comment__article").order_by(
        "-created_at", "-pk"
    )


@dataclass
class Dashboard:
    """Daily counts per decision, rule and moderator, and the median time to a decision."""

    days: list[dt.date]
    by_decision: dict[str, Counter[dt.date]]
    by_rule: dict[str, Counter[dt.date]]
    by_moderator: dict[str, Counter[dt.date]]
    median_minutes: float | None
    decisions_timed: int


def dashboard(days: int = 7) -> Dashboard:
    """Return the dashboard figures of the last ``days`` days (three queries)."""
    today = timezone.localdate()
    shown = [today - dt.timedelta(days=n) for n in range(days - 1, -1, -1)]
    # From midnight of the first day shown: ``days`` times 24 hours back would reach
    # into one more day, counted in the median but in no row.
    since = timezone.make_aware(dt.datetime.combine(shown[0], dt.time.min))
    # Deletions are readers' own (their comment, their account), never a decision.
    events = (
        ModerationEvent.objects.filter(created_at__gte=since)
        .exclude(from_status=F("to_status"))
        .exclude(to_status=CommentStatus.DELETED)
    )
    rows = events.annotate(day=TruncDate("created_at")).values_list(
        "day", "to_status", "rule", "actor_name"
    )
    by_decision: dict[str, Counter[dt.date]] = defaultdict(Counter)
    by_rule: dict[str, Counter[dt.date]] = defaultdict(Counter)
    by_moderator: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for day, to_status, rule, actor in rows:
        by_decision[to_status][day] += 1
        if rule:
            by_rule[rule][day] += 1
        by_moderator[actor][day] += 1
    # Time to a decision: from a comment's first status (posting) to the first
    # moderator's decision on it, for comments a moderator decided in the window.
    decisions = [CommentStatus.APPROVED, CommentStatus.REJECTED]
    decided = events.filter(actor__isnull=False, to_status__in=decisions).values_list(
        "comment_id", flat=True
    )
    pairs = list(Comment.objects.filter(pk__in=decided).values_list("pk", "created_at"))
    first_decisions: dict[int, dt.datetime] = {}
    # A hold or an upheld appeal is not a decision: the wait runs on past it.
    moderator_events = (
        ModerationEvent.objects.filter(
            comment_id__in=[pk for pk, _ in pairs], actor__isnull=False, to_status__in=decisions
        )
        .exclude(from_status=F("to_status"))
        .order_by("created_at")
    )
    for comment_id, created in moderator_events.values_list("comment_id", "created_at"):
        first_decisions.setdefault(comment_id, created)
    waits = [
        (first_decisions[pk] - created).total_seconds() / 60
        for pk, created in pairs
        if pk in first_decisions
    ]
    return Dashboard(
        days=shown,
        by_decision=dict(by_decision),
        by_rule=dict(by_rule),
        by_moderator=dict(by_moderator),
        median_minutes=round(statistics.median(waits), 1) if waits else None,
        decisions_timed=len(waits),
    )
