"""A cheap marker of "the data may have changed", for caching rendered pages.

Read it BEFORE computing anything from the database: a page cached under a
marker then holds data at least as new as the marker, never older.

- SQLite (a laptop): a one-row counter, `goodwill_data_version`, bumped by
  triggers on every table of Goodwill's models (and on auth_user). Triggers
  catch every write, the ORM's and raw SQL alike (imports, merges, restores),
  from this process or another (the CLI next to `goodwill serve`). SQLite
  runs one writer at a time, so the hot row costs no concurrency. The counter
  starts at a random value, so a database rebuilt from scratch (the demo) never
  repeats an older file's markers.
- PostgreSQL (a firm's server): the current transaction snapshot. Two equal
  snapshots see exactly the same committed data, and no write lands in any
  table without changing it, so nothing needs triggers or a shared row (which
  would serialise every writer on the server). Any write on the server changes
  it, so the cache is coarse there, but never stale.
"""

from __future__ import annotations

TABLE = "goodwill_data_version"
# Derived or bookkeeping tables whose rows no cached page shows, written in bulk.
UNWATCHED = {
    "goodwill_searchdocument",
    "goodwill_fieldvector",
    "goodwill_meaningindex",
    "goodwill_importitem",
    "goodwill_importprint",
    "goodwill_personstrength",
}


# The marker as an SQL expression, per database: read alone (current) or as one more column of
# a statement a request sends anyway (its session's: queries/sessions.py), which saves a
# logged-in page a round trip.
_MARKER_SQL = {"postgresql": "pg_current_snapshot()::text", "sqlite": f"(SELECT n FROM {TABLE} WHERE id = 1)"}


def marker_sql(vendor: str) -> str:
    """The marker's SQL expression on this database (see current)."""
    return _MARKER_SQL[vendor]


def as_text(value) -> str:
    """A marker read by marker_sql's expression, as current() gives it."""
    return "" if value is None else str(value)


def current(connection=None) -> str:
    """The marker, as text; it changes whenever committed data may have changed."""
    from django.db import connection as default

    connection = connection or default
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {marker_sql(connection.vendor)}")
        row = cursor.fetchone()
    return as_text(row[0] if row else None)


def watched_tables(apps) -> list[str]:
    """The tables whose writes change the marker: every Goodwill model's (many-to-many too) and auth_user."""
    tables = {model._meta.db_table for model in apps.get_app_config("goodwill").get_models(include_auto_created=True)}
    tables.add(apps.get_model("auth", "User")._meta.db_table)
    return sorted(tables - UNWATCHED)


def _trigger(table: str, event: str) -> str:
    return (
        f"CREATE TRIGGER IF NOT EXISTS {table}_dv_{event[0].lower()} AFTER {event} ON {table} "
        f"BEGIN UPDATE {TABLE} SET n = n + 1 WHERE id = 1; END"
    )


def install(connection, apps) -> None:
    """Create the counter and its triggers where missing (SQLite only; idempotent).

    Runs from the migration that introduced it and again after every migrate,
    because SQLite's ALTER TABLE emulation rebuilds a table without its triggers,
    and a new model's table needs them too."""
    if connection.vendor != "sqlite":
        return
    import secrets

    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)"
        )
        cursor.execute(f"INSERT OR IGNORE INTO {TABLE} (id, n) VALUES (1, ?)", [secrets.randbits(62)])
        for table in watched_tables(apps):
            if table in existing:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(_trigger(table, event))


def uninstall(connection, apps) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in watched_tables(apps):
            for event in ("INSERT", "UPDATE", "DELETE"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_dv_{event[0].lower()}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def missing_triggers(connection, apps) -> list[str]:
    """Watched tables without all three triggers (empty when all is well; SQLite only)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    existing = set(connection.introspection.table_names())
    return [
        table
        for table in watched_tables(apps)
        if table in existing and any(f"{table}_dv_{e}" not in present for e in "iud")
    ]
