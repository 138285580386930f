"""Which stored strengths may be out of date: database triggers that mark a person's
goodwill_personstrength row stale when an encounter that counts for them changes.

Why triggers (as goodwill.dav_changes): an encounter is written by forms, the API, the CLI,
bulk imports, merges, undo and raw SQL alike; a trigger sees every one of those writes, so
the firm's stored score (services.firm_strength) is never silently behind. What counts is
queries.strength._event_rows: interactions (their participants, kind, direction, date and
confidentiality), introductions made, referrals and promises kept.

Marking is one indexed UPDATE of rows not already stale; people without a stored row cost
nothing (a laptop with no firm has none). Installed after every migrate (apps.py)."""

from __future__ import annotations

from dataclasses import dataclass

STRENGTH = "goodwill_personstrength"


@dataclass(frozen=True)
class Watch:
    table: str
    # SELECTs of person ids with {R} for the changed row (NEW or OLD).
    selects: tuple[str, ...]
    columns: tuple[str, ...] = ()  # UPDATE OF these only (empty: any column)
    update_only: bool = False


INTERACTION_COLUMNS = ("kind", "direction", "occurred_at", "confidentiality", "owner_id")
STEP_COLUMNS = ("status", "ball", "closed_at", "created_at", "person_id", "interaction_id", "owner_id")

WATCHES = (
    # Someone joins or leaves an encounter.
    Watch("goodwill_interaction_participants", ("SELECT {R}.person_id",)),
    # An encounter changes what it counts for: its participants, and the people whose promises
    # hang on it (a confidential encounter's promises are left out of the shared score).
    Watch(
        "goodwill_interaction",
        (
            "SELECT ip.person_id FROM goodwill_interaction_participants ip WHERE ip.interaction_id = {R}.id",
            "SELECT s.person_id FROM goodwill_nextstep s WHERE s.interaction_id = {R}.id",
        ),
        columns=INTERACTION_COLUMNS,
        update_only=True,
    ),
    Watch("goodwill_introduction", ("SELECT {R}.person_a_id", "SELECT {R}.person_b_id")),
    Watch("goodwill_exchange", ("SELECT {R}.person_id",)),
    Watch("goodwill_nextstep", ("SELECT {R}.person_id",), columns=STEP_COLUMNS),
)


def _mark(select: str, row: str) -> str:
    inner = select.replace("{R}", row)
    return f"UPDATE {STRENGTH} SET stale = TRUE WHERE person_id IN ({inner}) AND stale = FALSE"


def _name(watch: Watch, index: int) -> str:
    return f"{watch.table}_strength{index}"


def sqlite_statements(watches=WATCHES) -> list[str]:
    out = []
    for n, watch in enumerate(watches):
        events = ["UPDATE"] if watch.update_only else ["INSERT", "UPDATE", "DELETE"]
        for event in events:
            rows = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"], "DELETE": ["OLD"]}[event]
            if watch.update_only:
                rows = ["NEW"]
            of = f" OF {', '.join(watch.columns)}" if event == "UPDATE" and watch.columns else ""
            body = " ".join(f"{_mark(s, row)};" for row in rows for s in watch.selects)
            name = f"{_name(watch, n)}_{event[0].lower()}"
            out.append(f"DROP TRIGGER IF EXISTS {name}")
            out.append(f"CREATE TRIGGER {name} AFTER {event}{of} ON {watch.table} BEGIN {body} END")
    return out


def postgresql_statements(watches=WATCHES) -> list[str]:
    out = []
    for n, watch in enumerate(watches):
        name = _name(watch, n)
        new = " ".join(f"{_mark(s, 'NEW')};" for s in watch.selects)
        old = " ".join(f"{_mark(s, 'OLD')};" for s in watch.selects)
        of = f" OF {', '.join(watch.columns)}" if watch.columns else ""
        if watch.update_only:
            body = f"{new}"
            events = f"UPDATE{of}"
        else:
            body = f"IF TG_OP <> 'DELETE' THEN {new} END IF; IF TG_OP <> 'INSERT' THEN {old} END IF;"
            events = f"INSERT OR UPDATE{of} OR DELETE"
        out.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$"
        )
        out.append(f"DROP TRIGGER IF EXISTS {name} ON {watch.table}")
        out.append(f"CREATE TRIGGER {name} AFTER {events} ON {watch.table} FOR EACH ROW EXECUTE FUNCTION {name}()")
    return out


def install(connection) -> None:
    """Create or replace the triggers (idempotent); tables not there yet are skipped."""
    existing = set(connection.introspection.table_names())
    if STRENGTH not in existing:
        return
    present = tuple(w for w in WATCHES if w.table in existing and all(t in existing for t in _tables_read(w)))
    if connection.vendor == "sqlite":
        statements = sqlite_statements(present)
    elif connection.vendor == "postgresql":
        statements = postgresql_statements(present)
    else:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _tables_read(watch: Watch) -> set[str]:
    words = " ".join(watch.selects).split()
    return {words[i + 1] for i, word in enumerate(words) if word == "FROM" and i + 1 < len(words)}
