"""On PostgreSQL, the foreign keys that point at a person refuse a delete at once (RESTRICT).

Django makes every foreign key NO ACTION, checked at commit (DEFERRABLE INITIALLY DEFERRED).
For each person deleted, a NO ACTION key first looks for another person row that would take
the deleted one's place, then for a row that still points at it: two look-ups for each of the
28 keys. Undoing a 30,000-person import spent most of its time there, in the commit (issue 18;
docs/performance.md, "PostgreSQL: the keys to a person RESTRICT"). RESTRICT skips the
first look-up and checks each row as the statement ends instead of queueing it for the commit:
2.3× faster on a bare table with 28 keys.

Nothing Goodwill does needs the deferral on this side of a key: every delete of people (the
ORM's cascade, undo, merge, restore) removes what points at them first, in earlier statements.
Inserts still check at commit, as before (the constraint stays DEFERRABLE INITIALLY DEFERRED
for them), so rows may still arrive in any order within a transaction.

Django's schema editor knows nothing of this: altering one of these fields in a later
migration writes the key back as NO ACTION. So the app puts them back after every migrate
(apps.py, post_migrate), and tests check that every key to a person is RESTRICT. The caller
passes its connection. SQLite is left as it is (its undo was never slow there)."""

from __future__ import annotations

PARENT = "goodwill_person"
MIGRATION = ("goodwill", "0024_person_keys_restrict")  # the one that chose RESTRICT

# Every foreign key to a person: its table, name, column and on-delete action ('a' NO ACTION,
# 'r' RESTRICT, ...).
KEYS = """
    SELECT c.conrelid::regclass::text, c.conname, a.attname, c.confdeltype
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = %s::regclass
    ORDER BY 1, 2
"""
ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def restrict(connection) -> int:
    """Make every foreign key to a person RESTRICT on delete; returns how many changed."""
    return _alter(connection, "a", "ON DELETE RESTRICT ")


def keep(connection) -> int:
    """After a migrate: RESTRICT again wherever a migration wrote a key back as NO ACTION, once
    the migration that chose RESTRICT is applied (not after migrating back past it)."""
    if connection.vendor != "postgresql":
        return 0
    from django.db.migrations.recorder import MigrationRecorder

    if MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return 0
    return restrict(connection)


def no_action(connection) -> int:
    """Django's NO ACTION back (the migration's reverse)."""
    return _alter(connection, "r", "")


def _alter(connection, action: str, clause: str) -> int:
    if connection.vendor != "postgresql":
        return 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [PARENT])
        if cursor.fetchone()[0] is None:  # not migrated that far
            return 0
        cursor.execute(KEYS, [PARENT])
        keys = [(table, name, column) for table, name, column, kind in cursor.fetchall() if str(kind) == action]
        for table, name, column in keys:
            # One statement per key, so it is never missing; PostgreSQL checks the existing
            # rows again, through the referencing column's index.
            cursor.execute(
                f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}, "
                f"ADD CONSTRAINT {quote(name)} FOREIGN KEY ({quote(column)}) REFERENCES {PARENT} (id) "
                f"{clause}DEFERRABLE INITIALLY DEFERRED"
            )
    return len(keys)


def actions(connection) -> dict[str, str]:
    """{"table.column": on-delete action} of every foreign key to a person (for tests)."""
    with connection.cursor() as cursor:
        cursor.execute(KEYS, [PARENT])
        return {f"{table}.{column}": ACTIONS[str(kind)] for table, _name, column, kind in cursor.fetchall()}
