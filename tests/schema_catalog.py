"""A database's schema and rows as plain data, to compare two databases (tests/test_schema_snapshot.py).

Run as a script in a child process of its own (Django configured from the environment):

    python tests/schema_catalog.py fast|slow|old

fast: a new database as every command makes it (goodwill.db.open_database: the snapshot);
slow: Django's own `migrate`, every migration replayed; old: migrated by Django to goodwill
0013 first (a database from an older Goodwill), then opened as a command opens it.
Prints {"used_snapshot": ..., "catalog": ...} as JSON."""

from __future__ import annotations

import json
import sys

# Values that differ by design between two new databases: when a migration was recorded, and
# the data-version counter's random start (data_version.py).
IGNORED = {("django_migrations", "applied"), ("goodwill_data_version", "n")}


def _rows(cursor, table: str, quote) -> list:
    cursor.execute(f"SELECT * FROM {quote(table)}")
    names = [d[0] for d in cursor.description]
    keep = [i for i, name in enumerate(names) if (table, name) not in IGNORED]
    return sorted(json.dumps([[names[i], str(row[i])] for i in keep]) for row in cursor.fetchall())


def _sqlite(connection) -> dict:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
        schema = [list(row) for row in cursor.fetchall()]
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        tables = sorted(row[0] for row in cursor.fetchall())
        return {"schema": schema, "rows": {table: _rows(cursor, table, quote) for table in tables}}


PG_QUERIES = {
    "columns": """SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision,
        is_nullable, column_default, is_identity, identity_generation, is_generated, generation_expression
        FROM information_schema.columns WHERE table_schema = current_schema()""",
    "constraints": """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = current_schema()::regnamespace""",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()",
    "triggers": """SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger
        WHERE NOT tgisinternal""",
    "functions": """SELECT proname, pg_get_functiondef(oid) FROM pg_proc
        WHERE pronamespace = current_schema()::regnamespace""",
    "sequences": """SELECT sequencename, data_type::text, start_value, increment_by, last_value FROM pg_sequences
        WHERE schemaname = current_schema()""",
    "views": "SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema()",
}


def _postgresql(connection) -> dict:
    quote = connection.ops.quote_name
    out: dict = {}
    with connection.cursor() as cursor:
        for name, sql in PG_QUERIES.items():
            cursor.execute(sql)
            rows = [[str(v) for v in row] for row in cursor.fetchall()]
            if name == "triggers":
                # A trigger's WHEN is stored as a parse tree: `(a OR b) OR c` as written in a
                # migration (0017's row comparison) is nested, the same condition read back from
                # its SQL text is one flat OR. Equal but for those parentheses.
                rows = [
                    [table, trigger, definition.replace("(", "").replace(")", "")]
                    for table, trigger, definition in rows
                ]
            out[name] = sorted(json.dumps(row) for row in rows)
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables = sorted(row[0] for row in cursor.fetchall())
        out["rows"] = {table: _rows(cursor, table, quote) for table in tables}
    return out


def catalog(connection) -> dict:
    return _sqlite(connection) if connection.vendor == "sqlite" else _postgresql(connection)


def main(mode: str) -> None:
    from django.core.management import call_command
    from django.core.management.commands.migrate import Command as DjangoMigrate

    from goodwill.db import open_database, setup_django

    setup_django()
    from django.db import connection

    from goodwill import schema_snapshot

    used = False
    if mode == "fast":
        used = schema_snapshot.usable(connection) is not None
        open_database()
    elif mode == "slow":
        call_command(DjangoMigrate(), verbosity=0, interactive=False)
    elif mode == "old":
        call_command(DjangoMigrate(), "goodwill", "0013_hs_strength_stale", verbosity=0, interactive=False)
        used = schema_snapshot.usable(connection) is not None  # not empty: must be False
        open_database()
    print(json.dumps({"used_snapshot": used, "catalog": catalog(connection)}))


if __name__ == "__main__":
    main(sys.argv[1])
