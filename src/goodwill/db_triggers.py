"""Triggers that record "this changed" for derived data, on SQLite and PostgreSQL alike (per
row on SQLite; on PostgreSQL inserts and deletes once per statement, over all of its rows).

Used where a change must be seen whatever wrote it (forms, the API, bulk imports, merges,
undo, raw SQL): goodwill.dav_changes marks what a phone must sync, goodwill.strength_stale
marks the firm's stored strengths out of date. Each gives its watches and what to run for a
changed row; this module builds the triggers and installs them (idempotently: SQLite's
ALTER TABLE emulation rebuilds a table without its triggers, so apps.py reinstalls them after
every migrate). Pure SQL text: no Django here, the caller passes its connection."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Watch:
    """One table to watch. `selects` are SELECTs with {R} standing for the changed row (NEW or
    OLD); `action` (below) turns each into the statement the trigger runs. A select's first
    FROM must be its own (no subquery before it): over_rows joins a statement's rows there."""

    table: str
    selects: tuple[str, ...]
    columns: tuple[str, ...] = ()  # UPDATE OF these only (empty: any column)
    update_only: bool = False  # fire on UPDATE only (and for NEW only)
    no_insert: bool = False  # fire on UPDATE (NEW and OLD) and DELETE, not on INSERT


# What a trigger runs for one select and one row name ("NEW" or "OLD").
Action = Callable[[str, str], str]


def sqlite_statements(watches: Iterable[Watch], action: Action, suffix: str) -> list[str]:
    out = []
    for n, watch in enumerate(watches):
        events = ["UPDATE"] if watch.update_only else ["INSERT", "UPDATE", "DELETE"]
        if watch.no_insert:
            events = ["UPDATE", "DELETE"]
        for event in events:
            rows = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"], "DELETE": ["OLD"]}[event]
            if watch.update_only:
                rows = ["NEW"]
            of = f" OF {', '.join(watch.columns)}" if event == "UPDATE" and watch.columns else ""
            body = " ".join(f"{action(s, row)};" for row in rows for s in watch.selects)
            name = f"{watch.table}_{suffix}{n}_{event[0].lower()}"
            out.append(f"DROP TRIGGER IF EXISTS {name}")
            out.append(f"CREATE TRIGGER {name} AFTER {event}{of} ON {watch.table} BEGIN {body} END")
    return out


def postgresql_statements(watches: Iterable[Watch], action: Action, suffix: str) -> list[str]:
    """Inserts and deletes fire once per statement, over its transition table (a COPY of 500
    restored rows runs one set-based statement, not 500 calls of a function); updates fire per
    row, since PostgreSQL takes no transition table on a trigger with a column list."""
    out = []
    for n, watch in enumerate(watches):
        name = f"{watch.table}_{suffix}{n}"
        new = " ".join(f"{action(s, 'NEW')};" for s in watch.selects)
        of = f" OF {', '.join(watch.columns)}" if watch.columns else ""
        if watch.update_only:
            body = new
        else:
            old = " ".join(f"{action(s, 'OLD')};" for s in watch.selects)
            body = f"{new} {old}"
        out += _function(name, body)
        out.append(f"DROP TRIGGER IF EXISTS {name} ON {watch.table}")
        out.append(f"CREATE TRIGGER {name} AFTER UPDATE{of} ON {watch.table} FOR EACH ROW EXECUTE FUNCTION {name}()")
        for event, when in (("INSERT", "NEW"), ("DELETE", "OLD")):
            statement = f"{name}_{event[:3].lower()}"
            fires = not watch.update_only and not (event == "INSERT" and watch.no_insert)
            out.append(f"DROP TRIGGER IF EXISTS {statement} ON {watch.table}")
            if fires:
                body = " ".join(f"{action(over_rows(s, TRANSITION), ROWS)};" for s in watch.selects)
                out += _function(statement, body)
                out.append(
                    f"CREATE TRIGGER {statement} AFTER {event} ON {watch.table} "
                    f"REFERENCING {when} TABLE AS {TRANSITION} FOR EACH STATEMENT EXECUTE FUNCTION {statement}()"
                )
    return out


# A statement trigger's rows: the transition table, and the alias its selects give it.
TRANSITION, ROWS = "goodwill_changed_rows", "changed"


def over_rows(select: str, table: str) -> str:
    """A watch's select about one row ({R}) as one over every row of `table`, aliased {R}:
    joined into its FROM, or given one."""
    if " FROM " in select:
        return select.replace(" FROM ", f" FROM {table} {{R}}, ", 1)
    return f"{select} FROM {table} {{R}}"


def _function(name: str, body: str) -> list[str]:
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$"
    ]


def install(connection, watches: Iterable[Watch], action: Action, suffix: str, needs: Iterable[str]) -> None:
    """Create or replace the triggers; nothing until the `needs` tables exist, and a watch whose
    tables are not there yet is skipped."""
    existing = set(connection.introspection.table_names())
    if not set(needs) <= existing:
        return
    present = [w for w in watches if w.table in existing and _tables_read(w) <= existing]
    if connection.vendor == "sqlite":
        statements = sqlite_statements(present, action, suffix)
    elif connection.vendor == "postgresql":
        statements = postgresql_statements(present, action, suffix)
    else:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _tables_read(watch: Watch) -> set[str]:
    words = " ".join(watch.selects).split()
    return {words[i + 1] for i, word in enumerate(words) if word == "FROM" and i + 1 < len(words)}
