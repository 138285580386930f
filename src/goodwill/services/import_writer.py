"""An import's INSERTs for new rows, run in a second thread on SQLite while the
import goes on reading and matching the next records.

sqlite3 lets go of the GIL while a statement runs, so the parsing of the next chunk
happens in time the import would otherwise spend waiting on the database (about a
third of an apply). The two threads never use the connection at once: the writer
owns it between `insert` and the next `flush`, and every other use by the importing
thread waits for the queue to drain first. The raw SELECTs and RETURNING inserts go
through this class, which flushes; anything Django runs in the importing thread
(ORM queries, the commit's savepoint work) flushes by itself through an execute
wrapper, so a forgotten flush costs speed, never correctness.

On PostgreSQL the statements run at once, in the caller's thread, unless asked for
(`postgresql=True`, the restore): there a batch's COPY goes in from the second thread
while the next batch is read (psycopg lets go of the GIL while it waits for the server),
so the server's work on a batch (its rows, indexes, triggers and foreign-key checks)
overlaps the reading instead of following it.

`later` queues a read whose answer is wanted later (a dry run's look-ups for its next
chunk, asked while it folds this one): the second thread runs it in turn, and the
importing thread picks the rows up when it needs them.

New rows get their ids before they are written (`allocate_ids`), so the rows that
point at them can be queued without waiting for the INSERT to come back."""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from django.db import connection

from goodwill.services.import_sql import (
    copy_rows,
    copy_statement,
    insert_rows,
    insert_statements,
    select_on,
    select_rows,
)

# Hand the GIL back within 1 ms, not 5: the writer needs it briefly after each
# statement, and the importing thread is busy in Python meanwhile.
SWITCH_INTERVAL_S = 0.001
# Statements waiting at most (a few chunks' worth): if the disk is slower than the
# reading, the reader waits rather than holding the whole file in the queue.
MAX_QUEUED = 32
_STOP = object()
T = TypeVar("T")
Select = Callable[[str, list], list[tuple]]


class _Later(Generic[T]):
    """A read queued behind the writes (BackgroundWriter.later): its answer, or its error."""

    def __init__(self, work: Callable[[Select], T], vendor: str) -> None:
        self.work, self.vendor = work, vendor
        self.done = threading.Event()
        self.value: T | None = None
        self.error: BaseException | None = None

    def __call__(self, cursor) -> None:
        try:
            self.value = self.work(lambda sql, params: select_on(cursor, self.vendor, sql, params))
        except BaseException as exc:
            self.error = exc
        finally:
            self.done.set()

    def cancel(self, error: BaseException | None) -> None:
        self.error = error or RuntimeError("the import stopped before this read ran")
        self.done.set()


class BackgroundWriter:
    def __init__(self, *, background: bool = True, postgresql: bool = False) -> None:
        self.threaded = background and (
            connection.vendor == "sqlite" or (postgresql and connection.vendor == "postgresql")
        )
        self._next_id: dict[str, int] = {}
        self._error: BaseException | None = None
        self._abandon = False

    # -- lifetime -------------------------------------------------------------
    def __enter__(self) -> BackgroundWriter:
        if not self.threaded:
            return self
        connection.ensure_connection()
        self._raw = connection.connection  # the same connection, so the same transaction
        self._queue: queue.Queue = queue.Queue(maxsize=MAX_QUEUED)
        self._wrapper = connection.execute_wrapper(self._flush_first)
        self._wrapper.__enter__()
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._thread = threading.Thread(target=self._work, name="goodwill-import-writer", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self.threaded:
            return
        try:
            if exc_type is not None:
                self._abandon = True  # the transaction rolls back: skip what is still queued
            self._queue.put(_STOP)
            self._thread.join()
        finally:
            sys.setswitchinterval(self._interval)
            self._wrapper.__exit__(None, None, None)
        if exc_type is None and self._error is not None:
            raise self._error

    def _work(self) -> None:
        cursor = self._raw.cursor()
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                if self._error is None and not self._abandon:
                    item(cursor)
                elif isinstance(item, _Later):
                    item.cancel(self._error)  # its reader waits on it, not on the queue
            except BaseException as exc:  # raised in the importing thread at its next flush
                self._error = exc
            finally:
                self._queue.task_done()

    def flush(self) -> None:
        """Wait until every queued statement has run; raise the first one's error."""
        if self.threaded:
            self._queue.join()
        if self._error is not None:
            raise self._error

    def _flush_first(self, execute, sql, params, many, context):
        self.flush()
        return execute(sql, params, many, context)

    # -- statements -----------------------------------------------------------
    def insert(self, model, attnames: list[str], rows: list[tuple]) -> None:
        """Queue a multi-row INSERT, or a COPY on PostgreSQL (unthreaded: run it now)."""
        if not rows:
            return
        if not self.threaded:
            insert_rows(model, attnames, rows)
            return
        if self._error is not None:
            raise self._error
        if connection.vendor == "postgresql":
            copy = copy_statement(model, attnames)
            self._queue.put(lambda cursor: copy_rows(cursor, copy, rows))
            return
        for statement in insert_statements(model, attnames, rows):
            self._queue.put(lambda cursor, statement=statement: cursor.execute(*statement))

    def insert_returning(self, model, attnames: list[str], rows: list[tuple], returning: str) -> list[tuple]:
        self.flush()
        return insert_rows(model, attnames, rows, returning=returning)

    def select(self, sql: str, params: list) -> list[tuple]:
        self.flush()
        return select_rows(sql, params)

    def later(self, work: Callable[[Select], T]) -> Callable[[], T]:
        """Queue work(select), a read, behind everything queued so far; the function
        returned waits for it and gives its answer (or raises its error). Unthreaded, the
        work runs now."""
        if not self.threaded:
            value = work(self.select)
            return lambda: value
        if self._error is not None:
            raise self._error
        item = _Later(work, connection.vendor)
        self._queue.put(item)

        def answer() -> T:
            item.done.wait()
            if item.error is not None:
                raise item.error
            return item.value  # type: ignore[return-value]

        return answer

    def allocate_ids(self, model, count: int) -> list[int]:
        """`count` ids for new rows of `model`, as the database would have given them."""
        if count == 0:
            return []
        table = model._meta.db_table
        if connection.vendor == "postgresql":
            rows = self.select(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return sorted(row[0] for row in rows)
        # SQLite: the import's transaction holds the write lock from its BEGIN IMMEDIATE,
        # so nothing else inserts; after the first look, the counter is kept here.
        # AUTOINCREMENT never reuses an id, even of a deleted row: start past both.
        if table not in self._next_id:
            top = self.select(f"SELECT max(id) FROM {connection.ops.quote_name(table)}", [])[0][0] or 0
            seq = self.select("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            self._next_id[table] = max(top, seq[0][0] if seq else 0) + 1
        start = self._next_id[table]
        self._next_id[table] = start + count
        return list(range(start, start + count))
