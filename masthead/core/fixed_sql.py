"""Fixed SQL statements for the few hot paths where building an ORM query costs most.

The ORM spends about 0.3 ms building and compiling ``Model.objects.filter(...).first()``
on every call; the same statement runs in about 0.02 ms through a cursor and
0.07 ms through ``Manager.raw`` (which still gives model instances with the
database's values converted). Posting a comment runs a dozen such statements,
so the posting path keeps them as fixed statements (bench/discussion.py measures it).

Each statement names its model's table as ``{table}``, filled in from the
model's ``_meta``; every value is a query parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


def _statement(model: type[models.Model], sql: str) -> str:
    # Only an identifier from the model is put in; values stay parameters.
    return sql.replace("{table}", connection.ops.quote_name(model._meta.db_table))


def moment(value: dt.datetime) -> Any:
    """Return a datetime as the database stores it (SQLite keeps naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def first(model: type[M], sql: str, params: Sequence[Any]) -> M | None:
    """Return the first model instance a SELECT of the model's columns finds, or None.

    Columns left out of the SELECT are deferred, as with ``.only()``.
    """
    return next(iter(model._default_manager.raw(_statement(model, sql), params)), None)


def rows(model: type[M], sql: str, params: Sequence[Any]) -> list[M]:
    """Return the model instances a SELECT of the model's columns finds."""
    return list(model._default_manager.raw(_statement(model, sql), params))


def exists(model: type[models.Model], sql: str, params: Sequence[Any]) -> bool:
    """Return whether a SELECT finds a row."""
    with connection.cursor() as cursor:
        cursor.execute(_statement(model, sql), params)
        return cursor.fetchone() is not None


def execute(model: type[models.Model], sql: str, params: Sequence[Any]) -> int:
    """Run one write statement on the model's table; return how many rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(_statement(model, sql), params)
        return int(cursor.rowcount)
