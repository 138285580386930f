"""When an import's fingerprints stop being true: database triggers that delete a person's
goodwill_importprint rows whenever anything an import's fold reads of them changes.

A fingerprint (services.contacts_import.prints) says "folding this record into this person,
as they stand, changes nothing". What fold reads is the person's own fields (those of their
card: PERSON_CARD_COLUMNS) and what they have: contact points, addresses, notes, tags (and
the tags' names), the photo. Fold only fills what is empty and adds what the person lacks,
so a field changed and a row changed or taken away can make it do something again; a row
added cannot (with more, it adds less). Those writes come from the CLI, the web app, the
API, CardDAV sync, merges, undo, restores and raw SQL alike; a trigger sees every one of
them (as goodwill.dav_changes and goodwill.strength_stale), so a re-import never takes a
person as unchanged after an edit it did not see. Inserts, the bulk of every import, fire
nothing; other writes cost one index probe for people without fingerprints.
Installed after every migrate (apps.py), as the others."""

from __future__ import annotations

from goodwill import db_triggers
from goodwill.dav_changes import PERSON_CARD_COLUMNS
from goodwill.db_triggers import Watch

PRINTS = "goodwill_importprint"

WATCHES = (
    # Updates only: a new person has no fingerprints yet, and a deleted one's go with them.
    Watch("goodwill_person", ("SELECT {R}.id",), columns=(*PERSON_CARD_COLUMNS, "owner_id"), update_only=True),
    # What a person has, changed or taken away. A row added never makes a fingerprint lie
    # (fold adds only what the person lacks: with more, it adds less), so inserts, the bulk
    # of every import, fire nothing.
    Watch("goodwill_contactpoint", ("SELECT {R}.person_id",), no_insert=True),
    Watch("goodwill_address", ("SELECT {R}.person_id",), no_insert=True),
    Watch("goodwill_note", ("SELECT {R}.person_id",), no_insert=True),
    Watch("goodwill_photo", ("SELECT {R}.person_id",), no_insert=True),
    Watch("goodwill_person_tags", ("SELECT {R}.person_id",), no_insert=True),
    # A renamed tag is a different tag to the file's rows.
    Watch(
        "goodwill_tag", ("SELECT t.person_id FROM goodwill_person_tags t WHERE t.tag_id = {R}.id",), update_only=True
    ),
)


def _forget(select: str, row: str) -> str:
    inner = select.replace("{R}", row)
    if inner.count(" ") == 1:  # "SELECT NEW.person_id": a plain comparison, no subquery per row
        return f"DELETE FROM {PRINTS} WHERE person_id = {inner.split()[1]}"
    return f"DELETE FROM {PRINTS} WHERE person_id IN ({inner})"


def install(connection) -> None:
    """Create or replace the triggers (idempotent); tables not there yet are skipped."""
    db_triggers.install(connection, WATCHES, _forget, "prints", needs=(PRINTS,))
