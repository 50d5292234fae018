"""The SQLite write lock: every writer takes the flock before the database's write lock."""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, connections, transaction

from masthead.discussion import actions
from masthead.discussion.models import CommentStatus
from masthead.discussion.moderation import actions as moderation
from masthead.discussion.moderation.models import SanctionKind
from masthead.discussion.moderation.tests.helpers import make_moderator
from masthead.discussion.write_lock import LockOrderWarning, serialised_writes

from .conftest import make_reader

LOCK_ORDER_IS_AN_ERROR = pytest.mark.filterwarnings(
    "error::masthead.discussion.write_lock.LockOrderWarning"
)


@pytest.fixture
def short_busy_timeout() -> Iterator[None]:
    """Give new SQLite connections a 2 s busy timeout instead of 20 s, so a failure is quick.

    PostgreSQL waits on row locks instead, and takes no such option.
    """
    options = connection.settings_dict["OPTIONS"]
    if connection.vendor != "sqlite":
        yield
        return
    before = options.get("timeout")
    options["timeout"] = 2
    yield
    options["timeout"] = before


@pytest.mark.django_db
def test_the_lock_asked_for_inside_a_transaction_is_reported() -> None:
    """Taking the flock inside a transaction that does not hold it warns (an error in tests).

    PostgreSQL needs no flock (it locks rows), so there is nothing to report there.
    """
    if connection.vendor == "sqlite":
        with transaction.atomic(), pytest.warns(LockOrderWarning), serialised_writes():
            pass
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error", LockOrderWarning)
            with transaction.atomic(), serialised_writes():
                pass
    with serialised_writes(), transaction.atomic(), serialised_writes():
        pass  # Re-entered while held: the right order, nothing to report.


@pytest.mark.django_db
@LOCK_ORDER_IS_AN_ERROR
def test_moderator_actions_and_account_deletion_take_the_lock_first(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """Decisions, batches, undo, appeals, bans and account deletion lock in posting's order.

    Before the fix they opened their transaction (SQLite's write lock) and then
    waited for the flock inside change_status: posts beside them failed.
    """
    moderator, second = make_moderator(), make_moderator()
    comment = actions.post_comment(author=reader, article=article, text="On the pier.").comment
    assert comment is not None
    comment = moderation.moderate_comment(
        comment, CommentStatus.REJECTED, moderator=moderator, rule="attacks"
    )
    appeal = moderation.appeal_rejection(comment, appellant=reader, reason="It was about piers.")
    moderation.decide_appeal(appeal, moderator=second, overturn=True)
    batch = moderation.bulk_moderate([comment.pk], CommentStatus.HELD, moderator=moderator)
    moderation.undo_batch(batch, moderator=moderator)
    moderation.sanction_reader(
        reader,
        SanctionKind.BAN,
        moderator=moderator,
        rule="attacks",
        reason="Repeated attacks.",
        reject_existing=True,
    )
    actions.post_comment(author=other_reader, article=article, text="On the ferry.")
    actions.delete_account(other_reader)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_post_beside_a_moderator_decision_succeeds(
    article: Any, reader: Any, other_reader: Any, short_busy_timeout: None
) -> None:
    """A reader holding the flock posts while a moderator decides; both succeed.

    Before the fix the moderator's transaction held SQLite's write lock while
    waiting for the flock, and the post failed with "database is locked".
    """
    comment = actions.post_comment(author=reader, article=article, text="On the ferry.").comment
    assert comment is not None
    moderator = make_moderator()
    has_flock = threading.Event()
    outcome: dict[str, str] = {}

    def reader_posts() -> None:
        try:
            with serialised_writes():  # What post_comment takes first.
                has_flock.set()
                time.sleep(0.5)  # The moderator's decision starts meanwhile.
                actions.post_comment(
                    author=other_reader, article=article, text="The winter timetable is fine."
                )
            outcome["post"] = "ok"
        except Exception as error:  # The outcome is the assertion.
            outcome["post"] = repr(error)
        finally:
            connections.close_all()

    def moderator_decides() -> None:
        has_flock.wait()
        try:
            moderation.moderate_comment(comment, CommentStatus.APPROVED, moderator=moderator)
            outcome["moderate"] = "ok"
        except Exception as error:  # The outcome is the assertion.
            outcome["moderate"] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader_posts), threading.Thread(target=moderator_decides)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert outcome == {"post": "ok", "moderate": "ok"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_posts_during_a_bulk_decision_succeed(article: Any, short_busy_timeout: None) -> None:
    """Readers keep posting while a moderator holds 60 comments in one batch.

    Before the fix the batch kept SQLite's write lock between comments while
    letting go of the flock, so a post took the flock and then timed out.
    """
    ids = []
    for n in range(60):
        result = actions.post_comment(
            author=make_reader(), article=article, text=f"Ferry point {n}."
        )
        assert result.comment is not None
        ids.append(result.comment.pk)
    poster, moderator = make_reader(), make_moderator()
    started = threading.Event()
    posts: list[str] = []
    done = threading.Event()

    def keep_posting() -> None:
        started.set()
        n = 0
        while not done.is_set() and n < 200:
            n += 1
            try:
                actions.post_comment(author=poster, article=article, text=f"Reply {n} on fares.")
                posts.append("ok")
            except Exception as error:  # The outcome is the assertion.
                posts.append(repr(error))
                break
        connections.close_all()

    def decide() -> None:
        started.wait()
        time.sleep(0.05)
        try:
            moderation.bulk_moderate(ids, CommentStatus.HELD, moderator=moderator)
        finally:
            done.set()
            connections.close_all()

    threads = [threading.Thread(target=keep_posting), threading.Thread(target=decide)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert posts and set(posts) == {"ok"}, posts
