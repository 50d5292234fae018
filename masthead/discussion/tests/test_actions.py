"""Posting, editing, deleting, reacting and status changes through actions.py."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from masthead.discussion import actions
from masthead.discussion.models import ArticleDiscussion, Comment, CommentStatus, Reaction
from masthead.discussion.moderation import screening
from masthead.discussion.signals import comment_status_changed
from masthead.testing.races import race

from .conftest import make_reader

pytestmark = pytest.mark.django_db


def post(author: Any, article: Any, text: str = "A considered view.", **kw: Any) -> Comment:
    result = actions.post_comment(author=author, article=article, text=text, **kw)
    assert result.comment is not None
    return result.comment


def count_of(article: Any) -> int:
    return ArticleDiscussion.objects.get(article_id=article.pk).comment_count


def test_post_stores_screening_decision_and_counts(article: Any, reader: Any) -> None:
    """A new comment is published, keeps the decision as JSON and counts once."""
    comment = post(reader, article, "The harbour plan is **late** again.")
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.screening["verdict"] == "approve"
    assert comment.body_html == "<p>The harbour plan is <strong>late</strong> again.</p>"
    assert count_of(article) == 1


def test_signal_sent_for_first_status(article: Any, reader: Any) -> None:
    """The first status is announced from "" with the system as actor."""
    seen: list[dict[str, Any]] = []

    def record(**kwargs: Any) -> None:
        seen.append(kwargs)

    comment_status_changed.connect(record)
    try:
        comment = post(reader, article)
    finally:
        comment_status_changed.disconnect(record)
    assert seen[0]["from_status"] == "" and seen[0]["to_status"] == "published"
    assert seen[0]["actor"] is None and seen[0]["comment"].pk == comment.pk


@pytest.mark.parametrize(
    ("verdict", "status"), [("hold", "held"), ("reject", "rejected"), ("approve", "published")]
)
def test_verdict_sets_status(article: Any, reader: Any, verdict: str, status: str) -> None:
    """Screening's verdict decides the first status; only visible ones are counted."""
    decision = screening.Decision(verdict, rule="R2")  # type: ignore[arg-type]
    with mock.patch.object(screening, "screen", return_value=decision):
        comment = post(reader, article)
    assert comment.status == status
    assert comment.screening_rule == "R2"
    assert count_of(article) == (1 if status == "published" else 0)


def test_warning_saves_nothing_until_acknowledged(article: Any, reader: Any) -> None:
    """A warning returns the rule without saving; acknowledging saves the comment."""
    decision = screening.Decision("hold", rule="R10", warn=True)
    with mock.patch.object(screening, "screen", return_value=decision):
        first = actions.post_comment(author=reader, article=article, text="Hmm")
        assert first.comment is None and first.warning is not None
        assert first.warning.rule == "R10"
        assert not Comment.objects.exists()
        second = actions.post_comment(
            author=reader, article=article, text="Hmm", warning_acknowledged=True
        )
    assert second.comment is not None and second.comment.warning_acknowledged


def test_banned_reader_cannot_post(article: Any, reader: Any) -> None:
    """A reader whose standing forbids posting gets the reason and the rule."""
    with (
        mock.patch.object(
            screening,
            "standing",
            return_value=screening.Standing(False, "Suspended until Friday.", "R4"),
        ),
        pytest.raises(actions.DiscussionError) as error,
    ):
        post(reader, article)
    assert "Suspended until Friday" in error.value.message and "R4" in error.value.message


def test_length_limit_and_empty(article: Any, reader: Any) -> None:
    """Over 5,000 characters or blank text is refused with a clear message."""
    with pytest.raises(actions.DiscussionError, match="limit is 5,000"):
        post(reader, article, "x" * 5001)
    with pytest.raises(actions.DiscussionError, match="Write something"):
        post(reader, article, "   \n  ")
    assert post(reader, article, "y" * 5000).body == "y" * 5000


def test_replies_nest_and_count(article: Any, reader: Any, other_reader: Any) -> None:
    """Replies know their thread root and depth; visible replies are counted."""
    top = post(reader, article)
    reply = post(other_reader, article, parent=top)
    deeper = post(reader, article, parent=reply)
    assert (reply.root_id, reply.depth) == (top.pk, 1)
    assert (deeper.root_id, deeper.depth) == (top.pk, 2)
    top.refresh_from_db()
    assert top.reply_count == 1
    assert count_of(article) == 3


def _shown(article: Any) -> list[int]:
    """Return the ids a reader sees in the article's first page of threads, in order."""
    from masthead.discussion import threads

    page = threads.load_page(article.pk, sort="oldest", tab="all", number=1)
    found: list[int] = []
    pending = list(page.nodes)
    while pending:
        node = pending.pop(0)
        found.append(node.comment.pk)
        pending.extend(node.children)
    return found


def test_a_placeholder_under_a_placeholder_keeps_its_visible_reply(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """A deleted comment whose only reply is a placeholder stays, so the visible reply shows.

    Before the fix the top comment counted only visible replies: it left the
    thread, and the visible reply two levels down went with it.
    """
    top = post(reader, article, "The Wenmoor ferry should run past midnight.")
    middle = post(other_reader, article, "Only in summer.", parent=top)
    bottom = post(reader, article, "Winter is when the night shift needs it.", parent=middle)
    actions.delete_own_comment(middle, actor=other_reader)
    actions.delete_own_comment(top, actor=reader)
    assert _shown(article) == [top.pk, middle.pk, bottom.pk]
    assert count_of(article) == 1
    actions.delete_own_comment(bottom, actor=reader)
    assert _shown(article) == []
    assert count_of(article) == 0
    assert set(Comment.objects.values_list("reply_count", flat=True)) == {0}


@pytest.mark.parametrize("status", [CommentStatus.REJECTED, CommentStatus.HELD])
def test_a_comment_hidden_by_a_moderator_keeps_its_replies_in_the_thread(
    article: Any, reader: Any, other_reader: Any, status: str
) -> None:
    """Replies to a comment a moderator hides stay, under a "Comment removed"
    placeholder, as they do under a deleted one; the article's count (visible
    comments) is what the thread shows.

    Before the fix the replies left the thread with it while the count kept
    them (and the live page kept them under a placeholder until a reload).
    """
    from masthead.discussion import live
    from masthead.discussion.threads import Node

    top = post(reader, article, "The Wenmoor ferry should run past midnight.")
    reply = post(other_reader, article, "The night crew agrees.", parent=top)
    deeper = post(reader, article, "So does the harbour cafe.", parent=reply)
    reply = actions.change_status(reply, status, actor=None, rule="R2")
    assert _shown(article) == [top.pk, reply.pk, deeper.pk]
    assert count_of(article) == 2
    html = live.render_nodes([Node(reply, 1)], article.pk, alone=True)
    assert "Comment removed" in html and "The night crew agrees." not in html
    # Its last shown reply gone, the placeholder leaves the thread and its
    # parent's count of replies follows.
    actions.delete_own_comment(deeper, actor=reader)
    assert _shown(article) == [top.pk]
    assert set(Comment.objects.values_list("reply_count", flat=True)) == {0}
    # Approved again with no replies, it is back as a comment.
    actions.change_status(reply, CommentStatus.APPROVED, actor=None)
    assert _shown(article) == [top.pk, reply.pk]
    top.refresh_from_db()
    assert top.reply_count == 1


def test_replies_are_recounted_under_the_placeholder_rule(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """The migration's recount gives every comment its shown replies, hidden
    comments with shown replies included, from the deepest up."""
    import importlib

    from django.apps import apps

    recount = importlib.import_module(
        "masthead.discussion.migrations.0005_hidden_comments_keep_replies"
    ).recount_replies
    top = post(reader, article, "The quay lights are out again.")
    middle = post(other_reader, article, "Since Tuesday.", parent=top)
    bottom = post(reader, article, "Wednesday, by the fish market.", parent=middle)
    lone = post(other_reader, article, "The council was told.", parent=top)
    actions.change_status(middle, CommentStatus.REJECTED, actor=None, rule="R1")
    actions.change_status(lone, CommentStatus.REJECTED, actor=None, rule="R1")
    expected = dict(Comment.objects.values_list("pk", "reply_count"))
    assert expected == {top.pk: 1, middle.pk: 1, bottom.pk: 0, lone.pk: 0}
    Comment.objects.update(reply_count=0)  # As a rejected comment's left them.
    Comment.objects.filter(pk=middle.pk).update(reply_count=1)
    recount(apps, None)
    assert dict(Comment.objects.values_list("pk", "reply_count")) == expected


def test_reply_to_other_article_refused(article: Any, reader: Any) -> None:
    """A reply must answer a visible comment of the same article."""
    from masthead.testing.factories import make_article

    elsewhere = post(reader, make_article())
    with pytest.raises(actions.DiscussionError, match="another article"):
        post(reader, article, parent=elsewhere)


def test_edit_rescreens_and_marks_edited(article: Any, reader: Any) -> None:
    """An edit is screened again, re-rendered and marked edited."""
    comment = post(reader, article)
    with mock.patch.object(screening, "screen", wraps=screening.screen) as screen:
        result = actions.edit_comment(comment, actor=reader, text="Second *thoughts*.")
    submission = screen.call_args.args[0]
    assert submission.is_edit and submission.comment_id == comment.pk
    assert result.comment is not None and result.comment.is_edited
    assert result.comment.body_html == "<p>Second <em>thoughts</em>.</p>"


def test_edit_held_by_screening_changes_status(article: Any, reader: Any) -> None:
    """An edit that screening holds hides the comment and fixes the count."""
    comment = post(reader, article)
    with mock.patch.object(screening, "screen", return_value=screening.Decision("hold", "R1")):
        actions.edit_comment(comment, actor=reader, text="Changed")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    assert count_of(article) == 0


def test_edit_window_and_owner(article: Any, reader: Any, other_reader: Any) -> None:
    """Only the author edits, and only within the window."""
    comment = post(reader, article)
    with pytest.raises(actions.DiscussionError, match="your own"):
        actions.edit_comment(comment, actor=other_reader, text="Mine now")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    comment.refresh_from_db()
    with pytest.raises(actions.DiscussionError, match="time to edit"):
        actions.edit_comment(comment, actor=reader, text="Too late")


def test_delete_keeps_placeholder_counts(article: Any, reader: Any, other_reader: Any) -> None:
    """Deleting hides the comment, updates counts, and keeps it as a thread placeholder."""
    top = post(reader, article)
    post(other_reader, article, parent=top)
    actions.delete_own_comment(top, actor=reader)
    top.refresh_from_db()
    assert top.status == CommentStatus.DELETED
    assert count_of(article) == 1
    assert Comment.objects.in_thread().filter(pk=top.pk).exists()


def test_one_reaction_per_reader(article: Any, reader: Any, other_reader: Any) -> None:
    """Reacting twice counts once; withdrawing brings the count back."""
    comment = post(reader, article)
    assert actions.react(comment, user=other_reader) == 1
    assert actions.react(comment, user=other_reader) == 1
    assert Reaction.objects.count() == 1
    with pytest.raises(actions.DiscussionError, match="own comment"):
        actions.react(comment, user=reader)
    assert actions.unreact(comment, user=other_reader) == 0


def test_a_reaction_checks_the_comment_as_it_is_now(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """A recommendation of a comment a moderator hid after the reader's request loaded
    it is refused, and the comment's count stays as it was.

    Before the fix the comment was checked as the request loaded it, outside the
    write lock: the reaction to the hidden comment was stored and counted, and
    showed again with the comment if it was approved later.
    """
    comment = post(reader, article, "The Gullhaven pier reopens in May.")
    loaded_by_the_request = Comment.objects.get(pk=comment.pk)
    actions.change_status(comment, CommentStatus.HELD, actor=None, note="a moderator")
    with pytest.raises(actions.DiscussionError, match="visible comments"):
        actions.react(loaded_by_the_request, user=other_reader)
    assert Reaction.objects.count() == 0
    assert Comment.objects.get(pk=comment.pk).reaction_count == 0


def test_a_recommendation_is_withdrawn_from_a_comment_hidden_since(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """A reader withdraws their recommendation of a comment a moderator hid while
    their page still showed it; approved again, it shows no recommendation.

    Before the fix the withdrawal was checked like a new recommendation, on the
    comment as the request loaded it and outside the write lock: a comment
    hidden before the request was refused ("You can only react to visible
    comments"), and the reaction the reader had taken back came back with the
    comment when a moderator approved it.
    """
    comment = post(reader, article, "Paint the Gullhaven buoys orange.")
    assert actions.react(comment, user=other_reader) == 1
    actions.change_status(comment, CommentStatus.HELD, actor=None, note="a moderator")
    hidden = Comment.objects.get(pk=comment.pk)
    assert actions.unreact(hidden, user=other_reader) == 0
    assert actions.unreact(hidden, user=other_reader) == 0  # Counted down once only.
    actions.change_status(comment, CommentStatus.APPROVED, actor=None, note="a moderator")
    assert Reaction.objects.count() == 0
    assert Comment.objects.get(pk=comment.pk).reaction_count == 0


def test_a_banned_or_suspended_reader_cannot_react(article: Any, reader: Any) -> None:
    """A sanction that stops posting stops recommending too; withdrawing stays open."""
    from masthead.discussion.moderation import actions as moderation
    from masthead.discussion.moderation.tests.helpers import make_moderator

    comment, other = post(reader, article), post(reader, article, "A second view.")
    troll, moderator = make_reader("Troll"), make_moderator()
    assert actions.react(comment, user=troll) == 1
    ban = moderation.sanction_reader(
        troll, "ban", moderator=moderator, rule="attacks", reason="Abuse"
    )
    with pytest.raises(actions.DiscussionError, match="Abuse") as refused:
        actions.react(other, user=troll)
    assert refused.value.code == "standing" and refused.value.status == 403
    assert actions.unreact(comment, user=troll) == 0
    moderation.revoke_sanction(ban, moderator=moderator)
    moderation.sanction_reader(
        troll, "suspend", moderator=moderator, rule="attacks", reason="Cool off", days=1
    )
    with pytest.raises(actions.DiscussionError, match="Cool off"):
        actions.react(other, user=troll)
    assert Reaction.objects.count() == 0


def test_change_status_by_moderator(article: Any, reader: Any) -> None:
    """Moderators' changes go through change_status with their rule and note."""
    moderator = make_reader("Moderator", is_staff=True)
    with mock.patch.object(screening, "screen", return_value=screening.Decision("hold", "R3")):
        comment = post(reader, article)
    seen: list[dict[str, Any]] = []
    comment_status_changed.connect(lambda **kw: seen.append(kw), weak=False, dispatch_uid="t")
    try:
        comment = actions.change_status(
            comment, CommentStatus.APPROVED, actor=moderator, rule="", note="fine in context"
        )
    finally:
        comment_status_changed.disconnect(dispatch_uid="t")
    assert comment.status == "approved" and count_of(article) == 1
    assert seen[0]["from_status"] == "held" and seen[0]["actor"] == moderator
    with pytest.raises(actions.DiscussionError):
        actions.change_status(comment, "nonsense", actor=moderator)


def test_closed_and_read_only(
    article: Any, reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Closed articles and the site-wide switch refuse new comments."""
    from masthead.discussion.permissions import site_settings

    actions.set_article_mode(article, mode="closed")
    with pytest.raises(actions.DiscussionError, match="closed"):
        post(reader, article)
    actions.set_article_mode(article, mode="open")
    post(reader, article)
    settings = site_settings()
    settings.read_only = True
    with django_capture_on_commit_callbacks(execute=True):  # The cached settings go on commit.
        settings.save()
    with pytest.raises(actions.DiscussionError, match="paused"):
        post(reader, article)


def test_auto_close_after_days(reader: Any) -> None:
    """Auto mode closes the discussion N days after publication."""
    from masthead.testing.factories import make_article

    old = make_article(published_at=timezone.now() - dt.timedelta(days=20))
    with pytest.raises(actions.DiscussionError, match="closed"):
        post(reader, old)  # The site default closes after 14 days.
    actions.set_article_mode(old, mode="auto", close_after_days=30)
    post(reader, old)


def test_reply_notification_opt_in(
    article: Any, reader: Any, other_reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Only readers who opted in are emailed, with a one-click unsubscribe header."""
    top = post(reader, article)
    with django_capture_on_commit_callbacks(execute=True):
        post(other_reader, article, parent=top)
    assert mail.outbox == []
    actions.set_display_name(reader, "Marta Quill", notify_replies=True)
    with django_capture_on_commit_callbacks(execute=True):
        post(other_reader, article, "I see it differently.", parent=top)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reader.email]
    assert "Teodor Vance replied" in message.subject
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_reply_email_about_a_comment_its_author_deleted(
    article: Any, reader: Any, other_reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A held reply approved after its parent was deleted tells no one "replied to your comment"."""
    from masthead.discussion.moderation.actions import moderate_comment
    from masthead.discussion.moderation.tests.helpers import make_moderator

    actions.set_display_name(reader, "Marta Quill", notify_replies=True)
    top = post(reader, article)
    with mock.patch.object(
        screening, "screen", return_value=screening.Decision("hold", rule="R10")
    ):
        held = post(other_reader, article, "Was the pier survey ever published?", parent=top)
    actions.delete_own_comment(top, actor=reader)
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(held, CommentStatus.APPROVED, moderator=make_moderator())
    assert mail.outbox == []


def test_a_reply_hidden_and_shown_again_is_announced_once(
    article: Any, reader: Any, other_reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A reply held by a moderator and approved again sends no second email; a held new
    reply still sends its first when approved.

    Before the fix every change from held to visible counted as the first showing.
    """
    from masthead.discussion.moderation.actions import moderate_comment
    from masthead.discussion.moderation.tests.helpers import make_moderator

    actions.set_display_name(reader, "Marta Quill", notify_replies=True)
    top = post(reader, article)
    moderator = make_moderator()
    with django_capture_on_commit_callbacks(execute=True):
        reply = post(other_reader, article, "I see it differently.", parent=top)
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(reply, CommentStatus.HELD, moderator=moderator, note="checking")
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(reply, CommentStatus.APPROVED, moderator=moderator)
    assert len(mail.outbox) == 1
    with mock.patch.object(
        screening, "screen", return_value=screening.Decision("hold", rule="R10")
    ):
        held = post(other_reader, article, "A second thought.", parent=top)
    assert held.status == CommentStatus.HELD and len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(held, CommentStatus.APPROVED, moderator=moderator)
    assert len(mail.outbox) == 2


def test_delete_account_blanks_comments(article: Any, reader: Any, other_reader: Any) -> None:
    """Deleting an account removes texts and reactions and keeps reply placeholders."""
    top = post(reader, article)
    reply = post(other_reader, article, parent=top)
    actions.react(reply, user=reader)
    actions.delete_account(reader)
    top.refresh_from_db()
    reply.refresh_from_db()
    assert top.author is None and top.body == "" and top.status == "deleted"
    assert reply.reaction_count == 0
    assert Comment.objects.in_thread().filter(pk=top.pk).exists()
    assert count_of(article) == 1


def test_a_prolific_readers_account_is_deleted_a_batch_of_comments_at_a_time(
    article: Any, reader: Any, other_reader: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleting an account with many comments holds the write lock for one batch at a time.

    Before, every comment went in one transaction under the write lock: a reader
    with 5,000 comments held every other reader's post back for about 18 s.
    """
    import contextlib
    from collections.abc import Iterator

    comments = [post(reader, article, f"Notes from the Carrow quay, week {n}.") for n in range(5)]
    reply = post(other_reader, article, parent=comments[0])
    monkeypatch.setattr(actions, "ACCOUNT_DELETION_BATCH", 2)
    holds: list[int] = []
    depth = [0]
    real = actions.serialised_writes

    @contextlib.contextmanager
    def counted() -> Iterator[None]:
        if depth[0] == 0:
            holds.append(0)
        depth[0] += 1
        try:
            with real():
                yield
        finally:
            depth[0] -= 1

    def deleted(sender: Any, comment: Comment, to_status: str, **kwargs: Any) -> None:
        if to_status == CommentStatus.DELETED:
            holds[-1] += 1

    monkeypatch.setattr(actions, "serialised_writes", counted)
    comment_status_changed.connect(deleted, dispatch_uid="test-deletion-batches")
    try:
        actions.delete_account(reader)
    finally:
        comment_status_changed.disconnect(dispatch_uid="test-deletion-batches")
    assert sum(holds) == 5 and max(holds) <= 2
    for comment in comments:
        comment.refresh_from_db()
        assert (comment.status, comment.body, comment.author_id) == ("deleted", "", None)
    assert Comment.objects.in_thread().filter(pk=comments[0].pk).exists()  # Over its reply.
    reply.refresh_from_db()
    assert reply.status != CommentStatus.DELETED


def test_delete_account_leaves_no_name_in_the_audit_log(article: Any, reader: Any) -> None:
    """The audit log of a comment its author deleted keeps no username after the account goes.

    The entry's actor becomes null with the account; its actor name (the
    username, here the reader's email address) stayed until this was fixed.
    """
    from masthead.discussion.moderation.models import ModerationEvent

    comment = post(reader, article, "The lighthouse at Carrow Point should stay lit.")
    actions.delete_own_comment(comment, actor=reader)
    username = reader.get_username()
    actions.delete_account(reader)
    events = ModerationEvent.objects.filter(comment_id=comment.pk)
    assert events.count() == 2  # Posted, then deleted by its author.
    assert username not in set(events.values_list("actor_name", flat=True))
    assert events.filter(note="deleted by author", actor_name="deleted account").exists()


def test_delete_account_blanks_the_reason_of_an_appeal(article: Any, reader: Any) -> None:
    """An appeal stays with its comment after the account goes, without the reader's words."""
    from masthead.discussion.moderation import actions as moderation
    from masthead.discussion.moderation.models import Appeal
    from masthead.discussion.moderation.tests.helpers import make_moderator

    comment = post(reader, article, "The Carrow ferry fares doubled in a year.")
    moderation.moderate_comment(comment, "rejected", moderator=make_moderator(), rule="attacks")
    comment.refresh_from_db()
    moderation.appeal_rejection(comment, appellant=reader, reason="I quoted the fare table.")
    actions.delete_account(reader)
    appeal = Appeal.objects.get(comment=comment)
    assert appeal.appellant is None and appeal.reason == ""


def test_an_edit_keeps_a_moderators_hold(article: Any, reader: Any) -> None:
    """A comment a moderator held stays held after its author edits it; the edit is screened.

    Before the fix a one-character edit re-screened clean and published it again.
    """
    from masthead.discussion.moderation.actions import moderate_comment
    from masthead.discussion.moderation.tests.helpers import make_moderator

    comment = post(reader, article, "The harbour board's ferry figures do not add up.")
    moderate_comment(comment, CommentStatus.HELD, moderator=make_moderator(), note="check")
    result = actions.edit_comment(
        comment, actor=reader, text="The harbour board's ferry figures do not add up!"
    )
    assert result.comment is not None
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    assert comment.body.endswith("up!") and comment.screening_verdict == "approve"


def test_an_edit_checks_the_comment_as_it_is_now(article: Any, reader: Any) -> None:
    """A rejection made after the edit form loaded the comment refuses the edit.

    Before the fix the permission check ran on the stale copy and the edit
    published the rejected comment again.
    """
    from masthead.discussion.moderation.actions import moderate_comment
    from masthead.discussion.moderation.tests.helpers import make_moderator

    comment = post(reader, article, "The harbour board's ferry figures do not add up.")
    loaded_by_the_form = Comment.objects.select_related("article").get(pk=comment.pk)
    moderate_comment(comment, CommentStatus.REJECTED, moderator=make_moderator(), rule="attacks")
    with pytest.raises(actions.DiscussionError):
        actions.edit_comment(loaded_by_the_form, actor=reader, text="Still do not add up.")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.body == "The harbour board's ferry figures do not add up."


def test_display_names_differing_only_in_case_beyond_ascii_are_taken() -> None:
    """ "élodie ørsted" is taken when "Élodie Ørsted" exists, as "marta" is beside "Marta".

    Before the fix the check used SQLite's case-insensitive match, which folds
    only ASCII letters, and accepted the second name.
    """
    make_reader("Élodie Ørsted")
    impostor = make_reader()
    for name in ("élodie ørsted", "ÉLODIE ØRSTED"):
        with pytest.raises(actions.DiscussionError):
            actions.set_display_name(impostor, name, notify_replies=False)
    actions.set_display_name(impostor, "Élodie Ørstedt", notify_replies=False)


@pytest.mark.parametrize(
    "hidden",
    [
        "\u034f",  # combining grapheme joiner
        "\ufe0f",  # variation selector 16
        "\U000e0100",  # variation selector 17
        "\u180b",  # Mongolian free variation selector
        "\u17b4",  # Khmer inherent vowel, drawn as nothing
    ],
)
def test_display_names_differing_only_by_an_invisible_character_are_taken(hidden: str) -> None:
    """A character drawn as nothing (Unicode's default-ignorable code points, beyond
    the format characters already removed) is removed from a name, so "Marta Quill"
    with one added is still "Marta Quill", and taken.

    Before the fix only control and format characters were removed: another reader
    could take "Marta Quill" followed by a combining grapheme joiner or a variation
    selector, shown exactly like the first reader's name.
    """
    make_reader("Marta Quill")
    impostor = make_reader()
    with pytest.raises(actions.DiscussionError, match="taken"):
        actions.set_display_name(impostor, f"Marta Qu{hidden}ill", notify_replies=False)
    actions.set_display_name(impostor, f"Skerry{hidden} Watcher", notify_replies=False)
    assert impostor.reader_profile.display_name == "Skerry Watcher"


@pytest.mark.parametrize("blank", ["\u3164", "\uffa0", "\u2800"])
def test_blank_letters_in_display_names_count_as_spaces(blank: str) -> None:
    """Hangul fillers and the blank Braille pattern, drawn as a space, count as one.

    Before the fix "Marta" and "Quill" joined by one of them was a new name,
    shown like "Marta Quill".
    """
    make_reader("Marta Quill")
    impostor = make_reader()
    with pytest.raises(actions.DiscussionError, match="taken"):
        actions.set_display_name(impostor, f"Marta{blank}Quill", notify_replies=False)


def test_migration_keys_names_already_differing_only_in_case() -> None:
    """Existing profiles whose names differ only in case keep them, with distinct keys."""
    import importlib

    from django.apps import apps

    from masthead.discussion.models import ReaderProfile

    migration = importlib.import_module(
        "masthead.discussion.migrations.0004_readerprofile_name_key"
    )
    first, second = make_reader("Åsa Lind"), make_reader("Placeholder Name")
    ReaderProfile.objects.filter(user=second).update(display_name="åsa lind", name_key="x")
    ReaderProfile.objects.filter(user=first).update(name_key="y")
    migration.fill_name_keys(apps, None)
    keys = dict(ReaderProfile.objects.values_list("display_name", "name_key"))
    assert keys["Åsa Lind"] == "åsa lind"
    assert keys["åsa lind"].startswith("åsa lind#")


def test_a_comment_hidden_while_an_editor_picks_it_is_not_picked(article: Any, reader: Any) -> None:
    """Picking is checked on the comment as it is when the pick is saved.

    Before the fix the editor's page loaded the comment visible, a moderator
    held it, and the pick was saved anyway: the hold had cleared the pick, and
    the comment came back as an editors' pick when it was approved again.
    """
    comment = post(reader, article, "The lock keeper's hours")
    editor = make_reader("Desk Editor", is_staff=True)
    loaded_by_the_editor = Comment.objects.get(pk=comment.pk)
    actions.change_status(comment, CommentStatus.HELD, actor=None, note="a moderator")
    with pytest.raises(actions.DiscussionError, match="visible"):
        actions.set_editors_pick(loaded_by_the_editor, picked=True, actor=editor)
    actions.change_status(comment, CommentStatus.APPROVED, actor=None, note="a moderator")
    comment.refresh_from_db()
    assert not comment.is_editors_pick and comment.picked_at is None


def test_a_rejected_reply_approved_later_is_announced_once(
    article: Any, reader: Any, other_reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A reply rejected by screening sends its reply email when a moderator approves it,
    and not again when it is rejected and approved once more.

    Before the fix only a change from "" or "held" counted as a first showing, so a
    reply rejected first was never announced.
    """
    from masthead.discussion.moderation.actions import moderate_comment
    from masthead.discussion.moderation.tests.helpers import make_moderator

    actions.set_display_name(reader, "Marta Quill", notify_replies=True)
    top = post(reader, article)
    moderator = make_moderator()
    with mock.patch.object(
        screening, "screen", return_value=screening.Decision("reject", rule="R10")
    ):
        rejected = post(other_reader, article, "The ferry timetable was wrong.", parent=top)
    assert rejected.status == CommentStatus.REJECTED and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(rejected, CommentStatus.APPROVED, moderator=moderator)
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(rejected, CommentStatus.REJECTED, moderator=moderator, rule="off-topic")
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(rejected, CommentStatus.APPROVED, moderator=moderator)
    assert len(mail.outbox) == 1


def test_a_second_delete_of_the_same_comment_is_refused(article: Any, reader: Any) -> None:
    """Two deletes that loaded the comment at the same moment: the second is refused
    ("already deleted") and the audit log has one deletion.

    Before the fix the status was checked on the row as loaded, outside the write
    lock, so the second delete wrote a "deleted -> deleted" audit entry.
    """
    from masthead.discussion.moderation.models import ModerationEvent

    comment = post(reader, article)
    first_copy = Comment.objects.get(pk=comment.pk)
    second_copy = Comment.objects.get(pk=comment.pk)
    actions.delete_own_comment(first_copy, actor=reader)
    with pytest.raises(actions.DiscussionError, match="already deleted"):
        actions.delete_own_comment(second_copy, actor=reader)
    deletions = ModerationEvent.objects.filter(comment_id=comment.pk, to_status="deleted")
    assert deletions.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rejection_committed_while_an_edit_runs_stands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A moderator's rejection committed while its author's edit is being screened
    is kept: the edit goes first and the rejection after it, or not at all.

    Before the fix the edit read the comment without locking it: on PostgreSQL
    (where no file lock serialises writers) a rejection committed while the edit
    was screened was followed by the edit's "re-screened clean", which published
    the rejected comment again. (SQLite runs them one at a time.)
    """
    import threading

    from django.db import connection

    from masthead.discussion.moderation.actions import moderate_comment
    from masthead.discussion.moderation.tests.helpers import make_moderator
    from masthead.testing.factories import make_article

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock lets no decision in while an edit runs")
    author = make_reader()
    article = make_article(published_at=timezone.now() - dt.timedelta(hours=1))
    comment = post(author, article, "The harbour board's ferry figures do not add up.")
    moderator = make_moderator()
    screening_started, go_on = threading.Event(), threading.Event()
    screen = actions._screen

    def slow_screen(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == "edit":
            screening_started.set()
            go_on.wait(30)
        return screen(*args, **kwargs)

    monkeypatch.setattr(actions, "_screen", slow_screen)
    outcome = race(
        ("edit", lambda: actions.edit_comment(comment, actor=author, text="Still wrong.")),
        (
            "rejection",
            lambda: moderate_comment(
                comment, CommentStatus.REJECTED, moderator=moderator, rule="off-topic"
            ),
        ),
        paused=screening_started,
        go_on=go_on,
    )
    assert outcome.get("rejection") == "ok"
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.REJECTED


def test_a_reply_checks_its_parent_as_it_is_now(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """A reply to a comment its author deleted after the reply form loaded it is refused,
    and deleting the thread's last reply afterwards still works.

    Before the fix the parent was checked as the form's request loaded it, outside
    the write lock: the reply went under the deleted comment without counting it
    as shown in its own parent, and deleting that reply then drove the top's
    reply count below zero and failed with an IntegrityError (a 500).
    """
    top = post(other_reader, article, "The ferry timetable changes in spring.")
    middle = post(reader, article, "Which routes?", parent=top)
    loaded_by_the_form = Comment.objects.get(pk=middle.pk)
    actions.delete_own_comment(middle, actor=reader)
    with pytest.raises(actions.DiscussionError):
        post(other_reader, article, "The island ones.", parent=loaded_by_the_form)
    assert Comment.objects.filter(parent=middle).count() == 0
    top.refresh_from_db()
    assert top.reply_count == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_comment_posted_while_its_authors_account_is_deleted_is_not_left_visible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A comment posted from another session while its author's account is being
    deleted is either deleted with the account or refused; none stays visible.

    Before the fix neither locked the user: on PostgreSQL (where no file lock
    serialises writers) a comment committed after the deletion listed the
    author's comments stayed published, its text blanked, under "deleted
    account", and one committed after the account went failed with an
    IntegrityError (a 500). (SQLite runs them one at a time.)
    """
    import threading

    from django.db import connection

    from masthead.testing.factories import make_article

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock lets no post in while an account is deleted")
    author = make_reader()
    article = make_article(published_at=timezone.now() - dt.timedelta(hours=1))
    other_article = make_article(published_at=timezone.now() - dt.timedelta(hours=1))
    post(author, article, "The Marrowby ferry should run on Sundays.")
    listed, go_on = threading.Event(), threading.Event()
    forget = actions._forget_reader_in_moderation

    def slow_forget(user: Any) -> None:
        if threading.current_thread().name == "delete":
            listed.set()
            go_on.wait(30)
        forget(user)

    monkeypatch.setattr(actions, "_forget_reader_in_moderation", slow_forget)
    outcome = race(
        ("delete", lambda: actions.delete_account(author)),
        ("post", lambda: post(author, other_article, "And on holidays.")),
        paused=listed,
        go_on=go_on,
        refused=actions.DiscussionError,
    )
    assert outcome.get("delete") == "ok"
    assert outcome.get("post", "").startswith(("ok", "refused")), outcome
    assert not Comment.objects.filter(author=None, status__in=["published", "approved"]).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawal_committed_while_an_account_is_deleted_is_counted_down_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A recommendation its reader withdraws from another session while their account
    is being deleted is counted down once: by the withdrawal or by the deletion.

    Before the fix the deletion listed the comments the reader recommended
    without locking them, then counted each down: on PostgreSQL a withdrawal
    committed in between was counted down by both, and the comment showed one
    recommendation fewer than it had. (SQLite runs them one at a time.)
    """
    import threading

    from django.db import connection

    from masthead.testing.factories import make_article

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock lets no withdrawal in while an account is deleted")
    leaving, staying, author = make_reader(), make_reader(), make_reader()
    article = make_article(published_at=timezone.now() - dt.timedelta(hours=1))
    comment = post(author, article, "The Ostrey tide tables are wrong for March.")
    actions.react(comment, user=leaving)
    actions.react(comment, user=staying)
    withdrawn, go_on = threading.Event(), threading.Event()
    touch = actions._touch

    def slow_touch(article_id: int) -> None:
        if threading.current_thread().name == "unreact":
            withdrawn.set()  # Its reaction is deleted and counted down, not yet committed.
            go_on.wait(30)
        touch(article_id)

    monkeypatch.setattr(actions, "_touch", slow_touch)
    outcome = race(
        ("unreact", lambda: actions.unreact(comment, user=leaving)),
        ("delete", lambda: actions.delete_account(leaving)),
        paused=withdrawn,
        go_on=go_on,
    )
    assert outcome == {"unreact": "ok", "delete": "ok"}, outcome
    comment.refresh_from_db()
    assert comment.reaction_count == 1
    assert list(Reaction.objects.filter(comment=comment).values_list("user_id", flat=True)) == [
        staying.pk
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_recommendation_sent_while_its_readers_account_is_deleted_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A recommendation sent from another session while its reader's account is being
    deleted is refused, "This account has been deleted.", and leaves no count behind.

    Before the fix the recommendation did not lock the user: on PostgreSQL its
    insert waited for the deletion and then failed on its foreign key with an
    IntegrityError (a 500). (SQLite runs them one at a time.)
    """
    import threading

    from django.db import connection

    from masthead.testing.factories import make_article

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock lets no recommendation in while an account is deleted")
    leaving, author = make_reader(), make_reader()
    article = make_article(published_at=timezone.now() - dt.timedelta(hours=1))
    comment = post(author, article, "The Ostrey causeway floods at spring tides.")
    listed, go_on = threading.Event(), threading.Event()
    forget = actions._forget_reader_in_moderation

    def slow_forget(user: Any) -> None:
        if threading.current_thread().name == "delete":
            listed.set()
            go_on.wait(30)
        forget(user)

    monkeypatch.setattr(actions, "_forget_reader_in_moderation", slow_forget)
    outcome = race(
        ("delete", lambda: actions.delete_account(leaving)),
        ("react", lambda: actions.react(comment, user=leaving)),
        paused=listed,
        go_on=go_on,
        refused=actions.DiscussionError,
    )
    assert outcome == {
        "delete": "ok",
        "react": "refused: This account has been deleted.",
    }, outcome
    comment.refresh_from_db()
    assert comment.reaction_count == 0 and not Reaction.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_account_deletion_beside_a_bulk_action_does_not_deadlock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An account deletion beside a moderator's bulk hold over a comment the
    reader recommended and a later comment of their own: both finish.

    Before the fix the deletion locked the reader's own comments, then the
    comments they recommended, each set in its own ascending order: it held
    their comment and waited for the recommended one (lower id), which the bulk
    action, taking both in ascending order, held while it waited for the
    reader's. PostgreSQL failed one of them as a deadlock. (SQLite runs them one
    at a time.)
    """
    import threading

    from django.db import connection

    from masthead.discussion.moderation import actions as moderation_actions
    from masthead.discussion.moderation.tests.helpers import make_moderator
    from masthead.testing.factories import make_article

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock runs deletions and moderator writes one at a time")
    leaving, author, moderator = make_reader(), make_reader(), make_moderator()
    article = make_article(published_at=timezone.now() - dt.timedelta(hours=1))
    recommended = post(author, article, "The Ostrey lighthouse reopens in spring.")
    own = post(leaving, article, "Good news after three dark winters on the point.")
    actions.react(recommended, user=leaving)
    deleted, go_on = threading.Event(), threading.Event()
    withdraw = actions._withdraw_reactions

    def slow_withdraw(user: Any) -> None:
        if threading.current_thread().name == "delete":
            deleted.set()  # The reader's own comment is deleted, not yet committed.
            go_on.wait(30)
        withdraw(user)

    monkeypatch.setattr(actions, "_withdraw_reactions", slow_withdraw)
    outcome = race(
        ("delete", lambda: actions.delete_account(leaving)),
        (
            "bulk",
            lambda: moderation_actions.bulk_moderate(
                [recommended.pk, own.pk], "held", moderator=moderator
            ),
        ),
        paused=deleted,
        go_on=go_on,
    )
    assert outcome == {"delete": "ok", "bulk": "ok"}, outcome
    recommended.refresh_from_db()
    assert recommended.status == "held" and recommended.reaction_count == 0
    assert Comment.objects.get(pk=own.pk).status == "deleted"
    assert not Reaction.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_account_deletion_beside_a_bulk_action_over_the_thread_does_not_deadlock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An account deletion beside a moderator's bulk hold over a comment and the
    leaving reader's reply to it: both finish.

    Before the fix the deletion locked the reply, then updated the parent's
    count of shown replies; the bulk action held the parent (lower id) and
    waited for the reply. PostgreSQL failed one of them as a deadlock. The
    parents of the comments a write changes are locked with them now, in the
    same ascending order. (SQLite runs them one at a time.)
    """
    import threading

    from django.db import connection

    from masthead.discussion.moderation import actions as moderation_actions
    from masthead.discussion.moderation.tests.helpers import make_moderator
    from masthead.testing.factories import make_article

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock runs deletions and moderator writes one at a time")
    leaving, author, moderator = make_reader(), make_reader(), make_moderator()
    article = make_article(published_at=timezone.now() - dt.timedelta(hours=1))
    parent = post(author, article, "The Ostrey lighthouse reopens in spring.")
    reply = post(leaving, article, "Good news after three dark winters.", parent=parent)
    locked, go_on = threading.Event(), threading.Event()
    change_status = actions.change_status

    def slow_change_status(comment: Comment, to_status: str, **kwargs: Any) -> Comment:
        if threading.current_thread().name == "delete" and not locked.is_set():
            locked.set()  # The reply is locked, not yet deleted.
            go_on.wait(30)
        return change_status(comment, to_status, **kwargs)

    monkeypatch.setattr(actions, "change_status", slow_change_status)
    outcome = race(
        ("delete", lambda: actions.delete_account(leaving)),
        (
            "bulk",
            lambda: moderation_actions.bulk_moderate(
                [parent.pk, reply.pk], "held", moderator=moderator
            ),
        ),
        paused=locked,
        go_on=go_on,
    )
    assert outcome == {"delete": "ok", "bulk": "ok"}, outcome
    parent.refresh_from_db()
    assert parent.status == "held" and parent.reply_count == 0
    assert Comment.objects.get(pk=reply.pk).status == "deleted"


def test_a_rename_locks_its_articles_rows_in_ascending_order_before_updating_them() -> None:
    """A rename, which bumps every article the reader commented on, locks those
    articles' discussion rows first, in ascending id order, as batches lock them.

    Before the fix its one UPDATE took the rows in whatever order PostgreSQL
    scanned them, beside batches and account deletions taking them ascending.
    The deadlock that allows lies inside single statements, too narrow to
    provoke in a test: the statements are checked instead. (SQLite locks no rows.)
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from masthead.testing.factories import make_article

    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks no rows: its write lock serialises writers")
    reader = make_reader()
    for _ in range(3):
        post(reader, make_article(published_at=timezone.now() - dt.timedelta(hours=1)))
    with CaptureQueriesContext(connection) as queries:
        actions.set_display_name(reader, "Marta Quill", notify_replies=False)
    statements = [q["sql"] for q in queries if '"discussion_articlediscussion"' in q["sql"]]
    assert statements and statements[0].startswith("SELECT"), statements
    # "ORDER BY 1" names the first column selected, the id.
    assert statements[0].startswith('SELECT "discussion_articlediscussion"."id" AS "pk" ')
    assert statements[0].endswith(" ORDER BY 1 ASC FOR UPDATE"), statements
    assert statements[1].startswith('UPDATE "discussion_articlediscussion"'), statements
