"""Writes of the discussion app: posting, editing, status changes, reactions, accounts.

Every status change of a comment goes through :func:`change_status`, which
sends ``comment_status_changed`` inside the transaction (moderation writes its
audit log from it). Moderation calls :func:`change_status` too.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from masthead.core import fixed_sql
from masthead.discussion import conf, live, permissions
from masthead.discussion.formatting import normalise_text, render_body
from masthead.discussion.models import (
    MAX_CLOSE_AFTER_DAYS,
    VISIBLE_STATUSES,
    ArticleDiscussion,
    Comment,
    CommentStatus,
    Reaction,
    ReaderProfile,
    clean_display_name,
    name_key,
)
from masthead.discussion.moderation import screening
from masthead.discussion.moderation.history import ReaderHistory
from masthead.discussion.signals import comment_status_changed
from masthead.discussion.write_lock import serialised_writes

User = Any  # The project's user model; typed loosely to serve allauth's and Django's.
NAME_KEY_LENGTH = ReaderProfile._meta.get_field("name_key").max_length or 0

VERDICT_STATUS = {
    "approve": CommentStatus.PUBLISHED,
    "hold": CommentStatus.HELD,
    "reject": CommentStatus.REJECTED,
}


class DiscussionError(Exception):
    """A write the reader may not make, with the message shown to them."""

    def __init__(self, message: str, code: str = "invalid", status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


@dataclass(frozen=True)
class PostResult:
    """The outcome of posting or editing: the comment, or a warning to confirm first."""

    comment: Comment | None
    warning: screening.Decision | None = None


def check_text(text: str) -> str:
    """Return the normalised text, or raise when it is empty or too long."""
    text = normalise_text(text)
    if not text:
        raise DiscussionError("Write something before posting.", "empty")
    limit = conf.max_length()
    if len(text) > limit:
        raise DiscussionError(
            f"Your comment is {len(text):,} characters long; the limit is {limit:,}. "
            "Please shorten it.",
            "too_long",
        )
    return text


def ensure_profile(user: User) -> ReaderProfile:
    """Return the reader's profile, creating one with a unique default name.

    The profile is cached on the user as its reverse relation would be, so the
    posted comment renders with it; read with a fixed statement (every post reads it).
    """
    relation = get_user_model().reader_profile.related  # The user's reverse one-to-one.
    cached = relation.get_cached_value(user, default=None)
    if isinstance(cached, ReaderProfile):
        return cached
    profile = fixed_sql.first(
        ReaderProfile,
        "SELECT * FROM {table} WHERE user_id = %s",
        [user.pk],
    )
    if profile is not None:
        relation.set_cached_value(user, profile)
        return profile
    # Never derived from the email address, which readers expect to stay private.
    for _ in range(20):
        try:
            with transaction.atomic():
                name = f"reader-{secrets.token_hex(3)}"
                return ReaderProfile.objects.create(user=user, display_name=name)
        except IntegrityError:
            continue
    raise DiscussionError("Could not choose a display name; set one in your account.")


def set_display_name(user: User, display_name: str, *, notify_replies: bool) -> ReaderProfile:
    """Change a reader's public display name and reply notification choice."""
    name = clean_display_name(display_name)
    if not 2 <= len(name) <= 40:
        raise DiscussionError("A display name has 2 to 40 characters.", "name")
    # A few characters' compatibility forms are long (one Arabic ligature is 18
    # letters): such a name's key would not fit its column.
    if len(name_key(name)) > NAME_KEY_LENGTH:
        raise DiscussionError(
            "That display name is too long once its letters are written out; choose a shorter one.",
            "name",
        )
    with transaction.atomic():
        profile = ensure_profile(user)
        taken = ReaderProfile.objects.filter(name_key=name_key(name)).exclude(pk=profile.pk)
        if taken.exists():
            raise DiscussionError("That display name is taken; choose another.", "name_taken")
        renamed = profile.display_name != name
        profile.display_name = name
        profile.notify_replies = notify_replies
        try:
            with transaction.atomic():
                profile.save(update_fields=["display_name", "notify_replies"])
        except IntegrityError as error:  # Another reader took it meanwhile.
            raise DiscussionError(
                "That display name is taken; choose another.", "name_taken"
            ) from error
        if renamed:
            _touch_articles_of(user.pk)
    return profile


def _touch_articles_of(author_id: int) -> None:
    # Cached thread fragments show authors' names and are keyed by the article's
    # version: bump it where the reader has a visible comment, in one UPDATE.
    article_ids = set(
        Comment.objects.filter(author_id=author_id, status__in=VISIBLE_STATUSES).values_list(
            "article_id", flat=True
        )
    )
    if not article_ids:
        return
    # Locked first, ascending, as batches lock them (lock_comments): one UPDATE
    # takes them in whatever order the database scans them.
    _lock_article_rows(article_ids)
    ArticleDiscussion.objects.filter(article_id__in=article_ids).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    for article_id in article_ids:
        transaction.on_commit(functools.partial(live.invalidate, article_id))


def set_reply_notifications(user_id: int, *, enabled: bool) -> None:
    """Turn reply notification emails on or off for one reader."""
    with transaction.atomic():
        ReaderProfile.objects.filter(user_id=user_id).update(notify_replies=enabled)


def _screen(
    submission: screening.Submission, history: ReaderHistory | None = None
) -> screening.Decision:
    return screening.screen(submission, history=history)


def _is_shown(status: str, reply_count: int) -> bool:
    """Return whether a comment has a place in its thread (as ``in_thread`` reads it)."""
    return status in VISIBLE_STATUSES or reply_count > 0


def _count_reply(parent_id: int, delta: int, *, parent_may_be_hidden: bool) -> None:
    """Add ``delta`` (1 or -1) to the shown replies of a comment, and up while it is hidden."""
    fixed_sql.execute(
        Comment,
        "UPDATE {table} SET reply_count = reply_count + %s WHERE id = %s",
        [delta, parent_id],
    )
    if not parent_may_be_hidden:
        return  # A new reply's parent was just checked visible: its place is unchanged.
    # A hidden parent (deleted, held, rejected) is a placeholder while it has
    # shown replies; when its first one comes or its last one goes, it joins
    # or leaves its own parent's.
    parent = Comment.objects.filter(pk=parent_id).values("status", "reply_count", "parent_id")
    row = parent.first()
    if (
        row is not None
        and row["status"] not in VISIBLE_STATUSES
        and row["parent_id"] is not None
        and row["reply_count"] == (1 if delta > 0 else 0)
    ):
        _count_reply(row["parent_id"], delta, parent_may_be_hidden=True)


def _adjust_counts(comment: Comment, from_status: str, to_status: str) -> None:
    was_visible = from_status in VISIBLE_STATUSES
    is_visible = to_status in VISIBLE_STATUSES
    delta = int(is_visible) - int(was_visible)
    # Replies are counted while they are shown, placeholders over replies too:
    # counting only visible ones dropped a deleted comment whose one reply was
    # itself a placeholder, and the visible replies under both with it.
    shown_delta = int(_is_shown(to_status, comment.reply_count)) - int(
        _is_shown(from_status, comment.reply_count)
    )
    if shown_delta and comment.parent_id:
        _count_reply(comment.parent_id, shown_delta, parent_may_be_hidden=bool(from_status))
    # One UPDATE in the usual case (fixed: every post runs it); the database
    # adds, so concurrent posts never overwrite each other's counts. The row is
    # created with the article's first comment.
    bump = (
        "UPDATE {table} SET version = version + 1,"
        " updated_at = %s, comment_count = comment_count + %s WHERE article_id = %s"
    )
    params = [fixed_sql.moment(timezone.now()), delta, comment.article_id]
    if not fixed_sql.execute(ArticleDiscussion, bump, params):
        ArticleDiscussion.objects.get_or_create(article_id=comment.article_id)
        fixed_sql.execute(ArticleDiscussion, bump, params)


def _after_commit(comment: Comment, from_status: str, to_status: str) -> None:
    article_id = comment.article_id
    transaction.on_commit(lambda: live.invalidate(article_id))
    # Any change from hidden (just posted, held, rejected) may be a reply's first
    # showing; the audit log tells whether it was shown before.
    first_time_visible = from_status not in VISIBLE_STATUSES and to_status in VISIBLE_STATUSES
    if first_time_visible and comment.parent_id and not _was_visible(comment, from_status):
        from masthead.discussion.tasks import send_reply_notification

        comment_id = comment.pk
        transaction.on_commit(lambda: send_reply_notification.enqueue(comment_id))


def _was_visible(comment: Comment, from_status: str) -> bool:
    """Return whether the comment was shown before (a reply's author was emailed then)."""
    if not from_status:
        return False  # Just posted.
    from masthead.discussion.moderation.models import ModerationEvent

    # The audit log holds every earlier status; this change's entry is written after.
    return ModerationEvent.objects.filter(
        comment_id=comment.pk, to_status__in=VISIBLE_STATUSES
    ).exists()


def _record_change(
    comment: Comment,
    from_status: str,
    to_status: str,
    *,
    actor: User | None,
    rule: str,
    note: str,
) -> None:
    if from_status != to_status:
        _adjust_counts(comment, from_status, to_status)
        _after_commit(comment, from_status, to_status)
    comment_status_changed.send(
        sender=Comment,
        comment=comment,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        rule=rule,
        note=note,
    )


def change_status(
    comment: Comment,
    to_status: str,
    *,
    actor: User | None,
    rule: str = "",
    note: str = "",
) -> Comment:
    """Move a comment to another status, keep counts right and announce the change.

    ``actor`` is the user who decided, or None when the system (screening) did.
    Sends ``comment_status_changed`` inside the transaction, so the moderation
    audit log commits or rolls back with the change. Returns the updated comment.
    A change to the status it already has, with no rule or note, does nothing.
    """
    if to_status not in CommentStatus.values:
        raise DiscussionError(f"Unknown comment status {to_status!r}.", "status")
    with serialised_writes(), transaction.atomic():
        # With its parent, whose count of shown replies it may change: in ascending
        # order, as a batch takes them (lock_comments).
        lock_comments([comment.pk], with_articles=False)
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        from_status = locked.status
        if from_status == to_status and not rule and not note:
            return locked
        locked.status = to_status
        locked.status_rule = rule
        locked.status_note = note
        locked.status_changed_at = timezone.now()
        if to_status not in VISIBLE_STATUSES:
            locked.is_editors_pick = False
        locked.save(
            update_fields=[
                "status",
                "status_rule",
                "status_note",
                "status_changed_at",
                "is_editors_pick",
            ]
        )
        _record_change(locked, from_status, to_status, actor=actor, rule=rule, note=note)
    return locked


def post_comment(
    *,
    author: User,
    article: Page,
    text: str,
    parent: Comment | None = None,
    warning_acknowledged: bool = False,
) -> PostResult:
    """Screen and save a new comment or reply; return it, or a warning to confirm."""
    text = check_text(text)
    # One history for the standing check and screening: its sanctions are read once.
    history = ReaderHistory(author.pk, article.pk)
    permissions.check_can_post(author, article, history)
    if parent is not None:
        permissions.check_can_reply(parent, article)
    ensure_profile(author)  # Outside the write transaction: usually a read.
    with serialised_writes(), transaction.atomic():
        lock_reader(author)
        if parent is not None:
            # Checked again on the row as it is now, under the lock: its author may
            # have deleted it (or a moderator hidden it) since the form loaded it,
            # and a reply under a hidden comment is counted as under a visible one.
            parent = Comment.objects.select_for_update().get(pk=parent.pk)
            permissions.check_can_reply(parent, article)
        decision = _screen(
            screening.Submission(
                text=text,
                author_id=author.pk,
                author_is_staff=bool(author.is_staff),
                article_id=article.pk,
                parent_id=parent.pk if parent else None,
                warning_acknowledged=warning_acknowledged,
            ),
            history,
        )
        if decision.warn and not warning_acknowledged:
            return PostResult(comment=None, warning=decision)
        status = VERDICT_STATUS[decision.verdict]
        comment = Comment(
            article_id=article.pk,
            author=author,
            parent=parent,
            root_id=(parent.root_id or parent.pk) if parent else None,
            depth=(parent.depth + 1) if parent else 0,
            body=text,
            body_html=render_body(text),
            status=status,
            status_rule=decision.rule,
            status_note="screening",
            screening_verdict=decision.verdict,
            screening_rule=decision.rule,
            screening=decision.as_json(),
            warning_acknowledged=warning_acknowledged,
            is_staff_comment=bool(author.is_staff),
        )
        fixed_sql.insert(comment)  # Nothing listens for its save; every post runs it.
        # The first status is a change from "" and is announced like any other.
        _record_change(comment, "", status, actor=None, rule=decision.rule, note="screening")
    return PostResult(comment=comment)


def lock_reader(author: User) -> None:
    """Hold the reader's row until the write commits, or refuse if the account is gone.

    Excludes :func:`delete_account` on PostgreSQL (SQLite's write lock already
    does): a comment committed while the deletion ran stayed published under
    "deleted account", and one committed after it failed on its foreign key.
    Every write that refers to the reader takes it first (moderation's reports,
    "I disagree" and appeals too), as the deletion does.
    """
    if not connection.features.has_select_for_update:
        return  # SQLite: serialised_writes() already excludes the deletion.
    # NO KEY: writes of other sessions that only refer to the user (a reaction) go on.
    users = get_user_model().objects.select_for_update(no_key=True).filter(pk=author.pk)
    if not list(users.values_list("pk", flat=True)):
        raise DiscussionError("This account has been deleted.", "auth", 403)


def lock_comments(comment_ids: Iterable[int], *, with_articles: bool = True) -> None:
    """Lock comments and their parents, then their articles' discussion rows, each ascending.

    The one order of every write that changes comments (moderation's batches and
    their undo, account deletion, a single decision), taken before the first
    change. Locked comment by comment, a change updated its article's row (and
    its parent's count of shown replies) before the next comment was locked: two
    such writes each held a row the other waited for, and PostgreSQL failed one
    of them as a deadlock. (SQLite's write lock runs them one at a time.) A
    single comment's change may leave its article's row to the update.
    """
    if not connection.features.has_select_for_update:
        return
    ids = list(comment_ids)
    parents = Comment.objects.filter(pk__in=ids, parent__isnull=False).values("parent_id")
    locked = (
        Comment.objects.select_for_update()
        .filter(models.Q(pk__in=ids) | models.Q(pk__in=parents))
        .order_by("pk")
        .values_list("article_id", flat=True)
    )
    articles = set(locked)
    if with_articles:
        _lock_article_rows(articles)


def _lock_article_rows(article_ids: Iterable[int]) -> None:
    """Lock the articles' discussion rows in ascending id order (PostgreSQL; SQLite needs not)."""
    if not connection.features.has_select_for_update:
        return
    rows = ArticleDiscussion.objects.select_for_update().filter(article_id__in=list(article_ids))
    list(rows.order_by("pk").values_list("pk", flat=True))


def _locked_with_article(comment_id: int) -> Comment:
    """Return a comment as it is now, with its article, its row locked until the commit."""
    return (
        Comment.objects.select_related("article").select_for_update(of=("self",)).get(pk=comment_id)
    )


def edit_comment(
    comment: Comment, *, actor: User, text: str, warning_acknowledged: bool = False
) -> PostResult:
    """Re-screen and save an author's edit within the edit window."""
    text = check_text(text)
    with serialised_writes(), transaction.atomic():
        # Checked on the row as it is now, under the lock: a moderator may have
        # rejected or held the comment since the edit form loaded it. Locked until
        # the edit commits: on PostgreSQL (no file lock) a rejection committed
        # while the edit was screened was then published again by it. With its
        # parent first, in ascending order: the edit may change its status.
        lock_comments([comment.pk], with_articles=False)
        comment = _locked_with_article(comment.pk)
        permissions.check_can_edit(actor, comment)
        decision = _screen(
            screening.Submission(
                text=text,
                author_id=actor.pk,
                author_is_staff=bool(actor.is_staff),
                article_id=comment.article_id,
                parent_id=comment.parent_id,
                comment_id=comment.pk,
                is_edit=True,
                warning_acknowledged=warning_acknowledged,
            )
        )
        if decision.warn and not warning_acknowledged:
            return PostResult(comment=None, warning=decision)
        Comment.objects.filter(pk=comment.pk).update(
            body=text,
            body_html=render_body(text),
            edited_at=timezone.now(),
            screening_verdict=decision.verdict,
            screening_rule=decision.rule,
            screening=decision.as_json(),
            warning_acknowledged=warning_acknowledged,
        )
        comment.refresh_from_db()
        to_status = _status_after_edit(comment, VERDICT_STATUS[decision.verdict])
        if to_status != comment.status:
            comment = change_status(
                comment, to_status, actor=None, rule=decision.rule, note="re-screened after edit"
            )
        else:
            ArticleDiscussion.objects.filter(article_id=comment.article_id).update(
                version=F("version") + 1, updated_at=timezone.now()
            )
            _after_commit(comment, comment.status, comment.status)
    return PostResult(comment=comment)


def _status_after_edit(comment: Comment, screened: str) -> str:
    """Return the status an edited comment takes, given the status screening chose."""
    # A moderator's hold stands: the author cannot publish by editing what a
    # moderator is reviewing (the new text is screened and stored all the same).
    if comment.status == CommentStatus.HELD and _status_set_by_moderator(comment):
        return CommentStatus.HELD
    # A moderator's approval stands while the edit still passes screening.
    if screened == CommentStatus.PUBLISHED and comment.status == CommentStatus.APPROVED:
        return CommentStatus.APPROVED
    return screened


def _status_set_by_moderator(comment: Comment) -> bool:
    from masthead.discussion.moderation.models import ModerationEvent

    # The audit log says who made the latest change to the current status;
    # screening's are "system" with no actor.
    latest = (
        ModerationEvent.objects.filter(comment_id=comment.pk, to_status=comment.status)
        .order_by("-pk")
        .values_list("actor_id", "actor_name")
        .first()
    )
    return latest is not None and (latest[0] is not None or latest[1] != "system")


def delete_own_comment(comment: Comment, *, actor: User) -> Comment:
    """Delete a comment at its author's request (a placeholder stays if it has replies)."""
    with serialised_writes(), transaction.atomic():
        # Checked on the row as it is now, under the lock: a second delete sent at
        # the same moment found it not yet deleted and logged a second deletion.
        # With its parent first, in ascending order (lock_comments).
        lock_comments([comment.pk], with_articles=False)
        current = Comment.objects.select_for_update().get(pk=comment.pk)
        permissions.check_can_delete(actor, current)
        return change_status(current, CommentStatus.DELETED, actor=actor, note="deleted by author")


def react(comment: Comment, *, user: User) -> int:
    """Add the reader's positive reaction (once); return the comment's reaction count."""
    permissions.check_can_react(user, comment)
    with serialised_writes(), transaction.atomic():
        # The reader's row first, as delete_account locks it: a reaction inserted
        # while the account was deleted failed on its foreign key (a 500).
        lock_reader(user)
        # Checked again on the row as it is now, under the lock: a moderator may
        # have hidden it since the request loaded it, and a reaction to a hidden
        # comment was counted and showed again if it was approved later.
        comment = _locked_with_article(comment.pk)
        permissions.check_reactable(user, comment)
        _, created = Reaction.objects.get_or_create(comment=comment, user=user)
        if created:
            Comment.objects.filter(pk=comment.pk).update(reaction_count=F("reaction_count") + 1)
            _touch(comment.article_id)
    return int(Comment.objects.values_list("reaction_count", flat=True).get(pk=comment.pk))


def unreact(comment: Comment, *, user: User) -> int:
    """Withdraw the reader's reaction; return the comment's reaction count."""
    permissions.check_can_react(user, comment, withdrawing=True)
    with serialised_writes(), transaction.atomic():
        # Locked as react() locks it, so the two take turns on the row and the
        # count: a withdrawal is allowed whatever the comment's state now (see
        # check_can_react), and a reaction held back with a hidden comment must
        # not come back with it when a moderator approves it again.
        comment = _locked_with_article(comment.pk)
        deleted, _ = Reaction.objects.filter(comment=comment, user=user).delete()
        if deleted:
            Comment.objects.filter(pk=comment.pk, reaction_count__gt=0).update(
                reaction_count=F("reaction_count") - 1
            )
            _touch(comment.article_id)
    return int(Comment.objects.values_list("reaction_count", flat=True).get(pk=comment.pk))


def set_editors_pick(comment: Comment, *, picked: bool, actor: User) -> Comment:
    """Add a visible comment to the editors' picks, or take it out."""
    with serialised_writes(), transaction.atomic():
        # Checked on the row as it is now, under the lock: a moderator may have
        # held or rejected it (which clears a pick) since the editor's page loaded it.
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if picked and not locked.is_visible:
            raise DiscussionError("Only visible comments can be editors' picks.", "not_visible")
        Comment.objects.filter(pk=comment.pk).update(
            is_editors_pick=picked, picked_at=timezone.now() if picked else None
        )
        _touch(comment.article_id)
    comment.refresh_from_db()
    return comment


def set_article_mode(article: Page, *, mode: str, close_after_days: int | None = None) -> None:
    """Open, close or auto-close one article's discussion."""
    if close_after_days is not None and not 1 <= close_after_days <= MAX_CLOSE_AFTER_DAYS:
        raise DiscussionError(f"Days must be between 1 and {MAX_CLOSE_AFTER_DAYS}.", "days")
    with transaction.atomic():
        state, _ = ArticleDiscussion.objects.get_or_create(article_id=article.pk)
        state.mode = mode
        state.close_after_days = close_after_days
        state.version += 1
        state.save(update_fields=["mode", "close_after_days", "version"])
        _touch(article.pk)


def _touch(article_id: int) -> None:
    ArticleDiscussion.objects.filter(article_id=article_id).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    transaction.on_commit(lambda: live.invalidate(article_id))


# A prolific reader's comments are deleted this many to a write transaction.
ACCOUNT_DELETION_BATCH = 50


def delete_account(user: User) -> None:
    """Delete a reader's account: their comments become "deleted", then the user goes.

    Comment texts are blanked; comments with visible replies stay as
    "comment deleted" placeholders. Reactions go with the account.
    """
    if isinstance(user, AnonymousUser) or not isinstance(user, AbstractBaseUser):
        raise DiscussionError("Sign in first.", "auth", 403)
    while _delete_comments_batch(user, ACCOUNT_DELETION_BATCH):
        pass
    with serialised_writes(), transaction.atomic():
        _lock_user_row(user)
        # The last comments (fewer than a batch, or posted since) go with the account.
        recommended = Comment.objects.filter(reactions__user=user).values_list("pk", flat=True)
        _delete_comments(user, Comment.objects.filter(author=user), also_locked=recommended)
        _withdraw_reactions(user)
        _forget_reader_in_moderation(user)
        user.delete()


def _lock_user_row(user: User) -> None:
    # Locked first: a post waits for the deletion and is then refused, or is
    # listed among the comments deleted when it committed before (see lock_reader).
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def _delete_comments_batch(user: User, size: int) -> bool:
    """Delete ``size`` of the reader's comments in a write of their own; return whether it did.

    A prolific reader's comments go a batch at a time: in one transaction, 5,000
    comments held the write lock (every other reader's post, on SQLite) or their
    articles' rows (PostgreSQL) for about 18 s. Fewer than a batch are left to
    the account's own transaction, so most deletions stay one transaction. A
    deletion that fails midway leaves the comments already deleted so, and the
    account; deleting it again finishes.
    """
    with serialised_writes(), transaction.atomic():
        _lock_user_row(user)
        batch = list(
            Comment.objects.filter(author=user)
            .exclude(status=CommentStatus.DELETED)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if len(batch) < size:
            return False
        _delete_comments(user, Comment.objects.filter(pk__in=batch))
    return True


def _delete_comments(
    user: User, comments: models.QuerySet[Comment], *, also_locked: Iterable[int] = ()
) -> None:
    """Mark the reader's ``comments`` deleted, counts and log kept right, and blank their texts.

    The comments, and those of ``also_locked`` (the ones the reader recommended,
    whose counts the deletion takes down next), are locked first, in the one
    order of multi-comment writes (:func:`lock_comments`): the reader's own
    locked one by one in no set order, then the recommended ones, the deletion
    deadlocked beside a moderator's bulk action on PostgreSQL.
    """
    lock_comments([*comments.values_list("pk", flat=True), *also_locked])
    for comment in comments.exclude(status=CommentStatus.DELETED).order_by("pk"):
        change_status(comment, CommentStatus.DELETED, actor=None, note="account deleted")
    comments.update(body="", body_html="", screening={})


def _withdraw_reactions(user: User) -> None:
    """Delete the reader's reactions and count each down once, under the comments' locks.

    The comments are locked as :func:`unreact` locks them, in order, and the
    reactions read again under the locks: read before, a withdrawal committed
    in between was counted down by both. No reaction of the reader is added
    meanwhile: its insert waits for the user's row, locked by the deletion.
    """
    locked = list(
        Comment.objects.select_for_update(of=("self",))
        .filter(reactions__user=user)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    reacted = list(
        Reaction.objects.filter(user=user, comment_id__in=locked).values_list(
            "comment_id", flat=True
        )
    )
    Comment.objects.filter(pk__in=reacted, reaction_count__gt=0).update(
        reaction_count=F("reaction_count") - 1
    )
    Reaction.objects.filter(user=user).delete()
    for article_id in set(
        Comment.objects.filter(pk__in=reacted).values_list("article_id", flat=True)
    ):
        _touch(article_id)


def _forget_reader_in_moderation(user: User) -> None:
    # The audit log keeps its entries (the actor becomes null with the account),
    # but their actor name is the username, often the email address. An appeal
    # stays with its comment (its decision is part of the record), but its
    # reason is the reader's own words.
    from masthead.discussion.moderation.actions import withdraw_reports
    from masthead.discussion.moderation.models import Appeal, ModerationEvent

    withdraw_reports(user)  # The reports themselves go with the account.
    ModerationEvent.objects.filter(actor=user).update(actor_name="deleted account")
    Appeal.objects.filter(appellant=user).update(reason="")
