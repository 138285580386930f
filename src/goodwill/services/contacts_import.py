"""Importing contacts: a dry run by default, or one atomic, undoable batch.

Records stream from goodwill.formats in chunks; each chunk is matched against the
owner's people who were here before with a few set queries (UIDs, emails, E.164
phones, LinkedIn URLs, then exact name and organization for records with none of
those), and against the people earlier chunks created through a registry kept
in memory (import_plan; spilled to a temporary file on huge files), so memory
holds one chunk whatever the file's size. Importing the same file twice changes
nothing: a record only fills fields that are empty and adds contact points,
addresses, notes and tags the person does not have yet.

New people are written with plain multi-row INSERTs rather than Django model
instances: building 30,000 model objects alone costs more than the 3 s budget of
the benchmark (benchmarks/bench_import.py); on SQLite a second thread runs them
while the next chunk is read (import_writer). A dry run writes nothing: it
plans, with the same registry."""

from __future__ import annotations

import gc
import operator
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import Max

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.formats.contact import ContactRecord, Typed
from goodwill.formats.errors import FormatError, MappingError, Problem
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
from goodwill.services import rhythm
from goodwill.services.accounts import settings_for
from goodwill.services.contact_mapping import (
    GOODWILL_PREFIX,
    NAME_PARTS,
    note_paragraphs,
    plain_extra,
    record_name,
    record_points,
)
from goodwill.services.import_plan import PlanRegistry, UnmappedColumn, count_unmapped, unmapped_by_key
from goodwill.services.import_sql import (
    ORG_TABLE,
    PERSON_TABLE,
    POINT_TABLE,
    bigger_sqlite_cache,
    in_slices,
    marks,
    needs_preparing,
    object_rows,
    preparer,
)
from goodwill.services.import_undo import undo_import  # noqa: F401  (the CLI, web and tests import it from here)
from goodwill.services.import_writer import BackgroundWriter
from goodwill.uids import new_uids

CHUNK = 1000
MAX_PROBLEMS_KEPT = 500
CREATED, UPDATED, MERGED, UNCHANGED, SKIPPED = "created", "updated", "merged", "unchanged", "skipped"
GEO_FIELDS = ["latitude", "longitude", "geo_precision", "geo_status", "timezone", "place_label", "region", "country"]


@dataclass
class ImportReport:
    files: list[str]
    formats: list[str]
    applied: bool = False
    batch_id: int | None = None
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((CREATED, UPDATED, MERGED, UNCHANGED, SKIPPED), 0)
    )
    examples: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    unmapped: list[UnmappedColumn] = field(default_factory=list)

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


def import_contacts(
    owner,
    paths: Iterable[str | os.PathLike],
    *,
    mapping: str | dict | None = None,
    apply: bool = False,
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Read contact files and match them against the owner's people.

    Without `apply` nothing is written: the run plans in memory (import_plan) and
    reports what `apply` would do, record for record. With
    `strict`, any problem row means nothing is written. `progress` is called
    with the number of records done after each chunk."""
    from goodwill.formats.read import inspect_file, read_contacts

    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise InvalidInput("give at least one file: goodwill import contacts.vcf")
    formats = []
    unmapped: dict[str, dict[str, UnmappedColumn]] = {}  # file -> extra key -> its column
    for path in paths:
        if not os.path.isfile(path):
            raise InvalidInput(f"{path}: no such file; give the path of a .vcf or .csv export")
        try:
            kind, columns = inspect_file(path, mapping)
        except MappingError as exc:
            raise InvalidInput(f"--map: {exc}") from None
        except FormatError as exc:
            raise InvalidInput(str(exc)) from None
        formats.append(kind)
        unmapped[path] = unmapped_by_key(path, columns)
    report = ImportReport(
        files=paths, formats=formats, unmapped=[column for by_key in unmapped.values() for column in by_key.values()]
    )

    def records() -> Iterator[tuple[str, ContactRecord | Problem]]:
        for path in paths:
            columns = unmapped[path]
            try:
                for item in read_contacts(path, mapping):
                    if columns and isinstance(item, ContactRecord) and item.extra:
                        count_unmapped(columns, item)
                    yield path, item
            except MappingError as exc:
                raise InvalidInput(f"--map: {exc}") from None
            except FormatError as exc:
                raise InvalidInput(str(exc)) from None

    registry = PlanRegistry()
    # Everything loaded so far (Django, the models...) is long-lived: keep the cyclic
    # garbage collector from rescanning it over and over while an import makes
    # millions of small objects, and let it run less often (records hold no cycles;
    # together about 40 % of a dry run's time otherwise). Both are put back after.
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    cache = None
    try:
        if apply:
            cache = bigger_sqlite_cache()
        with transaction.atomic():
            if apply:
                batch = ImportBatch.objects.create(
                    owner=owner,
                    source=",".join(sorted(set(formats)))[:20],
                    filename=", ".join(paths)[:1000],
                    created_at=clock.now(),
                )
            else:
                batch = None  # a dry run plans in memory: nothing is written, nothing rolled back
            with BackgroundWriter(background=apply) as sql:
                importer = _Importer(owner, batch, report, registry, sql)
                importer.run(records(), progress)
                if apply:
                    importer.link_introducers()
            if strict and report.problem_count:
                raise _StrictFailure
            if apply:
                batch.summary = {**report.counts, "problems": report.problem_count}
                batch.save(update_fields=["summary"])
                report.applied, report.batch_id = True, batch.pk
            else:
                transaction.set_rollback(True)  # belt and braces: a dry run keeps nothing
    except _StrictFailure:
        report.applied = False
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        if cache is not None and connection.connection is not None:
            connection.connection.execute(f"PRAGMA cache_size = {int(cache)}")
        registry.close()
    return report


class _Draft:
    """A person this batch creates: Person's fields as plain attributes (cheaper
    than a model instance), enough for rhythm.refresh and the geocoder."""

    pk = None

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


@dataclass(slots=True)
class _Known:
    """What a person already has, so a record adds only what is new."""

    points: set = field(default_factory=set)  # (kind, normalized)
    addresses: set = field(default_factory=set)
    notes: list = field(default_factory=list)  # texts, oldest first, confidential ones excluded
    all_notes: set = field(default_factory=set)
    tags: set = field(default_factory=set)
    photo: bool = False


@dataclass(slots=True)
class _Pending:
    """One person this chunk creates or changes, with the rows still to write."""

    person: Person | _Draft
    is_new: bool
    known: _Known
    previous: dict = field(default_factory=dict)
    changed: set = field(default_factory=set)
    org_name: str = ""
    points: list = field(default_factory=list)
    addresses: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    photo: object = None


def _address_key(parts) -> tuple:
    return tuple((x or "").strip().lower() for x in parts)


class _Importer:
    def __init__(
        self, owner, batch: ImportBatch | None, report: ImportReport, registry: PlanRegistry, sql: BackgroundWriter
    ) -> None:
        self.owner, self.batch, self.report = owner, batch, report
        self.dry = batch is None
        self.sql = sql  # every raw statement goes through it: it may be writing in another thread
        # Later chunks match against the keys and names of the people earlier chunks
        # created (or gave new keys) through `registry`, in both modes: a dry run writes
        # nothing, and an applied import needs no query (nor wait for its writer) to find
        # them. The database is asked only about the people who were here before.
        # A dry run also keeps `carried` (people of the network it changed) and
        # `org_names` (organizations it gave them).
        self.registry = registry
        self.carried: dict[int, _Pending] = {}
        self.org_names: dict[int, str] = {}
        self.region = settings_for(owner).default_phone_region
        self.now = clock.now()
        self.circles = {c.name.lower(): c for c in Circle.objects.filter(owner=owner)}
        self.default_circle = self.circles.get("network")
        self.orgs: dict[str, int] = {}  # name → pk, filled a chunk at a time
        self.tags: dict[str, int] = dict(Tag.objects.filter(owner=owner).values_list("name", "pk"))
        # People with a larger id were created by this batch: a later row that matches
        # one of them is "merged" (a duplicate inside the file), not "updated".
        self.first_new_pk = (Person.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.had_people = Person.objects.filter(owner=owner).exists()  # else nothing to ask the database
        self.next_planned_pk = self.first_new_pk  # ids a dry run gives the people it would create
        self.person_fields = [f for f in Person._meta.concrete_fields if f.attname != "id"]
        self.defaults = {f.attname: f.get_default() for f in self.person_fields}
        self._draft_template: dict | None = None
        probe = rhythm.refresh(self._new_draft(""), save=False)
        self._default_rhythm = (probe.circle_id, probe.rhythm_days, probe.rhythm_max_days, probe.due_day)

    def run(self, stream: Iterator[tuple[str, ContactRecord | Problem]], progress) -> None:
        chunk: list[tuple[str, ContactRecord]] = []
        for path, item in stream:
            if isinstance(item, Problem):
                self.report.problem(item)
                continue
            chunk.append((path, item))
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
    def _lookup(self, records: list[ContactRecord], keys: list[list[str]]) -> tuple[dict[str, int], dict]:
        by_kind: dict[str, set[str]] = {}
        for key in {k for record_key in keys for k in record_key}:
            kind, value = key.split(":", 1)
            by_kind.setdefault(kind, set()).add(value)
        found: dict[str, int] = {}
        # Plain SQL: Django builds an IN (...) of a thousand values slower than the database runs it.
        owner = self.owner.pk
        # No ORDER BY and no owner_id in the uid query: without statistics SQLite would
        # walk the owner's whole index for those (a scan per chunk); rows are sorted here.
        # The database holds what to ask about only if the owner had people before this
        # batch; this batch's own people are in the registry.
        asked = by_kind if self.had_people else {}
        for values in in_slices(asked.get("uid")):
            rows = self.sql.select(
                f"SELECT id, uid, owner_id FROM {PERSON_TABLE} WHERE uid IN ({marks(values)})", values
            )
            for pk, uid, owner_id in sorted(rows):
                if owner_id == owner:
                    found.setdefault(f"uid:{uid}", pk)
        for kind in ("email", "phone", "url"):
            for values in in_slices(asked.get(kind)):
                sql = (
                    f"SELECT id, person_id, normalized FROM {POINT_TABLE} WHERE owner_id = %s AND kind = %s "
                    f"AND normalized IN ({marks(values)})"
                )
                for _, person_id, normalized in sorted(self.sql.select(sql, [owner, kind, *values])):
                    found.setdefault(f"{kind}:{normalized}", person_id)
        # Then this batch's own people (newer rows).
        found.update(
            self.registry.keys({f"{kind}:{v}" for kind, values in by_kind.items() for v in values} - set(found))
        )
        # Exact name + organization only for records with nothing better to go on.
        names = {record_name(r) for r, k in zip(records, keys) if not k}
        by_name: dict[tuple[str, str], int] = {}
        if names:
            rows = []
            for values in in_slices(names if self.had_people else ()):
                rows += self.sql.select(
                    f"SELECT p.id, p.name, o.name FROM {PERSON_TABLE} p LEFT JOIN {ORG_TABLE} o "
                    f"ON o.id = p.organization_id WHERE p.owner_id = %s AND p.name IN ({marks(values)})",
                    [owner, *values],
                )
            for pk, name, org in sorted(rows):
                org = self.org_names.get(pk, org)
                by_name.setdefault((name.lower(), (org or "").lower()), pk)
            for pk, name, org in self.registry.names(names):
                by_name.setdefault((name.lower(), org), pk)
        return found, by_name

    def _known(self, ids: set[int]) -> dict[int, _Known]:
        known = {pk: _Known() for pk in ids}
        if not ids:
            return known
        for pk, kind, normalized in ContactPoint.objects.filter(person_id__in=ids).values_list(
            "person_id", "kind", "normalized"
        ):
            known[pk].points.add((kind, normalized))
        parts = ("street", "city", "region", "postal_code", "country", "po_box", "extended")
        for row in Address.objects.filter(person_id__in=ids).values_list("person_id", *parts):
            known[row[0]].addresses.add(_address_key(row[1:]))
        for pk, text, level in (
            Note.objects.filter(person_id__in=ids)
            .order_by("created_at", "pk")
            .values_list("person_id", "text", "confidentiality")
        ):
            known[pk].all_notes.add(text)
            if level != "confidential":
                known[pk].notes.append(text)
        through = Person.tags.through.objects.filter(person_id__in=ids)
        for pk, name in through.values_list("person_id", "tag__name"):
            known[pk].tags.add(name)
        for pk in Photo.objects.filter(person_id__in=ids).values_list("person_id", flat=True):
            known[pk].photo = True
        return known

    def _new_draft(self, name: str) -> _Draft:
        template = self._draft_template
        if template is None:  # what every new person starts from, worked out once
            template = dict(
                self.defaults,
                owner_id=self.owner.pk,
                created_at=self.now,
                updated_at=self.now,
                circle_id=self.default_circle.pk if self.default_circle else None,
                circle=self.default_circle,
            )
            self._draft_template = template
        draft = _Draft.__new__(_Draft)
        draft.__dict__ = template.copy()
        draft.extra = {}
        draft.name = name[:200]
        return draft

    def _chunk(self, chunk: list[tuple[str, ContactRecord]]) -> None:
        records = [r for _, r in chunk]
        # Strongest evidence first (UID, then email, phone, LinkedIn URL), so a record
        # whose email and phone belong to two different people always picks the same one.
        region = self.region
        prepared = [record_points(r, region) for r in records]  # each email, phone, URL normalized once
        keys = [sorted(k, key=_key_rank) if len(k) > 1 else list(k) for _, k in prepared]
        found, by_name = self._lookup(records, keys)
        ids = set(found.values()) | set(by_name.values())
        stored = {i for i in ids if i < self.first_new_pk and i not in self.carried} if self.dry else ids
        people = (
            {
                p.pk: p
                for p in Person.objects.filter(owner=self.owner, pk__in=stored).select_related("organization", "circle")
            }
            if stored
            else {}
        )  # a new file: nobody to fetch
        known = self._known(stored)
        for pk in ids - stored:  # a dry run: people earlier chunks changed or would have created
            if pk in self.carried:
                people[pk], known[pk] = self.carried[pk].person, self.carried[pk].known
            else:  # created earlier in this dry run: only its keys matter now (the record is "merged")
                people[pk], known[pk] = self._new_draft(""), _Known()
                people[pk].pk, people[pk].uid = pk, "planned"
        pending: dict[int, _Pending] = {}  # id(person) → pending
        drafts: dict[str, _Pending] = {}  # key → a person created earlier in this chunk
        # (name, organization) → a person created earlier in this chunk, as later chunks
        # would find it by name; `named_as` keeps each one's current entry.
        named: dict[tuple[str, str], _Pending] = {}
        named_as: dict[int, tuple[str, str]] = {}
        for (path, record), record_key, (points, _) in zip(chunk, keys, prepared):
            name = record_name(record)
            if not name:
                self.report.problem(
                    Problem(
                        path,
                        record.line,
                        "name",
                        "no name, email or organization; the row was skipped, add a name to import it",
                    )
                )
                self.report.note(SKIPPED, f"{os.path.basename(path)}:{record.line}")
                continue
            draft = existing_id = None
            for k in record_key:  # plain loops: this runs once per record
                if k in drafts:
                    draft = drafts[k]
                    break
            for k in record_key:
                if k in found:
                    existing_id = found[k]
                    break
            if existing_id is None and not record_key:
                name_key = (name.lower(), record.organization.strip().lower())
                existing_id = by_name.get(name_key)
                if existing_id is None:
                    draft = named.get(name_key)
            if draft is not None:
                target, action = draft, MERGED
            elif existing_id is not None:
                person = people[existing_id]
                target = pending.setdefault(id(person), _Pending(person, False, known[existing_id]))
                action = MERGED if existing_id >= self.first_new_pk else UPDATED
            else:
                person = self._new_draft(name)
                target = pending.setdefault(id(person), _Pending(person, True, _Known()))
                action = CREATED
            plain = not (record.extra and _own_fields(record))  # no X-GOODWILL-* fields
            if self.dry and action != UPDATED and plain:
                changed = self._sketch(target, record, points)
            elif action == CREATED and plain:
                changed = self._fold_fresh(target, record, points)
            else:
                changed = self._fold(target, record, path, points)
            if target.is_new:
                for key in record_key:
                    drafts.setdefault(key, target)
                self._name_in_chunk(named, named_as, target)
            if action == UPDATED and not changed:
                action = UNCHANGED
            self.report.note(action, name)
        if self.dry:
            self._remember(list(pending.values()))
        else:
            self._write(list(pending.values()))

    @staticmethod
    def _name_in_chunk(named: dict, named_as: dict, target: _Pending) -> None:
        """Let later records of this chunk with no key find a new person by name and
        organization, as later chunks will (the registry takes its name and its
        organization as they stand at the end of the chunk)."""
        entry = (target.person.name.lower(), target.org_name.lower())
        before = named_as.get(id(target))
        if before == entry:
            return
        if before is not None and named.get(before) is target:
            del named[before]  # it has an organization now: no longer found without one
        named_as[id(target)] = entry
        named.setdefault(entry, target)

    def _sketch(self, target: _Pending, record: ContactRecord, points: list) -> bool:
        """A dry run's fold for a person it creates (or merges into one it created):
        the report says "created" or "merged" whatever the fields, so only what later
        records match on is kept: the UID, the organization and the contact points.
        (Records with Goodwill's own fields take the full fold: they can report problems.)"""
        person, known = target.person, target.known.points
        if not person.uid and record.uid and record.uid.strip():
            person.uid = record.uid.strip()[:200]
        if record.organization and person.organization_id is None and not target.org_name:
            target.org_name = record.organization.strip()[:200]
        for kind, typed, normalized in points:
            if typed.value.strip() and (kind, normalized) not in known:
                known.add((kind, normalized))
                target.points.append((kind, None, normalized[:320]))
        return True

    def _remember(self, pending: list[_Pending]) -> None:
        """A dry run's stand-in for _write: give new people the ids they would get, and
        remember what later chunks would find in the database."""
        for p in pending:
            if p.is_new:
                p.person.pk = self.next_planned_pk
                self.next_planned_pk += 1
        self._register(pending)
        for p in pending:
            person = p.person
            if p.is_new or person.pk >= self.first_new_pk:
                continue
            if not (p.changed or p.org_name or p.points or p.addresses or p.notes or p.tags or p.photo):
                continue
            if p.org_name:
                person.organization_id = -1  # "has one now"; never saved
                self.org_names[person.pk] = p.org_name
            self.carried[person.pk] = p

    def _register(self, pending: list[_Pending]) -> None:
        """The keys and names later chunks match on, in the order _write inserts the
        rows (people who were here first, then new people), so that a key two people
        gained in one chunk goes to the same one whether the batch is applied or not."""
        registry, pairs = self.registry, []
        for p in pending:
            if p.is_new:
                continue
            person = p.person
            pairs += [(f"{point[0]}:{point[2]}", person.pk) for point in p.points]
            if person.pk >= self.first_new_pk:  # created earlier in this batch
                if p.org_name:
                    registry.fill_org(person.pk, p.org_name.lower())
            elif "uid" in p.changed:
                pairs.append(("uid:" + person.uid, person.pk))
        for p in pending:
            if not p.is_new:
                continue
            pk, person = p.person.pk, p.person
            if person.uid:
                pairs.append(("uid:" + person.uid, pk))
            pairs += [(f"{point[0]}:{point[2]}", pk) for point in p.points]
            registry.add_name(person.name, pk, p.org_name.lower())
        registry.add_keys(pairs)

    # -- folding a record into a person -----------------------------------
    def _set(self, target: _Pending, field_name: str, value) -> bool:
        """Fill a field only when it is empty: an import never overwrites what the user wrote."""
        current = getattr(target.person, field_name)
        if value in (None, "") or current not in (None, ""):
            return False
        if not target.is_new:
            target.previous.setdefault(field_name, current)
            target.changed.add(field_name)
        setattr(target.person, field_name, value)
        return True

    def _fold(self, target: _Pending, record: ContactRecord, path: str, points: list) -> bool:
        person = target.person
        changed = False
        _set = self._set
        # An empty value never changes anything (_set): skip those without the call.
        if record.given:
            changed |= _set(target, "given_name", record.given.strip()[:100])
        if record.family:
            changed |= _set(target, "family_name", record.family.strip()[:100])
        if record.nickname:
            changed |= _set(target, "nickname", record.nickname.strip()[:100])
        if record.title:
            changed |= _set(target, "title", record.title.strip()[:200])
        if record.birthday:
            changed |= _set(target, "birthday", record.birthday)
        own = _own_fields(record) if record.extra else {}
        uid = own.get("ID") or record.uid
        if uid:
            changed |= _set(target, "uid", uid.strip()[:200])
        how_met = own.get("HOW-MET") or (
            f"LinkedIn connection since {record.connected_on}" if record.connected_on else ""
        )
        if how_met:
            changed |= _set(target, "how_met", how_met)
        if own:
            changed |= self._set(target, "industry", (own.get("INDUSTRY") or "")[:120])
            changed |= self._set(target, "location", (own.get("LOCATION") or "")[:300])
            changed |= self._fold_own(target, record, own, path)
        org = record.organization.strip()[:200]
        if org and person.organization_id is None and not target.org_name:
            if not target.is_new:
                target.previous.setdefault("organization_id", None)
            target.org_name = org
            changed = True
        if record.extra or record.middle or record.prefix or record.suffix or record.department or record.connected_on:
            changed |= self._fold_extra(target, record)
        if points:
            changed |= self._fold_points(target, points)
        if record.addresses:
            changed |= self._fold_addresses(target, record)
        if record.note or record.tags or record.photo:
            changed |= self._fold_rest(target, record)
        return changed

    def _fold_fresh(self, target: _Pending, record: ContactRecord, points: list) -> bool:
        """_fold for a person just drafted from this record: every field is still empty,
        so each value is simply set (most rows of a first import take this path)."""
        person = target.person
        if record.given:
            person.given_name = record.given.strip()[:100]
        if record.family:
            person.family_name = record.family.strip()[:100]
        if record.nickname:
            person.nickname = record.nickname.strip()[:100]
        if record.title:
            person.title = record.title.strip()[:200]
        if record.birthday:
            person.birthday = record.birthday
        if record.uid:
            person.uid = record.uid.strip()[:200]
        if record.connected_on:
            person.how_met = f"LinkedIn connection since {record.connected_on}"
        if record.organization:
            target.org_name = record.organization.strip()[:200]
        if record.extra or record.middle or record.prefix or record.suffix or record.department or record.connected_on:
            extra = plain_extra(record) if record.extra else {}  # a new dict: the person's extra is empty
            for key, value in (
                (NAME_PARTS["middle"], record.middle),
                (NAME_PARTS["prefix"], record.prefix),
                (NAME_PARTS["suffix"], record.suffix),
                (NAME_PARTS["department"], record.department),
                (NAME_PARTS["connected_on"], record.connected_on),
            ):
                if value and value.strip():
                    extra.setdefault(key, [value.strip()])
            person.extra = extra
        if points:
            self._fold_points(target, points)
        if record.addresses:
            self._fold_addresses(target, record)
        if record.note or record.tags or record.photo:
            self._fold_rest(target, record)
        return True

    def _fold_own(self, target: _Pending, record: ContactRecord, own: dict[str, str], path: str) -> bool:
        """Goodwill's own fields from a Goodwill export (X-GOODWILL-CIRCLE and the rest)."""
        person, changed = target.person, False
        circle = own.get("CIRCLE")
        if circle and target.is_new:
            found = self.circles.get(circle.strip().lower())
            if found is None:
                self.report.problem(
                    Problem(
                        path,
                        record.line,
                        "X-GOODWILL-CIRCLE",
                        f'no circle "{circle}"; the person joins the network circle (create it and move them)',
                    )
                )
            elif person.circle_id != found.pk:
                person.circle_id, person.circle = found.pk, found
                changed = True
        cadence = own.get("CADENCE")
        if cadence:
            if cadence.strip().isdigit() and int(cadence) > 0:
                changed |= self._set(target, "cadence_days", int(cadence))
            else:
                self.report.problem(
                    Problem(path, record.line, "X-GOODWILL-CADENCE", f'"{cadence}" is not a number of days; ignored')
                )
        snoozed = own.get("SNOOZED-UNTIL")
        if snoozed:
            try:
                changed |= self._set(target, "snoozed_until", date.fromisoformat(snoozed.strip()))
            except ValueError:
                self.report.problem(
                    Problem(
                        path, record.line, "X-GOODWILL-SNOOZED-UNTIL", f'"{snoozed}" is not a YYYY-MM-DD date; ignored'
                    )
                )
        introducer = own.get("INTRODUCED-BY", "").strip()
        key = GOODWILL_PREFIX + "INTRODUCED-BY"
        if introducer and person.introduced_by_id is None and person.extra.get(key) != [introducer]:
            # Kept as text; linked to the person of that name once the whole file is in.
            self._put_extra(target, {key: [introducer]})
            changed = True
        return changed

    def link_introducers(self) -> None:
        """Turn kept introducer names into links, now that every person of the file
        exists (the introducer may come later in the file than the introduced)."""
        key = GOODWILL_PREFIX + "INTRODUCED-BY"
        waiting = Person.objects.filter(owner=self.owner, introduced_by__isnull=True, extra__has_key=key)
        for person in waiting:
            name = (person.extra.get(key) or [""])[0]
            matches = list(
                Person.objects.filter(owner=self.owner, name=name)
                .exclude(pk=person.pk)
                .values_list("pk", flat=True)[:2]
            )
            if len(matches) != 1:
                continue  # not here yet, or ambiguous: stays as text, and is exported again
            if person.pk < self.first_new_pk:
                ImportItem.objects.create(
                    owner=self.owner,
                    batch=self.batch,
                    model="person",
                    object_id=person.pk,
                    action=ImportItem.UPDATED,
                    previous={"introduced_by_id": None, "extra": dict(person.extra)},
                )
            person.introduced_by_id = matches[0]
            person.extra = {k: v for k, v in person.extra.items() if k != key}
            person.save(update_fields=["introduced_by_id", "extra"])

    def _put_extra(self, target: _Pending, new: dict) -> None:
        person = target.person
        if not target.is_new:
            target.previous.setdefault("extra", dict(person.extra))
            target.changed.add("extra")
        person.extra = {**person.extra, **new}

    def _fold_extra(self, target: _Pending, record: ContactRecord) -> bool:
        extra = plain_extra(record)
        for key, value in (
            (NAME_PARTS["middle"], record.middle),
            (NAME_PARTS["prefix"], record.prefix),
            (NAME_PARTS["suffix"], record.suffix),
            (NAME_PARTS["department"], record.department),
            (NAME_PARTS["connected_on"], record.connected_on),
        ):
            if value and value.strip():
                extra.setdefault(key, [value.strip()])
        new = {k: v for k, v in extra.items() if k not in target.person.extra}
        if new:
            self._put_extra(target, new)
        return bool(new)

    def _fold_points(self, target: _Pending, rows: list[tuple[str, Typed, str]]) -> bool:
        """`rows` from record_points: the record's emails, phones and URLs, normalized."""
        have = target.known.points
        changed = False
        for kind, typed, normalized in rows:
            value = typed.value.strip()
            if not value or (kind, normalized) in have:
                continue
            have.add((kind, normalized))
            target.points.append((kind, value[:320], normalized[:320], (typed.kind or "other")[:60], typed.preferred))
            changed = True
        return changed

    def _fold_addresses(self, target: _Pending, record: ContactRecord) -> bool:
        have = target.known.addresses
        changed = False
        for a in record.addresses:
            key = _address_key((a.street, a.city, a.region, a.postal_code, a.country, a.po_box, a.extended))
            if a.is_empty() or key in have:
                continue
            have.add(key)
            target.addresses.append(a)
            changed = True
        return changed

    def _fold_rest(self, target: _Pending, record: ContactRecord) -> bool:
        known, changed = target.known, False
        text = record.note.strip()
        # A Goodwill export joins a person's notes into one NOTE: that is no new note.
        if text and text not in known.all_notes and text != note_paragraphs(known.notes):
            known.all_notes.add(text)
            known.notes.append(text)
            target.notes.append(text)
            changed = True
        for tag in record.tags:
            cleaned = tag.strip().lstrip("#").lower()[:60]
            if cleaned and cleaned not in known.tags:
                known.tags.add(cleaned)
                target.tags.append(cleaned)
                changed = True
        if record.photo and not known.photo:
            known.photo = True
            target.photo = record.photo
            changed = True
        return changed

    # -- writing ------------------------------------------------------------
    def _organizations(self, names: set[str]) -> None:
        wanted = names - set(self.orgs)
        if not wanted:
            return
        existing = dict(Organization.objects.filter(owner=self.owner, name__in=wanted).values_list("name", "pk"))
        missing = sorted(wanted - set(existing))
        if missing:
            rows = self.sql.insert_returning(
                Organization, ["owner_id", "name"], [(self.owner.pk, n) for n in missing], returning="name"
            )
            existing.update({name: pk for pk, name in rows})
        self.orgs.update(existing)

    def _tag_ids(self, names: set[str]) -> None:
        missing = sorted(names - set(self.tags))
        if missing:
            rows = self.sql.insert_returning(
                Tag, ["owner_id", "name"], [(self.owner.pk, n) for n in missing], returning="name"
            )
            self.tags.update({name: pk for pk, name in rows})

    def _write(self, pending: list[_Pending]) -> None:
        from goodwill.services import places

        self._organizations({p.org_name for p in pending if p.org_name})
        self._tag_ids({t for p in pending for t in p.tags})
        new = [p for p in pending if p.is_new]
        old = [
            p
            for p in pending
            if not p.is_new and (p.changed or p.org_name or p.points or p.addresses or p.notes or p.tags or p.photo)
        ]
        # Ids given here, not by the INSERT: the rows that point at these people can then
        # be queued at once, and later chunks find them in the registry.
        for p, pk in zip(new, self.sql.allocate_ids(Person, len(new))):
            p.person.pk = pk
        self._register(pending)  # before the generated UIDs below: those are nobody's key
        uids = iter(new_uids(len(new)))
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
            if person.cadence_days or person.circle_id != self._default_rhythm[0]:
                rhythm.refresh(person, save=False)
            else:  # the same for everyone new on the default circle: worked out once
                person.rhythm_days, person.rhythm_max_days, person.due_day = self._default_rhythm[1:]
        # People who were here before are changed through the ORM, at once; then the new
        # people and their rows are queued, last, so the writer can run while the next
        # chunk is read.
        for p in old:
            self._update_person(p, places)
        self._write_old_children(old)
        self._insert_people(new)
        self._write_new_children(new)

    def _insert_people(self, new: list[_Pending]) -> None:
        if not new:
            return
        fields = self.person_fields
        # Plain values straight from the drafts; only dates and JSON go through Django.
        take = operator.itemgetter(*[f.attname for f in fields])
        template = self._draft_template
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
        ids = [p.person.pk for p in new]  # given by _write
        self.sql.insert(Person, ["id", *(fields[i].attname for i in keep)], [(pk, *row) for pk, row in zip(ids, rows)])
        # One undo record for the chunk's new people, not one row each (undo_import reads both).
        self.sql.insert(
            ImportItem,
            ["owner_id", "batch_id", "model", "object_id", "action", "previous"],
            [
                (
                    self.owner.pk,
                    self.batch.pk,
                    "people",
                    ids[0],
                    ImportItem.CREATED,
                    preparer(ImportItem._meta.get_field("previous"))({"ids": ids}),
                )
            ],
        )

    def _update_person(self, p: _Pending, places) -> None:
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
                owner=self.owner,
                batch=self.batch,
                model="person",
                object_id=person.pk,
                action=ImportItem.UPDATED,
                previous=_jsonable(p.previous),
            )

    def _write_new_children(self, new: list[_Pending]) -> None:
        """Rows for new people go in with plain INSERTs: undo removes them with their person."""
        if not new:
            return
        owner, insert = self.owner.pk, self.sql.insert
        insert(
            ContactPoint,
            ["owner_id", "person_id", "kind", "value", "normalized", "label", "preferred"],
            [(owner, p.person.pk, *point) for p in new for point in p.points],
        )
        insert(
            Address,
            ["owner_id", "person_id", *_ADDRESS_COLUMNS],
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

    def _write_old_children(self, old: list[_Pending]) -> None:
        """Rows added to people who were here before, each recorded for undo."""
        if not old:
            return
        owner = self.owner.pk
        points = [
            ContactPoint(
                owner_id=owner, person_id=p.person.pk, kind=k, value=v, normalized=n, label=lab, preferred=pref
            )
            for p in old
            for k, v, n, lab, pref in p.points
        ]
        addresses = [
            Address(owner_id=owner, person_id=p.person.pk, **dict(zip(_ADDRESS_COLUMNS, _address_row(a))))
            for p in old
            for a in p.addresses
        ]
        notes = [Note(owner_id=owner, person_id=p.person.pk, text=t, created_at=self.now) for p in old for t in p.notes]
        photos = [self._photo(p) for p in old if p.photo]
        links = [(p.person.pk, self.tags[t]) for p in old for t in p.tags]
        items = []
        for label, model, objs in (
            ("contactpoint", ContactPoint, points),
            ("address", Address, addresses),
            ("note", Note, notes),
            ("photo", Photo, photos),
        ):
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

    def _photo(self, p: _Pending) -> Photo:
        return Photo(
            owner_id=self.owner.pk,
            person_id=p.person.pk,
            media_type=(p.photo.media_type or "")[:60],
            data=p.photo.data,
            uri=(p.photo.uri or "")[:1000],
        )


_ADDRESS_COLUMNS = [
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


def _address_row(a) -> tuple:
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


_KEY_RANK = {"uid": 0, "email": 1, "phone": 2, "url": 3}


def _key_rank(key: str) -> tuple[int, str]:
    return _KEY_RANK.get(key.split(":", 1)[0], 9), key


def _own_fields(record: ContactRecord) -> dict[str, str]:
    """Goodwill's X-GOODWILL-* fields of a record, by name without the prefix."""
    return {
        key[len(GOODWILL_PREFIX) :].upper(): values[0]
        for key, values in record.extra.items()
        if values and key[: len(GOODWILL_PREFIX)].upper() == GOODWILL_PREFIX
    }


def _jsonable(previous: dict) -> dict:
    return {
        k: (v if isinstance(v, (str, int, float, bool, dict, list, type(None))) else str(v))
        for k, v in previous.items()
    }
