"""What the author of a held or rejected comment is told: status, rule, reason, appeal.

The discussion app calls :func:`author_view` for a reader's own comments (never
for others': it reveals why a comment was held), so the moderation app alone
decides what an author learns and whether they may appeal.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from masthead.discussion.models import Comment, CommentStatus
from masthead.discussion.moderation.standards import describe_rule, standards_url

# Notes the discussion app writes when screening, not a moderator, set the status.
SCREENING_NOTES = frozenset({"screening", "re-screened after edit"})


def appeal_of(comment: Comment) -> Any:
    """Return the comment's appeal, or None (uses a prefetched ``appeal`` when present)."""
    from masthead.discussion.moderation.models import Appeal

    try:
        return comment.appeal  # type: ignore[attr-defined]
    except Appeal.DoesNotExist:
        return None


def can_appeal(comment: Comment) -> bool:
    """Return whether the author may still appeal: rejected and not appealed yet."""
    return comment.status == CommentStatus.REJECTED and appeal_of(comment) is None


def reason_for(comment: Comment) -> str:
    """Return the sentence telling the author why their comment is held or rejected."""
    if comment.status_note in SCREENING_NOTES:
        return str((comment.screening or {}).get("reason", ""))
    if comment.status_note:
        return comment.status_note
    if comment.status == CommentStatus.HELD:
        return "A moderator will review your comment."
    return ""


def author_view(comment: Comment) -> dict[str, Any]:
    """Return a comment's moderation state as its author may see it (JSON-ready)."""
    appeal = appeal_of(comment)
    rule = comment.status_rule or (
        comment.screening_rule if comment.status_note in SCREENING_NOTES else ""
    )
    appealable = can_appeal(comment)
    return {
        "status": comment.status,
        "rule": rule,
        "rule_title": describe_rule(rule) if rule else "",
        "reason": reason_for(comment),
        "can_appeal": appealable,
        "appeal_status": appeal.get_status_display() if appeal is not None else None,
        "appeal_url": reverse("moderation:appeal", args=[comment.pk]) if appealable else "",
        "standards_url": standards_url(),
    }
