"""Admin views of moderation: the queues, decisions, bulk actions with undo, readers, dashboard.

Views are thin: parse, check through ``actions.check_can_moderate``, call an
action, render or redirect. A request with ``Accept: application/json`` (the
queue's keyboard script) gets JSON instead of a redirect.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from masthead.core.numbers import parse_number
from masthead.discussion.models import Comment
from masthead.discussion.moderation import actions, queues
from masthead.discussion.moderation.models import Appeal, ModerationEvent, Sanction, SanctionKind
from masthead.discussion.moderation.standards import rules_by_code

MAX_NUMBER = 9_999_999_999  # Ten digits: past any real comment id.
DECISION_STATUS = {"approve": "approved", "reject": "rejected", "hold": "held"}


def access_moderator(request: HttpRequest) -> Any:
    """Return the user if they may moderate, else raise PermissionDenied."""
    if not actions.can_moderate(request.user):
        raise PermissionDenied
    return request.user


def wants_json(request: HttpRequest) -> bool:
    """Return whether the client asked for JSON."""
    return "application/json" in request.headers.get("Accept", "")


def safe_next(request: HttpRequest, default: str) -> str:
    """Return the ``next`` path when it stays inside the admin, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    try:
        parts = urlsplit(target)
    except ValueError:  # An unclosed "[" reads as a broken IPv6 host.
        return default
    if parts.scheme or parts.netloc or not target.startswith("/admin/"):
        return default
    return target


def fail(request: HttpRequest, error: actions.ModerationError, back: str) -> HttpResponseBase:
    """Answer a refused action: JSON with its status, or a message and a redirect."""
    if wants_json(request):
        return JsonResponse({"error": error.message, "code": error.code}, status=error.status)
    messages.error(request, error.message)
    return redirect(back)


def navigation(current: str) -> dict[str, Any]:
    """Return the context of the queue navigation: each queue with its waiting count."""
    counts = queues.queue_counts()
    return {
        "queue_name": current,
        "nav": [(name, label, counts.get(name)) for name, label in queues.QUEUES.items()],
    }


def rule_choices() -> list[tuple[str, str]]:
    """Return (code, "3. Title") pairs of the standards, in order."""
    return [(code, f"{n}. {rule.title}") for code, (n, rule) in rules_by_code().items()]


def parse_comment_ids(values: list[str]) -> list[int]:
    """Return the valid comment ids of a form (at most 200), ignoring junk."""
    ids = [parse_number(value, MAX_NUMBER) for value in values]
    return [number for number in ids if number is not None][:200]


@require_GET
def queue(request: HttpRequest, name: str = "pending") -> HttpResponse:
    """Show one queue, highest priority first, each comment in context."""
    access_moderator(request)
    if name == "recent":
        return recent(request)
    if name not in queues.QUEUES:
        raise Http404
    paginator = Paginator(queues.queue_comments(name), queues.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        **navigation(name),
        "page_obj": page,
        "rows": queues.build_rows(list(page.object_list)),
        "rules": rule_choices(),
        "undo_batch": request.session.pop("moderation_undo", None),
    }
    return render(request, "moderation/admin/queue.html", context)


def recent(request: HttpRequest) -> HttpResponse:
    """Show the audit log: every status change, newest first."""
    paginator = Paginator(queues.recent_events(), 50)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        **navigation("recent"),
        "page_obj": page,
        "events": page.object_list,
    }
    return render(request, "moderation/admin/recent.html", context)


@require_POST
def decide(request: HttpRequest, comment_id: int) -> HttpResponseBase:
    """Approve, reject or hold one comment."""
    moderator = access_moderator(request)
    back = safe_next(request, reverse("moderation_admin:queue", args=["pending"]))
    comment = get_object_or_404(Comment, pk=comment_id)
    status = DECISION_STATUS.get(request.POST.get("decision", ""))
    if status is None:
        return fail(request, actions.ModerationError("Choose approve, reject or hold."), back)
    try:
        changed = actions.moderate_comment(
            comment,
            status,
            moderator=moderator,
            rule=request.POST.get("rule", ""),
            note=request.POST.get("note", ""),
        )
    except actions.ModerationError as error:
        return fail(request, error, back)
    if wants_json(request):
        return JsonResponse({"id": changed.pk, "status": changed.status})
    messages.success(request, f"Comment {changed.pk}: {changed.get_status_display()}.")
    return redirect(back)


@require_POST
def bulk(request: HttpRequest) -> HttpResponseBase:
    """Apply one decision to the selected comments; offer to undo it."""
    moderator = access_moderator(request)
    back = safe_next(request, reverse("moderation_admin:queue", args=["pending"]))
    ids = parse_comment_ids(request.POST.getlist("comment"))
    status = DECISION_STATUS.get(request.POST.get("decision", ""))
    if not ids or status is None:
        return fail(request, actions.ModerationError("Select comments and a decision."), back)
    try:
        batch = actions.bulk_moderate(
            ids, status, moderator=moderator, rule=request.POST.get("rule", "")
        )
    except actions.ModerationError as error:
        return fail(request, error, back)
    count = ModerationEvent.objects.filter(batch=batch).count()
    if wants_json(request):
        return JsonResponse({"batch": str(batch), "count": count})
    request.session["moderation_undo"] = str(batch)
    messages.success(request, f"{count} comments {status}.")
    return redirect(back)


@require_POST
def undo(request: HttpRequest, batch: uuid.UUID) -> HttpResponseBase:
    """Undo a recent bulk action."""
    moderator = access_moderator(request)
    back = safe_next(request, reverse("moderation_admin:queue", args=["pending"]))
    try:
        count = actions.undo_batch(batch, moderator=moderator)
    except actions.ModerationError as error:
        return fail(request, error, back)
    if wants_json(request):
        return JsonResponse({"undone": count})
    messages.success(request, f"Undone: {count} comments are back where they were.")
    return redirect(back)


@require_POST
def decide_appeal(request: HttpRequest, appeal_id: int) -> HttpResponseBase:
    """Uphold or overturn a rejection on appeal."""
    moderator = access_moderator(request)
    back = safe_next(request, reverse("moderation_admin:queue", args=["appeals"]))
    appeal = get_object_or_404(Appeal, pk=appeal_id)
    outcome = request.POST.get("outcome")
    if outcome not in ("uphold", "overturn"):
        return fail(request, actions.ModerationError("Choose uphold or overturn."), back)
    try:
        actions.decide_appeal(
            appeal,
            moderator=moderator,
            overturn=outcome == "overturn",
            note=request.POST.get("note", ""),
        )
    except actions.ModerationError as error:
        return fail(request, error, back)
    if wants_json(request):
        return JsonResponse({"id": appeal.pk, "outcome": outcome})
    messages.success(request, f"Appeal {'upheld' if outcome == 'uphold' else 'granted'}.")
    return redirect(back)


@require_http_methods(["GET", "POST"])
def reader(request: HttpRequest, user_id: int) -> HttpResponseBase:
    """Show a reader's history and sanctions; POST adds a sanction."""
    moderator = access_moderator(request)
    person = get_object_or_404(get_user_model(), pk=user_id)
    here = reverse("moderation_admin:reader", args=[user_id])
    if request.method == "POST":
        raw_days = request.POST.get("days", "").strip()
        days = parse_number(raw_days, 99_999) if raw_days else None
        if raw_days and days is None:
            return fail(request, actions.ModerationError("Days must be a whole number."), here)
        try:
            actions.sanction_reader(
                person,
                request.POST.get("kind", ""),
                moderator=moderator,
                rule=request.POST.get("rule", ""),
                reason=request.POST.get("reason", ""),
                days=days,
                reject_existing=request.POST.get("reject_existing") == "on",
            )
        except actions.ModerationError as error:
            return fail(request, error, here)
        messages.success(request, "Sanction recorded; the reader sees it with its reason.")
        return redirect(here)
    comments = Comment.objects.filter(author=person).select_related("article")
    context = {
        "person": person,
        "history": queues.author_histories({person.pk}).get(person.pk),
        "sanctions": Sanction.objects.filter(reader=person).select_related(
            "created_by", "revoked_by"
        ),
        "comments": comments.order_by("-created_at")[:50],
        "rules": rule_choices(),
        "kinds": SanctionKind.choices,
    }
    return render(request, "moderation/admin/reader.html", context)


@require_POST
def revoke(request: HttpRequest, sanction_id: int) -> HttpResponseBase:
    """End a sanction now."""
    moderator = access_moderator(request)
    sanction = get_object_or_404(Sanction, pk=sanction_id)
    actions.revoke_sanction(sanction, moderator=moderator)
    messages.success(request, "Sanction ended.")
    return redirect("moderation_admin:reader", sanction.reader_id)


def dashboard_row(key: str, per_day: Any, days: list[Any]) -> tuple[str, list[int], int]:
    """Return one dashboard row: its key, the count of each day, and the total."""
    counts = [per_day[day] for day in days]
    return key, counts, sum(counts)


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Show daily counts per decision, rule and moderator, and the median time to decide."""
    access_moderator(request)
    figures = queues.dashboard()
    tables = [
        ("Decisions", figures.by_decision),
        ("Rules cited", figures.by_rule),
        ("Moderators (and the system)", figures.by_moderator),
    ]
    context = {
        **navigation("dashboard"),
        "figures": figures,
        "tables": [
            (title, [dashboard_row(key, per_day, figures.days) for key, per_day in table.items()])
            for title, table in tables
        ],
    }
    return render(request, "moderation/admin/dashboard.html", context)
