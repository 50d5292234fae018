"""Fixed statements read and write what the ORM would, with values as parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connection,
    connections,
    transaction,
)
from django.db.models.signals import post_save, pre_save
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, TranslatableMixin

from masthead.core import fixed_sql
from masthead.discussion.models import ArticleDiscussion, Comment
from masthead.discussion.moderation.models import CommentReview, ModerationEvent
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db


def test_rows_read_back_as_the_orm_wrote_them() -> None:
    """Datetimes come back aware and equal; unselected columns are deferred."""
    article = make_article()
    moment = timezone.now().replace(microsecond=123456)
    ArticleDiscussion.objects.create(article=article, updated_at=moment, comment_count=3)
    found = fixed_sql.first(
        ArticleDiscussion,
        "SELECT id, article_id, updated_at FROM {table} WHERE article_id = %s",
        [article.pk],
    )
    assert found is not None
    assert found.updated_at == moment and timezone.is_aware(found.updated_at)
    assert found.get_deferred_fields() >= {"comment_count"}
    assert found.comment_count == 3  # Loaded on access, as with .only().
    none = fixed_sql.first(ArticleDiscussion, "SELECT * FROM {table} WHERE id = %s", [0])
    assert none is None
    assert fixed_sql.rows(ArticleDiscussion, "SELECT * FROM {table}", []) == [found]


def test_values_are_converted_as_the_orm_reads_them() -> None:
    """Tuples in the SELECT's order, datetimes aware; an empty list when nothing matches."""
    article = make_article()
    moment = timezone.now().replace(microsecond=654321)
    ArticleDiscussion.objects.create(article=article, updated_at=moment, comment_count=4)
    sql = "SELECT comment_count, updated_at, article_id FROM {table} WHERE article_id = %s"
    assert fixed_sql.values(ArticleDiscussion, sql, [article.pk]) == [(4, moment, article.pk)]
    (row,) = fixed_sql.values(ArticleDiscussion, sql, [article.pk], limit=1)
    assert timezone.is_aware(row[1])
    assert fixed_sql.values(ArticleDiscussion, sql, [0]) == []


def test_writes_store_datetimes_the_orm_can_compare() -> None:
    """A datetime written through ``moment`` sorts and filters with the ORM's own."""
    article = make_article()
    ArticleDiscussion.objects.create(article=article)
    later = timezone.now() + dt.timedelta(hours=1)
    changed = fixed_sql.execute(
        ArticleDiscussion,
        "UPDATE {table} SET updated_at = %s, comment_count = comment_count + %s"
        " WHERE article_id = %s",
        [fixed_sql.moment(later), 2, article.pk],
    )
    assert changed == 1
    row = ArticleDiscussion.objects.get(article=article)
    assert (row.updated_at, row.comment_count) == (later, 2)
    assert ArticleDiscussion.objects.filter(updated_at__gt=timezone.now()).count() == 1


def test_values_stay_parameters() -> None:
    """A hostile value is compared as text, never run as SQL."""
    article = make_article()
    ArticleDiscussion.objects.create(article=article)
    hostile = "0 OR 1=1; DROP TABLE discussion_articlediscussion; --"
    sql = "SELECT 1 FROM {table} WHERE mode = %s"
    assert not fixed_sql.exists(ArticleDiscussion, sql, [hostile])
    assert (
        fixed_sql.execute(ArticleDiscussion, "DELETE FROM {table} WHERE mode = %s", [hostile]) == 0
    )
    assert ArticleDiscussion.objects.count() == 1


def test_insert_saves_what_save_would() -> None:
    """Defaults, JSON and foreign keys are stored as ``save()`` stores them; the id is set."""
    article = make_article()
    comment = fixed_sql.insert(
        Comment(article_id=article.pk, body="Ferry times", screening={"verdict": "approve"})
    )
    assert comment.pk is not None and not comment._state.adding
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.screening == {"verdict": "approve"}
    assert (stored.article_id, stored.body, stored.status) == (
        article.pk,
        "Ferry times",
        "published",
    )
    assert stored.created_at == comment.created_at and timezone.is_aware(stored.created_at)
    second = fixed_sql.insert(Comment(article_id=article.pk, body="Again", parent=comment))
    assert second.pk > comment.pk and Comment.objects.get(pk=second.pk).parent == comment


def test_inserted_rows_have_no_reverse_one_to_one_partners(
    django_assert_num_queries: Any,
) -> None:
    """A new comment's appeal and review read as absent without a query, until one is made."""
    comment = fixed_sql.insert(Comment(article_id=make_article().pk, body="Ferry times"))
    with django_assert_num_queries(0):
        for relation in ("appeal", "review"):
            with pytest.raises(ObjectDoesNotExist):
                getattr(comment, relation)
    review = CommentReview.objects.create(comment=comment, report_count=2)
    assert comment.review == review
    assert Comment.objects.get(pk=comment.pk).review.report_count == 2


@pytest.mark.parametrize("model", [Comment, ModerationEvent])
def test_models_inserted_with_fixed_statements_have_no_save_listeners(model: type) -> None:
    """``insert`` sends no save signals: a listener added later must not be skipped silently.

    Wagtail listens to every model's ``pre_save`` to set the locale of
    translatable ones; these models are not translatable, so it does nothing.
    """
    sync_pre, async_pre = pre_save._live_receivers(model)
    assert [r.__name__ for r in sync_pre] == ["set_locale_on_new_instance"] and not async_pre
    assert not issubclass(model, TranslatableMixin)
    assert post_save._live_receivers(model) == ([], [])


def test_columns_in_any_order_land_on_their_fields() -> None:
    """Columns read out of the model's order, JSON included, reach the right fields."""
    article = make_article(title="Quay works")
    fixed_sql.insert(Comment(article_id=article.pk, body="Tide", screening={"rule": "2.1"}))
    (comment,) = fixed_sql.rows(
        Comment, "SELECT screening, body, article_id, id FROM {table} WHERE body = %s", ["Tide"]
    )
    assert (comment.body, comment.article_id, comment.screening) == (
        "Tide",
        article.pk,
        {"rule": "2.1"},
    )
    page = fixed_sql.first(Page, "SELECT title, live, id FROM {table} WHERE id = %s", [article.pk])
    assert page is not None and (page.pk, page.title, page.live) == (article.pk, "Quay works", True)
    with pytest.raises(ValueError, match="no column 'one'"):
        fixed_sql.rows(Comment, "SELECT 1 AS one FROM {table}", [])


def test_statements_are_counted_while_queries_are_recorded() -> None:
    """assertNumQueries and execute wrappers see every fixed statement."""
    article = make_article()
    sql = "SELECT * FROM {table} WHERE article_id = %s"
    with CaptureQueriesContext(connection) as captured:
        fixed_sql.first(ArticleDiscussion, sql, [article.pk])
        fixed_sql.execute(ArticleDiscussion, "DELETE FROM {table} WHERE id = %s", [0])
    assert len(captured) == 2 and "article_id" in captured[0]["sql"]
    seen: list[str] = []

    def wrapper(execute: Any, statement: str, *args: Any) -> Any:
        seen.append(statement)
        return execute(statement, *args)

    with connection.execute_wrapper(wrapper):
        fixed_sql.exists(ArticleDiscussion, sql, [article.pk])
    assert len(seen) == 1


def test_errors_are_djangos_and_a_broken_transaction_refuses_statements() -> None:
    """The driver's errors come out as Django's; after one, the transaction takes no more."""
    article = make_article()
    fixed_sql.insert(ArticleDiscussion(article_id=article.pk))
    # Each failing statement in a savepoint of its own: PostgreSQL refuses
    # everything after an error until the transaction rolls back.
    with pytest.raises(IntegrityError), transaction.atomic():  # One row per article.
        fixed_sql.insert(ArticleDiscussion(article_id=article.pk))
    with transaction.atomic():
        with pytest.raises(IntegrityError), transaction.atomic(savepoint=False):
            fixed_sql.insert(ArticleDiscussion(article_id=article.pk))
        with pytest.raises(TransactionManagementError):
            fixed_sql.first(ArticleDiscussion, "SELECT * FROM {table}", [])
        transaction.set_rollback(True)
    # SQLite says OperationalError and PostgreSQL ProgrammingError: Django's either way.
    with pytest.raises(DatabaseError), transaction.atomic():
        fixed_sql.exists(ArticleDiscussion, "SELECT 1 FROM {table} WHERE no_such_column = %s", [1])
    assert fixed_sql.exists(ArticleDiscussion, "SELECT 1 FROM {table}", [])


def test_unrecorded_statements_skip_djangos_cursor_on_sqlite_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On SQLite, with no one recording, statements run on the driver's connection.

    On PostgreSQL every statement goes through Django's cursor.
    """
    article = make_article()
    fixed_sql.insert(ArticleDiscussion(article_id=article.pk, comment_count=2))
    db = connections[DEFAULT_DB_ALIAS]
    django_cursor = db.cursor
    opened: list[bool] = []

    def counted(*args: Any) -> Any:
        opened.append(True)
        return django_cursor(*args)

    monkeypatch.setattr(db, "cursor", counted)
    found = fixed_sql.first(
        ArticleDiscussion, "SELECT * FROM {table} WHERE article_id = %s", [article.pk]
    )
    assert found is not None and found.comment_count == 2
    assert fixed_sql.values(ArticleDiscussion, "SELECT comment_count FROM {table}", []) == [(2,)]
    assert len(opened) == (0 if db.vendor == "sqlite" else 2)
