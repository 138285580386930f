"""Opening the database: Django set-up, safety checks, and migrations on first use.

Nothing here runs at import time, so commands that need no database stay fast.
"""

from __future__ import annotations

import os
from pathlib import Path

from goodwill import config
from goodwill.errors import DatabaseProblem

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATED_APPS = ("auth", "contenttypes", "goodwill")
WEB_MIGRATED_APPS = ("sessions", "axes")  # installed only in the web server (settings.WEB)
# The scheduled work's queue (django-tasks-db; its label is not its module's name), installed
# only where work is queued or run (settings.QUEUE): the first such command migrates it.
QUEUE_MIGRATED_APPS = ("django_tasks_database",)


def setup_django() -> None:
    """Configure Django once per process (a no-op when tests already did)."""
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")
    import gc

    import django

    django.setup()
    # Start-up is over: what it built (modules, models, settings) lives as long as the process,
    # so later collections skip it (and forked web workers share its pages), and collection
    # comes back on if the command's start-up turned it off (goodwill.cli.main.run).
    gc.freeze()
    gc.enable()


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseProblem(
            f"{path} is not a Goodwill database (not SQLite at all); "
            f"move it aside or set {config.ENV_HOME} to another folder"
        )


def _migrations_on_disk() -> set[tuple[str, str]]:
    from django.apps import apps
    from django.conf import settings

    found = set()
    labels = (
        MIGRATED_APPS + (WEB_MIGRATED_APPS if settings.WEB else ()) + (QUEUE_MIGRATED_APPS if settings.QUEUE else ())
    )
    for label in labels:
        folder = Path(apps.get_app_config(label).path) / "migrations"
        for entry in folder.glob("[0-9]*.py"):
            found.add((label, entry.stem))
    return found


def _applied_migrations(connection) -> set[tuple[str, str]] | None:
    tables = connection.introspection.table_names()
    if "django_migrations" not in tables:
        if tables:
            raise DatabaseProblem(
                f"the database at {describe_location()} has tables but is not a Goodwill database; "
                f"point {config.ENV_HOME} or {config.ENV_DATABASE_URL} elsewhere"
            )
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        rows = {(app, name) for app, name in cursor.fetchall()}
    if not any(app == "goodwill" for app, _ in rows):
        raise DatabaseProblem(
            f"the database at {describe_location()} belongs to another Django application, not Goodwill; "
            f"point {config.ENV_HOME} or {config.ENV_DATABASE_URL} elsewhere"
        )
    return rows


def describe_location() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return str(connection.settings_dict["NAME"])
    return f"{connection.settings_dict.get('HOST') or 'localhost'}/{connection.settings_dict.get('NAME')}"


def ensure_schema() -> None:
    """Apply migrations when the schema is behind; refuse one written by a newer Goodwill."""
    from django.db import connection

    on_disk = _migrations_on_disk()
    applied = _applied_migrations(connection)
    if applied is not None:
        newer = {name for app, name in applied - on_disk if app == "goodwill"}
        if newer:
            raise DatabaseProblem(
                f"the database at {describe_location()} was written by a newer Goodwill "
                f"(migration {sorted(newer)[-1]}); upgrade Goodwill to open it"
            )
        if on_disk <= applied:
            return
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def prepared_sqlite_file() -> Path | None:
    """The SQLite file a command may read without setting Django up (queries.prepared), else
    None: a server's database, Django already set up (tests, the web server), the web's or the
    queue's apps installed in this process, no file yet, or a schema other than this code's
    (behind: the Django path migrates it; ahead: it says so). Imports no Django, writes nothing."""
    import sqlite3
    import sys
    from contextlib import closing

    apps = sys.modules.get("django.apps")
    if apps is not None and apps.apps.ready:
        return None
    if config.database_url() or os.environ.get(config.ENV_TEST_DATABASE_URL):
        return None
    if config.queue_apps():  # the web's or the queue's apps installed: their tables are migrated too (settings)
        return None
    path = config.sqlite_path()
    try:
        if path.stat().st_size == 0:
            return None
        check_sqlite_file(path)
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)) as connection:  # never creates it
            applied = set(connection.execute("SELECT app, name FROM django_migrations").fetchall())
    except (OSError, sqlite3.Error, DatabaseProblem):
        return None  # the Django path says what is wrong, in its own words
    return path if _plain_migrations_on_disk() == {m for m in applied if m[0] in MIGRATED_APPS} else None


def _plain_migrations_on_disk() -> set[tuple[str, str]]:
    """_migrations_on_disk for a command's apps (MIGRATED_APPS), found without importing Django."""
    from importlib.util import find_spec

    django = find_spec("django")
    if django is None or django.origin is None:
        return set()
    folders = {
        "auth": Path(django.origin).parent / "contrib" / "auth" / "migrations",
        "contenttypes": Path(django.origin).parent / "contrib" / "contenttypes" / "migrations",
        "goodwill": Path(__file__).parent / "migrations",
    }
    return {(label, entry.stem) for label, folder in folders.items() for entry in folder.glob("[0-9]*.py")}


def open_database() -> None:
    """Everything a command needs before it touches data."""
    if not config.database_url() and not os.environ.get(config.ENV_TEST_DATABASE_URL):
        path = config.sqlite_path()
        check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    setup_django()
    from django.db import DatabaseError

    try:
        ensure_schema()
    except DatabaseError as exc:  # e.g. a truncated or corrupt file
        raise DatabaseProblem(f"cannot open the database at {describe_location()}: {exc}") from None
