"""A reader's own data, as they download it."""

from __future__ import annotations

from typing import Any

from masthead.discussion.models import Comment, Reaction, ReaderProfile


def export_reader_data(user: Any) -> dict[str, Any]:
    """Return everything the discussion app holds about a reader, as JSON-ready data."""
    profile = ReaderProfile.objects.filter(user=user).first()
    emails = []
    if hasattr(user, "emailaddress_set"):
        emails = [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in user.emailaddress_set.all()
        ]
    return {
        "account": {
            "email": user.email,
            "emails": emails,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": {
            "display_name": profile.display_name if profile else "",
            "notify_replies": profile.notify_replies if profile else False,
        },
        "comments": [
            {
                "id": c.pk,
                "article_id": c.article_id,
                "article_title": c.article.title,
                "parent_id": c.parent_id,
                "text": c.body,
                "status": c.status,
                "status_rule": c.status_rule,
                "created_at": c.created_at.isoformat(),
                "edited_at": c.edited_at.isoformat() if c.edited_at else None,
                "reactions_received": c.reaction_count,
            }
            for c in Comment.objects.filter(author=user).select_related("article").order_by("pk")
        ],
        "reactions": [
            {"comment_id": r.comment_id, "created_at": r.created_at.isoformat()}
            for r in Reaction.objects.filter(user=user).order_by("pk")
        ],
        **_moderation_data(user),
    }


def _moderation_data(user: Any) -> dict[str, Any]:
    """Return what moderation holds of the reader: reports, appeals, sanctions, trust and more."""
    from masthead.discussion.moderation.models import (
        Appeal,
        Disagreement,
        ReaderTrust,
        Report,
        Sanction,
    )

    trust = ReaderTrust.objects.filter(reader=user).first()
    return {
        "reports": [
            {"comment_id": r.comment_id, "rule": r.rule, "note": r.note,
             "created_at": r.created_at.isoformat()}
            for r in Report.objects.filter(reporter=user).order_by("pk")
        ],
        "disagreements": [
            {"comment_id": d.comment_id, "created_at": d.created_at.isoformat()}
            for d in Disagreement.objects.filter(reader=user).order_by("pk")
        ],
        "appeals": [
            {"comment_id": a.comment_id, "reason": a.reason, "status": a.status,
             "created_at": a.created_at.isoformat()}
            for a in Appeal.objects.filter(appellant=user).order_by("pk")
        ],
        # Every sanction, ended or revoked too; not the moderator who decided it.
        "sanctions": [
            {"kind": s.kind, "rule": s.rule, "reason": s.reason,
             "created_at": s.created_at.isoformat(),
             "ends_at": s.ends_at.isoformat() if s.ends_at else None,
             "revoked_at": s.revoked_at.isoformat() if s.revoked_at else None}
            for s in Sanction.objects.filter(reader=user).order_by("pk")
        ],
        # Screening weighs these counts of the reader's moderated comments.
        "trust": {
            "approved_comments": trust.approved_count if trust else 0,
            "rejected_comments": trust.rejected_count if trust else 0,
            "updated_at": trust.updated_at.isoformat() if trust else None,
        },
    }  # fmt: skip
