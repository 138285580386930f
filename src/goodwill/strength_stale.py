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

from goodwill import db_triggers
from goodwill.db_triggers import Watch

STRENGTH = "goodwill_personstrength"


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


def install(connection) -> None:
    """Create or replace the triggers (idempotent); tables not there yet are skipped."""
    db_triggers.install(connection, WATCHES, _mark, "strength", needs=(STRENGTH,))
