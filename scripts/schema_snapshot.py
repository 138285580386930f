"""Write src/goodwill/schema/{sqlite,postgresql}.json from real migrates (`make schema-snapshot`).

    .venv/bin/python scripts/schema_snapshot.py [--postgres URL]

For each backend, a new database is migrated by Django's own `migrate` (not the snapshot)
for each set of apps a Goodwill process installs (a command's; `goodwill worker`'s, with the
queue; the web server's, with everything), each in a child process of its own; the schema
(from the web server's set, which has every table) and each set's rows and migrations are
saved. With --postgres, URL names a scratch database that is dropped and created afresh
(needs dropdb, createdb and pg_dump); without it only SQLite is written.
tests/test_schema_snapshot.py fails when a file is out of date.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from urllib.parse import urlparse

CHILD = """
import json, os
from django.core.management import call_command
from django.core.management.commands.migrate import Command as DjangoMigrate
from goodwill.db import setup_django
setup_django()
from django.db import connection
from goodwill import schema_snapshot
call_command(DjangoMigrate(), verbosity=0, interactive=False)
print(json.dumps(schema_snapshot.capture(connection, os.environ.get("GOODWILL_DATABASE_URL", ""))))
"""
# What a process sets to install the optional apps (goodwill/settings.py): none, the queue, the web.
SETS = ({}, {"GOODWILL_QUEUE": "1"}, {"GOODWILL_WEB": "1"})


def _postgres_args(url: str) -> tuple[list[str], str]:
    parts = urlparse(url)
    args = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
    return args, parts.path.lstrip("/")


def _capture(env: dict, postgres: str) -> dict:
    if postgres:
        pg, name = _postgres_args(postgres)
        subprocess.run(["dropdb", *pg, "--if-exists", name], check=True, capture_output=True)
        subprocess.run(["createdb", *pg, name], check=True)
        env = {**env, "GOODWILL_DATABASE_URL": postgres}
    try:
        env = {**env, "GOODWILL_HOME": tempfile.mkdtemp(prefix="goodwill-snapshot-")}
        out = subprocess.run([sys.executable, "-c", CHILD], env=env, check=True, capture_output=True, text=True)
        return json.loads(out.stdout)
    finally:
        if postgres:
            subprocess.run(["dropdb", *pg, "--if-exists", name], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="", help="a scratch PostgreSQL database URL (dropped and created)")
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if not k.startswith("GOODWILL_")}
    from goodwill import schema_snapshot

    for vendor, postgres in (("sqlite", ""), ("postgresql", args.postgres)):
        if vendor == "postgresql" and not postgres:
            continue
        captured = [_capture({**base, **extra}, postgres) for extra in SETS]
        sets = {c["key"]: {"migrations": c["migrations"], "rows": c["rows"]} for c in captured}
        print(schema_snapshot.write(vendor, captured[-1]["statements"], sets))


if __name__ == "__main__":
    main()
