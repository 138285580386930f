"""When an import's fingerprints stop being true: database triggers that delete a person's
goodwill_importprint rows whenever anything an import's fold reads of them changes.

A fingerprint (services.contacts_import.prints) says "folding this record into this person,
as they stand, changes nothing". What fold reads is the person's own fields (those of their
card: PERSON_CARD_COLUMNS) and what they have: contact points, addresses, notes, tags (and
the tags' names), the photo. Those are written by the CLI, the web app, the API, CardDAV
sync, merges, undo, restores and raw SQL alike; a trigger sees every one of those writes
(as goodwill.dav_changes and goodwill.strength_stale), so a re-import never takes a person
as unchanged after an edit it did not see. People without fingerprints cost one index probe.
Installed after every migrate (apps.py), as the others."""

from __future__ import annotations

from goodwill import db_triggers
from goodwill.dav_changes import PERSON_CARD_COLUMNS
from goodwill.db_triggers import Watch

PRINTS = "goodwill_importprint"

WATCHES = (
    # Updates only: a new person has no fingerprints yet, and a deleted one's go with them.
    Watch("goodwill_person", ("SELECT {R}.id",), columns=(*PERSON_CARD_COLUMNS, "owner_id"), update_only=True),
    Watch("goodwill_contactpoint", ("SELECT {R}.person_id",)),
    Watch("goodwill_address", ("SELECT {R}.person_id",)),
    Watch("goodwill_note", ("SELECT {R}.person_id",)),
    Watch("goodwill_photo", ("SELECT {R}.person_id",)),
    Watch("goodwill_person_tags", ("SELECT {R}.person_id",)),
    # A renamed tag is a different tag to the file's rows.
    Watch("goodwill_tag", ("SELECT t.person_id FROM goodwill_person_tags t WHERE t.tag_id = {R}.id",), update_only=True),
)


def _forget(select: str, row: str) -> str:
    inner = select.replace("{R}", row)
    return f"DELETE FROM {PRINTS} WHERE person_id IN ({inner})"


def install(connection) -> None:
    """Create or replace the triggers (idempotent); tables not there yet are skipped."""
    db_triggers.install(connection, WATCHES, _forget, "prints", needs=(PRINTS,))
