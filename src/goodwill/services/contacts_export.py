"""Exporting people: vCard 4.0/3.0, CSV and a vdir folder, through the neutral
ContactRecord. Goodwill's own fields travel as X-GOODWILL-*; confidential notes never do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import transaction

from goodwill.formats.contact import Address as RecordAddress
from goodwill.formats.contact import ContactRecord, Typed, linkedin_from
from goodwill.formats.contact import Photo as RecordPhoto
from goodwill.models import Circle, Confidentiality, Organization, Person
from goodwill.services.contact_mapping import GOODWILL_PREFIX, NAME_PARTS, norm_url, note_paragraphs
from goodwill.uids import new_uids


def people_to_export(owner, *, include_archived: bool = False):
    people = Person.objects.filter(owner=owner)
    if not include_archived:
        people = people.filter(archived_at__isnull=True)
    return (
        people.select_related("organization", "circle", "introduced_by", "photo")
        .prefetch_related("contact_points", "addresses", "tags", "notes")
        .order_by("name", "pk")
    )


def _each(owner):
    # In chunks, with their prefetches: memory stays flat for a large network.
    return people_to_export(owner).iterator(chunk_size=500)


@transaction.atomic
def ensure_uids(owner) -> int:
    """Give every person a stable UID before an export, so a re-import or a
    CardDAV sync recognises them."""
    missing = list(Person.objects.filter(owner=owner, uid=""))
    for person, uid in zip(missing, new_uids(len(missing))):
        person.uid = uid
    Person.objects.bulk_update(missing, ["uid"], batch_size=500)
    return len(missing)


def _name_or_blank(related: Organization | Circle | Person | None) -> str:
    """A related row's name, "" when there is none (people_to_export selects them: no query)."""
    return related.name if related is not None else ""


def to_record(person: Person) -> ContactRecord:
    points = sorted(person.contact_points.all(), key=lambda p: p.pk)  # as imported; PREF says which comes first
    record = ContactRecord(
        source="goodwill",
        line=0,
        full_name=person.name,
        given=person.given_name,
        family=person.family_name,
        nickname=person.nickname,
        organization=_name_or_blank(person.organization),
        title=person.title,
        birthday=person.birthday or None,
        uid=person.uid or None,
        emails=[Typed(p.value, p.label or "other", p.preferred) for p in points if p.kind == "email"],
        phones=[Typed(p.value, p.label or "other", p.preferred) for p in points if p.kind == "phone"],
        urls=[Typed(p.value, p.label or "other", p.preferred) for p in points if p.kind == "url"],
        addresses=[
            RecordAddress(
                kind=a.label or "other",
                street=a.street,
                city=a.city,
                region=a.region,
                postal_code=a.postal_code,
                country=a.country,
                po_box=a.po_box,
                extended=a.extended,
                label=a.formatted,
                preferred=a.preferred,
            )
            for a in person.addresses.all()
        ],
        tags=[t.name for t in person.tags.all()],
        # Confidential notes stay on the person's page: never in a vCard or CSV.
        note=note_paragraphs(
            [
                n.text
                for n in sorted(person.notes.all(), key=lambda n: (n.created_at, n.pk))
                if n.confidentiality != Confidentiality.CONFIDENTIAL
            ]
        ),
        extra={k: list(v) for k, v in (person.extra or {}).items()},
    )
    # A LinkedIn profile that came as Apple's X-SOCIALPROFILE was also kept as a URL
    # (so it matches on re-import); it goes out once, the way it came in.
    social = linkedin_from([], record.extra)
    if social:
        record.urls = [u for u in record.urls if not (u.kind == "linkedin" and norm_url(u.value) == norm_url(social))]
    record.linkedin_url = linkedin_from(record.urls, record.extra)
    for attr, key in NAME_PARTS.items():
        value = record.extra.pop(key, None)
        if value:
            setattr(record, attr, value[0])
    photo = getattr(person, "photo", None) if hasattr(person, "photo") else None  # select_related: no query
    if photo is not None:
        record.photo = RecordPhoto(
            media_type=photo.media_type, data=bytes(photo.data) if photo.data else None, uri=photo.uri or None
        )
    own = {
        "ID": person.uid,
        "CIRCLE": _name_or_blank(person.circle),
        "CADENCE": str(person.cadence_days or ""),
        "HOW-MET": person.how_met,
        "INTRODUCED-BY": _name_or_blank(person.introduced_by),
        "SNOOZED-UNTIL": person.snoozed_until.isoformat() if person.snoozed_until else "",
        "LOCATION": person.location,
        "INDUSTRY": person.industry,
    }
    for name, text in own.items():
        if text:
            record.extra[GOODWILL_PREFIX + name] = [text]
    return record


def _records(owner, progress: Callable[[int], None] | None):
    for person in _each(owner):
        yield to_record(person)
        if progress:
            progress(1)


def export_vcard(
    owner, version: str = "4.0", stream: IO[str] | None = None, progress: Callable[[int], None] | None = None
) -> str | None:
    """The network as one .vcf: returned as text, or written card by card to `stream`."""
    from goodwill.formats.vcard.write import card_text, write_vcard

    ensure_uids(owner)
    if stream is None:
        return write_vcard(_records(owner, progress), version=version)
    for record in _records(owner, progress):
        stream.write(card_text(record, version=version))
    return None


def export_csv(owner, stream, progress: Callable[[int], None] | None = None) -> None:
    from goodwill.formats.csv.write import write_csv

    write_csv(_records(owner, progress), stream)


def count_people(owner) -> int:
    return people_to_export(owner).count()


def vdir_filename(uid: str) -> str:
    """One file per person, named from the UID with only safe characters (as vdirsyncer does)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in uid.removeprefix("urn:uuid:"))
    return f"{safe}.vcf"


@dataclass
class VdirResult:
    written: int = 0  # cards, one per person
    changed: int = 0  # files created or rewritten
    removed: int = 0  # Goodwill's cards of people no longer exported (merged, deleted, archived)


def export_vdir(owner, folder: Path, version: str = "4.0", progress: Callable[[int], None] | None = None) -> VdirResult:
    """Write one .vcf per person, named by UID. A card that has not changed is not
    rewritten, so a sync sees only real edits; a card Goodwill wrote for someone no
    longer exported is removed, so the sync deletes it on the server too. Cards
    from other clients (another PRODID) are left alone."""
    from goodwill.formats.vcard.write import PRODID, card_text

    ensure_uids(owner)
    folder.mkdir(parents=True, exist_ok=True)
    result = VdirResult()
    keep = set()
    for record in _records(owner, progress):
        text = card_text(record, version=version)
        path = folder / vdir_filename(record.uid)
        keep.add(path.name)
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):  # bytes: keep CRLF as is
            tmp = path.with_suffix(".vcf.tmp")
            tmp.write_text(text, encoding="utf-8", newline="")
            tmp.replace(path)  # atomic: a syncing client never sees half a card
            result.changed += 1
        result.written += 1
    for path in vdir_files(folder):
        if path.name not in keep and _written_by_goodwill(path, PRODID):
            path.unlink()
            result.removed += 1
    return result


def _written_by_goodwill(path: Path, prodid: str) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return f"PRODID:{prodid}".encode() in head


def vdir_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.vcf"))
