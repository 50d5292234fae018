"""Reader views of the discussion: thin wrappers over threads, live and actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

# The parser the limits themselves use, so that a derived rate reads as they do.
from django_ratelimit.core import _split_rate, is_ratelimited
from wagtail.models import Page

from masthead.core import fixed_sql
from masthead.core.numbers import parse_number
from masthead.core.page_cache import has_reader_state, mark_private, mark_public
from masthead.core.routes import path_with_id
from masthead.core.shared_lookups import view_restrictions_exist
from masthead.discussion import actions, conf, live, own_comments, permissions, threads
from masthead.discussion.actions import DiscussionError
from masthead.discussion.models import ArticleDiscussion, Comment, CommentStatus, Reaction
from masthead.discussion.moderation.standards import describe_rule
from masthead.newsroom.queries import has_expired, public_pages

RATE_LIMITED_MESSAGE = (
    "You are posting faster than we can read. Please wait a minute and try again."
)
MAX_COUNT_IDS = 100
MAX_ID = 9_999_999_999  # Ten digits: past any real id.
MAX_DRAFT_LENGTH = 20_000  # A refused text kept for the form: four times the limit.
TEXT_ERRORS = ("empty", "too_long")  # Refusals of the text itself (actions.check_text).


def load_article(article_id: int) -> Page:
    """Return a live article page (the few fields discussions read), or raise 404.

    Writes and feeds need only whether and since when the article is live;
    a whole Wagtail page costs twice as long to load (``.specific`` loads the
    rest when a view renders the article). A fixed statement: every post reads it.
    """
    if not fixed_sql.is_id(article_id):
        raise Http404("No such article.")
    page = fixed_sql.first(
        Page,
        "SELECT id, live, first_published_at, content_type_id, url_path, title, expire_at"
        " FROM {table} WHERE id = %s AND live = %s",
        [article_id, True],
    )
    if page is None or ContentType.objects.get_for_id(page.content_type_id).model != "articlepage":
        raise Http404("No such article.")
    if has_expired(page):  # Still live until the scheduler runs: gone for readers already.
        raise Http404("No such article.")
    return page


def access_article(request: HttpRequest, article_id: int) -> tuple[Page, bool]:
    """Return a live article the request may read and whether a view restriction
    covers it, or raise 404.

    Its comments are as private as its text: a restriction (password, sign-in,
    groups) the request has not passed hides the discussion as Wagtail hides the page.
    """
    article = load_article(article_id)
    if not view_restrictions_exist():  # No query on every post while none exist.
        return article, False
    restrictions = list(article.get_view_restrictions())
    if not all(restriction.accept_request(request) for restriction in restrictions):
        raise Http404("No such article.")
    return article, bool(restrictions)


def load_comment(comment_id: int) -> Comment:
    """Return a comment with its article, or raise 404."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        raise Http404("No such comment.")
    return comment


def wants_json(request: HttpRequest) -> bool:
    """Return whether the browser script (not a plain form) made the request."""
    return "application/json" in request.headers.get("Accept", "")


def error_response(request: HttpRequest, error: DiscussionError, back: str) -> HttpResponseBase:
    """Answer a refused write: JSON for the script, a message and redirect for forms."""
    if wants_json(request):
        return mark_private(
            JsonResponse({"error": error.message, "code": error.code}, status=error.status)
        )
    if error.status == 403 and error.code == "auth":
        return HttpResponseRedirect(f"{reverse('account_login')}?next={back}")
    messages.error(request, error.message)
    return HttpResponseRedirect(back)


def rate_limited(
    request: HttpRequest, group: str, account_rate: str, *, reader_id: int | None = None
) -> bool:
    """Count one write against the reader's and the address's limits.

    ``reader_id`` names the reader of a request without a session (a signed link);
    otherwise the signed-in reader counts, or the address for anonymous requests.
    """
    if not conf.ratelimit_enabled():
        return False
    return over_limits(request, group, account_rate, reader_id=reader_id)


def over_limits(
    request: HttpRequest, group: str, account_rate: str, *, reader_id: int | None = None
) -> bool:
    """Count one write per reader and per address; return whether either is over."""
    key: Any = "user_or_ip" if reader_id is None else (lambda _group, _request: str(reader_id))
    by_user = is_ratelimited(request, group=group, key=key, rate=account_rate, increment=True)
    by_ip = is_ratelimited(
        request, group=f"{group}-ip", key="ip", rate=address_rate(account_rate), increment=True
    )
    return bool(by_user or by_ip)


def address_rate(account_rate: str) -> str:
    """Return the per-address limit of a write limited at ``account_rate`` per account.

    An address stands for as many readers as the per-address posting rate
    allows posters (60/m against 10/m: six), for every write: a recommendation
    rate above the posting rate was otherwise out of reach from one address.
    """
    count, seconds = _split_rate(account_rate)
    ip_count, ip_seconds = _split_rate(conf.rate_per_ip())
    post_count, post_seconds = _split_rate(conf.rate_per_account())
    readers = (ip_count / ip_seconds) / (post_count / post_seconds)
    # Counted over the longer of the two windows, so that posting's own limit
    # is the per-address rate exactly (5/h stays 5/h, not 0 a minute).
    window = max(seconds, ip_seconds)
    return f"{max(1, round(count / seconds * readers * window))}/{window}s"


def too_many(request: HttpRequest) -> HttpResponseBase:
    """Answer a flood with 429 and a friendly message."""
    if wants_json(request):
        response: HttpResponseBase = JsonResponse(
            {"error": RATE_LIMITED_MESSAGE, "code": "rate_limited"}, status=429
        )
    else:
        response = render(request, "discussion/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return mark_private(response)


def thread_context(article_id: int, request: HttpRequest) -> dict[str, Any]:
    """Return the parameters of a thread page read from the query string."""
    tab = request.GET.get("tab", "all")
    return {
        "sort": threads.parse_sort(request.GET.get("sort")),
        "tab": tab if tab in threads.TABS else "all",
        "number": threads.parse_page(request.GET.get("page")),
        "after": parse_number(str(request.GET.get("after", "")), MAX_ID),
    }


def render_thread(article_id: int, sort: str, tab: str, number: int, after: int | None) -> str:
    """Return the HTML of one page of threads, from the shared cache when possible."""

    def render_now() -> tuple[str, bool]:
        page = threads.load_page(article_id, sort=sort, tab=tab, number=number, after=after)
        html = render_to_string(
            "discussion/thread.html",
            {"thread": page, "article_id": article_id, "sorts": threads.SORT_LABELS},
        )
        # Kept only for the pages a thread has (and its empty first page): any
        # number up to 10,000 and any "after" a request names stored a fragment
        # each, and a script walking through them pushed every page out of the
        # shared cache. "Show more" (after a thread) is rendered afresh.
        return html, after is None and (bool(page.nodes) or number == 1)

    variant = f"{tab}:{sort}:{number}:{after or ''}"
    return live.cached_fragment(article_id, variant, render_now)


@require_GET
def thread(request: HttpRequest, article_id: int) -> HttpResponseBase:
    """Return one page of threads as an HTML fragment (the same for every reader)."""
    _, restricted = access_article(request, article_id)
    params = thread_context(article_id, request)
    response = HttpResponse(render_thread(article_id, **params))
    if restricted:
        return mark_private(response)
    # Not stored by the page cache (its variants are many and change often):
    # the fragment itself is cached under a token every change replaces.
    patch_cache_control(response, no_cache=True)
    return response


@require_GET
def live_feed(request: HttpRequest, article_id: int) -> HttpResponseBase:
    """Return the article's live feed: public, stored and purged by the page cache."""
    article, restricted = access_article(request, article_id)
    feed, discussion = live.build_feed(article_id)
    state = permissions.openness(article, state=discussion)
    feed["open"] = state.is_open
    feed["closed_reason"] = state.reason
    feed["closes_at"] = state.closes_at.isoformat() if state.closes_at else None
    etag = live.feed_etag(feed)
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponseBase = HttpResponse(status=304)
    else:
        response = JsonResponse(feed)
    response["ETag"] = etag
    if restricted:
        return mark_private(response)
    mark_public(response)
    # Browsers revalidate every poll; the page cache (and a CDN) keep it for
    # the polling interval, or one second while changes come in, unless a
    # change purges it first (live.invalidate).
    patch_cache_control(
        response,
        max_age=0,
        s_maxage=live.shared_lifetime(discussion.updated_at if discussion else None),
    )
    return response


@require_GET
def discussion_page(request: HttpRequest, article_id: int) -> HttpResponseBase:
    """Show an article's discussion without JavaScript (and the form when signed in)."""
    article, restricted = access_article(request, article_id)
    params = thread_context(article_id, request)
    state = ArticleDiscussion.for_article(article_id)
    context: dict[str, Any] = {
        "article": article.specific,
        "thread_html": render_thread(article_id, **params),
        "openness": permissions.openness(article, state=state),
        "comment_count": state.comment_count if state else 0,
        "max_length": conf.max_length(),
        "standards_url": own_comments.community_standards_url(),
        **params,
    }
    if has_reader_state(request) and request.user.is_authenticated:
        context["own_comments"] = own_comments.hidden_states(request.user, article_id)
        context["own_visible"] = own_comments.visible_own(request.user, article_id)
        context["reply_to"] = _reply_target(request, article_id)
        # The text of a post that was sent back with a warning, shown once for editing.
        context["draft"] = request.session.pop("discussion_draft", "")
        context["confirm"] = bool(context["draft"]) and request.GET.get("confirm") == "1"
        response = render(request, "discussion/discussion_page.html", context)
        return mark_private(response)
    response = render(request, "discussion/discussion_page.html", context)
    if restricted:
        return mark_private(response)
    # Not "public": the page cache would keep it until a purge, and its query
    # strings are too many to purge. The thread inside is cached by token.
    patch_cache_control(response, max_age=10)
    # A reader who signs in must not be shown the anonymous copy from the browser cache.
    patch_vary_headers(response, ["Cookie"])
    return response


def _reply_target(request: HttpRequest, article_id: int) -> Comment | None:
    try:
        parent_id = int(request.GET.get("reply", ""))
    except ValueError:
        return None
    comment = Comment.objects.visible().filter(pk=parent_id, article_id=article_id).first()
    return comment


@require_GET
def reader_state(request: HttpRequest, article_id: int) -> HttpResponseBase:
    """Return the signed-in reader's own state on one article (private)."""
    article, _ = access_article(request, article_id)
    if not (has_reader_state(request) and request.user.is_authenticated):
        return mark_private(JsonResponse({"authenticated": False}))
    user = request.user
    profile = actions.ensure_profile(user)
    mine = Comment.objects.for_article(article_id).filter(author=user)
    editable = [
        {"id": c.pk, "until": permissions.edit_deadline(c).isoformat(), "body": c.body}
        for c in mine.filter(status__in=permissions.EDITABLE_STATUSES)
        if permissions.can_edit(user, c)
    ]
    standing_error = ""
    try:
        permissions.check_can_post(user, article)
    except DiscussionError as error:
        standing_error = error.message
    data = {
        "authenticated": True,
        "display_name": profile.display_name,
        "csrf_token": get_token(request),
        "can_post": not standing_error,
        "reason": standing_error,
        "own": list(mine.exclude(status=CommentStatus.DELETED).values_list("id", flat=True)),
        "editable": editable,
        "hidden": own_comments.hidden_states(user, article_id),
        "reacted": list(
            Reaction.objects.filter(user=user, comment__article_id=article_id).values_list(
                "comment_id", flat=True
            )
        ),
        "reported": own_comments.reported_ids(user, article_id),
        "disagreed": own_comments.disagreed_ids(user, article_id),
        "rules": own_comments.report_rules(),
        "standards_url": own_comments.community_standards_url(),
        "max_length": conf.max_length(),
    }
    return mark_private(JsonResponse(data))


@require_GET
def me(request: HttpRequest) -> HttpResponseBase:
    """Return who is signed in, for the site header (public when nobody is)."""
    if not has_reader_state(request) or not request.user.is_authenticated:
        response = JsonResponse({"authenticated": False})
        if not has_reader_state(request):
            return mark_public(response)
        return mark_private(response)
    profile = actions.ensure_profile(request.user)
    return mark_private(
        JsonResponse(
            {
                "authenticated": True,
                "display_name": profile.display_name,
                "account_url": reverse("discussion:account"),
                "is_staff": bool(request.user.is_staff),
            }
        )
    )


@require_GET
def counts(request: HttpRequest) -> HttpResponseBase:
    """Return visible comment counts of up to 100 public articles at once (for lists)."""
    raw = request.GET.get("ids", "")[:2000]
    ids: list[int] = []
    for part in raw.split(",")[:MAX_COUNT_IDS]:
        number = parse_number(part.strip(), MAX_ID)
        if number is not None:
            ids.append(number)
    # Only articles the public may read: a restricted or withdrawn one's count
    # is not the public's (lists never show them, so no teaser asks for it).
    shown = public_pages(Page.objects.live().filter(pk__in=ids)).values("pk")
    found = dict(
        ArticleDiscussion.objects.filter(article_id__in=shown).values_list(
            "article_id", "comment_count"
        )
    )
    response = JsonResponse({str(i): found.get(i, 0) for i in ids})
    patch_cache_control(response, max_age=30)
    return response


def _back(request: HttpRequest, article_id: int) -> str:
    return path_with_id("discussion:page", article_id)


def _text_of(request: HttpRequest) -> str:
    return str(request.POST.get("text", ""))


def _warning_payload(decision: Any) -> dict[str, Any]:
    rule_title = describe_rule(decision.rule) if decision.rule else ""
    reason = str(decision.reason or "")
    return {
        "warning": True,
        "rule": decision.rule,
        "rule_title": rule_title,
        "reason": reason,
        "standards_url": own_comments.community_standards_url(),
        "message": (
            "Before you post: "
            + (reason or "this may break our community standards.")
            + (f" Rule {rule_title}." if rule_title else "")
            + " You can edit your comment, or post it as it is and a moderator will review "
            "it before it appears."
        ),
    }


def _comment_payload(comment: Comment) -> dict[str, Any]:
    if not comment.is_visible:
        return own_comments.hidden_state(comment)
    return {
        "id": comment.pk,
        "status": comment.status,
        "status_label": comment.get_status_display(),
        "visible": True,
        "rule": comment.status_rule,
        "html": live.render_comment(comment),
        "parent": comment.parent_id,
    }


@require_POST
def post(request: HttpRequest, article_id: int) -> HttpResponseBase:
    """Post a comment or a reply (CSRF-protected, rate-limited)."""
    back = _back(request, article_id)
    if not request.user.is_authenticated:
        return error_response(request, DiscussionError("Sign in to comment.", "auth", 403), back)
    if rate_limited(request, "discussion-post", conf.rate_per_account()):
        return too_many(request)
    article, _ = access_article(request, article_id)
    try:
        parent = _parent_of(request, article_id)
        result = actions.post_comment(
            author=request.user,
            article=article,
            text=_text_of(request),
            parent=parent,
            warning_acknowledged=request.POST.get("acknowledge") == "1",
        )
    except DiscussionError as error:
        if not wants_json(request):
            back = _keep_draft(request, back)
        return error_response(request, error, back)
    return _written(request, result, back)


def _keep_draft(request: HttpRequest, back: str, *, confirm: bool = False) -> str:
    """Keep a refused or unconfirmed post's text for the form without JavaScript;
    return where it shows (asking to confirm when ``confirm``)."""
    # The script keeps the text in its form; a plain form is a new page, so the
    # text (cut well past the limit, to shorten rather than rewrite) and whom
    # it answers go back through the session and the address.
    request.session["discussion_draft"] = _text_of(request)[:MAX_DRAFT_LENGTH]
    query = ["confirm=1"] if confirm else []
    parent = str(request.POST.get("parent", ""))
    if parse_number(parent, MAX_ID) is not None:
        query.append(f"reply={parent}")
    return f"{back}{'?' if query else ''}{'&'.join(query)}#comment-form"


def _parent_of(request: HttpRequest, article_id: int) -> Comment | None:
    raw = str(request.POST.get("parent", "")).strip()
    if not raw:
        return None
    number = parse_number(raw, MAX_ID)
    if number is None:
        raise DiscussionError("That reply target is not valid.", "parent")
    parent = Comment.objects.filter(pk=number, article_id=article_id).first()
    if parent is None:
        raise DiscussionError("The comment you are replying to is gone.", "parent", 404)
    return parent


def _written(request: HttpRequest, result: actions.PostResult, back: str) -> HttpResponseBase:
    if result.warning is not None:
        payload = _warning_payload(result.warning)
        if wants_json(request):
            return mark_private(JsonResponse(payload, status=409))
        messages.warning(request, payload["message"])
        return HttpResponseRedirect(_keep_draft(request, back, confirm=True))
    assert result.comment is not None
    if wants_json(request):
        return mark_private(JsonResponse(_comment_payload(result.comment), status=201))
    if not result.comment.is_visible:
        state = own_comments.hidden_state(result.comment)
        label = "held for review" if state["status"] == CommentStatus.HELD else "rejected"
        rule = f" (rule {state['rule_title']})" if state["rule_title"] else ""
        messages.info(request, f"Your comment is {label}{rule}. {state['reason']}".strip())
    return HttpResponseRedirect(f"{back}#comment-{result.comment.pk}")


def edit(request: HttpRequest, comment_id: int) -> HttpResponseBase:
    """Edit one's own comment within the window (GET: the form; POST: save)."""
    comment = load_comment(comment_id)
    back = _back(request, comment.article_id)
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405)
    if request.method == "GET":
        try:
            permissions.check_can_edit(request.user, comment)
        except DiscussionError as error:
            return error_response(request, error, back)
        return mark_private(render(request, "discussion/edit.html", {"comment": comment}))
    if rate_limited(request, "discussion-post", conf.rate_per_account()):
        return too_many(request)
    try:
        result = actions.edit_comment(
            comment,
            actor=request.user,
            text=_text_of(request),
            warning_acknowledged=request.POST.get("acknowledge") == "1",
        )
    except DiscussionError as error:
        if error.code in TEXT_ERRORS and not wants_json(request):
            # Without the script: the edit form again, with the text to shorten.
            context = {
                "comment": comment,
                "draft": _text_of(request)[:MAX_DRAFT_LENGTH],
                "error": error.message,
            }
            return mark_private(render(request, "discussion/edit.html", context, status=400))
        return error_response(request, error, back)
    if result.warning is not None and not wants_json(request):
        # Without the script: the edit form again, with the warning and "Save anyway".
        context = {
            "comment": comment,
            "draft": _text_of(request)[: conf.max_length()],
            "warning": _warning_payload(result.warning),
        }
        return mark_private(render(request, "discussion/edit.html", context))
    return _written(request, result, back)


@require_POST
def delete(request: HttpRequest, comment_id: int) -> HttpResponseBase:
    """Delete one's own comment (rate-limited like posting)."""
    comment = load_comment(comment_id)
    back = _back(request, comment.article_id)
    if request.user.is_authenticated and rate_limited(
        request, "discussion-delete", conf.rate_per_account()
    ):
        return too_many(request)
    try:
        comment = actions.delete_own_comment(comment, actor=request.user)
    except DiscussionError as error:
        return error_response(request, error, back)
    if wants_json(request):
        return mark_private(JsonResponse({"id": comment.pk, "status": comment.status}))
    messages.info(request, "Your comment was deleted.")
    return HttpResponseRedirect(back)


@require_POST
def react(request: HttpRequest, comment_id: int) -> HttpResponseBase:
    """Add (or with remove=1, withdraw) the reader's recommendation of a comment."""
    comment = load_comment(comment_id)
    access_article(request, comment.article_id)
    back = f"{_back(request, comment.article_id)}#comment-{comment.pk}"
    if request.user.is_authenticated and rate_limited(
        request, "discussion-react", conf.reaction_rate()
    ):
        return too_many(request)
    try:
        if request.POST.get("remove") == "1":
            count = actions.unreact(comment, user=request.user)
        else:
            count = actions.react(comment, user=request.user)
    except DiscussionError as error:
        return error_response(request, error, back)
    if wants_json(request):
        reacted = request.POST.get("remove") != "1"
        return mark_private(JsonResponse({"id": comment.pk, "count": count, "reacted": reacted}))
    return HttpResponseRedirect(back)
