"""Writes of the moderation app: decisions, the audit log, reports, appeals, sanctions, trust.

Every moderator decision goes through ``discussion.actions.change_status``; the
audit log and trust follow from its signal (:func:`record_status_change`), so a
change made anywhere is logged the same way. Every write that may change a
comment's status takes the discussion write lock before opening its transaction,
in the order posting takes them (``discussion/write_lock.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max
from django.utils import timezone

from masthead.core import fixed_sql
from masthead.discussion import permissions
from masthead.discussion.actions import (
    DiscussionError,
    change_status,
    lock_comments,
    lock_reader,
)
from masthead.discussion.models import VISIBLE_STATUSES, Comment, CommentStatus
from masthead.discussion.moderation import conf
from masthead.discussion.moderation.models import (
    Appeal,
    AppealStatus,
    CommentReview,
    Disagreement,
    ModerationEvent,
    ReaderTrust,
    Report,
    Sanction,
    SanctionKind,
)
from masthead.discussion.moderation.standards import rules_by_code
from masthead.discussion.write_lock import serialised_writes

User = Any  # the project's user model; typed loosely because it is swappable
DECISIONS = (CommentStatus.APPROVED, CommentStatus.REJECTED, CommentStatus.HELD)
GOOD = frozenset(VISIBLE_STATUSES)
BAD = frozenset({CommentStatus.REJECTED})
# Notes of audit-log entries that keep a comment's status, rule and note as they were.
REPORTS_REVIEWED = "reports reviewed"
APPEAL_UPHELD = "appeal upheld: "


# Control characters other than tab and newline: PostgreSQL refuses NUL in text,
# and the others only hide or garble what the moderator or reader reads.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_text(value: object, limit: int) -> str:
    """Return free text from a form without control characters, stripped, cut to ``limit``."""
    return CONTROL_CHARACTERS.sub("", str(value or ""))[: limit * 2].strip()[:limit]


class ModerationError(Exception):
    """A moderation action that cannot be done; the message is shown as is."""

    def __init__(self, message: str, code: str = "invalid", status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def can_moderate(user: Any) -> bool:
    """Return whether a user may work the queues and sanction readers (the one check)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("moderation.moderate_comments")
    )


def check_can_moderate(user: Any) -> None:
    """Refuse a user who may not moderate."""
    if not can_moderate(user):
        raise ModerationError("You may not moderate comments.", "forbidden", 403)


def check_rule(rule: str, *, required: bool = True) -> str:
    """Return a valid rule code, refusing unknown ones."""
    rule = (rule or "").strip()
    if not rule and not required:
        return ""
    if rule not in rules_by_code():
        raise ModerationError("Choose a rule of the community standards.", "rule")
    return rule


# The audit log and trust, from discussion's signal.


def record_status_change(
    *, comment: Comment, actor: Any, from_status: str, to_status: str, rule: str, note: str
) -> ModerationEvent:
    """Write the audit-log entry of one status change and update the author's trust."""
    event = fixed_sql.insert(  # Nothing listens for its save; every post writes one.
        ModerationEvent(
            comment=comment,
            actor=actor,
            actor_name=actor.get_username() if actor is not None else "system",
            from_status=from_status,
            to_status=to_status,
            rule=rule,
            note=note,
        )
    )
    if comment.author_id is not None:
        _update_trust(comment.author_id, from_status, to_status)
    if actor is not None and to_status in DECISIONS:
        # A moderator looked at it: it leaves the Reported queue.
        CommentReview.objects.filter(comment_id=comment.pk).update(
            reported_at=None, report_weight=0.0, report_count=0
        )
    if actor is not None and to_status in GOOD and from_status not in GOOD:
        _grant_open_appeal(comment.pk, actor, note)
    return event


def _grant_open_appeal(comment_id: int, moderator: Any, note: str) -> None:
    # A moderator approving a comment under appeal has decided the appeal: left
    # open it waited in the Appeals queue beside a visible comment, for anyone
    # (the moderator of a later rejection too) to uphold.
    Appeal.objects.filter(comment_id=comment_id, status=AppealStatus.OPEN).update(
        status=AppealStatus.OVERTURNED,
        decided_by=moderator,
        decision_note=note,
        decided_at=timezone.now(),
    )


def _update_trust(reader_id: int, from_status: str, to_status: str) -> None:
    delta_good = int(to_status in GOOD) - int(from_status in GOOD)
    # A moderator moving a comment out of "rejected" takes the rejection back;
    # its author deleting it does not (deleting rejected comments reset trust).
    taken_back = from_status in BAD and to_status != CommentStatus.DELETED
    delta_bad = int(to_status in BAD) - int(taken_back)
    if not delta_good and not delta_bad:
        return
    # One UPDATE in the usual case (a fixed statement: every post runs it): the
    # database adds, so concurrent changes never overwrite each other. Counts
    # never go below zero (history from before this app was installed).
    add = (
        "UPDATE {table} SET"
        " approved_count = CASE WHEN approved_count + %s < 0 THEN 0 ELSE approved_count + %s END,"
        " rejected_count = CASE WHEN rejected_count + %s < 0 THEN 0 ELSE rejected_count + %s END,"
        " updated_at = %s WHERE reader_id = %s"
    )
    now = fixed_sql.moment(timezone.now())
    params = [delta_good, delta_good, delta_bad, delta_bad, now, reader_id]
    if fixed_sql.execute(ReaderTrust, add, params):
        return
    try:
        with transaction.atomic():
            ReaderTrust.objects.create(
                reader_id=reader_id,
                approved_count=max(0, delta_good),
                rejected_count=max(0, delta_bad),
            )
    except IntegrityError:  # Another writer created the row first: add to it.
        fixed_sql.execute(ReaderTrust, add, params)


# Decisions by moderators.


def moderate_comment(
    comment: Comment,
    to_status: str,
    *,
    moderator: Any,
    rule: str = "",
    note: str = "",
    batch: uuid.UUID | None = None,
) -> Comment:
    """Approve, reject or hold a comment as a moderator; a rejection must cite a rule."""
    check_can_moderate(moderator)
    if to_status not in DECISIONS:
        raise ModerationError("Choose approve, reject or hold.", "status")
    rule = check_rule(rule, required=to_status == CommentStatus.REJECTED)
    with serialised_writes(), transaction.atomic():
        # Read under the lock: the author may have deleted it since the page loaded it.
        # With its parent first, in ascending order, as a batch takes them.
        lock_comments([comment.pk], with_articles=False)
        locked = Comment.objects.select_for_update().filter(pk=comment.pk)
        current = locked.values_list("status", flat=True).first()
        if current == CommentStatus.DELETED:
            raise ModerationError("The author deleted this comment.", "deleted")
        note = plain_text(note, 2000)
        if current == to_status and not rule and not note:
            # change_status does nothing then; a moderator who looked at a
            # reported comment still takes it off the Reported queue, on record.
            return _review_unchanged(comment, moderator, batch)
        try:
            changed = change_status(comment, to_status, actor=moderator, rule=rule, note=note)
        except DiscussionError as error:
            raise ModerationError(error.message, error.code) from error
        if batch is not None:
            # The signal handler just wrote this change's event; tag it with the batch.
            latest = ModerationEvent.objects.filter(comment_id=comment.pk).order_by("-pk")
            ModerationEvent.objects.filter(pk__in=latest.values("pk")[:1]).update(batch=batch)
    return changed


def _review_unchanged(comment: Comment, moderator: Any, batch: uuid.UUID | None) -> Comment:
    # Called under the comment's lock by moderate_comment: a decision that keeps
    # the status clears the comment's reports, logged as a change from the
    # status to itself (which the dashboard and undo leave alone).
    current = Comment.objects.get(pk=comment.pk)
    if _is_reported(comment.pk):
        event = record_status_change(
            comment=current,
            actor=moderator,
            from_status=current.status,
            to_status=current.status,
            rule="",
            note=REPORTS_REVIEWED,
        )
        if batch is not None:
            ModerationEvent.objects.filter(pk=event.pk).update(batch=batch)
    return current


def bulk_moderate(
    comment_ids: Iterable[int], to_status: str, *, moderator: Any, rule: str = "", note: str = ""
) -> uuid.UUID:
    """Apply one decision to many comments as one batch that can be undone; return its id."""
    check_can_moderate(moderator)
    batch = uuid.uuid4()
    ids = list(comment_ids)
    with serialised_writes(), transaction.atomic():
        _lock_batch(ids)
        comments = Comment.objects.filter(pk__in=ids).exclude(status=CommentStatus.DELETED)
        for comment in comments.order_by("pk"):
            if comment.status != to_status or _is_reported(comment.pk):
                moderate_comment(
                    comment, to_status, moderator=moderator, rule=rule, note=note, batch=batch
                )
    return batch


def _lock_batch(comment_ids: list[int]) -> None:
    # Every comment of the batch before the first change, in the one order of
    # multi-comment writes (discussion's lock_comments), then their authors'
    # trust, which each change updates after the article's row. Locked one by
    # one as the loop came to them, a bulk action and an account deletion over
    # one article deadlocked on PostgreSQL.
    lock_comments(comment_ids)
    if connection.features.has_select_for_update:
        authors = Comment.objects.filter(pk__in=comment_ids).values("author_id")
        trust = ReaderTrust.objects.select_for_update().filter(reader_id__in=authors)
        list(trust.order_by("pk").values_list("pk", flat=True))


def _is_reported(comment_id: int) -> bool:
    return CommentReview.objects.filter(comment_id=comment_id, report_count__gt=0).exists()


def undo_batch(batch: uuid.UUID, *, moderator: Any) -> int:
    """Put every comment of a recent batch back where it was; return how many moved."""
    check_can_moderate(moderator)
    since = timezone.now() - dt.timedelta(seconds=conf.undo_seconds())
    undone = 0
    with serialised_writes(), transaction.atomic():
        # In ascending comment order, every comment locked first, as a batch is made.
        events = ModerationEvent.objects.filter(batch=batch, created_at__gte=since).order_by(
            "comment_id", "pk"
        )
        _lock_batch(list(events.values_list("comment_id", flat=True)))
        for event in events:
            if event.from_status == event.to_status:
                continue  # reports reviewed: no status to put back
            before = _event_before(event)
            # Read under the lock: on PostgreSQL another moderator's decision may
            # have committed since the batch's events were read.
            comment = Comment.objects.select_for_update().get(pk=event.comment_id)
            if comment.status != event.to_status:
                continue  # changed again since; leave the later decision alone
            try:
                change_status(
                    comment,
                    event.from_status,
                    actor=moderator,
                    rule=before.rule if before else "",
                    note="undo of a bulk action",
                )
            except DiscussionError as error:
                raise ModerationError(error.message, error.code) from error
            if before is not None:
                # The author is told the reason the comment had before the batch
                # (screening's sentence, a moderator's note), not "undo".
                Comment.objects.filter(pk=comment.pk).update(status_note=before.note)
            if event.from_status == CommentStatus.REJECTED:
                _reopen_appeal_granted_by(event)
            undone += 1
    if not undone:
        raise ModerationError("Nothing to undo: the batch is too old or was changed.", "undo")
    return undone


def _event_before(event: ModerationEvent) -> ModerationEvent | None:
    # change_status writes the comment's rule and note into its event too, so the
    # latest one before the batch's holds what the comment showed then. Entries
    # written beside it (an upheld appeal, reviewed reports) changed neither.
    earlier = ModerationEvent.objects.filter(
        comment_id=event.comment_id, pk__lt=event.pk, to_status=event.from_status
    )
    changes = earlier.exclude(note=REPORTS_REVIEWED).exclude(note__startswith=APPEAL_UPHELD)
    return changes.order_by("-pk").first()


def _reopen_appeal_granted_by(event: ModerationEvent) -> None:
    # The approval being undone granted the comment's open appeal (an appeal
    # granted since would have needed a rejection again, so none was): the
    # rejection is back, and so is the appeal, to be decided.
    Appeal.objects.filter(
        comment_id=event.comment_id,
        status=AppealStatus.OVERTURNED,
        decided_by_id=event.actor_id,
        decided_at__gte=event.created_at,
    ).update(status=AppealStatus.OPEN, decided_by=None, decision_note="", decided_at=None)


# Reports and "I disagree".


def check_in_good_standing(reader: Any) -> None:
    """Refuse a banned or suspended reader: reporting and disagreeing are taking part too.

    The same check as posting and reacting (``discussion.permissions``).
    """
    try:
        permissions.check_standing(reader)
    except DiscussionError as error:
        raise ModerationError(error.message, error.code, error.status) from error


def _lock_reader(reader: Any) -> None:
    # The reader's row first, as discussion's delete_account locks it: a write
    # committed while the account was deleted failed on its foreign key.
    try:
        lock_reader(reader)
    except DiscussionError as error:
        raise ModerationError(error.message, error.code, error.status) from error


def report_comment(comment: Comment, *, reporter: Any, rule: str, note: str = "") -> Report:
    """Record a reader's report; enough weight moves the comment to the Reported queue."""
    rule = check_rule(rule)
    check_in_good_standing(reporter)
    if comment.status not in VISIBLE_STATUSES:
        raise ModerationError("Only published comments can be reported.", "not_visible", 404)
    if comment.author_id == reporter.pk:
        raise ModerationError("You cannot report your own comment.", "own")
    weight = conf.trusted_report_weight() if is_trusted(reporter.pk) else 1.0
    try:
        with transaction.atomic():
            _lock_reader(reporter)
            # The comment's row before its review, as a decision takes them: the
            # report's foreign key took its share of the row only at the commit,
            # while a decision holding the row waited for the review (a deadlock).
            # NO KEY: the report's own foreign key check still shares the row.
            locked = Comment.objects.select_for_update(no_key=True).get(pk=comment.pk)
            if locked.status not in VISIBLE_STATUSES:  # hidden since the request read it
                raise ModerationError(
                    "Only published comments can be reported.", "not_visible", 404
                )
            report = Report.objects.create(
                comment=comment,
                reporter=reporter,
                rule=rule,
                note=plain_text(note, 500),
                weight=weight,
            )
            review, _ = CommentReview.objects.get_or_create(comment=comment)
            CommentReview.objects.filter(pk=review.pk).update(
                report_weight=F("report_weight") + weight, report_count=F("report_count") + 1
            )
            review.refresh_from_db()
            if review.reported_at is None and review.report_weight >= conf.report_threshold():
                review.reported_at = timezone.now()
                review.save(update_fields=["reported_at"])
    except IntegrityError as error:
        raise ModerationError("You have already reported this comment.", "duplicate") from error
    return report


def withdraw_reports(reader: Any) -> None:
    """Take a leaving reader's reports off the comments' report weight and count.

    The reports go with the account (they are the reader's data), so the
    Reported queue shows what the remaining reports put there: a comment whose
    weight falls below the threshold leaves it. A report made before a
    moderator's last decision on its comment was already cleared by it and is
    not counted down again. Runs in the deletion's transaction, the reader's
    row locked, so no report of theirs is added meanwhile.
    """
    reports = list(Report.objects.filter(reporter=reader))
    if not reports:
        return
    comment_ids = sorted({report.comment_id for report in reports})
    # Locked in order, as report_comment and the decisions update them.
    reviews = {
        review.pk: review
        for review in CommentReview.objects.select_for_update()
        .filter(comment_id__in=comment_ids)
        .order_by("pk")
    }
    # The decisions that cleared the weight (record_status_change): the system's
    # own changes leave it.
    decided = dict(
        ModerationEvent.objects.filter(comment_id__in=comment_ids, to_status__in=DECISIONS)
        .exclude(actor_name="system")
        .values("comment_id")
        .annotate(last=Max("created_at"))
        .values_list("comment_id", "last")
    )
    threshold = conf.report_threshold()
    for report in reports:
        review = reviews.get(report.comment_id)
        last = decided.get(report.comment_id)
        if review is None or review.report_count == 0 or (last and report.created_at <= last):
            continue
        review.report_count -= 1
        review.report_weight = max(0.0, review.report_weight - report.weight)
        if review.reported_at is not None and review.report_weight < threshold:
            review.reported_at = None
        review.save(update_fields=["report_count", "report_weight", "reported_at"])


def disagree_with(comment: Comment, *, reader: Any) -> bool:
    """Record that a reader disagrees (not a report); return False if they already had."""
    if comment.status not in VISIBLE_STATUSES:
        raise ModerationError("Only published comments can be answered.", "not_visible", 404)
    if comment.author_id == reader.pk:
        raise ModerationError("You cannot disagree with your own comment.", "own")
    check_in_good_standing(reader)
    with transaction.atomic():
        _lock_reader(reader)
        _, created = Disagreement.objects.get_or_create(comment=comment, reader=reader)
    return created


# Appeals.


def appeal_rejection(comment: Comment, *, appellant: Any, reason: str) -> Appeal:
    """Appeal a rejected comment, once, by its author."""
    reason = plain_text(reason, 2001)
    if comment.author_id != appellant.pk:
        raise ModerationError("Only the author can appeal a rejection.", "forbidden", 403)
    if comment.status != CommentStatus.REJECTED:
        raise ModerationError("Only a rejected comment can be appealed.", "not_rejected")
    if not reason or len(reason) > 2000:
        raise ModerationError("Say in up to 2,000 characters why the decision is wrong.", "reason")
    last = (
        ModerationEvent.objects.filter(comment=comment, to_status=CommentStatus.REJECTED)
        .order_by("-created_at", "-pk")
        .first()
    )
    try:
        with transaction.atomic():
            _lock_reader(appellant)
            return Appeal.objects.create(
                comment=comment,
                appellant=appellant,
                reason=reason,
                rejected_by_id=last.actor_id if last else None,
            )
    except IntegrityError as error:
        raise ModerationError("A rejection can be appealed only once.", "duplicate") from error


def decide_appeal(appeal: Appeal, *, moderator: Any, overturn: bool, note: str = "") -> Appeal:
    """Decide an open appeal as a moderator other than the one who rejected the comment."""
    check_can_moderate(moderator)
    with serialised_writes(), transaction.atomic():
        # The comment first, then the appeal: the order of a decision on the
        # comment, which locks it, then grants its appeal. The other order
        # deadlocked on PostgreSQL beside an approval of the same comment. With
        # its parent first, in ascending order, as a batch takes them.
        lock_comments([appeal.comment_id], with_articles=False)
        comment = Comment.objects.select_for_update().get(pk=appeal.comment_id)
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.status != AppealStatus.OPEN:
            raise ModerationError("This appeal has been decided.", "decided")
        if appeal.rejected_by_id == moderator.pk:
            raise ModerationError(
                "A different moderator must decide an appeal of your own rejection.", "same"
            )
        if not overturn and comment.status not in (CommentStatus.REJECTED, CommentStatus.DELETED):
            # A moderator approved or held it since: there is no rejection left to uphold.
            # (A comment its author deleted can only be upheld: it cannot be approved.)
            raise ModerationError(
                "The comment is no longer rejected: grant the appeal instead.", "not_rejected"
            )
        appeal.status = AppealStatus.OVERTURNED if overturn else AppealStatus.UPHELD
        appeal.decided_by = moderator
        note = plain_text(note, 2000)
        appeal.decision_note = note
        appeal.decided_at = timezone.now()
        appeal.save()
        if overturn:
            moderate_comment(
                comment, CommentStatus.APPROVED, moderator=moderator, note=f"appeal: {note}"
            )
        else:
            record_status_change(
                comment=comment,
                actor=moderator,
                from_status=comment.status,
                to_status=comment.status,
                rule=comment.status_rule,
                note=f"{APPEAL_UPHELD}{note}",
            )
    return appeal


# Sanctions and trust.


def sanction_reader(
    reader: Any,
    kind: str,
    *,
    moderator: Any,
    rule: str,
    reason: str,
    days: int | None = None,
    reject_existing: bool = False,
) -> Sanction:
    """Warn, suspend, ban or pre-moderate a reader, citing a rule."""
    check_can_moderate(moderator)
    rule = check_rule(rule)
    reason = plain_text(reason, 2000)
    if kind not in SanctionKind.values:
        raise ModerationError("Choose warn, pre-moderate, suspend or ban.", "kind")
    if not reason:
        raise ModerationError("Give the reader a reason.", "reason")
    if kind == SanctionKind.SUSPEND and not days:
        raise ModerationError("A suspension needs a number of days.", "days")
    if days is not None and not 0 < days <= 3650:
        raise ModerationError("Days must be between 1 and 3650.", "days")
    if reader.pk == moderator.pk:
        raise ModerationError("You cannot sanction yourself.", "self")
    ends_at = timezone.now() + dt.timedelta(days=days) if days else None
    with serialised_writes(), transaction.atomic():
        sanction = Sanction.objects.create(
            reader=reader,
            kind=kind,
            rule=rule,
            reason=reason,
            ends_at=ends_at,
            created_by=moderator,
        )
        if kind == SanctionKind.BAN and reject_existing:
            comments = Comment.objects.filter(author=reader).exclude(
                status__in=[CommentStatus.REJECTED, CommentStatus.DELETED]
            )
            bulk_moderate(
                comments.values_list("pk", flat=True),
                CommentStatus.REJECTED,
                moderator=moderator,
                rule=rule,
                note="author banned",
            )
    return sanction


def revoke_sanction(sanction: Sanction, *, moderator: Any) -> Sanction:
    """End a sanction now, recording who ended it."""
    check_can_moderate(moderator)
    with transaction.atomic():
        Sanction.objects.filter(pk=sanction.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=moderator
        )
    sanction.refresh_from_db()
    return sanction


def is_trusted(reader_id: int) -> bool:
    """Return whether a reader's trust reached the trusted score."""
    trust = ReaderTrust.objects.filter(reader_id=reader_id).first()
    return bool(trust and trust.score >= conf.trusted_score())


# The community standards page.


def ensure_standards_page() -> Any:
    """Return the Community standards page, creating and publishing the default one if needed."""
    from wagtail.models import Site

    from masthead.discussion.moderation.models import CommunityStandardsPage, StandardsRule
    from masthead.discussion.moderation.standards import DEFAULT_INTRO, DEFAULT_RULES, forget_rules

    existing = CommunityStandardsPage.objects.first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ModerationError("The site has no home page yet; load the demo or create one.")
    with transaction.atomic():
        page = CommunityStandardsPage(
            title="Community standards", slug="community-standards", intro=DEFAULT_INTRO
        )
        page.rules = [
            StandardsRule(
                code=rule.code,
                title=rule.title,
                explanation=rule.explanation,
                examples="\n".join(rule.examples),
            )
            for rule in DEFAULT_RULES
        ]
        site.root_page.add_child(instance=page)
        page.save_revision().publish()
    forget_rules()
    return page
