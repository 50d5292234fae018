"""Who may do what in a discussion: one code path for every write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.utils import timezone
from wagtail.models import Page, Site

from masthead.discussion import conf
from masthead.discussion.models import (
    ArticleDiscussion,
    Comment,
    CommentStatus,
    DiscussionSettings,
)
from masthead.discussion.moderation import screening
from masthead.discussion.moderation.history import NewReader

EDITABLE_STATUSES = (CommentStatus.PUBLISHED, CommentStatus.APPROVED, CommentStatus.HELD)


@dataclass(frozen=True)
class Openness:
    """Whether an article's discussion takes new comments, and why not."""

    is_open: bool
    reason: str = ""
    closes_at: dt.datetime | None = None


SETTINGS_CACHE_KEY = "discussion:site-settings"


def site_settings() -> DiscussionSettings:
    """Return the discussion settings of the default site (kept in the shared cache).

    Read on every write, from the default cache (shared by every process, and
    quicker to read than the page cache's files); saving the settings deletes
    the cached copy (signal_handlers), so every process sees a change at once.
    """
    cache = caches["default"]
    cached = cache.get(SETTINGS_CACHE_KEY)
    if isinstance(cached, DiscussionSettings):
        return cached
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    settings = DiscussionSettings() if site is None else DiscussionSettings.for_site(site)
    cache.set(SETTINGS_CACHE_KEY, settings, 3600)
    return settings


def forget_site_settings() -> None:
    """Drop the cached settings (after they change)."""
    caches["default"].delete(SETTINGS_CACHE_KEY)


def openness(
    article: Page,
    settings: DiscussionSettings | None = None,
    state: ArticleDiscussion | None = None,
) -> Openness:
    """Return whether readers may comment on an article now.

    ``state`` is the article's discussion row when the caller has read it already.
    """
    settings = settings or site_settings()
    if settings.read_only:
        return Openness(False, "Comments are paused across the site for now.")
    if not article.live:
        return Openness(False, "This article is not published.")
    if state is None:
        state = ArticleDiscussion.for_article(article.pk)
    state = state or ArticleDiscussion(article_id=article.pk)
    closes_at = state.closes_at(article.first_published_at, settings)
    if closes_at is not None and closes_at <= timezone.now():
        return Openness(False, "This discussion is closed.", closes_at)
    return Openness(True, "", closes_at)


def _error(message: str, code: str, status: int = 403) -> Exception:
    from masthead.discussion.actions import DiscussionError

    return DiscussionError(message, code, status)


def check_signed_in(user: Any) -> None:
    """Raise unless the user is a signed-in reader."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise _error("Sign in to take part in the discussion.", "auth")


def check_standing(user: Any, history: NewReader | None = None) -> None:
    """Raise when the reader is banned or suspended (``history``: see ``screening.standing``)."""
    standing = screening.standing(user.pk, history)
    if not standing.may_post:
        rule = f" (rule {standing.rule})" if standing.rule else ""
        reason = standing.reason or "Your account may not post at the moment."
        raise _error(f"{reason}{rule}", "standing")


def check_open(article: Page) -> None:
    """Raise when the article's discussion takes no new writes."""
    state = openness(article)
    if not state.is_open:
        raise _error(state.reason, "closed")


def check_can_post(user: Any, article: Page, history: NewReader | None = None) -> None:
    """Raise unless the reader may comment on the article."""
    check_signed_in(user)
    check_open(article)
    check_standing(user, history)


def check_can_reply(parent: Comment, article: Page) -> None:
    """Raise unless the parent comment can take replies on this article."""
    if parent.article_id != article.pk:
        raise _error("That comment belongs to another article.", "parent", 400)
    if not parent.is_visible:
        raise _error("You can only reply to visible comments.", "parent", 400)


def check_is_author(user: Any, comment: Comment) -> None:
    """Raise unless the user wrote the comment."""
    check_signed_in(user)
    if comment.author_id != user.pk:
        raise _error("You can only change your own comments.", "not_author")


def edit_deadline(comment: Comment) -> dt.datetime:
    """Return until when the author may edit a comment."""
    return comment.created_at + dt.timedelta(seconds=conf.edit_window_seconds())


def within_edit_window(comment: Comment) -> bool:
    """Return whether the comment's status and age still allow its author to edit it."""
    return comment.status in EDITABLE_STATUSES and timezone.now() <= edit_deadline(comment)


def check_can_edit(user: Any, comment: Comment) -> None:
    """Raise unless the author may still edit the comment."""
    check_is_author(user, comment)
    if comment.status not in EDITABLE_STATUSES:
        raise _error("This comment can no longer be edited.", "not_editable")
    if timezone.now() > edit_deadline(comment):
        raise _error("The time to edit this comment has passed.", "edit_window")
    check_open(comment.article)
    check_standing(user)


def can_edit(user: Any, comment: Comment) -> bool:
    """Return whether the user may edit the comment now (without raising)."""
    try:
        check_can_edit(user, comment)
    except Exception:
        return False
    return True


def check_can_delete(user: Any, comment: Comment) -> None:
    """Raise unless the author may delete the comment."""
    check_is_author(user, comment)
    if comment.status == CommentStatus.DELETED:
        raise _error("This comment is already deleted.", "deleted", 400)


def check_can_react(user: Any, comment: Comment, *, withdrawing: bool = False) -> None:
    """Raise unless the reader may react to the comment, or withdraw their reaction.

    A withdrawal needs only a signed-in reader: it takes back what is theirs,
    so neither a sanction nor the comment's state (hidden since the page showed
    it, or its discussion closed) stops it.
    """
    check_signed_in(user)
    if withdrawing:
        return
    check_standing(user)
    check_reactable(user, comment)


def check_reactable(user: Any, comment: Comment) -> None:
    """Raise unless the comment takes the reader's reactions (visible, not theirs, open)."""
    if not comment.is_visible:
        raise _error("You can only react to visible comments.", "not_visible", 400)
    if comment.author_id == user.pk:
        raise _error("You cannot recommend your own comment.", "own", 400)
    check_open(comment.article)
