"""People as the cards a phone's address book shows (CardDAV, goodwill.dav).

The card is the export's (services.contacts_export.to_record, so confidential notes never
travel), with one addition for phones: the person's circle goes in CATEGORIES beside their
tags, where Contacts apps show groups. Goodwill's own fields ride along as X-GOODWILL-*.
Cards are stored as vCard 4.0; `card_in_version` gives a 3.0 client (iOS, macOS) the same
card in 3.0.
"""

from __future__ import annotations

from collections.abc import Iterable

from goodwill.formats.contact import ContactRecord
from goodwill.formats.encoding import Line
from goodwill.formats.vcard.read import read_vcards
from goodwill.formats.vcard.write import card_text
from goodwill.models import Person
from goodwill.services.contacts_export import people_to_export, to_record
from goodwill.uids import new_uids

CHUNK = 500


def card_record(person: Person) -> ContactRecord:
    record = to_record(person)
    circle = person.circle.name if person.circle_id and person.circle is not None else ""
    if circle and circle not in record.tags:
        record.tags = [*record.tags, circle]
    return record


def render_card(person: Person) -> str:
    return card_text(card_record(person), "4.0")


def card_members(owner) -> Iterable[int]:
    """Everyone the address book shows: the people an export would write (not archived)."""
    return Person.objects.filter(owner=owner, archived_at__isnull=True).values_list("pk", flat=True).iterator()


def render_cards(owner, kind: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    """id -> (uid, card text) for those of `ids` the address book shows now; the others
    (archived, deleted, someone else's) are left out, so their cards become tombstones."""
    out: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        people = list(people_to_export(owner).filter(pk__in=chunk))
        _give_uids(people)
        for person in people:
            out[person.pk] = (person.uid, render_card(person))
    return out


def _give_uids(people: list[Person]) -> None:
    missing = [p for p in people if not p.uid]
    for person, uid in zip(missing, new_uids(len(missing))):
        person.uid = uid
    if missing:
        Person.objects.bulk_update(missing, ["uid"], batch_size=CHUNK)


def read_card(text: str, where: str = "the card") -> ContactRecord:
    """The one card in `text` (3.0 or 4.0), read the way imports read cards."""
    lines = [Line(n, line) for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1)]
    records = [r for r in read_vcards(lines, where) if isinstance(r, ContactRecord)]
    if not records:
        from goodwill.errors import InvalidInput

        raise InvalidInput(f"{where} holds no vCard (BEGIN:VCARD ... END:VCARD)")
    return records[0]


def card_in_version(text: str, version: str) -> str:
    """The same card in vCard `version` ("3.0" for iOS and macOS)."""
    if version == "4.0":
        return text
    return card_text(read_card(text), version)
