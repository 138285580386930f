"""A new database in one go: the schema a full `migrate` leaves, saved as SQL and applied at once.

Django's `migrate` of a new database replays every migration and renders the model states
between them: 5-6.5 s of CPU, paid by every new data folder's first command and by every
test worker. The end state is the same each time, so it is saved here per backend
(schema/sqlite.json, schema/postgresql.json): the statements that make it, each with the
app its table belongs to, and the migrations it stands for. goodwill's `migrate` command
(management/commands/migrate.py) applies it to an empty database when the installed apps'
migrations on disk are exactly the ones it stands for, records them, and sends post_migrate
as `migrate` does (content types, permissions, the change triggers, the data-version counter
with its random start). Anything else, e.g. a database made by an older Goodwill or a
migration added since, goes through Django's `migrate` as before.

`make schema-snapshot` writes the files from a real migrate; tests/test_schema_snapshot.py
migrates new databases both ways and compares schema and rows, so they cannot drift apart.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "schema"
MIGRATIONS_TABLE = "django_migrations"


def snapshot_path(vendor: str) -> Path:
    return FOLDER / f"{vendor}.json"


def migrations_on_disk() -> set[tuple[str, str]]:
    """(app, migration) of every installed app's migration files, read from the folders
    alone (importing them is what `migrate` is slow at)."""
    from django.apps import apps

    found = set()
    for config in apps.get_app_configs():
        for entry in (Path(config.path) / "migrations").glob("[0-9]*.py"):
            found.add((config.label, entry.stem))
    return found


def _unmigrated_models() -> bool:
    """An installed app with models but no migrations: only `migrate --run-syncdb` makes its tables."""
    from django.apps import apps

    on_disk = {app for app, _ in migrations_on_disk()}
    return any(
        config.label not in on_disk and list(config.get_models(include_auto_created=True))
        for config in apps.get_app_configs()
    )


def load(vendor: str) -> dict | None:
    path = snapshot_path(vendor)
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _set_key(labels) -> str:
    return " ".join(sorted(labels))


def usable(connection, run_syncdb: bool = False) -> dict | None:
    """What the snapshot holds for this database, if it can stand in for `migrate`: the
    database is empty, the snapshot was written for this set of apps (each set's rows and
    migration order are its own: content types get their ids app by app), and it stands for
    exactly their migrations on disk."""
    snapshot = load(connection.vendor)
    if snapshot is None or connection.introspection.table_names():
        return None
    on_disk = migrations_on_disk()
    labels = {app for app, _ in on_disk}
    kept = snapshot["sets"].get(_set_key(labels))
    if kept is None or {(app, name) for app, name in kept["migrations"]} != on_disk:
        return None
    if run_syncdb and _unmigrated_models():
        return None
    return {"labels": labels, "statements": snapshot["statements"], **kept}


def apply(connection, snapshot: dict, verbosity: int = 0) -> int:
    """Create the schema of the installed apps, put in the rows `migrate` leaves (content
    types, permissions, counters) and record the migrations, in one transaction; then send
    post_migrate, as `migrate` does. Returns the number of migrations recorded."""
    from django.apps import apps as global_apps
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import transaction
    from django.db.migrations.recorder import MigrationRecorder
    from django.utils import timezone

    recorder = MigrationRecorder(connection)
    now = timezone.now()
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            for statement in snapshot["statements"]:
                if statement["app"] in snapshot["labels"] or statement["app"] == "":
                    cursor.execute(statement["sql"])
            for sql in snapshot["rows"]:
                cursor.execute(sql)
        # In the order `migrate` applied them: the same ids as a migrated database's rows.
        migrations = [recorder.Migration(app=app, name=name, applied=now) for app, name in snapshot["migrations"]]
        recorder.migration_qs.bulk_create(migrations)
    # post_migrate as after `migrate`, with the models' own apps standing in for the migrations'
    # rendered ones (the same models, as the comparison test shows): the content types and
    # permissions are there already; the change triggers and the data-version counter are made.
    emit_post_migrate_signal(verbosity, False, connection.alias, apps=global_apps, plan=[])
    return len(migrations)


# --- writing the snapshot (make schema-snapshot) ---------------------------------------


def _owners() -> dict[str, str]:
    """Table name -> app label, for every installed model (link tables too)."""
    from django.apps import apps

    return {
        model._meta.db_table: config.label
        for config in apps.get_app_configs()
        for model in config.get_models(include_auto_created=True)
    }


def _owner(table: str, owners: dict[str, str]) -> str:
    """The app a table (or an index or function named after one) belongs to: django_migrations
    to none (always made), a table no model has (the search index, the data-version counter)
    to goodwill, whose migrations make them."""
    if table == MIGRATIONS_TABLE or table.startswith(MIGRATIONS_TABLE + "_"):
        return ""
    if table in owners:
        return owners[table]
    prefixes = [name for name in owners if table.startswith(name + "_")]
    return owners[max(prefixes, key=len)] if prefixes else "goodwill"


def _sqlite_statements(connection) -> list[dict]:
    owners = _owners()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pragma_table_list WHERE type = 'shadow'")
        shadow = {row[0] for row in cursor.fetchall()}  # an FTS index's own tables: it makes them
        cursor.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, rowid"
        )
        rows = cursor.fetchall()
    return [{"app": _owner(table, owners), "sql": sql} for kind, name, table, sql in rows if name not in shadow]


_PG_SKIP = re.compile(r"^(SET |SELECT pg_catalog\.set_config|COMMENT ON |CREATE SCHEMA |ALTER SCHEMA )")
_PG_TABLE = re.compile(r"\bpublic\.(\w+)")


def _postgresql_statements(url: str) -> list[dict]:
    """pg_dump's schema, one statement at a time, without session settings or the schema
    name (applied in the connection's own search path, as `migrate` does)."""
    import subprocess
    from urllib.parse import urlparse

    parts = urlparse(url)
    dump = subprocess.run(
        [
            "pg_dump",
            "--schema-only",
            "--no-owner",
            "--no-privileges",
            "--no-comments",
            "-h",
            parts.hostname or "127.0.0.1",
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
            parts.path.lstrip("/"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    owners = _owners()
    statements: list[dict] = []
    current: list[str] = []
    for line in dump.splitlines():
        # Blank lines, comments, and psql's meta-commands (pg_dump 15.14+ opens with \restrict KEY).
        if not current and (not line.strip() or line.startswith(("--", "\\"))):
            continue
        current.append(line)
        text = "\n".join(current)
        if line.rstrip().endswith(";") and text.count("$$") % 2 == 0:
            current = []
            statement = text.strip().rstrip(";")
            if _PG_SKIP.match(statement):
                continue
            found = _PG_TABLE.search(statement)
            app = _owner(found.group(1), owners) if found else "goodwill"
            statements.append({"app": app, "sql": _PG_TABLE.sub(r"\1", statement)})
    return statements


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise ValueError(f"no literal for {value!r} in the snapshot's rows")


def _rows(connection) -> list[str]:
    """INSERTs of the rows a migrated database holds (content types, permissions; SQLite's
    id counters, PostgreSQL's sequences), without the migrations (recorded as they are
    applied) and the data-version counter (its start is random: post_migrate makes it)."""
    quote = connection.ops.quote_name
    skip = {MIGRATIONS_TABLE, "goodwill_data_version", "sqlite_sequence"}
    out = []
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names() if t not in skip]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM pragma_table_list WHERE type IN ('shadow', 'virtual')")
            index = {row[0] for row in cursor.fetchall()}  # an FTS index and its own tables: it fills them
            tables = [t for t in tables if t not in index]
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")
            rows = cursor.fetchall()
            if rows:
                columns = ", ".join(quote(d[0]) for d in cursor.description)
                values = ", ".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in rows)
                out.append(f"INSERT INTO {quote(table)} ({columns}) VALUES {values}")
        if connection.vendor == "sqlite":  # an AUTOINCREMENT table's counter, even at 0 (a rebuilt table's)
            cursor.execute(f"SELECT name, seq FROM sqlite_sequence WHERE name != '{MIGRATIONS_TABLE}' ORDER BY name")
            # The INSERTs above made some of them already: the migrated database's, exactly.
            out.append("DELETE FROM sqlite_sequence")
            out += [
                f"INSERT INTO sqlite_sequence (name, seq) VALUES ({_literal(n)}, {s})" for n, s in cursor.fetchall()
            ]
        else:
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() "
                f"AND last_value IS NOT NULL AND sequencename NOT LIKE '{MIGRATIONS_TABLE}%' ORDER BY 1"
            )
            out += [f"SELECT setval({_literal(n)}, {v})" for n, v in cursor.fetchall()]
    return out


def capture(connection, database_url: str = "") -> dict:
    """What the snapshot keeps of `connection`'s database, freshly migrated by Django's `migrate`:
    its schema, the rows, and the migrations in the order applied."""
    from django.apps import apps

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app, name FROM {MIGRATIONS_TABLE} ORDER BY id")
        migrations = [list(row) for row in cursor.fetchall()]
    if connection.vendor == "sqlite":
        statements = _sqlite_statements(connection)
    else:
        statements = _postgresql_statements(database_url)
    labels = {app for app, _ in migrations}
    assert labels <= {config.label for config in apps.get_app_configs()}
    return {"key": _set_key(labels), "migrations": migrations, "rows": _rows(connection), "statements": statements}


def write(vendor: str, schema: list[dict], sets: dict[str, dict]) -> Path:
    """Save the schema (from the set with every app) and each set of apps' migrations and rows,
    one migration, statement or row's INSERT a line, so a regenerated file's diff shows what changed."""

    def items(values, indent: str) -> str:
        return (",\n" + indent).join(json.dumps(v, ensure_ascii=False) for v in values)

    parts = [
        f'  {json.dumps(key)}: {{\n   "migrations": [\n    {items(kept["migrations"], "    ")}\n   ],\n'
        f'   "rows": [\n    {items(kept["rows"], "    ")}\n   ]\n  }}'
        for key, kept in sorted(sets.items())
    ]
    body = f'{{"statements": [\n  {items(schema, "  ")}\n ],\n "sets": {{\n' + ",\n".join(parts) + "\n }\n}\n"
    FOLDER.mkdir(exist_ok=True)
    path = snapshot_path(vendor)
    path.write_text(body, encoding="utf-8")
    json.loads(body)  # the file must read back
    return path
