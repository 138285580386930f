"""SQLite connection settings: WAL for concurrent readers, a busy timeout, foreign keys."""

from django.db.backends.signals import connection_created


def _tune_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")


def connect_signals() -> None:
    connection_created.connect(_tune_sqlite, dispatch_uid="goodwill-sqlite-tuning")
