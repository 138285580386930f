"""Which people's cards and which tasks may have changed: database triggers that
write a row to goodwill_davdirty for every change a phone would have to see.

Why triggers: a card is built from a person and five other tables (contact points,
addresses, the photo, notes, tags) plus the names of their organization, circle and
whoever introduced them; a task from a step and its person's name. They are written
by forms, the API, bulk imports, merges, undo and raw SQL alike. A trigger sees every
one of those writes, so a sync never misses a change and never has to re-render the
whole network to find one (goodwill.services.dav_sync reads and clears the rows).

Only users who have set up a phone (a goodwill_davbook row) pay for it: the trigger's
insert is guarded by that row's existence. Installed by migration 0011 and again after
every migrate (apps.py): SQLite's ALTER TABLE emulation rebuilds a table without them.
"""

from __future__ import annotations

from dataclasses import dataclass

DIRTY = "goodwill_davdirty"
BOOKS = "goodwill_davbook"

# What a person's card shows; an UPDATE of anything else (the rhythm cache) is no change.
PERSON_CARD_COLUMNS = (
    "name",
    "uid",
    "given_name",
    "family_name",
    "nickname",
    "organization_id",
    "title",
    "circle_id",
    "cadence_days",
    "snoozed_until",
    "how_met",
    "introduced_by_id",
    "birthday",
    "industry",
    "location",
    "extra",
    "archived_at",
)
STEP_COLUMNS = ("text", "ball", "due_on", "due_firm", "status", "person_id")


@dataclass(frozen=True)
class Watch:
    table: str
    # SELECT ... AS o, ... AS k, ... AS i with {R} for the changed row (NEW or OLD).
    selects: tuple[str, ...]
    update_only: bool = False  # a rename: inserts and deletes are seen through other tables
    columns: tuple[str, ...] = ()  # UPDATE OF these only (empty: any column)


def _own(kind: str, id_column: str) -> str:
    return f"SELECT {{R}}.owner_id AS o, '{kind}' AS k, {{R}}.{id_column} AS i"


WATCHES = (
    Watch("goodwill_person", (_own("p", "id"),), columns=PERSON_CARD_COLUMNS),
    # A new name shows on the person's tasks and on the cards of people they introduced.
    Watch(
        "goodwill_person",
        (
            "SELECT s.owner_id AS o, 's' AS k, s.id AS i FROM goodwill_nextstep s WHERE s.person_id = {R}.id",
            "SELECT p.owner_id AS o, 'p' AS k, p.id AS i FROM goodwill_person p WHERE p.introduced_by_id = {R}.id",
            "SELECT t.owner_id AS o, 't' AS k, t.id AS i FROM goodwill_phonetask t "
            "WHERE t.step_id IN (SELECT s.id FROM goodwill_nextstep s WHERE s.person_id = {R}.id)",
        ),
        update_only=True,
        columns=("name", "archived_at"),  # archived: their tasks leave the phone too
    ),
    Watch("goodwill_contactpoint", (_own("p", "person_id"),)),
    Watch("goodwill_address", (_own("p", "person_id"),)),
    Watch("goodwill_photo", (_own("p", "person_id"),)),
    Watch("goodwill_note", (_own("p", "person_id"),)),
    Watch(
        "goodwill_person_tags",
        ("SELECT p.owner_id AS o, 'p' AS k, p.id AS i FROM goodwill_person p WHERE p.id = {R}.person_id",),
    ),
    Watch(
        "goodwill_tag",
        ("SELECT {R}.owner_id AS o, 'p' AS k, t.person_id AS i FROM goodwill_person_tags t WHERE t.tag_id = {R}.id",),
        update_only=True,
    ),
    Watch(
        "goodwill_organization",
        ("SELECT {R}.owner_id AS o, 'p' AS k, p.id AS i FROM goodwill_person p WHERE p.organization_id = {R}.id",),
        update_only=True,
    ),
    Watch(
        "goodwill_circle",
        ("SELECT {R}.owner_id AS o, 'p' AS k, p.id AS i FROM goodwill_person p WHERE p.circle_id = {R}.id",),
        update_only=True,
    ),
    # A task made on the phone shows its step under the phone's UID (services.dav_tasks).
    Watch(
        "goodwill_nextstep",
        (
            _own("s", "id"),
            "SELECT t.owner_id AS o, 't' AS k, t.id AS i FROM goodwill_phonetask t WHERE t.step_id = {R}.id",
        ),
        columns=STEP_COLUMNS,
    ),
    Watch("goodwill_phonetask", (_own("t", "id"),)),
)


def _insert(select: str, row: str) -> str:
    inner = select.replace("{R}", row)
    return (
        f"INSERT INTO {DIRTY} (owner_id, object_kind, object_id) "
        f"SELECT x.o, x.k, x.i FROM ({inner}) AS x WHERE x.o IN (SELECT b.owner_id FROM {BOOKS} b)"
    )


def _name(watch: Watch, index: int) -> str:
    return f"{watch.table}_dav{index}"


def sqlite_statements(watches=WATCHES) -> list[str]:
    out = []
    for n, watch in enumerate(watches):
        events = ["UPDATE"] if watch.update_only else ["INSERT", "UPDATE", "DELETE"]
        for event in events:
            rows = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"], "DELETE": ["OLD"]}[event]
            if watch.update_only:
                rows = ["NEW"]
            of = f" OF {', '.join(watch.columns)}" if event == "UPDATE" and watch.columns else ""
            body = " ".join(f"{_insert(s, row)};" for row in rows for s in watch.selects)
            name = f"{_name(watch, n)}_{event[0].lower()}"
            out.append(f"DROP TRIGGER IF EXISTS {name}")
            out.append(f"CREATE TRIGGER {name} AFTER {event}{of} ON {watch.table} BEGIN {body} END")
    return out


def postgresql_statements(watches=WATCHES) -> list[str]:
    out = []
    for n, watch in enumerate(watches):
        name = _name(watch, n)
        new = " ".join(f"{_insert(s, 'NEW')};" for s in watch.selects)
        old = " ".join(f"{_insert(s, 'OLD')};" for s in watch.selects)
        if watch.update_only:
            body = f"IF TG_OP = 'UPDATE' THEN {new} END IF;"
            events = "UPDATE" + (f" OF {', '.join(watch.columns)}" if watch.columns else "")
        else:
            body = f"IF TG_OP <> 'DELETE' THEN {new} END IF; IF TG_OP <> 'INSERT' THEN {old} END IF;"
            of = f" OF {', '.join(watch.columns)}" if watch.columns else ""
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
    if DIRTY not in existing or BOOKS not in existing:
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
