"""New databases from the saved schema (goodwill/schema_snapshot.py) are the databases
Django's `migrate` makes: schema (tables, columns, types, indexes, constraints, triggers,
functions) and rows, on the backend the suite runs on (GOODWILL_TEST_DATABASE_URL for
PostgreSQL), with the web server's apps and with a command's. Each database is made in a
child process of its own, as a command makes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.db import connection

from goodwill import schema_snapshot

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "the saved schema is out of date: run `make schema-snapshot` and commit src/goodwill/schema/"


@pytest.fixture
def new_database():
    """Make a new database (`fast`, `slow` or `old`: tests/schema_catalog.py) in a child
    process and return what it printed; each call gets an empty database of its own."""
    made = []
    test_url = os.environ.get("GOODWILL_TEST_DATABASE_URL", "")

    def make(mode: str, web: bool) -> dict:
        unset = ("GOODWILL_TEST_DATABASE_URL", "GOODWILL_WEB", "GOODWILL_QUEUE", "DJANGO_SETTINGS_MODULE")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env["GOODWILL_HOME"] = tempfile.mkdtemp(prefix="goodwill-snapshot-test-")
        if web:  # as `goodwill serve` starts
            env["GOODWILL_WEB"], env["DJANGO_SETTINGS_MODULE"] = "1", "goodwill.settings_web"
        if test_url:
            parts = urlparse(test_url)
            name = f"{parts.path.lstrip('/')}_snap{len(made)}"
            _admin(test_url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
            made.append(name)
            env["GOODWILL_DATABASE_URL"] = urlunparse(parts._replace(path="/" + name))
        result = subprocess.run(
            [sys.executable, str(ROOT / "tests" / "schema_catalog.py"), mode],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout)

    yield make
    for name in made:
        _admin(test_url, f'DROP DATABASE IF EXISTS "{name}"')


def _admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def _differences(a: dict, b: dict) -> list[str]:
    """What differs, part by part (a table's rows, the columns, ...), for a readable failure."""
    out = []
    for part in sorted(set(a) | set(b)):
        if part == "rows":
            for table in sorted(set(a["rows"]) | set(b["rows"])):
                if a["rows"].get(table) != b["rows"].get(table):
                    out.append(f"rows of {table}")
        elif a.get(part) != b.get(part):
            only_a = [x for x in a.get(part, []) if x not in b.get(part, [])]
            only_b = [x for x in b.get(part, []) if x not in a.get(part, [])]
            out.append(f"{part}: only in the first {only_a[:3]}, only in the second {only_b[:3]}")
    return out


@pytest.mark.parametrize("web", [True, False], ids=["web-server-apps", "command-apps"])
def test_a_new_database_from_the_snapshot_is_the_migrated_one(new_database, web):
    fast = new_database("fast", web)
    assert fast["used_snapshot"], REGENERATE
    slow = new_database("slow", web)
    assert not slow["used_snapshot"]
    assert _differences(fast["catalog"], slow["catalog"]) == []
    # Something to compare: the tables, the change triggers and post_migrate's rows are there.
    rows = fast["catalog"]["rows"]
    assert len(rows["django_migrations"]) >= 29 and rows["django_content_type"] and rows["auth_permission"]
    assert ("django_session" in rows) == web


def test_a_database_from_an_older_goodwill_still_migrates_step_by_step(new_database):
    old = new_database("old", False)
    assert not old["used_snapshot"]  # it has tables: the snapshot is for empty databases only
    fast = new_database("fast", False)
    differences = _differences(old["catalog"], fast["catalog"])
    # Two migrates, each followed by post_migrate: the content types, permissions and recorded
    # migrations may have other ids; the schema and the rest are the same.
    by_ids = ("rows of django_content_type", "rows of auth_permission", "rows of django_migrations")
    assert [d for d in differences if not d.startswith(by_ids)] == []

    def migrations(made):
        return sorted(json.loads(row)[1:3] for row in made["catalog"]["rows"]["django_migrations"])

    assert migrations(old) == migrations(fast)


def test_the_snapshot_stands_in_only_for_exactly_the_migrations_on_disk(db, monkeypatch):
    real = schema_snapshot.migrations_on_disk()
    snapshot = schema_snapshot.load(connection.vendor)
    assert snapshot is not None, REGENERATE
    labels = " ".join(sorted({app for app, _ in real}))
    assert {(a, n) for a, n in snapshot["sets"][labels]["migrations"]} == real, REGENERATE
    # The test database has tables: `migrate` runs as Django's own there.
    assert schema_snapshot.usable(connection) is None
    monkeypatch.setattr(connection.introspection, "table_names", lambda *a, **k: [])
    assert schema_snapshot.usable(connection) is not None
    # A migration added since the snapshot was written: Django's `migrate` again, until it is rewritten.
    monkeypatch.setattr(schema_snapshot, "migrations_on_disk", lambda: real | {("goodwill", "0016_new")})
    assert schema_snapshot.usable(connection) is None
