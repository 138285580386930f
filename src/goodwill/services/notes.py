"""Notes and facts about people, each with its confidentiality and source."""

from __future__ import annotations

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import Confidentiality, Note, Person


def add_note(
    owner, person: Person, text: str, confidentiality: str = Confidentiality.PRIVATE, source: Person | None = None
) -> Note:
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidInput('the note is empty; write the fact in quotes, e.g. "Moving to Austin in March"')
    if confidentiality not in Confidentiality.values:
        raise InvalidInput(
            f'"{confidentiality}" is not a confidentiality level; use one of: {", ".join(Confidentiality.values)}'
        )
    return Note.objects.create(
        owner=owner, person=person, text=cleaned, confidentiality=confidentiality, source=source, created_at=clock.now()
    )
