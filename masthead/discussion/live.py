"""Live updates: one shared, cacheable feed per article, rebuilt once per change.

Every reader's browser polls ``/discussion/<id>/live.json`` every few seconds.
The response is public, so the page cache stores it and its WSGI layer answers
every poll without touching Django or the database. A change readers can see
(a comment shown or hidden, a reaction, an edit, a pick) purges that one URL
after the transaction commits; the next poll rebuilds it with a handful of
queries, whatever the number of readers. Rendered thread pages are cached in
the shared cache under the article's version, which every change bumps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db.models import Q
from django.template import engines
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from masthead.core.page_cache import purge_urls
from masthead.core.routes import path_with_id
from masthead.discussion import conf
from masthead.discussion.models import (
    ArticleDiscussion,
    Comment,
    CommentQuerySet,
    CommentStatus,
)
from masthead.discussion.threads import (
    Node,
    display_name,
    placeholder,
    reply_target,
    with_authors,
)

CACHE_ALIAS = "pages"  # Shared by every process (file-based or Redis).
FRAGMENT_SECONDS = 3600
REMOVED_WINDOW = dt.timedelta(minutes=15)
MAX_REACTION_COUNTS = 1000
MAX_RECENT_CHANGES = 50  # older comments edited or approved again, carried besides the newest
PURGE_INTERVAL = 1  # seconds between two purges of one article's feed
BUSY_SECONDS = 10  # an article changed this recently keeps its feed one second
MAX_RECENT_PURGES = 10_000  # articles whose last purge this process remembers

# When this process last asked for each article's feed to be purged (monotonic seconds).
recent_purges: dict[int, float] = {}


def feed_path(article_id: int) -> str:
    """Return the path of an article's live feed."""
    return reverse("discussion:live", args=[article_id])


def invalidate(article_id: int) -> None:
    """Drop the article's live feed from the page cache (and any CDN in front).

    At most once a second per article: on a busy article (100 comments a
    second) a purge per change would make nearly every poll a rebuild. A change
    whose purge is skipped is still shown in time, because every feed built
    within ``BUSY_SECONDS`` of a change is stored for one second only
    (:func:`shared_lifetime`). A process that asked within the second asks
    no one again: a purge was made in that second, by it or another process.
    """
    now = time.monotonic()
    if now - recent_purges.get(article_id, -PURGE_INTERVAL) < PURGE_INTERVAL:
        return  # Saves a write to the shared cache on nearly every post of a busy article.
    if len(recent_purges) >= MAX_RECENT_PURGES:
        recent_purges.clear()
    recent_purges[article_id] = now
    if caches["default"].add(f"discussion:live-purged:{article_id}", 1, PURGE_INTERVAL):
        purge_urls([feed_path(article_id)])


def shared_lifetime(changed_at: dt.datetime | None) -> int:
    """Return how long caches may keep a feed built now, given the article's last change.

    The polling interval for a quiet article (a change purges the feed at
    once); one second while changes come in, so a change whose purge fell
    inside another's second reaches readers within a second and a poll.
    """
    quiet = changed_at is None or timezone.now() - changed_at >= dt.timedelta(seconds=BUSY_SECONDS)
    return conf.live_poll_seconds() if quiet else 1


def current_version(article_id: int) -> int:
    """Return the article's discussion version, bumped by every visible change."""
    state = ArticleDiscussion.for_article(article_id)
    return state.version if state else 0


def cached_fragment(article_id: int, variant: str, render: Callable[[], tuple[str, bool]]) -> str:
    """Return a rendered fragment of the article's discussion, cached until a change.

    Keyed by the article's version (one indexed read), so a change needs no
    cache write: old fragments simply stop being asked for and expire.
    ``render`` returns the HTML and whether to keep it.
    """
    cache = caches[CACHE_ALIAS]
    key = f"discussion:fragment:{article_id}:{current_version(article_id)}:{variant}"
    html = cache.get(key)
    if html is None:
        html, keep = render()
        if keep:
            cache.set(key, html, FRAGMENT_SECONDS)
    return str(html)


def render_nodes(nodes: list[Node], article_id: int, *, alone: bool = False) -> SafeString:
    """Return comments of one article as the thread shows them, with their replies unless alone.

    A Jinja2 template (see masthead.core.jinja): every post renders its reply
    and a thread page renders each of its comments.
    """
    template = engines["jinja2"].get_template("discussion/comments.html")
    page_url = path_with_id("discussion:page", article_id)
    context = {
        "nodes": nodes,
        "alone": alone,
        "page_url": page_url,
        "display_name": display_name,
        "placeholder": placeholder,
    }
    return SafeString(template.render(context))


def render_comment(comment: Comment) -> str:
    """Return one comment rendered alone (no replies), as the thread shows it."""
    replying_to = ""
    if comment.depth > conf.max_depth() and comment.parent is not None:
        replying_to = reply_target(comment.parent)
    node = Node(comment, min(comment.depth, conf.max_depth()), replying_to=replying_to)
    return str(render_nodes([node], comment.article_id, alone=True))


def build_feed(article_id: int) -> tuple[dict[str, Any], ArticleDiscussion | None]:
    """Return the live feed of an article (count, newest comments, reaction counts)
    and the article's discussion row it was built from (None before any comment)."""
    state = ArticleDiscussion.for_article(article_id)
    comments = Comment.objects.for_article(article_id)
    newest = list(
        with_authors(comments.visible()).order_by("-created_at", "-id")[: conf.live_feed_size()]
    )
    since = timezone.now() - REMOVED_WINDOW
    changed = _recent_changes(comments, newest, since)
    listed = sorted([*newest, *changed], key=lambda c: (c.created_at, c.pk), reverse=True)
    older = {c.pk for c in changed}
    counts = dict(
        comments.visible()
        .filter(reaction_count__gt=0)
        .order_by("-reaction_count")
        .values_list("id", "reaction_count")[:MAX_REACTION_COUNTS]
    )
    removed = list(
        comments.exclude(status__in=[CommentStatus.PUBLISHED, CommentStatus.APPROVED])
        .filter(status_changed_at__gte=since)
        .values_list("id", "status")[:200]
    )
    picks = comments.visible().filter(is_editors_pick=True).count()
    feed = {
        "article": article_id,
        "picks": picks,
        "version": state.version if state else 0,
        "count": state.comment_count if state else 0,
        "comments": [
            {
                "id": c.pk,
                "parent": c.parent_id,
                "edited": c.edit_mark,
                "html": render_comment(c),
                # An older comment changed (edited, approved again): the page
                # updates it where it shows, and never adds it as a new one.
                "update_only": c.pk in older,
            }
            for c in listed
        ],
        "reactions": {str(k): v for k, v in counts.items()},
        # Only non-zero counts are listed: when none is left out, a comment not
        # listed has none (a recommendation withdrawn down to zero shows as 0).
        "reactions_complete": len(counts) < MAX_REACTION_COUNTS,
        "removed": [comment_id for comment_id, _ in removed],
        # Which of them their authors deleted: a placeholder over replies says
        # "Comment deleted" for those and "Comment removed" for the others.
        "deleted": [i for i, status in removed if status == CommentStatus.DELETED],
    }
    return feed, state


def _recent_changes(
    comments: CommentQuerySet, newest: list[Comment], since: dt.datetime
) -> list[Comment]:
    """Return visible comments older than the newest that changed since ``since``.

    An edit (made within the edit window) or a moderator's approval of a comment
    older than the newest would otherwise reach no open page until a reload.
    """
    # Bounded by the index: edits only happen within the edit window of posting.
    edited_from = since - dt.timedelta(seconds=conf.edit_window_seconds())
    changed = with_authors(
        comments.visible()
        .filter(
            Q(edited_at__gte=since, created_at__gte=edited_from)
            | Q(status=CommentStatus.APPROVED, status_changed_at__gte=since)
        )
        .exclude(pk__in=[c.pk for c in newest])
        .order_by("-created_at", "-id")
    )
    return list(changed[:MAX_RECENT_CHANGES])


def feed_etag(feed: dict[str, Any]) -> str:
    """Return a strong validator of the feed's content."""
    # The whole content, not only the version: opening or closing the discussion
    # (the site switch, a closing date passing) changes the feed without a new version.
    digest = hashlib.sha256(
        json.dumps(feed, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()[:20]
    return f'"{digest}"'
