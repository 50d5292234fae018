"""Queueing many calls of a task in one insert."""

from __future__ import annotations

import pytest

from masthead.core.task_batches import enqueue_many

pytestmark = pytest.mark.django_db


def test_many_calls_write_the_rows_the_database_backend_writes() -> None:
    """One insert for many calls, each row as the backend's own enqueue makes it."""
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from masthead.tagging.tasks import compute_article_suggestions

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        compute_article_suggestions.enqueue(7)
        enqueue_many(compute_article_suggestions, [(8,), (9,)])
        fields = ("task_path", "queue_name", "priority", "backend_name", "status", "run_after")
        rows = list(DBTaskResult.objects.order_by("enqueued_at").values(*fields, "args_kwargs"))
    assert [row["args_kwargs"] for row in rows] == [{"args": [n], "kwargs": {}} for n in (7, 8, 9)]
    assert all({f: row[f] for f in fields} == {f: rows[0][f] for f in fields} for row in rows)
