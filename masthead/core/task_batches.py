"""Queue many calls of one task at once (the database backend's rows in one insert)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def enqueue_many(task: Any, calls: Sequence[tuple[Any, ...]]) -> None:
    """Queue a task once per tuple of arguments: in one insert with the database backend.

    The rows are those ``DatabaseBackend.enqueue`` writes one at a time; other
    backends (the immediate one in tests) get one ``enqueue`` a call.
    """
    from django_tasks.signals import task_enqueued
    from django_tasks.utils import normalize_json
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.signal_handlers import set_run_after

    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        for args in calls:
            task.enqueue(*args)
        return
    backend.validate_task(task)
    rows: list[DBTaskResult[Any, Any]] = [
        DBTaskResult(
            id=backend._get_id(),
            args_kwargs=normalize_json({"args": args, "kwargs": {}}),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            run_after=task.run_after,
            backend_name=backend.alias,
        )
        for args in calls
    ]
    for row in rows:
        set_run_after(DBTaskResult, row)  # The backend's pre_save handler, which bulk_create skips.
    DBTaskResult.objects.bulk_create(rows)
    for row in rows:
        task_enqueued.send(type(backend), task_result=row.task_result)
