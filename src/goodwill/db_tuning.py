"""Connection settings: SQLite's (WAL for concurrent readers, a busy timeout, foreign keys,
a server's smaller page cache), and PostgreSQL's timestamp loader."""

import datetime
from functools import cache

from django.conf import settings
from django.db.backends.signals import connection_created


def _tune_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        if settings.SQLITE_CACHE_KIB:
            cursor.execute(f"PRAGMA cache_size=-{int(settings.SQLITE_CACHE_KIB)}")  # negative: KiB, not pages


@cache
def _utc_timestamptz_loader() -> type:
    """psycopg's own timestamptz loader (its C version where psycopg[binary] is installed),
    named to Django as loading in UTC.

    Django registers a Python subclass of psycopg's loader whose `load` sets the tzinfo
    again: 4.7 µs a value against psycopg's own 0.4 µs (a Person page reads dozens of
    timestamps, a pass-on ranking ~1,200, an export millions). With the session in UTC,
    which Django sets, psycopg's loader already returns datetime.timezone.utc, Django's
    value. psycopg's C loader can't be subclassed, so this one hands each value to it;
    `timezone` is what Django's create_cursor compares with its own before it would
    register its loader again."""
    from psycopg import abc, adapters
    from psycopg.adapt import Loader
    from psycopg.pq import Format

    found = adapters.get_loader(adapters.types["timestamptz"].oid, Format.TEXT)
    assert found is not None  # psycopg registers it for every connection
    own: type[abc.Loader] = found

    class UtcTimestamptzLoader(Loader):
        timezone = datetime.UTC

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            self._own = own(oid, context)
            # psycopg calls `load` once a value: its own bound method, not one more Python call.
            self.load = self._own.load  # type: ignore[method-assign]

        def load(self, data):
            return self._own.load(data)

    return UtcTimestamptzLoader


def _fast_timestamps(sender, connection, **kwargs) -> None:
    if connection.vendor != "postgresql" or connection.timezone is not datetime.UTC:
        return
    raw = connection.connection
    if raw.info.parameter_status("TimeZone") != "UTC":
        return  # psycopg's loader would answer in the session's zone: Django's loader stays
    raw.adapters.register_loader("timestamptz", _utc_timestamptz_loader())


def connect_signals() -> None:
    connection_created.connect(_tune_sqlite, dispatch_uid="goodwill-sqlite-tuning")
    connection_created.connect(_fast_timestamps, dispatch_uid="goodwill-postgres-timestamps")
