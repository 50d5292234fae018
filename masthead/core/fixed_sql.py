"""Fixed SQL statements for the few hot paths where building an ORM query costs most.

The ORM spends about 0.3 ms building and compiling ``Model.objects.filter(...).first()``
on every call; the same statement runs in about 0.02 ms through a cursor, and
about 0.04 ms when its row becomes a model instance here (``Manager.raw`` takes
0.08-0.1 ms, working out the same column-to-field mapping on every call).
Posting a comment runs a dozen such statements, so the posting path keeps them
as fixed statements (bench/discussion.py measures it).

Each statement is a constant (its text with the table filled in is kept) and
names its model's table as ``{table}``, filled in from the model's ``_meta``;
every value is a query parameter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX
from django.db.models import Field

M = TypeVar("M", bound=models.Model)

# The largest id a 64-bit integer column holds: a bigger number given as a
# parameter is an error in the driver, not an empty result as with the ORM.
MAX_ID = 2**63 - 1


# Worked out once per database vendor and model: statements with the table
# filled in, what a row needs to become an instance (per columns read), and
# the INSERT statement with its fields.
_statements: dict[tuple[str, type[models.Model], str], str] = {}
# Per statement shape: the attribute names and order Model.from_db takes, and
# each column's converters.
Reader = tuple[list[str], list[int], list[tuple[int, list[Any], Any]]]
_readers: dict[tuple[str, type[models.Model], tuple[str, ...]], Reader] = {}
_inserts: dict[tuple[str, type[models.Model]], tuple[str, list[Field[Any, Any]]]] = {}
_one_to_one: dict[type[models.Model], list[Any]] = {}
_driver_statements: dict[str, str] = {}


def is_id(value: object) -> bool:
    """Return whether a value can be the id of a row (check it before a statement uses it)."""
    return isinstance(value, int) and 0 < value <= MAX_ID


def _db() -> BaseDatabaseWrapper:
    # The connection itself: each attribute read through django.db.connection
    # goes through a context-local lookup, which a hot path notices.
    return connections[DEFAULT_DB_ALIAS]


def _statement(db: BaseDatabaseWrapper, model: type[models.Model], sql: str) -> str:
    key = (db.vendor, model, sql)
    if key not in _statements:
        # Only an identifier from the model is put in; values stay parameters.
        _statements[key] = sql.replace("{table}", db.ops.quote_name(model._meta.db_table))
    return _statements[key]


def _driver_statement(statement: str) -> str:
    # SQLite's driver takes "?" where Django writes "%s"; Django converts each
    # statement on every call, this once.
    if statement not in _driver_statements:
        _driver_statements[statement] = FORMAT_QMARK_REGEX.sub("?", statement).replace("%%", "%")
    return _driver_statements[statement]


@contextlib.contextmanager
def _run(db: BaseDatabaseWrapper, statement: str, params: Sequence[Any]) -> Iterator[Any]:
    """Execute a statement (its table filled in); yield the cursor to read from.

    On SQLite, while no one records queries (``assertNumQueries``, DEBUG, an
    execute wrapper), the statement runs on the driver's connection after the
    checks Django's cursor makes (connection open and healthy, right thread,
    transaction not broken), with its errors turned into Django's as Django's
    cursor turns them: its cursor wrapper costs about 9 µs a statement, and a
    post runs a dozen. Otherwise it runs through Django's cursor.
    """
    if db.vendor != "sqlite" or db.queries_logged or db.execute_wrappers:
        with db.cursor() as cursor:
            cursor.execute(statement, params)
            yield cursor
        return
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    db.validate_no_broken_transaction()
    with db.wrap_database_errors:
        cursor = db.connection.execute(_driver_statement(statement), params)
        try:
            yield cursor
        finally:
            cursor.close()


def moment(value: dt.datetime) -> Any:
    """Return a datetime as the database stores it (SQLite keeps naive UTC text)."""
    return _db().ops.adapt_datetimefield_value(value)


def first(model: type[M], sql: str, params: Sequence[Any]) -> M | None:
    """Return the first model instance a SELECT of the model's columns finds, or None.

    Columns left out of the SELECT are deferred, as with ``.only()``.
    """
    found = rows(model, sql, params, limit=1)
    return found[0] if found else None


def rows(model: type[M], sql: str, params: Sequence[Any], limit: int | None = None) -> list[M]:
    """Return the model instances a SELECT of the model's columns finds.

    Values are converted as the ORM converts them (datetimes, JSON, booleans);
    what ``Manager.raw`` works out on every call (which field each column
    is, its converters) is kept per statement shape.
    """
    db = _db()
    found, (attnames, order, _) = _converted(db, model, sql, params, limit)
    return [model.from_db(db.alias, attnames, [row[i] for i in order]) for row in found]


def values(
    model: type[models.Model], sql: str, params: Sequence[Any], limit: int | None = None
) -> list[tuple[Any, ...]]:
    """Return the rows a SELECT of the model's columns finds, as tuples in the SELECT's order.

    Values are converted as :func:`rows` converts them, without building an
    instance per row (about 10 µs each): for reads that only look at values.
    """
    found, _ = _converted(_db(), model, sql, params, limit)
    return [tuple(row) for row in found]


def _converted(
    db: BaseDatabaseWrapper,
    model: type[models.Model],
    sql: str,
    params: Sequence[Any],
    limit: int | None,
) -> tuple[list[list[Any]], Reader]:
    """Return the rows found, converted, in the SELECT's order, and how to make instances."""
    with _run(db, _statement(db, model, sql), params) as cursor:
        found = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
        if not found:
            return [], ([], [], [])
        names = tuple(column[0] for column in cursor.description)
    reader = _reader(db, model, names)
    conversions = reader[2]
    converted = []
    for row in found:
        row_values = list(row)
        for index, converters, column in conversions:
            for convert in converters:
                row_values[index] = convert(row_values[index], column, db)
        converted.append(row_values)
    return converted, reader


def _reader(db: BaseDatabaseWrapper, model: type[models.Model], names: tuple[str, ...]) -> Reader:
    key = (db.vendor, model, names)
    if key not in _readers:
        meta = model._meta
        concrete = list(meta.concrete_fields)
        by_column = {field.column: field for field in concrete}
        unknown = [name for name in names if name not in by_column]
        if unknown:
            raise ValueError(f"{model.__name__} has no column {unknown[0]!r}.")
        fields = [by_column[name] for name in names]
        # Model.from_db takes values in the model's field order.
        order = sorted(range(len(fields)), key=lambda i: concrete.index(fields[i]))
        conversions = []
        for index, field in enumerate(fields):
            column = field.get_col(meta.db_table)
            converters = db.ops.get_db_converters(column) + column.get_db_converters(db)
            if converters:
                conversions.append((index, converters, column))
        _readers[key] = ([fields[i].attname for i in order], order, conversions)
    return _readers[key]


def exists(model: type[models.Model], sql: str, params: Sequence[Any]) -> bool:
    """Return whether a SELECT finds a row."""
    db = _db()
    with _run(db, _statement(db, model, sql), params) as cursor:
        return cursor.fetchone() is not None


def execute(model: type[models.Model], sql: str, params: Sequence[Any]) -> int:
    """Run one write statement on the model's table; return how many rows it changed."""
    db = _db()
    with _run(db, _statement(db, model, sql), params) as cursor:
        return int(cursor.rowcount)


def insert(obj: M) -> M:
    """Save a new instance with one fixed INSERT, as ``obj.save()`` would; return it.

    Values are prepared by each field as the ORM prepares them (defaults,
    ``auto_now``, JSON, datetimes). Sends no ``pre_save``/``post_save`` signals:
    use it only for models nothing listens to (tests check the ones that do).
    """
    model = type(obj)
    db = _db()
    if not db.features.can_return_columns_from_insert:
        obj.save(force_insert=True)
        return obj
    key = (db.vendor, model)
    if key not in _inserts:
        meta = model._meta
        fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
        columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        pk = db.ops.quote_name(meta.pk.column)  # type: ignore[union-attr]
        # Identifiers from the model's fields; every value is a parameter.
        sql = f"INSERT INTO {{table}} ({columns}) VALUES ({marks}) RETURNING {pk}"  # noqa: S608
        _inserts[key] = (_statement(db, model, sql), fields)
    sql, fields = _inserts[key]
    params = [f.get_db_prep_save(f.pre_save(obj, True), db) for f in fields]
    with _run(db, sql, params) as cursor:
        obj.pk = cursor.fetchone()[0]
    obj._state.adding = False
    obj._state.db = db.alias
    # Nothing pointed at a row that did not exist: its reverse one-to-one
    # relations are known empty, and reading one (a held comment's appeal, in
    # its author's view) needs no query. Assigning the other side updates it.
    for relation in _reverse_one_to_one(model):
        relation.set_cached_value(obj, None)
    return obj


def _reverse_one_to_one(model: type[models.Model]) -> list[Any]:
    if model not in _one_to_one:
        _one_to_one[model] = [rel for rel in model._meta.related_objects if rel.one_to_one]
    return _one_to_one[model]
