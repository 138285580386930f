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

from goodwill import db_triggers
from goodwill.db_triggers import Watch

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


def install(connection) -> None:
    """Create or replace the triggers (idempotent); tables not there yet are skipped."""
    db_triggers.install(connection, WATCHES, _insert, "dav", needs=(DIRTY, BOOKS))
