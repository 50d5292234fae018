"""What a reader alone sees of moderation: their held or rejected comments, why, and what next.

Others never see a held or rejected comment; its author sees it in place with
the reason, the rule it cites (numbered and titled as on the Community
standards page) and, for a rejection, the link to appeal it once. The rule
list readers choose from when they report a comment comes from here too.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from masthead.discussion.models import Comment, CommentStatus
from masthead.discussion.moderation.models import Disagreement, Report
from masthead.discussion.moderation.reader_state import author_view
from masthead.discussion.moderation.standards import rules_by_code, standards_url
from masthead.discussion.permissions import within_edit_window

HIDDEN_STATUSES = (CommentStatus.HELD, CommentStatus.REJECTED)
MAX_HIDDEN = 50
MAX_OWN_VISIBLE = 20


def hidden_comments(user: Any, article_id: int) -> list[Comment]:
    """Return the reader's comments on an article that others do not see, newest first."""
    return list(
        Comment.objects.for_article(article_id)
        .filter(author=user, status__in=HIDDEN_STATUSES)
        .select_related("appeal")
        .order_by("-created_at")[:MAX_HIDDEN]
    )


def hidden_state(comment: Comment) -> dict[str, Any]:
    """Return a held or rejected comment as its author sees it (JSON-ready).

    Moderation decides what the author learns (:func:`author_view`): the rule,
    the reason and whether they may still appeal. Only call it for the author.
    """
    view = author_view(comment)
    return {
        "id": comment.pk,
        "status": comment.status,
        "status_label": comment.get_status_display(),
        "visible": False,
        "rule": view["rule"],
        "rule_title": view["rule_title"],
        "reason": view["reason"],
        "html": comment.body_html,
        "parent": comment.parent_id,
        "appealed": view["appeal_status"] is not None,
        "appeal_status": view["appeal_status"],
        "appeal_url": view["appeal_url"],
        "standing_url": reverse("moderation:me"),
    }


def hidden_states(user: Any, article_id: int) -> list[dict[str, Any]]:
    """Return every hidden comment of the reader on an article, as they see it."""
    return [hidden_state(c) for c in hidden_comments(user, article_id)]


def visible_own(user: Any, article_id: int) -> list[dict[str, Any]]:
    """Return the reader's shown comments on an article, newest first, for the page without JS.

    The shared thread is the same for every reader, so it cannot carry Edit
    links; the script adds them, and this list gives them to readers without
    it. ``editable`` only says the edit window is open: saving an edit goes
    through every check of ``permissions.check_can_edit``.
    """
    comments = (
        Comment.objects.for_article(article_id)
        .filter(author=user)
        .visible()
        .order_by("-created_at")[:MAX_OWN_VISIBLE]
    )
    return [
        {
            "id": comment.pk,
            "html": comment.body_html,
            "editable": within_edit_window(comment),
        }
        for comment in comments
    ]


def report_rules() -> list[dict[str, str]]:
    """Return the rules a reader may cite in a report, in the standards' order."""
    ordered = sorted(rules_by_code().items(), key=lambda item: item[1][0])
    return [{"code": code, "label": f"{number}. {rule.title}"} for code, (number, rule) in ordered]


def community_standards_url() -> str:
    """Return the URL of the Community standards page, or "" on a site without one."""
    return standards_url()


def reported_ids(user: Any, article_id: int) -> list[int]:
    """Return the comments of an article the reader has reported."""
    return list(
        Report.objects.filter(reporter=user, comment__article_id=article_id).values_list(
            "comment_id", flat=True
        )
    )


def disagreed_ids(user: Any, article_id: int) -> list[int]:
    """Return the comments of an article the reader said they disagree with."""
    return list(
        Disagreement.objects.filter(reader=user, comment__article_id=article_id).values_list(
            "comment_id", flat=True
        )
    )
