"""Admin view: an article's discussion mode and its editors' picks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from masthead.core.numbers import parse_number
from masthead.discussion import actions, permissions
from masthead.discussion.models import ArticleDiscussion, Comment, DiscussionMode
from masthead.discussion.threads import with_authors

RECENT_SHOWN = 100
MAX_NUMBER = 9_999_999_999  # Ten digits: ids and days past any real one (actions check days).


def access_editable_page(request: HttpRequest, page_id: int) -> Page:
    """Return the page if the editor may edit it, else raise PermissionDenied."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


@require_http_methods(["GET", "POST"])
def article_discussion(request: HttpRequest, page_id: int) -> HttpResponse:
    """Show and change an article's discussion mode; pick and unpick comments."""
    page = access_editable_page(request, page_id)
    if request.method == "POST":
        _apply(request, page)
        return redirect("discussion_article_admin", page.pk)
    state = ArticleDiscussion.for_article(page.pk)
    comments = with_authors(Comment.objects.for_article(page.pk).visible()).order_by(
        "-is_editors_pick", "-created_at"
    )[:RECENT_SHOWN]
    context = {
        "page": page,
        "state": state or ArticleDiscussion(article_id=page.pk),
        "modes": DiscussionMode.choices,
        "openness": permissions.openness(page),
        "comments": comments,
    }
    return render(request, "discussion/admin/article.html", context)


def _apply(request: HttpRequest, page: Page) -> None:
    if "mode" in request.POST:
        mode = str(request.POST.get("mode", ""))
        raw_days = str(request.POST.get("close_after_days", "")).strip()
        days = parse_number(raw_days, MAX_NUMBER) if raw_days else None
        if mode not in DiscussionMode.values or (raw_days and days is None):
            messages.error(request, "Choose a mode and a whole number of days.")
            return
        try:
            actions.set_article_mode(page, mode=mode, close_after_days=days)
        except actions.DiscussionError as error:
            messages.error(request, error.message)
            return
        messages.success(request, "Discussion settings saved.")
        return
    raw_id = str(request.POST.get("comment", ""))
    comment = Comment.objects.filter(
        pk=parse_number(raw_id, MAX_NUMBER) or 0, article_id=page.pk
    ).first()
    if comment is None:
        messages.error(request, "That comment is not on this article.")
        return
    try:
        actions.set_editors_pick(
            comment, picked=request.POST.get("pick") == "1", actor=request.user
        )
    except actions.DiscussionError as error:
        messages.error(request, error.message)
