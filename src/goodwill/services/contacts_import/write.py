"""Writing a chunk's people: the bulk writes of an applied import, each recorded for undo.

New people are written with plain multi-row INSERTs rather than Django model
instances: building 30,000 model objects alone costs more than the 3 s budget of
the benchmark (benchmarks/bench_import.py); on SQLite a second thread runs them
while the next chunk is read (import_writer). People who were here before are
changed through the ORM, with an ImportItem that keeps what undo puts back."""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from goodwill.formats.contact import Address as AddressIn
from goodwill.habits.dupes import org_key
from goodwill.models import (
    Address,
    Circle,
    Confidentiality,
    ContactPoint,
    ImportBatch,
    ImportItem,
    Note,
    Organization,
    Person,
    Photo,
    Tag,
)
from goodwill.services import places, rhythm
from goodwill.services.contacts_import import prints
from goodwill.services.contacts_import.fold import INTRODUCED_BY, Draft, Pending
from goodwill.services.import_sql import needs_preparing, object_rows, preparer
from goodwill.services.import_writer import BackgroundWriter
from goodwill.uids import new_uids

# The tables an import writes to (their planner statistics are refreshed after a big one).
WRITTEN_MODELS = (Person, ContactPoint, Address, Organization, Note, Photo, Tag, ImportItem)

GEO_FIELDS = ["latitude", "longitude", "geo_precision", "geo_status", "timezone", "place_label", "region", "country"]
ADDRESS_COLUMNS = [
    "label",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "po_box",
    "extended",
    "formatted",
    "preferred",
]


class Drafts:
    """New people as Drafts: Person's defaults for this owner, worked out once."""

    def __init__(self, owner_pk: int, now: datetime, circle: Circle | None) -> None:
        self.fields = [f for f in Person._meta.concrete_fields if f.attname != "id"]
        self.attnames = ["id", *(f.attname for f in self.fields)]
        self.template: dict[str, Any] = {f.attname: f.get_default() for f in self.fields}
        self.template.update(
            owner_id=owner_pk,
            created_at=now,
            updated_at=now,
            circle_id=circle.pk if circle else None,
            circle=circle,
        )
        probe = rhythm.refresh(cast(Person, self.new("")), save=False)  # a Draft has what refresh reads
        # Everyone new on the default circle gets the same rhythm: (circle, days, max days, due day).
        self.default_rhythm = (probe.circle_id, probe.rhythm_days, probe.rhythm_max_days, probe.due_day)

    def new(self, name: str) -> Draft:
        draft = Draft.__new__(Draft)
        draft.__dict__ = self.template.copy()
        draft.extra = {}
        draft.name = name[:200]
        return draft


class Writer:
    """Writes what a chunk's folds collected, through `sql` (a BackgroundWriter)."""

    def __init__(
        self,
        owner_pk: int,
        batch: ImportBatch,
        sql: BackgroundWriter,
        drafts: Drafts,
        *,
        now: datetime,
        first_new_pk: int,
        register: Callable[[list[Pending]], None],
    ) -> None:
        self.owner_pk, self.batch, self.sql, self.drafts = owner_pk, batch, sql, drafts
        self.now, self.first_new_pk = now, first_new_pk
        self.register = register  # told the people's ids as soon as they are given (match.Matcher.register)
        self.orgs: dict[str, int] = {}  # name → pk, filled a chunk at a time
        self.tags: dict[str, int] = dict(Tag.objects.filter(owner_id=owner_pk).values_list("name", "pk"))

    def write(self, pending: list[Pending]) -> None:
        self._organizations({p.org_name for p in pending if p.org_name})
        self._tag_ids({t for p in pending for t in p.tags})
        new = [p for p in pending if p.is_new]
        old = [p for p in pending if not p.is_new and (p.changed or p.adds_rows())]
        # Ids given here, not by the INSERT: the rows that point at these people can then
        # be queued at once, and later chunks find them in the registry.
        for p, pk in zip(new, self.sql.allocate_ids(Person, len(new))):
            p.person.pk = pk
        self.register(pending)  # before the generated UIDs below: those are nobody's key
        uids = iter(new_uids(len(new)))
        default_rhythm = self.drafts.default_rhythm
        for p in new:
            person = p.person
            if p.org_name:
                person.organization_id = self.orgs[p.org_name]
            if not person.uid:
                person.uid = next(uids)  # stable: exports and vdir use it
            if person.location:
                places.locate(person)
            elif p.addresses:
                a = p.addresses[0]
                places.locate_address(person, a.street, a.city, a.region, a.postal_code, a.country)
            if person.cadence_days or person.circle_id != default_rhythm[0]:
                rhythm.refresh(person, save=False)
            else:  # the same for everyone new on the default circle: worked out once
                person.rhythm_days, person.rhythm_max_days, person.due_day = default_rhythm[1:]
        # People who were here before are changed through the ORM, at once; then the new
        # people and their rows are queued, last, so the writer can run while the next
        # chunk is read.
        for p in old:
            self._update_person(p)
        self._write_old_children(old)
        self._insert_people(new)
        self._write_new_children(new)

    def write_prints(self, printed: list[tuple[Pending, int]]) -> None:
        """Keep the fingerprints of the records this chunk folded in (prints), queued after
        the chunk's own writes: a person's changes drop their older ones (import_prints'
        triggers) before these go in. Records that changed nothing have theirs already."""
        prints.keep(self.sql, {(p.person.pk, value) for p, value in printed})

    def link_introducers(self) -> None:
        """Turn kept introducer names into links, now that every person of the file
        exists (the introducer may come later in the file than the introduced)."""
        waiting = Person.objects.filter(
            owner_id=self.owner_pk, introduced_by__isnull=True, extra__has_key=INTRODUCED_BY
        )
        for person in waiting:
            name = (person.extra.get(INTRODUCED_BY) or [""])[0]
            matches = list(
                Person.objects.filter(owner_id=self.owner_pk, name=name)
                .exclude(pk=person.pk)
                .values_list("pk", flat=True)[:2]
            )
            if len(matches) != 1:
                continue  # not here yet, or ambiguous: stays as text, and is exported again
            if person.pk < self.first_new_pk:
                ImportItem.objects.create(
                    owner_id=self.owner_pk,
                    batch=self.batch,
                    model="person",
                    object_id=person.pk,
                    action=ImportItem.UPDATED,
                    previous={"introduced_by_id": None, "extra": dict(person.extra)},
                )
            person.introduced_by_id = matches[0]
            person.extra = {k: v for k, v in person.extra.items() if k != INTRODUCED_BY}
            person.save(update_fields=["introduced_by_id", "extra"])

    def _organizations(self, names: set[str]) -> None:
        wanted = names - set(self.orgs)
        if not wanted:
            return
        existing = dict(Organization.objects.filter(owner_id=self.owner_pk, name__in=wanted).values_list("name", "pk"))
        missing = sorted(wanted - set(existing))
        if missing:
            rows = self.sql.insert_returning(
                Organization,
                ["owner_id", "name", "key"],
                [(self.owner_pk, n, org_key(n)) for n in missing],
                returning="name",
            )
            existing.update({name: pk for pk, name in rows})
        self.orgs.update(existing)

    def _tag_ids(self, names: set[str]) -> None:
        missing = sorted(names - set(self.tags))
        if missing:
            rows = self.sql.insert_returning(
                Tag, ["owner_id", "name"], [(self.owner_pk, n) for n in missing], returning="name"
            )
            self.tags.update({name: pk for pk, name in rows})

    def _insert_people(self, new: list[Pending]) -> None:
        if not new:
            return
        fields = self.drafts.fields
        # Plain values straight from the drafts; only dates and JSON go through Django.
        take = operator.itemgetter(*[f.attname for f in fields])
        template = self.drafts.template
        special = []
        for i, f in enumerate(fields):
            if needs_preparing(f):
                prep, usual = preparer(f), template.get(f.attname)
                special.append((i, prep, usual, prep(usual)))
        rows = []
        for p in new:
            row = list(take(p.person.__dict__))
            for i, prep, usual, usual_prepared in special:
                value = row[i]  # mostly the template's own value (now, None): prepared once
                row[i] = usual_prepared if value is usual else prep(value)
            rows.append(row)
        # Nullable columns that are NULL in every row (coordinates, cadence, snooze...) are
        # left out: NULL is what the database puts there anyway, with fewer values to bind.
        keep = [i for i, f in enumerate(fields) if not f.null or any(row[i] is not None for row in rows)]
        if len(keep) < len(fields):
            pick = operator.itemgetter(*keep)
            rows = [pick(row) for row in rows]
        ids = [p.person.pk for p in new]  # given by write
        self.sql.insert(Person, ["id", *(fields[i].attname for i in keep)], [(pk, *row) for pk, row in zip(ids, rows)])
        # One undo record for the chunk's new people, not one row each (undo reads both).
        self.sql.insert(
            ImportItem,
            ["owner_id", "batch_id", "model", "object_id", "action", "previous"],
            [
                (
                    self.owner_pk,
                    self.batch.pk,
                    "people",
                    ids[0],
                    ImportItem.CREATED,
                    preparer(ImportItem._meta.get_field("previous"))({"ids": ids}),
                )
            ],
        )

    def _update_person(self, p: Pending) -> None:
        person = p.person
        if p.org_name:
            person.organization_id = self.orgs[p.org_name]
            p.changed.add("organization_id")
        if "location" in p.changed or (p.addresses and not person.location and not person.geo_status):
            p.previous.update({name: getattr(person, name) for name in GEO_FIELDS if name not in p.previous})
            if person.location:
                places.locate(person)
            else:
                a = p.addresses[0]
                places.locate_address(person, a.street, a.city, a.region, a.postal_code, a.country)
            p.changed |= set(GEO_FIELDS)
        if p.changed & {"cadence_days", "circle_id"}:
            rhythm.refresh(person, save=False)
            p.changed |= {"rhythm_days", "rhythm_max_days", "due_day"}
        if p.changed:
            person.updated_at = self.now
            person.save(update_fields=sorted(p.changed | {"updated_at"}))
            ImportItem.objects.create(
                owner_id=self.owner_pk,
                batch=self.batch,
                model="person",
                object_id=person.pk,
                action=ImportItem.UPDATED,
                previous=_jsonable(p.previous),
            )

    def _write_new_children(self, new: list[Pending]) -> None:
        """Rows for new people go in with plain INSERTs: undo removes them with their person."""
        if not new:
            return
        owner, insert = self.owner_pk, self.sql.insert
        insert(
            ContactPoint,
            ["owner_id", "person_id", "kind", "value", "normalized", "label", "preferred"],
            [(owner, p.person.pk, *point) for p in new for point in p.points],
        )
        insert(
            Address,
            ["owner_id", "person_id", *ADDRESS_COLUMNS],
            [(owner, p.person.pk, *_address_row(a)) for p in new for a in p.addresses],
        )
        created = preparer(Note._meta.get_field("created_at"))(self.now)
        insert(
            Note,
            ["owner_id", "person_id", "text", "confidentiality", "created_at"],
            [(owner, p.person.pk, text, Confidentiality.PRIVATE, created) for p in new for text in p.notes],
        )
        photos = [self._photo(p) for p in new if p.photo]
        if photos:
            insert(Photo, *object_rows(Photo, photos))
        insert(Person.tags.through, ["person_id", "tag_id"], [(p.person.pk, self.tags[t]) for p in new for t in p.tags])

    def _write_old_children(self, old: list[Pending]) -> None:
        """Rows added to people who were here before, each recorded for undo."""
        if not old:
            return
        owner = self.owner_pk
        points = [
            ContactPoint(
                owner_id=owner, person_id=p.person.pk, kind=k, value=v, normalized=n, label=lab, preferred=pref
            )
            for p in old
            for k, v, n, lab, pref in p.points
        ]
        addresses = [
            Address(owner_id=owner, person_id=p.person.pk, **dict(zip(ADDRESS_COLUMNS, _address_row(a))))
            for p in old
            for a in p.addresses
        ]
        notes = [Note(owner_id=owner, person_id=p.person.pk, text=t, created_at=self.now) for p in old for t in p.notes]
        photos = [self._photo(p) for p in old if p.photo]
        links = [(p.person.pk, self.tags[t]) for p in old for t in p.tags]
        items = []
        added: tuple[tuple[str, Any, list[Any]], ...] = (
            ("contactpoint", ContactPoint, points),
            ("address", Address, addresses),
            ("note", Note, notes),
            ("photo", Photo, photos),
        )
        for label, model, objs in added:
            model.objects.bulk_create(objs, batch_size=500)
            items += [
                ImportItem(owner_id=owner, batch=self.batch, model=label, object_id=o.pk, action=ImportItem.CREATED)
                for o in objs
            ]
        Person.tags.through.objects.bulk_create(
            [Person.tags.through(person_id=pk, tag_id=tag) for pk, tag in links], ignore_conflicts=True
        )
        items += [
            ImportItem(
                owner_id=owner,
                batch=self.batch,
                model="persontag",
                object_id=pk,
                action=ImportItem.CREATED,
                previous={"tag_id": tag},
            )
            for pk, tag in links
        ]
        ImportItem.objects.bulk_create(items, batch_size=1000)

    def _photo(self, p: Pending) -> Photo:
        assert p.photo is not None
        return Photo(
            owner_id=self.owner_pk,
            person_id=p.person.pk,
            media_type=(p.photo.media_type or "")[:60],
            data=p.photo.data,
            uri=(p.photo.uri or "")[:1000],
        )


def _address_row(a: AddressIn) -> tuple[Any, ...]:
    return (
        (a.kind or "")[:60],
        a.street[:300],
        a.city[:120],
        a.region[:120],
        a.postal_code[:20],
        a.country[:120],
        a.po_box[:60],
        a.extended[:200],
        a.label,
        a.preferred,
    )


def _jsonable(previous: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (v if isinstance(v, (str, int, float, bool, dict, list, type(None))) else str(v))
        for k, v in previous.items()
    }
