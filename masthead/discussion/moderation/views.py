"""Reader-facing moderation endpoints: report, "I disagree", appeal, and "my standing".

All private (never cached), CSRF-protected on writes and rate-limited. Each
works as a plain form page without JavaScript; a request with ``Accept:
application/json`` gets JSON.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from masthead.core.page_cache import mark_private
from masthead.discussion.models import VISIBLE_STATUSES, Comment, CommentStatus
from masthead.discussion.moderation import actions, conf
from masthead.discussion.moderation.models import Appeal, Sanction
from masthead.discussion.moderation.reader_state import author_view
from masthead.discussion.moderation.screening import sanction_end, standing
from masthead.discussion.moderation.standards import (
    RULES_CACHE_SECONDS,
    describe_rule,
    rules_by_code,
    standards_url,
)
from masthead.discussion.views import access_article, over_limits

RATE_LIMITED = "You are doing that too often. Please wait a minute and try again."


def wants_json(request: HttpRequest) -> bool:
    """Return whether the page script (not a plain form) made the request."""
    return "application/json" in request.headers.get("Accept", "")


def private(response: HttpResponseBase) -> HttpResponseBase:
    """Mark a response as per-reader: never stored by the page cache or a CDN."""
    return mark_private(response)


def refuse(request: HttpRequest, message: str, code: str, status: int) -> HttpResponseBase:
    """Answer a refused request as JSON, or as the form page with the message."""
    if wants_json(request):
        return private(JsonResponse({"error": message, "code": code}, status=status))
    return private(render(request, "moderation/refused.html", {"message": message}, status=status))


def signed_in(request: HttpRequest) -> HttpResponseBase | None:
    """Return a refusal (or a sign-in redirect) for anonymous readers, else None."""
    if request.user.is_authenticated:
        return None
    if wants_json(request) or request.method == "POST":
        return refuse(request, "Sign in first.", "auth", 403)
    return private(redirect_to_login(request.get_full_path()))


def throttled(request: HttpRequest, group: str, rate: str) -> bool:
    """Count one write against the reader's and the address's limits; return whether
    either is over."""
    if not conf.ratelimit_enabled():
        return False
    return over_limits(request, group, rate)


def access_comment(request: HttpRequest, comment_id: int, *, visible: bool) -> Comment:
    """Return the comment; when ``visible``, only if shown on an article the request may read."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or (visible and comment.status not in VISIBLE_STATUSES):
        raise Http404
    if visible:
        # A withdrawn or restricted article's comments are hidden with it.
        access_article(request, comment.article_id)
    return comment


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, comment_id: int) -> HttpResponseBase:
    """Show the report form (the rules to choose from) or record a report."""
    if (refusal := signed_in(request)) is not None:
        return refusal
    comment = access_comment(request, comment_id, visible=True)
    context: dict[str, Any] = {"comment": comment, "rules": rules_by_code().values()}
    if request.method == "GET":
        return private(render(request, "moderation/report.html", context))
    if throttled(request, "moderation-report", conf.report_rate()):
        return refuse(request, RATE_LIMITED, "rate_limited", 429)
    try:
        actions.report_comment(
            comment,
            reporter=request.user,
            rule=request.POST.get("rule", "")[:40],
            note=request.POST.get("note", "")[:500],
        )
    except actions.ModerationError as error:
        return refuse(request, error.message, error.code, error.status)
    if wants_json(request):
        return private(JsonResponse({"reported": True}))
    return private(render(request, "moderation/thanks.html", {**context, "what": "report"}))


@require_POST
def disagree(request: HttpRequest, comment_id: int) -> HttpResponseBase:
    """Record "I disagree": a reader's reaction, which is never a report."""
    if (refusal := signed_in(request)) is not None:
        return refusal
    comment = access_comment(request, comment_id, visible=True)
    if throttled(request, "moderation-disagree", conf.disagree_rate()):
        return refuse(request, RATE_LIMITED, "rate_limited", 429)
    try:
        created = actions.disagree_with(comment, reader=request.user)
    except actions.ModerationError as error:
        return refuse(request, error.message, error.code, error.status)
    count = comment.disagreements.count()
    if wants_json(request):
        return private(JsonResponse({"disagreed": True, "new": created, "count": count}))
    messages.info(request, "Noted: you disagree. Reply to say why.")
    return private(redirect(comment.article.url or "/"))


@require_http_methods(["GET", "POST"])
def appeal(request: HttpRequest, comment_id: int) -> HttpResponseBase:
    """Show the appeal form for the reader's rejected comment, or record the appeal."""
    if (refusal := signed_in(request)) is not None:
        return refusal
    comment = access_comment(request, comment_id, visible=False)
    if comment.author_id != request.user.pk:
        raise Http404  # others do not learn that a rejected comment exists
    existing = Appeal.objects.filter(comment=comment).first()
    context = {"comment": comment, "appeal": existing, "state": author_view(comment)}
    if request.method == "GET":
        return private(render(request, "moderation/appeal.html", context))
    if throttled(request, "moderation-appeal", conf.appeal_rate()):
        return refuse(request, RATE_LIMITED, "rate_limited", 429)
    try:
        actions.appeal_rejection(
            comment, appellant=request.user, reason=request.POST.get("reason", "")[:2001]
        )
    except actions.ModerationError as error:
        return refuse(request, error.message, error.code, error.status)
    if wants_json(request):
        return private(JsonResponse({"appealed": True}))
    return private(render(request, "moderation/thanks.html", {**context, "what": "appeal"}))


def standing_data(user: Any) -> dict[str, Any]:
    """Return what a reader may know of their own standing and held or rejected comments."""
    now_standing = standing(user.pk)
    sanctions = Sanction.objects.in_force().filter(reader=user)
    comments = (
        Comment.objects.filter(author=user, status__in=[CommentStatus.HELD, CommentStatus.REJECTED])
        .select_related("article", "appeal")
        .order_by("-created_at")[:50]
    )
    return {
        "may_post": now_standing.may_post,
        "reason": now_standing.reason,
        "sanctions": [
            {
                "kind": s.kind,
                "label": s.get_kind_display(),
                "rule": s.rule,
                "rule_title": describe_rule(s.rule),
                "reason": s.reason,
                "ends_at": s.ends_at.isoformat() if s.ends_at else None,
                "ends": sanction_end(s.ends_at) if s.ends_at else "",
            }
            for s in sanctions
        ],
        "comments": [comment_state(c) for c in comments],
    }


def comment_state(comment: Comment) -> dict[str, Any]:
    """Return a held or rejected comment as its author sees it: status, reason, rule."""
    state = author_view(comment)
    return {
        "id": comment.pk,
        "article": comment.article.title,
        "url": comment.article.url,
        "status": state["status"],
        "excerpt": comment.body[:200],
        "rule": state["rule"],
        "rule_title": state["rule_title"],
        "reason": state["reason"],
        "appeal": state["appeal_status"],
        "can_appeal": state["can_appeal"],
    }


@require_http_methods(["GET"])
def me(request: HttpRequest) -> HttpResponseBase:
    """Show the reader their standing, sanctions and held or rejected comments, with reasons."""
    if (refusal := signed_in(request)) is not None:
        return refusal
    data = standing_data(request.user)
    if wants_json(request) or request.path.endswith(".json"):
        return private(JsonResponse(data))
    return private(render(request, "moderation/me.html", data))


@require_http_methods(["GET"])
def rules_json(request: HttpRequest) -> HttpResponseBase:
    """Return the rules readers may cite in a report, and the standards page's URL (public)."""
    rules = [
        {"code": code, "number": number, "title": rule.title}
        for code, (number, rule) in rules_by_code().items()
    ]
    response = JsonResponse({"standards_url": standards_url(), "rules": rules})
    # The same for everyone and as fresh as the cached rules (five minutes), in
    # browsers and in shared caches (the page cache's default is longer).
    patch_cache_control(
        response, public=True, max_age=RULES_CACHE_SECONDS, s_maxage=RULES_CACHE_SECONDS
    )
    return response
