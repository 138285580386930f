"""Importing contacts: a dry run by default, or one atomic, undoable batch.

Records stream from goodwill.formats in chunks; each chunk is matched against the
owner's people with a few set queries (emails, phones, LinkedIn URLs, UIDs, then
exact name and organization), so 30,000 rows take seconds, and memory holds only
the keys seen so far. Importing the same file twice changes nothing."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from django.db import transaction
from django.db.models import Q

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.formats.contact import ContactRecord
from goodwill.formats.errors import FormatError, MappingError, Problem
from goodwill.models import (
    Address, Circle, ContactPoint, ImportBatch, ImportItem, Interaction, Note, Organization, Person, Photo, Tag,
)
from goodwill.services import rhythm
from goodwill.services.accounts import settings_for
from goodwill.services.contact_mapping import (
    goodwill_field, norm_email, norm_phone, norm_url, plain_extra, record_keys, record_name,
)

CHUNK = 1000
MAX_PROBLEMS_KEPT = 500
CREATED, UPDATED, MERGED, UNCHANGED, SKIPPED = "created", "updated", "merged", "unchanged", "skipped"


@dataclass
class ImportReport:
    files: list[str]
    formats: list[str]
    applied: bool = False
    batch_id: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys((CREATED, UPDATED, MERGED, UNCHANGED, SKIPPED), 0))
    examples: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    def note(self, action: str, name: str) -> None:
        self.counts[action] += 1
        sample = self.examples.setdefault(action, [])
        if len(sample) < 5:
            sample.append(name)

    def problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)


class _StrictFailure(Exception):
    pass


def import_contacts(owner, paths: Iterable[str | os.PathLike], *, mapping: str | dict | None = None,
                    apply: bool = False, strict: bool = False,
                    progress: Callable[[int], None] | None = None) -> ImportReport:
    """Read contact files and match them against the owner's people.

    Without `apply` nothing is written (the whole run is rolled back). With
    `strict`, any problem row means nothing is written."""
    from goodwill.formats.read import detect_format, read_contacts

    paths = [os.fspath(p) for p in paths]
    formats = []
    for path in paths:
        if not os.path.isfile(path):
            raise InvalidInput(f"{path}: no such file; give the path of a .vcf or .csv export")
        try:
            formats.append("csv" if mapping else detect_format(path))
        except FormatError as exc:
            raise InvalidInput(str(exc)) from None
    report = ImportReport(files=paths, formats=formats)

    def records() -> Iterator[ContactRecord | Problem]:
        for path in paths:
            try:
                yield from read_contacts(path, mapping)
            except MappingError as exc:
                raise InvalidInput(f"--map: {exc}") from None
            except FormatError as exc:
                raise InvalidInput(str(exc)) from None

    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(owner=owner, source=",".join(sorted(set(formats))),
                                               filename=", ".join(paths), created_at=clock.now())
            _Importer(owner, batch, report).run(records(), progress)
            if strict and report.problem_count:
                raise _StrictFailure
            batch.summary = {**report.counts, "problems": report.problem_count}
            batch.save(update_fields=["summary"])
            if apply:
                report.applied, report.batch_id = True, batch.pk
            else:
                transaction.set_rollback(True)
    except _StrictFailure:
        report.applied = False
    return report


@dataclass
class _Pending:
    """One person this batch creates or changes, with the rows still to write."""

    person: Person
    is_new: bool
    previous: dict = field(default_factory=dict)
    points: list[ContactPoint] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    photo: Photo | None = None


class _Importer:
    def __init__(self, owner, batch: ImportBatch, report: ImportReport) -> None:
        self.owner, self.batch, self.report = owner, batch, report
        self.region = settings_for(owner).default_phone_region
        self.now = clock.now()
        self.default_circle = Circle.objects.filter(owner=owner, name="network").first()
        self.orgs: dict[str, Organization] = {}
        self.tags: dict[str, Tag] = {t.name: t for t in Tag.objects.filter(owner=owner)}
        self.batch_people: dict[str, Person] = {}  # key → person this batch created

    def run(self, stream: Iterator[ContactRecord | Problem], progress) -> None:
        chunk: list[ContactRecord] = []
        for item in stream:
            if isinstance(item, Problem):
                self.report.problem(item)
                continue
            chunk.append(item)
            if len(chunk) >= CHUNK:
                self._chunk(chunk)
                if progress:
                    progress(len(chunk))
                chunk = []
        if chunk:
            self._chunk(chunk)
            if progress:
                progress(len(chunk))

    # -- matching ---------------------------------------------------------
    def _existing_by_key(self, chunk: list[ContactRecord], keys: list[set[str]]) -> tuple[dict[str, int], dict]:
        wanted = set().union(*keys)
        by_kind: dict[str, set[str]] = {}
        for key in wanted:
            kind, value = key.split(":", 1)
            by_kind.setdefault(kind, set()).add(value)
        found: dict[str, int] = {}
        if by_kind.get("uid"):
            for pk, uid in Person.objects.filter(owner=self.owner, uid__in=by_kind["uid"]).values_list("pk", "uid"):
                found[f"uid:{uid}"] = pk
        point_filter = Q()
        for kind in ("email", "phone", "url"):
            if by_kind.get(kind):
                point_filter |= Q(kind=kind, normalized__in=by_kind[kind])
        if point_filter:
            rows = ContactPoint.objects.filter(owner=self.owner).filter(point_filter)
            for person_id, kind, normalized in rows.values_list("person_id", "kind", "normalized"):
                found.setdefault(f"{kind}:{normalized}", person_id)
        names = {record_name(r) for r, k in zip(chunk, keys)}
        by_name: dict[tuple[str, str], int] = {}
        for pk, name, org in Person.objects.filter(owner=self.owner, name__in=names).values_list("pk", "name", "organization__name"):
            by_name.setdefault((name.lower(), (org or "").lower()), pk)
        return found, by_name

    def _chunk(self, chunk: list[ContactRecord]) -> None:
        keys = [record_keys(r, self.region) for r in chunk]
        found, by_name = self._existing_by_key(chunk, keys)
        ids = set(found.values()) | set(by_name.values())
        people = {p.pk: p for p in Person.objects.filter(pk__in=ids).select_related("organization")}
        pending: dict[int, _Pending] = {}  # id(person) → pending
        for record, record_key in zip(chunk, keys):
            name = record_name(record)
            if not name:
                self.report.problem(Problem(record.source, record.line, "name", "no name, email or organization; row skipped, add a name to import it"))
                self.report.note(SKIPPED, f"line {record.line}")
                continue
            in_batch = next((self.batch_people[k] for k in record_key if k in self.batch_people), None)
            existing_id = next((found[k] for k in record_key if k in found), None)
            if existing_id is None and in_batch is None and not record_key:
                existing_id = by_name.get((name.lower(), record.organization.strip().lower()))
            if in_batch is not None:
                target = pending.setdefault(id(in_batch), _Pending(in_batch, is_new=in_batch.pk is None))
                action = MERGED
            elif existing_id is not None:
                person = people[existing_id]
                target = pending.setdefault(id(person), _Pending(person, is_new=False))
                action = UPDATED
            else:
                person = Person(owner=self.owner, name=name, created_at=self.now, updated_at=self.now,
                                circle=self.default_circle)
                target = pending.setdefault(id(person), _Pending(person, is_new=True))
                action = CREATED
            changed = self._fold(target, record)
            for key in record_key:
                if target.is_new or action == MERGED:
                    self.batch_people.setdefault(key, target.person)
            if action == UPDATED and not changed:
                action = UNCHANGED
            self.report.note(action, name)
        self._write([p for p in pending.values() if p.is_new or p.previous or p.points or p.addresses or p.notes or p.tags or p.photo])

    # -- folding a record into a person -----------------------------------
    def _set(self, target: _Pending, field_name: str, value) -> bool:
        """Fill a field only when it is empty: an import never overwrites what the user wrote."""
        current = getattr(target.person, field_name)
        if not value or current:
            return False
        if not target.is_new:
            target.previous.setdefault(field_name, current)
        setattr(target.person, field_name, value)
        return True

    def _fold(self, target: _Pending, record: ContactRecord) -> bool:
        person = target.person
        changed = False
        changed |= self._set(target, "given_name", record.given.strip())
        changed |= self._set(target, "family_name", record.family.strip())
        changed |= self._set(target, "nickname", record.nickname.strip())
        changed |= self._set(target, "title", record.title.strip())
        changed |= self._set(target, "birthday", record.birthday or "")
        changed |= self._set(target, "uid", (goodwill_field(record, "ID") or record.uid or "").strip())
        changed |= self._set(target, "industry", goodwill_field(record, "INDUSTRY") or "")
        changed |= self._set(target, "location", goodwill_field(record, "LOCATION") or "")
        how_met = goodwill_field(record, "HOW-MET") or (
            f"LinkedIn connection since {record.connected_on}" if record.connected_on else "")
        changed |= self._set(target, "how_met", how_met)
        org = record.organization.strip()
        if org and person.organization_id is None and getattr(person, "_org_set", None) is None:
            if not target.is_new:
                target.previous.setdefault("organization_id", None)
            person.organization = self._organization(org)
            person._org_set = True
            changed = True
        extra = plain_extra(record)
        if record.department:
            extra.setdefault("department", [record.department])
        new_extra = {k: v for k, v in extra.items() if k not in person.extra}
        if new_extra:
            if not target.is_new:
                target.previous.setdefault("extra", dict(person.extra))
            person.extra = {**person.extra, **new_extra}
            changed = True
        changed |= self._fold_points(target, record)
        changed |= self._fold_addresses(target, record)
        if record.note.strip() and not self._has_note(target, record.note.strip()):
            target.notes.append(record.note.strip())
            changed = True
        for tag in record.tags:
            cleaned = tag.strip().lower()
            if cleaned and cleaned not in target.tags and not (person.pk and person.tags.filter(name=cleaned).exists()):
                target.tags.append(cleaned)
                changed = True
        if record.photo and target.photo is None and not (person.pk and Photo.objects.filter(person=person).exists()):
            target.photo = Photo(owner=self.owner, media_type=record.photo.media_type,
                                 data=record.photo.data, uri=record.photo.uri or "")
            changed = True
        return changed

    def _fold_points(self, target: _Pending, record: ContactRecord) -> bool:
        person = target.person
        have = {(p.kind, p.normalized) for p in target.points}
        if person.pk:
            have |= set(ContactPoint.objects.filter(person=person).values_list("kind", "normalized"))
        rows = ([("email", e, norm_email(e.value)) for e in record.emails]
                + [("phone", p, norm_phone(p.value, self.region)) for p in record.phones]
                + [("url", u, norm_url(u.value)) for u in record.urls])
        if record.linkedin_url and ("url", norm_url(record.linkedin_url)) not in {(k, n) for k, _, n in rows}:
            from goodwill.formats.contact import Typed

            rows.append(("url", Typed(record.linkedin_url, "linkedin"), norm_url(record.linkedin_url)))
        changed = False
        for kind, typed, normalized in rows:
            if not typed.value.strip() or (kind, normalized) in have:
                continue
            have.add((kind, normalized))
            target.points.append(ContactPoint(owner=self.owner, kind=kind, value=typed.value.strip(),
                                              normalized=normalized, label=typed.kind, preferred=typed.preferred))
            changed = True
        return changed

    def _fold_addresses(self, target: _Pending, record: ContactRecord) -> bool:
        person = target.person

        def key(a) -> tuple:
            return tuple(x.strip().lower() for x in (a.street, a.city, a.region, a.postal_code, a.country, a.po_box, a.extended))

        have = {key(a) for a in target.addresses}
        if person.pk:
            have |= {key(a) for a in Address.objects.filter(person=person)}
        changed = False
        for a in record.addresses:
            if a.is_empty() or key(a) in have:
                continue
            have.add(key(a))
            target.addresses.append(Address(owner=self.owner, label=a.kind, street=a.street, city=a.city, region=a.region,
                                            postal_code=a.postal_code, country=a.country, po_box=a.po_box,
                                            extended=a.extended, formatted=a.label, preferred=a.preferred))
            changed = True
        return changed

    def _has_note(self, target: _Pending, text: str) -> bool:
        if text in target.notes:
            return True
        return bool(target.person.pk) and Note.objects.filter(person=target.person, text=text).exists()

    def _organization(self, name: str) -> Organization:
        if name not in self.orgs:
            self.orgs[name] = Organization.objects.get_or_create(owner=self.owner, name=name)[0]
        return self.orgs[name]

    # -- writing ------------------------------------------------------------
    def _write(self, pending: list[_Pending]) -> None:
        from goodwill.services import places

        new = [p for p in pending if p.person.pk is None]
        for p in new:
            person = p.person
            if not person.location and p.addresses:
                first = p.addresses[0]
                places.locate_address(person, first.street, first.city, first.region, first.postal_code, first.country)
            elif person.location:
                places.locate(person)
            rhythm.refresh(person, save=False)
        Person.objects.bulk_create([p.person for p in new], batch_size=500)
        items = [ImportItem(owner=self.owner, batch=self.batch, model="person", object_id=p.person.pk,
                            action=ImportItem.CREATED) for p in new]
        for p in pending:
            if p.person.pk and p not in new and p.previous:
                p.person.updated_at = self.now
                p.person.save()
                items.append(ImportItem(owner=self.owner, batch=self.batch, model="person", object_id=p.person.pk,
                                        action=ImportItem.UPDATED, previous=_jsonable(p.previous)))
        children = []
        for p in pending:
            for row in p.points + p.addresses:
                row.person = p.person
                children.append(row)
        points = [r for r in children if isinstance(r, ContactPoint)]
        addresses = [r for r in children if isinstance(r, Address)]
        ContactPoint.objects.bulk_create(points, batch_size=500)
        Address.objects.bulk_create(addresses, batch_size=500)
        notes = [Note(owner=self.owner, person=p.person, text=text, created_at=self.now) for p in pending for text in p.notes]
        Note.objects.bulk_create(notes, batch_size=500)
        photos = []
        for p in pending:
            if p.photo:
                p.photo.person = p.person
                photos.append(p.photo)
        Photo.objects.bulk_create(photos, batch_size=100)
        links = []
        for p in pending:
            for name in p.tags:
                if name not in self.tags:
                    self.tags[name] = Tag.objects.create(owner=self.owner, name=name)
                links.append(Person.tags.through(person_id=p.person.pk, tag_id=self.tags[name].pk))
        Person.tags.through.objects.bulk_create(links, batch_size=500, ignore_conflicts=True)
        # Children added to people that existed before are undone one by one.
        old = {p.person.pk for p in pending if p not in new}
        for model, rows in (("contactpoint", points), ("address", addresses), ("note", notes), ("photo", photos)):
            items += [ImportItem(owner=self.owner, batch=self.batch, model=model, object_id=r.pk, action=ImportItem.CREATED)
                      for r in rows if r.person_id in old]
        items += [ImportItem(owner=self.owner, batch=self.batch, model="persontag", object_id=link.person_id,
                             action=ImportItem.CREATED, previous={"tag_id": link.tag_id})
                  for link in links if link.person_id in old]
        ImportItem.objects.bulk_create(items, batch_size=1000)
        for p in pending:
            p.points, p.addresses, p.notes, p.tags, p.photo, p.previous = [], [], [], [], None, {}


def _jsonable(previous: dict) -> dict:
    return {k: (v if isinstance(v, (str, int, float, bool, dict, list, type(None))) else str(v)) for k, v in previous.items()}


@transaction.atomic
def undo_import(owner, batch_id: int | str) -> ImportBatch:
    """Remove what a batch created and restore what it overwrote."""
    text = str(batch_id).lstrip("#")
    batch = ImportBatch.objects.filter(owner=owner, pk=int(text) if text.isdigit() else -1).first()
    if batch is None:
        raise InvalidInput(f'no import batch "{batch_id}"; `goodwill import list` shows them')
    if batch.undone_at:
        raise InvalidInput(f"import #{batch.pk} was already undone on {batch.undone_at:%Y-%m-%d}")
    items = list(batch.items.all())
    created_people = [i.object_id for i in items if i.model == "person" and i.action == ImportItem.CREATED]
    used = Person.objects.filter(pk__in=created_people).filter(Q(interactions__isnull=False) | Q(steps__isnull=False)).distinct().count()
    if used:
        raise InvalidInput(f"{used} people from import #{batch.pk} have interactions or steps since; "
                           "archive them instead, or merge them into the people you use")
    models = {"contactpoint": ContactPoint, "address": Address, "note": Note, "photo": Photo}
    for item in items:
        if item.model in models:
            models[item.model].objects.filter(owner=owner, pk=item.object_id).delete()
        elif item.model == "persontag":
            Person.tags.through.objects.filter(person_id=item.object_id, tag_id=item.previous["tag_id"]).delete()
        elif item.model == "person" and item.action == ImportItem.UPDATED:
            person = Person.objects.filter(owner=owner, pk=item.object_id).first()
            if person:
                for name, value in item.previous.items():
                    setattr(person, name, value)
                person.save()
    logged = [i.object_id for i in items if i.model == "interaction"]
    if logged:
        # Imported meetings or emails: remove them, then let each person's rhythm forget them.
        touched = list(Person.objects.filter(owner=owner, interactions__pk__in=logged).distinct())
        Interaction.objects.filter(owner=owner, pk__in=logged).delete()
        for person in touched:
            rhythm.recount_last_touch(person)
    Person.objects.filter(owner=owner, pk__in=created_people).delete()
    batch.undone_at = clock.now()
    batch.save(update_fields=["undone_at"])
    return batch
