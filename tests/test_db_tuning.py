"""PostgreSQL's timestamps, read through psycopg's own loader: the same values as Django's."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection

from goodwill import db_tuning
from goodwill.models import Person
from goodwill.services.people import PersonFields, add_person

on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's timestamp loader")
UTC = datetime.UTC

INSTANTS = [
    datetime.datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
    datetime.datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=UTC),  # Europe's clocks change at 01:00 UTC
    datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime.datetime(1, 1, 1, 0, 0, tzinfo=UTC),
    datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-7))),
]


@on_postgres
def test_timestamps_come_back_as_the_same_instants_in_utc(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT unnest(%s::timestamptz[])", [INSTANTS])
        read = [row[0] for row in cursor.fetchall()]
    assert read == INSTANTS  # the same instants
    assert all(value.tzinfo is UTC for value in read)  # in UTC, as Django's own loader gives them
    assert [value.isoformat() for value in read[:2]] == [
        "2026-11-23T09:00:00+00:00",
        "2026-03-29T01:30:15.123456+00:00",
    ]


@on_postgres
def test_the_orm_reads_its_datetimes_through_psycopgs_own_loader(alice, now):
    from psycopg import adapters
    from psycopg.pq import Format

    jane = add_person(alice, PersonFields(name="Jane Doe"))
    assert Person.objects.get(pk=jane.pk).created_at == jane.created_at
    with connection.cursor() as cursor:
        oid = adapters.types["timestamptz"].oid
        # Django compares its loader's `timezone` with its own before each cursor: it kept ours.
        loader_class = db_tuning._utc_timestamptz_loader()
        assert cursor.cursor.adapters.get_loader(oid, Format.TEXT) is loader_class
        loader = loader_class(oid, cursor.cursor)
        text = b"2026-11-23 09:00:00.5+00"
        # The class's own load and the bound one psycopg calls give the same value.
        assert loader_class.load(loader, text) == loader.load(text) == INSTANTS[0].replace(microsecond=500000)


def _connection(zone: str, timezone=UTC):
    registered = []
    raw = SimpleNamespace(
        info=SimpleNamespace(parameter_status=lambda name: zone),
        adapters=SimpleNamespace(register_loader=lambda *args: registered.append(args)),
    )
    return SimpleNamespace(vendor="postgresql", timezone=timezone, connection=raw), registered


def test_a_session_in_another_zone_keeps_djangos_loader():
    # psycopg's loader answers in the session's zone; Django's sets UTC on every value.
    conn, registered = _connection("Europe/Paris")
    db_tuning._fast_timestamps(None, conn)
    assert registered == []
    conn, registered = _connection("UTC", timezone=None)  # USE_TZ off: Django's naive values
    db_tuning._fast_timestamps(None, conn)
    assert registered == []
    conn, registered = _connection("UTC")
    db_tuning._fast_timestamps(None, conn)
    assert [name for name, _ in registered] == ["timestamptz"]


on_sqlite = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's page cache")


@on_sqlite
def test_a_servers_sqlite_connections_keep_the_smaller_page_cache(transactional_db, settings):
    """`goodwill serve` keeps a connection per thread: each holds 512 KiB of pages, not 2 MB."""

    def cache_size():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()[0]

    before = cache_size()
    try:
        settings.SQLITE_CACHE_KIB = None  # commands and tests: SQLite's own
        db_tuning._tune_sqlite(None, connection)
        assert cache_size() == before
        settings.SQLITE_CACHE_KIB = 512
        db_tuning._tune_sqlite(None, connection)
        assert cache_size() == -512  # negative: KiB
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size={before}")
