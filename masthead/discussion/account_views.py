"""A reader's account page: display name, reply emails, data download, deletion."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from masthead.core.page_cache import mark_private
from masthead.discussion import actions, conf
from masthead.discussion.account_data import export_reader_data
from masthead.discussion.actions import DiscussionError
from masthead.discussion.notifications import read_unsubscribe_token
from masthead.discussion.views import rate_limited, too_many

# Tries at the password a minute, as allauth allows a signed-in reader changing it
# ("change_password": 5/m/user): a borrowed session must not guess it without end.
DELETION_TRY_RATE = "5/m"
# Unsubscribing (by signed link) and resubscribing count together, per reader.
REPLY_EMAILS_GROUP = "discussion-reply-emails"


@login_required
def account(request: HttpRequest) -> HttpResponseBase:
    """Show and save the reader's display name and reply email choice."""
    profile = actions.ensure_profile(request.user)
    if request.method == "POST":
        # At the posting rate: a new name refreshes every thread the reader wrote in.
        if rate_limited(request, "discussion-rename", conf.rate_per_account()):
            return too_many(request)
        try:
            actions.set_display_name(
                request.user,
                str(request.POST.get("display_name", ""))[:200],
                notify_replies=request.POST.get("notify_replies") == "on",
            )
        except DiscussionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Your settings are saved.")
        return HttpResponseRedirect(reverse("discussion:account"))
    return mark_private(render(request, "discussion/account.html", {"profile": profile}))


@login_required
@require_GET
def download_data(request: HttpRequest) -> HttpResponseBase:
    """Send the reader everything we hold about them, as a JSON file."""
    data = json.dumps(export_reader_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-discussion-data.json"'
    return mark_private(response)


@login_required
def delete_account(request: HttpRequest) -> HttpResponseBase:
    """Delete the reader's account after they confirm with their password."""
    if request.method == "POST":
        if rate_limited(request, "discussion-delete-account", DELETION_TRY_RATE):
            messages.error(
                request, "Too many tries. Please wait a minute; your account is unchanged."
            )
            return HttpResponseRedirect(reverse("discussion:delete_account"))
        password = str(request.POST.get("password", ""))[:1000]
        if not request.user.check_password(password):
            messages.error(request, "That password is not right; your account is unchanged.")
            return HttpResponseRedirect(reverse("discussion:delete_account"))
        # Signed out once the account is gone: a deletion that fails leaves both.
        actions.delete_account(request.user)
        logout(request)
        return mark_private(render(request, "discussion/account_deleted.html"))
    return mark_private(render(request, "discussion/delete_account.html"))


@csrf_exempt  # Mail clients POST here without a session (RFC 8058); the token is signed.
def unsubscribe(request: HttpRequest, token: str) -> HttpResponseBase:
    """Turn off reply emails for the reader a signed link belongs to, on a POST.

    A GET only shows the button that posts: mail scanners and link previews open
    the links in a message by themselves (RFC 8058, section 1), and a GET that
    unsubscribed turned readers' emails off without their asking.
    """
    user_id = read_unsubscribe_token(token)
    if user_id is None:
        response = render(request, "discussion/unsubscribe.html", {"valid": False}, status=400)
        return mark_private(response)
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405)
    done = request.method == "POST"
    # Counted for the reader the link names, whoever posts it, and per address.
    if done and rate_limited(
        request, REPLY_EMAILS_GROUP, conf.rate_per_account(), reader_id=user_id
    ):
        return too_many(request)
    if done:
        actions.set_reply_notifications(user_id, enabled=False)
    context = {"valid": True, "done": done, "action": request.path}
    return mark_private(render(request, "discussion/unsubscribe.html", context))


@require_POST
@login_required
def resubscribe(request: HttpRequest) -> HttpResponseBase:
    """Turn reply emails back on for the signed-in reader."""
    if rate_limited(request, REPLY_EMAILS_GROUP, conf.rate_per_account()):
        return too_many(request)
    actions.set_reply_notifications(int(request.user.pk or 0), enabled=True)
    messages.success(request, "Reply emails are on again.")
    return HttpResponseRedirect(reverse("discussion:account"))
