"""Moderation actions: audit log, trust, reports, appeals, sanctions, bulk actions and undo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from pytest_django import Settings

from masthead.discussion.models import Comment
from masthead.discussion.moderation import actions
from masthead.discussion.moderation.actions import ModerationError
from masthead.discussion.moderation.models import (
    CommentReview,
    ModerationEvent,
    ReaderTrust,
    Sanction,
)
from masthead.discussion.moderation.queues import dashboard, queue_comments
from masthead.discussion.moderation.screening import standing
from masthead.discussion.moderation.tests.helpers import make_moderator, make_reader, post
from masthead.testing.factories import make_article
from masthead.testing.races import race

pytestmark = pytest.mark.django_db


def test_every_status_change_is_in_the_audit_log() -> None:
    """Posting and each decision write who, when, from, to, rule and note."""
    article, reader, moderator = make_article(), make_reader(), make_moderator()
    comment = post(article, reader, "Only an idiot would back this.", warning_acknowledged=True)
    actions.moderate_comment(
        comment, "rejected", moderator=moderator, rule="attacks", note="insult"
    )
    events = list(ModerationEvent.objects.filter(comment=comment).order_by("pk"))
    assert [(e.actor_name, e.from_status, e.to_status, e.rule) for e in events] == [
        ("system", "", "held", "attacks"),
        (moderator.username, "held", "rejected", "attacks"),
    ]
    assert events[1].note == "insult" and events[1].actor == moderator


def test_rejection_needs_a_known_rule_and_a_moderator() -> None:
    """Rejections cite a rule of the standards; readers may not moderate."""
    comment = post(make_article(), make_reader(), "A calm remark.")
    moderator = make_moderator()
    with pytest.raises(ModerationError, match="rule"):
        actions.moderate_comment(comment, "rejected", moderator=moderator)
    with pytest.raises(ModerationError, match="rule"):
        actions.moderate_comment(comment, "rejected", moderator=moderator, rule="nonsense")
    with pytest.raises(ModerationError) as refused:
        actions.moderate_comment(comment, "approved", moderator=make_reader())
    assert refused.value.status == 403
    assert Comment.objects.get(pk=comment.pk).status == "published"


def test_trust_grows_with_approvals_and_falls_with_rejections(settings: Settings) -> None:
    """Approved comments raise trust; rejections lower it three times as much."""
    settings.MODERATION_TRUSTED_SCORE = 2
    article, reader, moderator = make_article(), make_reader(), make_moderator()
    first = post(article, reader, "First remark about the pier.")
    post(article, reader, "Second remark about the harbour.")
    assert actions.is_trusted(reader.pk)
    actions.moderate_comment(first, "rejected", moderator=moderator, rule="off-topic")
    trust = ReaderTrust.objects.get(reader=reader)
    assert (trust.approved_count, trust.rejected_count, trust.score) == (1, 1, -2)
    assert not actions.is_trusted(reader.pk)


def test_trust_counts_never_fall_below_zero() -> None:
    """A record from before the app (no approvals counted) stays at zero, not negative."""
    article, reader, moderator = make_article(), make_reader(), make_moderator()
    comment = post(article, reader, "A remark about the tide tables.")
    ReaderTrust.objects.filter(reader=reader).update(approved_count=0)
    actions.moderate_comment(comment, "rejected", moderator=moderator, rule="off-topic")
    trust = ReaderTrust.objects.get(reader=reader)
    assert (trust.approved_count, trust.rejected_count) == (0, 1)


def test_deleting_a_rejected_comment_keeps_the_rejection_in_trust() -> None:
    """A rejection counts against the reader after they delete the rejected comment.

    Before the fix deleting took the rejection back: a reader whose rejections
    had every comment held deleted them and was published again at once.
    """
    from masthead.discussion import actions as discussion_actions

    article, reader, moderator = make_article(), make_reader(), make_moderator()
    for n in range(2):
        comment = post(article, reader, f"Remark {n} about the lock gates.")
        actions.moderate_comment(comment, "rejected", moderator=moderator, rule="off-topic")
    assert post(article, reader, "Another view on the gates.").status == "held"
    for comment in Comment.objects.filter(author=reader, status="rejected"):
        discussion_actions.delete_own_comment(comment, actor=reader)
    trust = ReaderTrust.objects.get(reader=reader)
    assert trust.rejected_count == 2
    assert post(article, reader, "And the weir, once more.").status == "held"


def test_reports_from_different_readers_fill_the_reported_queue(settings: Settings) -> None:
    """Enough weight of reports moves a comment to Reported; trusted readers count double."""
    settings.MODERATION_REPORT_THRESHOLD = 3.0
    comment = post(make_article(), make_reader(), "A remark some readers dislike.")
    actions.report_comment(comment, reporter=make_reader(), rule="attacks")
    assert not queue_comments("reported").exists()
    trusted = make_reader()
    ReaderTrust.objects.create(reader=trusted, approved_count=20)
    actions.report_comment(comment, reporter=trusted, rule="attacks", note="rude")
    assert list(queue_comments("reported")) == [comment]
    review = CommentReview.objects.get(comment=comment)
    assert (review.report_count, review.report_weight) == (2, 3.0)
    actions.moderate_comment(comment, "approved", moderator=make_moderator())
    assert not queue_comments("reported").exists()


def test_reports_are_refused_when_duplicate_own_or_invalid() -> None:
    """One report per reader, none on one's own comment, and the rule must exist."""
    author, reporter = make_reader(), make_reader()
    comment = post(make_article(), author, "A remark.")
    actions.report_comment(comment, reporter=reporter, rule="spam")
    with pytest.raises(ModerationError, match="already"):
        actions.report_comment(comment, reporter=reporter, rule="spam")
    with pytest.raises(ModerationError, match="own"):
        actions.report_comment(comment, reporter=author, rule="spam")
    with pytest.raises(ModerationError, match="rule"):
        actions.report_comment(comment, reporter=make_reader(), rule="<script>")


def test_a_banned_or_suspended_reader_cannot_report_or_disagree() -> None:
    """Reports and "I disagree" are refused like posts; an appeal of one's own rejection is not."""
    author, troll, moderator = make_reader(), make_reader(), make_moderator()
    comment = post(make_article(), author, "A remark.")
    own = post(make_article(), troll, "My own remark.")
    actions.moderate_comment(own, "rejected", moderator=moderator, rule="attacks")
    own.refresh_from_db()
    ban = actions.sanction_reader(troll, "ban", moderator=moderator, rule="spam", reason="Flood")
    for attempt in (
        lambda: actions.report_comment(comment, reporter=troll, rule="spam"),
        lambda: actions.disagree_with(comment, reader=troll),
    ):
        with pytest.raises(ModerationError, match="Flood") as refused:
            attempt()
        assert refused.value.code == "standing" and refused.value.status == 403
    assert not CommentReview.objects.filter(comment=comment).exists()
    assert actions.appeal_rejection(own, appellant=troll, reason="It was fair comment.")
    actions.revoke_sanction(ban, moderator=moderator)
    actions.sanction_reader(
        troll, "suspend", moderator=moderator, rule="spam", reason="Slow down", days=1
    )
    with pytest.raises(ModerationError, match="Slow down"):
        actions.report_comment(comment, reporter=troll, rule="spam")
    Sanction.objects.update(ends_at=timezone.now() - dt.timedelta(minutes=1))
    actions.report_comment(comment, reporter=troll, rule="spam")
    assert actions.disagree_with(comment, reader=troll)


def test_disagreeing_is_not_a_report() -> None:
    """ "I disagree" is recorded once and never adds report weight."""
    comment = post(make_article(), make_reader(), "A contested remark.")
    reader = make_reader()
    assert actions.disagree_with(comment, reader=reader)
    assert not actions.disagree_with(comment, reader=reader)
    assert not CommentReview.objects.filter(comment=comment).exists()


def test_appeal_once_decided_by_a_different_moderator() -> None:
    """A rejection is appealed once; the rejecting moderator cannot decide it."""
    author, first, second = make_reader(), make_moderator(), make_moderator()
    comment = post(make_article(), author, "A remark.")
    actions.moderate_comment(comment, "rejected", moderator=first, rule="attacks")
    comment.refresh_from_db()
    with pytest.raises(ModerationError):
        actions.appeal_rejection(comment, appellant=make_reader(), reason="Not mine")
    appeal = actions.appeal_rejection(comment, appellant=author, reason="It was fair comment.")
    with pytest.raises(ModerationError, match="once"):
        actions.appeal_rejection(comment, appellant=author, reason="Again")
    assert list(queue_comments("appeals")) == [comment]
    with pytest.raises(ModerationError, match="different moderator"):
        actions.decide_appeal(appeal, moderator=first, overturn=True)
    actions.decide_appeal(appeal, moderator=second, overturn=True, note="fair comment")
    assert Comment.objects.get(pk=comment.pk).status == "approved"
    assert not queue_comments("appeals").exists()
    with pytest.raises(ModerationError, match="decided"):
        actions.decide_appeal(appeal, moderator=second, overturn=False)


def test_upheld_appeal_leaves_the_rejection_and_logs_it() -> None:
    """Upholding keeps the comment rejected and writes the decision to the log."""
    author, first, second = make_reader(), make_moderator(), make_moderator()
    comment = post(make_article(), author, "A remark.")
    actions.moderate_comment(comment, "rejected", moderator=first, rule="attacks")
    appeal = actions.appeal_rejection(
        Comment.objects.get(pk=comment.pk), appellant=author, reason="Please"
    )
    actions.decide_appeal(appeal, moderator=second, overturn=False, note="still an insult")
    assert Comment.objects.get(pk=comment.pk).status == "rejected"
    assert ModerationEvent.objects.filter(
        comment=comment, note__startswith="appeal upheld"
    ).exists()


def test_an_appeal_of_a_comment_approved_since_cannot_be_upheld() -> None:
    """Once another moderator held the comment, "upheld" would describe a rejection gone.

    Before the fix the appeal read "Upheld" to its author beside a comment no longer
    rejected, and the audit log recorded an upheld rejection of it. (Approving it
    grants the appeal: see the next test.)
    """
    author, first, second = make_reader(), make_moderator(), make_moderator()
    comment = post(make_article(), author, "The tide tables were wrong all week.")
    actions.moderate_comment(comment, "rejected", moderator=first, rule="off-topic")
    appeal = actions.appeal_rejection(
        Comment.objects.get(pk=comment.pk), appellant=author, reason="It was on topic."
    )
    actions.moderate_comment(Comment.objects.get(pk=comment.pk), "held", moderator=second)
    with pytest.raises(ModerationError, match="no longer rejected"):
        actions.decide_appeal(appeal, moderator=second, overturn=False)
    appeal.refresh_from_db()
    assert appeal.status == "open"
    assert not ModerationEvent.objects.filter(note__startswith="appeal upheld").exists()
    actions.decide_appeal(appeal, moderator=second, overturn=True)
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_approving_an_appealed_comment_grants_its_appeal() -> None:
    """A moderator who approves a rejected comment under appeal decides the appeal too.

    Before the fix the appeal stayed open in the Appeals queue beside a visible
    comment; if the comment was rejected again by another moderator, that
    moderator could uphold an appeal of their own rejection.
    """
    author, first, second = make_reader(), make_moderator(), make_moderator()
    comment = post(make_article(), author, "The tide tables were wrong all week.")
    actions.moderate_comment(comment, "rejected", moderator=first, rule="off-topic")
    appeal = actions.appeal_rejection(
        Comment.objects.get(pk=comment.pk), appellant=author, reason="It was on topic."
    )
    actions.moderate_comment(
        Comment.objects.get(pk=comment.pk), "approved", moderator=second, note="on topic"
    )
    appeal.refresh_from_db()
    assert appeal.status == "overturned" and appeal.decided_by == second
    assert appeal.decided_at is not None and appeal.decision_note == "on topic"
    assert not queue_comments("appeals").exists()
    with pytest.raises(ModerationError, match="decided"):
        actions.decide_appeal(appeal, moderator=first, overturn=False)


def test_a_comment_its_author_deleted_meanwhile_is_not_approved() -> None:
    """A decision is checked on the comment as it is when it is saved.

    Before the fix a moderator's approval of a comment loaded before its author
    deleted it (the queue page, a wait for the write lock) published it again.
    """
    from masthead.discussion import actions as discussion_actions

    author, moderator = make_reader(), make_moderator()
    comment = post(make_article(), author, "A remark about the lock gates.")
    loaded_by_the_moderator = Comment.objects.get(pk=comment.pk)
    discussion_actions.delete_own_comment(comment, actor=author)
    with pytest.raises(ModerationError, match="deleted"):
        actions.moderate_comment(loaded_by_the_moderator, "approved", moderator=moderator)
    assert Comment.objects.get(pk=comment.pk).status == "deleted"


def test_bulk_actions_can_be_undone() -> None:
    """A bulk decision is one batch; undo puts every comment back."""
    article, reader, moderator = make_article(), make_reader(), make_moderator()
    comments = [post(article, reader, f"Remark number {n} on the pier.") for n in range(3)]
    batch = actions.bulk_moderate(
        [c.pk for c in comments], "rejected", moderator=moderator, rule="off-topic"
    )
    assert set(Comment.objects.values_list("status", flat=True)) == {"rejected"}
    assert ModerationEvent.objects.filter(batch=batch).count() == 3
    assert actions.undo_batch(batch, moderator=moderator) == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {"published"}
    with pytest.raises(ModerationError, match="Nothing to undo"):
        actions.undo_batch(batch, moderator=moderator)


def test_undoing_a_bulk_approval_reopens_the_appeal_it_granted() -> None:
    """Undo puts an appeal the batch granted back in the Appeals queue with its rejection.

    A bulk approval grants open appeals; without this the undone comment was
    rejected again beside an appeal reading "Rejection overturned", which its
    author could not make again.
    """
    author, first, second = make_reader(), make_moderator(), make_moderator()
    comment = post(make_article(), author, "The tide tables were wrong all week.")
    actions.moderate_comment(comment, "rejected", moderator=first, rule="off-topic")
    appeal = actions.appeal_rejection(
        Comment.objects.get(pk=comment.pk), appellant=author, reason="It was on topic."
    )
    batch = actions.bulk_moderate([comment.pk], "approved", moderator=second)
    appeal.refresh_from_db()
    assert appeal.status == "overturned"
    actions.undo_batch(batch, moderator=second)
    appeal.refresh_from_db()
    assert Comment.objects.get(pk=comment.pk).status == "rejected"
    assert appeal.status == "open" and appeal.decided_by is None and appeal.decided_at is None
    assert list(queue_comments("appeals")) == [Comment.objects.get(pk=comment.pk)]


def test_sanctions_cite_rules_and_bans_can_reject_existing_comments() -> None:
    """Suspensions end by themselves; a ban may reject the reader's comments."""
    reader, moderator = make_reader(), make_moderator()
    comment = post(make_article(), reader, "A remark.")
    with pytest.raises(ModerationError, match="days"):
        actions.sanction_reader(
            reader, "suspend", moderator=moderator, rule="attacks", reason="Insults"
        )
    actions.sanction_reader(
        reader, "suspend", moderator=moderator, rule="attacks", reason="Insults", days=2
    )
    assert not standing(reader.pk).may_post
    Sanction.objects.update(ends_at=timezone.now() - dt.timedelta(minutes=1))
    assert standing(reader.pk).may_post
    ban = actions.sanction_reader(
        reader, "ban", moderator=moderator, rule="threats", reason="Threats", reject_existing=True
    )
    result = standing(reader.pk)
    assert not result.may_post and result.rule == "threats" and "Threats" in result.reason
    assert Comment.objects.get(pk=comment.pk).status == "rejected"
    actions.revoke_sanction(ban, moderator=moderator)
    assert standing(reader.pk).may_post
    with pytest.raises(ModerationError, match="yourself"):
        actions.sanction_reader(moderator, "warn", moderator=moderator, rule="spam", reason="x")


def test_dashboard_counts_per_day_and_median_time() -> None:
    """The dashboard counts decisions per decision, rule and moderator, and times them."""
    article, reader, moderator = make_article(), make_reader(), make_moderator()
    comment = post(article, reader, "A first remark, https://example.org")
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=30)
    )
    actions.moderate_comment(comment, "approved", moderator=moderator)
    figures = dashboard()
    today = timezone.localdate()
    assert figures.by_decision["held"][today] == 1
    assert figures.by_decision["approved"][today] == 1
    assert figures.by_moderator[moderator.username][today] == 1
    assert figures.by_rule["spam"][today] == 1
    assert figures.median_minutes is not None and 29 <= figures.median_minutes <= 31


def test_standards_page_is_created_once_with_the_ten_rules() -> None:
    """The default standards page holds ten numbered rules whose codes decisions cite."""
    from masthead.discussion.moderation.standards import describe_rule, rules_by_code
    from masthead.testing.factories import make_home

    make_home()
    page = actions.ensure_standards_page()
    assert actions.ensure_standards_page().pk == page.pk
    assert [r.code for _, r in page.numbered_rules()][:3] == ["attacks", "hate", "threats"]
    assert len(rules_by_code()) == 10
    assert describe_rule("threats") == "3. No threats or incitement to violence"


def test_approving_an_approved_reported_comment_clears_its_reports(settings: Settings) -> None:
    """Approving a reported comment a moderator approved before takes it off Reported.

    Before the fix, the approval changed no status, so nothing happened: the
    comment stayed in the Reported queue (a bulk approval skipped it, a single
    one without a rule answered "approved" and left it there), and the audit
    log did not show that a moderator had looked.
    """
    settings.MODERATION_REPORT_THRESHOLD = 1.0
    article, moderator = make_article(), make_moderator()
    first = post(article, make_reader(), "Call me at 0123 456 7890 about the ferry.")
    second = post(article, make_reader(), "Write to harbour@example.org for the timetable.")
    for comment in (first, second):
        assert comment.status == "held"
        actions.moderate_comment(comment, "approved", moderator=moderator)
        approved = Comment.objects.get(pk=comment.pk)
        actions.report_comment(approved, reporter=make_reader(), rule="privacy")
    assert set(queue_comments("reported")) == {first, second}
    actions.moderate_comment(first, "approved", moderator=moderator)
    actions.bulk_moderate([second.pk], "approved", moderator=moderator)
    assert not queue_comments("reported").exists()
    for comment in (first, second):
        latest = ModerationEvent.objects.filter(comment=comment).order_by("-pk").first()
        assert latest is not None
        assert (latest.actor, latest.from_status, latest.to_status) == (
            moderator,
            "approved",
            "approved",
        )


def test_undo_gives_each_comment_back_the_rule_and_reason_it_had() -> None:
    """Undoing a batch restores the rule and the reason its author was shown.

    Before the fix the undone comment kept the batch's rule (none, for a bulk
    approval: a rejection citing no rule) and told its author the reason was
    "undo of a bulk action"; a comment screening held lost "rule 7" and the
    screening's sentence.
    """
    from masthead.discussion.moderation.reader_state import author_view

    article, moderator = make_article(), make_moderator()
    rejected = post(article, make_reader(), "The lighthouse fund was spent on parking.")
    actions.moderate_comment(
        rejected, "rejected", moderator=moderator, rule="off-topic", note="Not about the fund."
    )
    held = post(article, make_reader(), "Ring 0123 456 7890 for the lighthouse tour.")
    assert (held.status, held.status_rule) == ("held", "privacy")
    screening_reason = author_view(held)["reason"]
    approval = actions.bulk_moderate([rejected.pk], "approved", moderator=moderator)
    rejection = actions.bulk_moderate([held.pk], "rejected", moderator=moderator, rule="spam")
    actions.undo_batch(approval, moderator=moderator)
    actions.undo_batch(rejection, moderator=moderator)
    rejected, held = Comment.objects.get(pk=rejected.pk), Comment.objects.get(pk=held.pk)
    assert (rejected.status, rejected.status_rule) == ("rejected", "off-topic")
    assert author_view(rejected)["reason"] == "Not about the fund."
    assert (held.status, held.status_rule) == ("held", "privacy")
    assert author_view(held)["reason"] == screening_reason
    latest = ModerationEvent.objects.filter(comment=held).order_by("-pk").first()
    assert latest is not None and latest.note == "undo of a bulk action"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_undo_leaves_alone_a_decision_made_while_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A moderator's decision committed while an undo runs is kept, not undone.

    Before the fix the undo compared the status it had read before locking the
    comment: on PostgreSQL, where no file lock serialises writers, a rejection
    another moderator committed meanwhile was overwritten by the undo's "held".
    (SQLite runs every moderator write one at a time, so only PostgreSQL races.)
    """
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock lets no decision in while an undo runs")
    article, first, second = make_article(), make_moderator(), make_moderator()
    comment = post(article, make_reader(), "Ring 0123 456 7890 about the harbour fair.")
    batch = actions.bulk_moderate([comment.pk], "approved", moderator=first)
    undo_has_read, decided = threading.Event(), threading.Event()
    lock_batch = actions._lock_batch

    def slow_lock_batch(comment_ids: list[int]) -> None:
        # The batch's events are read; its comments are not locked yet.
        undo_has_read.set()
        decided.wait(30)
        lock_batch(comment_ids)

    monkeypatch.setattr(actions, "_lock_batch", slow_lock_batch)
    outcome: dict[str, str] = {}

    def undo() -> None:
        try:
            outcome["undone"] = str(actions.undo_batch(batch, moderator=first))
        except ModerationError as error:  # The outcome is the assertion.
            outcome["undone"] = error.code
        finally:
            connections.close_all()

    thread = threading.Thread(target=undo)
    thread.start()
    assert undo_has_read.wait(30)
    actions.moderate_comment(comment, "rejected", moderator=second, rule="spam")
    decided.set()
    thread.join(60)
    assert outcome == {"undone": "undo"}
    assert Comment.objects.get(pk=comment.pk).status == "rejected"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_appeal_decided_beside_an_approval_of_its_comment_does_not_deadlock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upholding an appeal while another moderator approves its comment: both finish.

    Before the fix the appeal's decision locked the appeal, then the comment's
    review; the approval locks the comment and its review, then the appeal it
    grants. On PostgreSQL each waited for the other until the database broke the
    deadlock by failing one of them. (SQLite runs them one at a time.)
    """
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock runs moderator writes one at a time")
    author, first, second, third = make_reader(), *(make_moderator() for _ in range(3))
    comment = post(make_article(), author, "The harbour fair should move to August.")
    actions.report_comment(comment, reporter=make_reader(), rule="off-topic")
    actions.moderate_comment(comment, "rejected", moderator=first, rule="off-topic")
    appeal = actions.appeal_rejection(
        Comment.objects.get(pk=comment.pk), appellant=author, reason="It is about the fair."
    )
    appeal_locked, go_on = threading.Event(), threading.Event()
    plain_text = actions.plain_text

    def slow_plain_text(value: object, limit: int) -> str:
        if threading.current_thread().name == "appeal":
            appeal_locked.set()
            go_on.wait(30)
        return plain_text(value, limit)

    monkeypatch.setattr(actions, "plain_text", slow_plain_text)
    outcome = race(
        ("appeal", lambda: actions.decide_appeal(appeal, moderator=second, overturn=False)),
        ("approval", lambda: actions.moderate_comment(comment, "approved", moderator=third)),
        paused=appeal_locked,
        go_on=go_on,
    )
    assert outcome == {"appeal": "ok", "approval": "ok"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("write", ["report", "disagree", "appeal"])
def test_a_readers_write_sent_while_their_account_is_deleted_is_refused(
    monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    """A report, an "I disagree" or an appeal sent from another session while its
    reader's account is being deleted is refused, "This account has been deleted.",
    and leaves nothing behind.

    Before the fix these writes did not lock the reader's row: on PostgreSQL
    each waited at its commit for the deletion and then failed on its foreign
    key, a report and an appeal as "already sent" and "I disagree" with an
    IntegrityError (a 500). (SQLite runs them one at a time.)
    """
    import threading

    from django.db import connection

    from masthead.discussion import actions as discussion_actions
    from masthead.discussion.moderation.models import Appeal, Disagreement, Report

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock lets no write in while an account is deleted")
    leaving, other = make_reader(), make_reader()
    article = make_article()
    if write == "appeal":
        comment = post(article, leaving, "The Wrenmoor ferry should run on Sundays.")
        actions.moderate_comment(comment, "rejected", moderator=make_moderator(), rule="spam")
        comment = Comment.objects.get(pk=comment.pk)
    else:
        comment = post(article, other, "The Wrenmoor ferry should run on Sundays.")
    writes = {
        "report": lambda: actions.report_comment(comment, reporter=leaving, rule="spam"),
        "disagree": lambda: actions.disagree_with(comment, reader=leaving),
        "appeal": lambda: actions.appeal_rejection(
            comment, appellant=leaving, reason="It is about the ferry."
        ),
    }
    listed, go_on = threading.Event(), threading.Event()
    forget = discussion_actions._forget_reader_in_moderation

    def slow_forget(user: Any) -> None:
        if threading.current_thread().name == "delete":
            listed.set()
            go_on.wait(30)
        forget(user)

    monkeypatch.setattr(discussion_actions, "_forget_reader_in_moderation", slow_forget)
    outcome = race(
        ("delete", lambda: discussion_actions.delete_account(leaving)),
        (write, writes[write]),
        paused=listed,
        go_on=go_on,
        refused=(ModerationError, discussion_actions.DiscussionError),
    )
    assert outcome == {"delete": "ok", write: "refused: This account has been deleted."}, outcome
    assert not Report.objects.exists() and not Disagreement.objects.exists()
    assert not Appeal.objects.exists()
    assert not CommentReview.objects.filter(report_count__gt=0).exists()


def test_a_deleted_readers_reports_stop_counting(settings: Settings) -> None:
    """Deleting an account takes its reports off the comments' report weight and count:
    a comment below the threshold without them leaves the Reported queue, and a
    report a moderator's decision already cleared is not counted down again.

    Before the fix the reports went with the account but their weight stayed:
    a comment reported by that reader stayed in the Reported queue, its count
    naming reports that no longer existed.
    """
    from masthead.discussion import actions as discussion_actions

    settings.MODERATION_REPORT_THRESHOLD = 3.0
    article, leaving, first, second = make_article(), make_reader(), make_reader(), make_reader()
    reported = post(article, make_reader(), "The Kelby lido should open at six.")
    cleared = post(article, make_reader(), "The Kelby lido should close in winter.")
    for reporter in (leaving, first, second):
        actions.report_comment(reported, reporter=reporter, rule="spam")
    actions.report_comment(cleared, reporter=leaving, rule="spam")
    actions.moderate_comment(cleared, "approved", moderator=make_moderator())
    actions.report_comment(cleared, reporter=first, rule="spam")
    assert list(queue_comments("reported")) == [reported]

    discussion_actions.delete_account(leaving)

    assert not queue_comments("reported").exists()
    review = CommentReview.objects.get(comment=reported)
    assert (review.report_count, review.report_weight) == (2, 2.0)
    assert review.reported_at is None
    review = CommentReview.objects.get(comment=cleared)
    assert (review.report_count, review.report_weight) == (1, 1.0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_sent_beside_a_decision_on_its_comment_does_not_deadlock(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    """A report committed while a moderator approves its comment: both finish.

    Before the fix the report updated the comment's review, then its foreign key
    took its share of the comment's row at the commit; the decision locks the
    comment, then updates its review. On PostgreSQL each waited for the other
    until the database broke the deadlock by failing one of them. (SQLite runs
    them one at a time.)
    """
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock runs these writes one at a time")
    settings.MODERATION_REPORT_THRESHOLD = 3.0
    comment = post(make_article(), make_reader(), "The Tarnby market should stay on Fridays.")
    actions.report_comment(comment, reporter=make_reader(), rule="spam")  # Its review exists.
    reporter, moderator = make_reader(), make_moderator()
    counted, go_on = threading.Event(), threading.Event()
    threshold = actions.conf.report_threshold

    def slow_threshold() -> float:
        if threading.current_thread().name == "report":
            counted.set()  # The review is updated, the report not yet committed.
            go_on.wait(30)
        return threshold()

    monkeypatch.setattr(actions.conf, "report_threshold", slow_threshold)
    outcome = race(
        ("report", lambda: actions.report_comment(comment, reporter=reporter, rule="spam")),
        ("approval", lambda: actions.moderate_comment(comment, "approved", moderator=moderator)),
        paused=counted,
        go_on=go_on,
    )
    assert outcome == {"report": "ok", "approval": "ok"}, outcome
    # The decision came after the report: it reviewed it.
    review = CommentReview.objects.get(comment=comment)
    assert (review.report_count, review.reported_at) == (0, None)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bulk_action_beside_an_account_deletion_does_not_deadlock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A moderator's bulk hold over two comments on one article, one of them by a
    reader who deletes their account meanwhile: both finish.

    Before the fix the bulk action locked each comment only when it came to it,
    after the previous one had updated the article's discussion row: it held the
    first comment and that row, the deletion held the reader's comment and
    waited for the row, and on PostgreSQL the bulk action then waited for the
    reader's comment until the database failed one of them as a deadlock.
    (SQLite runs them one at a time.)
    """
    import threading

    from django.db import connection

    from masthead.discussion import actions as discussion_actions

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock runs moderator writes and deletions one at a time")
    article, leaving, moderator = make_article(), make_reader(), make_moderator()
    first = post(article, make_reader(), "The Ostrey ferry timetable changed in May.")
    second = post(article, leaving, "It changes again in September, I hear.")
    decided, go_on = threading.Event(), threading.Event()
    moderate_comment = actions.moderate_comment

    def slow_moderate_comment(comment: Comment, to_status: str, **kwargs: Any) -> Comment:
        changed = moderate_comment(comment, to_status, **kwargs)
        if threading.current_thread().name == "bulk" and not decided.is_set():
            decided.set()  # The first comment is held, the article's row updated.
            go_on.wait(30)
        return changed

    monkeypatch.setattr(actions, "moderate_comment", slow_moderate_comment)
    outcome = race(
        ("bulk", lambda: actions.bulk_moderate([first.pk, second.pk], "held", moderator=moderator)),
        ("delete", lambda: discussion_actions.delete_account(leaving)),
        paused=decided,
        go_on=go_on,
    )
    assert outcome == {"bulk": "ok", "delete": "ok"}, outcome
    assert Comment.objects.get(pk=first.pk).status == "held"
    assert Comment.objects.get(pk=second.pk).status == "deleted"
