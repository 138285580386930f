"""Plain SQL for bulk imports: multi-row INSERTs from tuples, IN (...) lookups in
slices, and on SQLite the sqlite3 cursor itself (Django's wrapper rewrites every
"%s" of a 16,000-value statement with a regex, which costs more than the INSERT)."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import orjson
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.operations import BaseDatabaseOperations

from goodwill.models import ContactPoint, Organization, Person

IMPORT_CACHE_KIB = 32 * 1024


def bigger_sqlite_cache() -> int | None:
    """On SQLite, a 32 MB page cache for the import (the default is 2 MB): the person
    table's eight indexes then stay in memory while thousands of rows go in. Returns
    the previous setting, which bulk_writing puts back."""
    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    previous = connection.connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.connection.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    return previous


@contextmanager
def bulk_writing(*, writes: bool = True) -> Iterator[None]:
    """What an import or a restore runs under, all put back after: everything loaded so
    far (Django, the models...) is long-lived, so the cyclic garbage collector is kept
    from rescanning it while millions of small objects are made, and runs less often
    (rows hold no cycles; together about 40 % of a dry run's time otherwise); and, when
    rows are written, SQLite's bigger page cache (bigger_sqlite_cache)."""
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    cache = None
    try:
        if writes:
            cache = bigger_sqlite_cache()
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        if cache is not None and connection.connection is not None:
            connection.connection.execute(f"PRAGMA cache_size = {int(cache)}")


def refresh_planner_statistics(models: Iterable) -> None:
    """On PostgreSQL, ANALYZE the tables a bulk write has just filled (many-to-many ones too).

    A restore or a big import changes what the planner believes about a table more than
    anything else does, and until autovacuum gets to it (a minute later, or never where it is
    off) the planner plans from nothing: a restored demo's Person page joined every interaction
    of the network to find one person's (1.5 ms instead of 0.2). PostgreSQL's own advice after
    loading data ("Populating a Database"); 1.6 s for 100,000 people and 1,000,000
    interactions. SQLite is left alone: its reads are written for a database never analysed."""
    if connection.vendor != "postgresql":
        return
    tables: dict[str, None] = {}
    for model in models:
        tables[model._meta.db_table] = None
        for field in model._meta.local_many_to_many:
            tables[field.remote_field.through._meta.db_table] = None
    if tables:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def needs_preparing(model_field) -> bool:
    from django.db import models as djmodels

    return isinstance(model_field, (djmodels.DateField, djmodels.JSONField, djmodels.BinaryField))


def preparer(model_field):
    """How one field's value goes into SQL: as is, or through Django for dates and
    JSON, remembering the last value (most rows share `now` and an empty dict)."""
    from django.db import models as djmodels

    if not needs_preparing(model_field):
        return lambda value: value
    real = connections[DEFAULT_DB_ALIAS]  # not the thread-local proxy on every value
    if isinstance(model_field, djmodels.BinaryField):
        return lambda value: model_field.get_db_prep_save(value, real)
    if (
        isinstance(model_field, djmodels.JSONField)
        and model_field.encoder is None
        and type(real.ops).adapt_json_value is BaseDatabaseOperations.adapt_json_value
    ):
        # What Django does on SQLite (JSON text), without its three layers per row, and
        # with orjson: json.dumps builds a new encoder per call, ~5 % of a big import.
        return lambda value: None if value is None else orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    last: list = [object(), None]

    def prepare(value):
        if value is None:
            return None
        if value is not last[0] and value != last[0]:
            last[0], last[1] = value, model_field.get_db_prep_save(value, real)
        return last[1]

    if isinstance(model_field, djmodels.DateTimeField):
        # An aware datetime (what imports and restores carry) needs only the backend's
        # adapter: the field's own steps before it pass such a value through unchanged,
        # and cost as much again on every row. Anything else goes Django's whole way.
        adapt_datetime = _datetime_adapter(real)

        def prepare_datetime(value):
            if type(value) is datetime and value.tzinfo is not None:
                return adapt_datetime(value)
            return prepare(value)

        return prepare_datetime
    if isinstance(model_field, djmodels.DateField):
        adapt_date = real.ops.adapt_datefield_value  # as for datetimes, a plain date needs only this
        return lambda value: adapt_date(value) if type(value) is date else prepare(value)
    return prepare


def _datetime_adapter(real):
    """The backend's adapter of an aware datetime. On SQLite with the connection in UTC
    (as Goodwill's settings have it), what Django's does, written out: the time in UTC,
    naive, as text (its checks of the settings on every value cost more than that)."""
    from django.conf import settings

    if real.vendor == "sqlite" and settings.USE_TZ and real.timezone == UTC:
        return lambda value: str(value.astimezone(UTC).replace(tzinfo=None))
    return real.ops.adapt_datetimefield_value


def object_rows(model, objs: list) -> tuple[list[str], list[tuple]]:
    """Unsaved model instances as the column names and rows of a plain INSERT."""
    fields = [f for f in model._meta.concrete_fields if f.attname != "id"]
    prepared = [preparer(f) for f in fields]
    return (
        [f.attname for f in fields],
        [tuple(prep(getattr(o, f.attname)) for f, prep in zip(fields, prepared)) for o in objs],
    )


PERSON_TABLE, POINT_TABLE, ORG_TABLE = (m._meta.db_table for m in (Person, ContactPoint, Organization))


def in_slices(values, size: int = 900) -> Iterator[list]:
    """Values in slices small enough for one IN (...) on any database."""
    items = list(values or ())
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def any_of(column: str, values) -> Iterator[tuple[str, list]]:
    """The condition "`column` is one of `values`" as WHERE clauses and their parameters, one per statement
    to run. On PostgreSQL one array literal for all of them: with client-side binding
    (GOODWILL_POSTGRES_PREPARE=0) Django's psycopg cursor splits the statement at each of an
    IN list's 900 "%s" and quotes every value, which cost more than the query (a re-import's
    lookups); with server-side binding it is one parameter and one prepared shape, not 900
    and a statement per list length. Elsewhere IN lists, a slice under SQLite's variable
    limit each."""
    for test, params in one_of(values):
        yield f"{column} {test}", params


def one_of(values, vendor: str | None = None) -> Iterator[tuple[str, list]]:
    """any_of without its column: "IN (%s, ...)" or "= ANY(%s::bigint[])", for a caller that
    puts the test after a column or a subquery of its own (purge's cascades). `vendor`:
    the database's, for a caller in a thread that does not own Django's connection."""
    items = list(values or ())
    if (vendor or connection.vendor) != "postgresql":
        for part in in_slices(items):
            yield f"IN ({marks(part)})", part
        return
    if items:
        kind = "bigint" if all(type(v) is int for v in items) else "text"
        yield f"= ANY(%s::{kind}[])", [array_literal(items)]


def array_literal(values: Iterable[int | str]) -> str:
    """Integers or strings as one PostgreSQL array literal: one value to bind, not one each."""
    return "{" + ",".join(str(v) if type(v) is int else _array_element(str(v)) for v in values) + "}"


def _array_element(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def select_rows(sql: str, params: list) -> list[tuple]:
    if connection.vendor == "sqlite":  # see insert_rows: no regex over the statement
        connection.ensure_connection()
        return select_on(connection.connection, "sqlite", sql, params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def select_on(cursor, vendor: str, sql: str, params: list) -> list[tuple]:
    """select_rows on a driver cursor (or sqlite3 connection) of its own: a second thread's,
    as Django's connection object belongs to the thread that opened it."""
    if vendor == "sqlite":
        return cursor.execute(sql.replace("%s", "?"), params).fetchall()
    cursor.execute(sql, params)
    return cursor.fetchall()


def insert_statements(
    model,
    attnames: list[str],
    rows: list[tuple],
    returning: str | None = None,
) -> Iterator[tuple[str, list]]:
    """Multi-row INSERT statements for `rows`, with their flat parameters, in slices
    under SQLite's and PostgreSQL's bind-parameter limits. On SQLite the marks are
    "?", for the sqlite3 cursor itself: Django's wrapper rewrites every "%s" of a
    16,000-value statement with a regex, which costs more than the INSERT."""
    quote = connection.ops.quote_name
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(by_attname[a].column) for a in attnames)
    mark = "?" if connection.vendor == "sqlite" else "%s"
    one = "(" + ", ".join([mark] * len(attnames)) + ")"
    tail = f" RETURNING {quote('id')}, {quote(by_attname[returning].column)}" if returning else ""
    per = max(1, 16000 // len(attnames))
    for start in range(0, len(rows), per):
        part = rows[start : start + per]
        yield (
            f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([one] * len(part)) + tail,
            [value for row in part for value in row],
        )


def insert_rows(model, attnames: list[str], rows: list[tuple], returning: str | None = None) -> list[tuple]:
    """Multi-row INSERT; with `returning`, the new ids paired with that column."""
    if not rows:
        return []
    if connection.vendor == "postgresql" and not returning:
        with connection.cursor() as cursor:
            copy_rows(cursor.cursor, copy_statement(model, attnames), rows)
        return []
    out: list[tuple] = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor = connection.connection.cursor()  # the same connection, so the same transaction
        for sql, params in insert_statements(model, attnames, rows, returning):
            cursor.execute(sql, params)
            if returning:
                out += cursor.fetchall()
    return out


def copy_statement(model, attnames: list[str]) -> str:
    quote = connection.ops.quote_name
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    columns = ", ".join(quote(by_attname[a].column) for a in attnames)
    return f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"


def copy_rows(cursor, statement: str, rows: list[tuple]) -> None:
    """On PostgreSQL, rows go in by COPY: no statement of thousands of values to write out
    on this side and parse on the server's (a 100,000-person restore spent most of its time
    there). Values are adapted as for an INSERT; row triggers and constraints run as for one.
    `cursor` is psycopg's own (Django's, or the background writer's on the same connection)."""
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
