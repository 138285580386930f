"""Importing contacts: a dry run by default, or one atomic, undoable batch.

Records stream from goodwill.formats in chunks of CHUNK; each chunk is matched
(match), folded into the people it belongs to (fold), then written (write) or, in
a dry run, only planned: the registry of what later chunks will find
(import_plan, spilled to a temporary file on huge files) is the same in both
modes, so the dry run reports what apply does, and memory holds one chunk
whatever the file's size."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from django.db import connection, transaction
from django.db.models import JSONField, Max

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.formats.contact import ContactRecord
from goodwill.formats.errors import FormatError, MappingError, Problem
from goodwill.models import Circle, ImportBatch, Person
from goodwill.models.base import Owner
from goodwill.services.accounts import settings_for
from goodwill.services.contact_mapping import record_name, record_points
from goodwill.services.contacts_import.fold import Draft, Known, Pending, PointIn, fold
from goodwill.services.contacts_import.match import Answers, Matcher, ranked
from goodwill.services.contacts_import.prints import digest, settled, unknown
from goodwill.services.contacts_import.write import WRITTEN_MODELS, Drafts, Writer
from goodwill.services.import_plan import PlanRegistry, UnmappedColumn, count_unmapped, unmapped_by_key
from goodwill.services.import_sql import PERSON_TABLE, any_of, bulk_writing, refresh_planner_statistics
from goodwill.services.import_writer import BackgroundWriter
from goodwill.services.upload_names import renamed, shown_names

CHUNK = 1000
MAX_PROBLEMS_KEPT = 500
# People written by one import from which the planner's statistics are refreshed at once (PostgreSQL).
STATISTICS_AFTER = 1000
# Databases on which a dry run asks about its next chunk while it folds this one (_Importer).
ASK_AHEAD = frozenset({"postgresql"})
CREATED, UPDATED, MERGED, UNCHANGED, SKIPPED = "created", "updated", "merged", "unchanged", "skipped"


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


def _bad_file(exc: FormatError | MappingError, shown: Mapping[str, str]) -> InvalidInput:
    """A file the readers cannot take, or a column map they cannot follow, in one line."""
    if isinstance(exc, MappingError):
        return InvalidInput(renamed(f"column map: {exc}", shown), code="column-map")
    return InvalidInput(renamed(str(exc), shown), code=exc.code)


def import_contacts(
    owner: Owner,
    paths: Iterable[str | os.PathLike[str]],
    *,
    mapping: str | dict[str, str] | None = None,
    apply: bool = False,
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
    names: Mapping[str, str] | None = None,
) -> ImportReport:
    """Read contact files and match them against the owner's people.

    Without `apply` nothing is written: the run plans in memory (import_plan) and
    reports what `apply` would do, record for record. With
    `strict`, any problem row means nothing is written. `progress` is called
    with the number of records done after each chunk. `names` names paths as the
    user knows them (an upload: its own name), in the report, its problems and errors
    and the batch (services.upload_names)."""
    from goodwill.formats.read import inspect_file, read_contacts

    files = [os.fspath(p) for p in paths]
    if not files:
        raise InvalidInput("no file given: name at least one .vcf or .csv export", code="no-files")
    shown = shown_names(files, names)
    formats = []
    unmapped: dict[str, dict[str, UnmappedColumn]] = {}  # file -> extra key -> its column
    for path in files:
        if not os.path.isfile(path):
            raise InvalidInput(f"{shown[path]}: no such file; give the path of a .vcf or .csv export")
        try:
            kind, columns = inspect_file(path, mapping)
        except (FormatError, MappingError) as exc:
            raise _bad_file(exc, shown) from None
        formats.append(kind)
        unmapped[path] = {
            key: dataclasses.replace(column, file=shown[path]) for key, column in unmapped_by_key(path, columns).items()
        }
    report = ImportReport(
        files=[shown[path] for path in files],
        formats=formats,
        unmapped=[column for by_key in unmapped.values() for column in by_key.values()],
    )

    def records() -> Iterator[tuple[str, ContactRecord | Problem]]:
        for path in files:
            columns = unmapped[path]
            try:
                for item in read_contacts(path, mapping):
                    if columns and isinstance(item, ContactRecord) and item.extra:
                        count_unmapped(columns, item)
                    if isinstance(item, Problem) and names:
                        item = dataclasses.replace(item, file=shown.get(item.file, item.file))
                    yield path, item
            except (FormatError, MappingError) as exc:
                raise _bad_file(exc, shown) from None

    registry = PlanRegistry()
    try:
        with bulk_writing(writes=apply), transaction.atomic():
            batch = None  # a dry run plans in memory: nothing is written, nothing rolled back
            if apply:
                batch = ImportBatch.objects.create(
                    owner=owner,
                    source=",".join(sorted(set(formats)))[:20],
                    filename=", ".join(report.files)[:1000],
                    created_at=clock.now(),
                )
            # The writer's thread: an applied import's INSERTs on SQLite; on PostgreSQL a
            # dry run's look-ups of its next chunk, while the server answers (_Importer.run).
            with BackgroundWriter(background=apply or connection.vendor in ASK_AHEAD, postgresql=not apply) as sql:
                importer = _Importer(owner, batch, report, registry, sql)
                importer.run(records(), progress)
                if importer.writer:
                    importer.writer.link_introducers()
            if strict and report.problem_count:
                raise _StrictFailure
            if batch is not None:
                batch.summary = {**report.counts, "problems": report.problem_count}
                batch.save(update_fields=["summary"])
                report.applied, report.batch_id = True, batch.pk
            else:
                transaction.set_rollback(True)  # belt and braces: a dry run keeps nothing
    except _StrictFailure:
        report.applied = False
    finally:
        registry.close()
    if report.applied and sum(report.counts[a] for a in (CREATED, UPDATED, MERGED)) >= STATISTICS_AFTER:
        refresh_planner_statistics(WRITTEN_MODELS)
    return report


class _Importer:
    """One import: reads the records a chunk at a time, matches and folds each, and
    has the chunk written (write.Writer) or, in a dry run, remembered (_remember)."""

    def __init__(
        self,
        owner: Owner,
        batch: ImportBatch | None,
        report: ImportReport,
        registry: PlanRegistry,
        sql: BackgroundWriter,
    ) -> None:
        self.owner, self.report = owner, report
        self.dry = batch is None
        self.region = settings_for(owner).default_phone_region
        now = clock.now()
        self.circles = {c.name.lower(): c for c in Circle.objects.filter(owner=owner)}
        self.drafts = Drafts(owner.pk, now, self.circles.get("network"))
        # People with a larger id were created by this batch: a later row that matches
        # one of them is "merged" (a duplicate inside the file), not "updated".
        self.first_new_pk = (Person.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.matcher = Matcher(
            owner.pk,
            sql,
            registry,
            first_new_pk=self.first_new_pk,
            had_people=Person.objects.filter(owner=owner).exists(),
        )
        self.writer = (
            None
            if batch is None
            else Writer(
                owner.pk,
                batch,
                sql,
                self.drafts,
                now=now,
                first_new_pk=self.first_new_pk,
                register=self.matcher.register,
            )
        )
        # A dry run keeps the people of the network it changed (`carried`), as later
        # chunks would find them in the database, and gives the people it would create
        # the ids they would get.
        self.carried: dict[int, Pending] = {}
        self.next_planned_pk = self.first_new_pk
        # A dry run reads the database as it stood before it began, whatever it plans, so
        # on PostgreSQL (the writer threaded) it asks about its next chunk while it folds
        # this one: a file imported before matches every row, and waiting for the server's
        # answers was a quarter of it. An applied import asks once the chunk before is
        # written; SQLite answers in this process, and a second thread only adds turns.
        self.ahead = self.dry and self.matcher.had_people and sql.threaded

    def run(
        self, stream: Iterator[tuple[str, ContactRecord | Problem]], progress: Callable[[int], None] | None
    ) -> None:
        waiting: _Chunk | None = None
        for rows, problems, unkept in _chunks(stream):
            chunk = self._ask(rows, problems, unkept)
            if not self.ahead:
                self._finish(chunk, progress)
                continue
            if waiting is not None:
                self._finish(waiting, progress)
            waiting = chunk
        if waiting is not None:
            self._finish(waiting, progress)

    def _ask(self, rows: list[tuple[str, ContactRecord]], problems: list[Problem], unkept: int) -> _Chunk:
        """A chunk's records with their keys, its questions to the database already asked."""
        records = [r for _, r in rows]
        prepared = [record_points(r, self.region) for r in records]  # each email, phone, URL normalized once
        keys = [ranked(k) for _, k in prepared]
        by_kind, names = self.matcher.questions(records, keys)
        answers = None
        if rows and self.matcher.had_people:
            # Asked ahead, the fingerprints of everyone found come with the answers: the
            # digests to compare are not known before the match.
            answers = self.matcher.ask(keys, by_kind, names, prints=self.ahead)
        return _Chunk(rows, records, prepared, keys, by_kind, names, answers, problems, unkept)

    def _finish(self, chunk: _Chunk, progress: Callable[[int], None] | None) -> None:
        # The problems read among the chunk's records, reported in the order they were read.
        for problem in chunk.problems:
            self.report.problem(problem)
        self.report.problem_count += chunk.unkept
        if chunk.rows:
            self._chunk(chunk)
            if progress:
                progress(len(chunk.rows))

    def _people(self, ids: set[int]) -> tuple[dict[int, Any], dict[int, Known]]:
        """The people these ids name, and what each already has."""
        stored = {i for i in ids if i < self.first_new_pk and i not in self.carried} if self.dry else ids
        people: dict[int, Any] = {}
        if stored and self.dry:
            people = self._stored_drafts(stored)
        elif stored:
            people = {
                p.pk: p
                for p in Person.objects.filter(owner=self.owner, pk__in=stored).select_related("organization", "circle")
            }
        known = self.matcher.known(stored)
        for pk in ids - stored:  # a dry run: people earlier chunks changed or would have created
            if pk in self.carried:
                people[pk], known[pk] = self.carried[pk].person, self.carried[pk].known
            else:  # created earlier in this dry run: only its keys matter now (the record is "merged")
                stand_in = self.drafts.new("")
                stand_in.pk, stand_in.uid = pk, "planned"
                people[pk], known[pk] = stand_in, Known()
        return people, known

    def _stored_drafts(self, ids: set[int]) -> dict[int, Any]:
        """A dry run's people of the network, as Drafts: it saves nobody, and a file
        imported before matches everyone, so model instances and Django's converters
        were most of a repeat dry run. fold asks of a field only whether it is empty (and
        reads `extra`, decoded here), so dates and flags stay as the driver gives them."""
        fields = self.drafts.fields
        columns = ", ".join(["id", *(f.column for f in fields)])
        json_at = [i for i, f in enumerate(fields, 1) if isinstance(f, JSONField)]
        people: dict[int, Any] = {}
        for where, values in any_of("id", sorted(ids)):
            rows = self.matcher.sql.select(
                f"SELECT {columns} FROM {PERSON_TABLE} WHERE owner_id = %s AND {where}", [self.owner.pk, *values]
            )
            for found in rows:
                row = list(found)
                for i in json_at:
                    if isinstance(row[i], (str, bytes)):  # SQLite's text; psycopg decodes jsonb itself
                        row[i] = orjson.loads(row[i])
                person = Draft(dict(zip(self.drafts.attnames, row)))
                person.pk = row[0]
                people[row[0]] = person
        return people

    def _chunk(self, chunk: _Chunk) -> None:
        records, prepared, keys = chunk.records, chunk.prepared, chunk.keys
        answers = chunk.answers() if chunk.answers else Answers([], [], [])
        found, by_name = self.matcher.lookup(chunk.by_kind, chunk.names, answers)
        names = [record_name(r) for r in records]
        # The person of the network each record matches (a person created earlier in this
        # chunk, found below, comes first).
        matched: list[int | None] = []
        for record, record_key, name in zip(records, keys, names):
            existing_id = None
            for k in record_key:  # plain loops: this runs once per record
                if k in found:
                    existing_id = found[k]
                    break
            if existing_id is None and not record_key and name:
                existing_id = by_name.get((name.lower(), record.organization.strip().lower()))
            matched.append(existing_id)
        digests, quick = self._fingerprints(records, prepared, matched, answers.prints)
        # Only the people some record has to be folded into are read.
        people, known = self._people({pk for pk, q in zip(matched, quick) if pk is not None and not q})
        pending: dict[int, Pending] = {}  # id(person) → pending
        folded: set[int] = set()  # people of the network folded into in this chunk
        printed: list[tuple[Pending, int]] = []  # (person, digest) to keep once written
        drafts: dict[str, Pending] = {}  # key → a person created earlier in this chunk
        # (name, organization) → a person created earlier in this chunk, as later chunks
        # would find it by name; `named_as` keeps each one's current entry.
        named: dict[tuple[str, str], Pending] = {}
        named_as: dict[int, tuple[str, str]] = {}
        for (path, record), record_key, (points, _), name, existing_id, fast, print_ in zip(
            chunk.rows, keys, prepared, names, matched, quick, digests
        ):
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
            draft = None
            for k in record_key:
                if k in drafts:
                    draft = drafts[k]
                    break
            if existing_id is None and not record_key:
                draft = named.get((name.lower(), record.organization.strip().lower()))
            if draft is not None:
                target, action = draft, MERGED
            elif existing_id is not None:
                if fast and existing_id not in folded:
                    # Its fingerprint is kept for this person, who has not changed since:
                    # folding it would change nothing (prints).
                    self.report.note(UNCHANGED, name)
                    continue
                folded.add(existing_id)
                person = people[existing_id]
                target = pending.setdefault(id(person), Pending(person, False, known[existing_id]))
                action = MERGED if existing_id >= self.first_new_pk else UPDATED
            else:
                person = self.drafts.new(name)
                target = pending.setdefault(id(person), Pending(person, True, Known()))
                action = CREATED
            changed = fold(
                target,
                record,
                points,
                circles=self.circles,
                problem=self._problems(path, record) if record.extra else None,  # only Goodwill fields have any
                keys_only=self.dry and action != UPDATED,
            )
            if print_ is not None and self.writer and settled(target, record):
                printed.append((target, print_))
            if target.is_new:
                for key in record_key:
                    drafts.setdefault(key, target)
                _name_in_chunk(named, named_as, target)
            if action == UPDATED and not changed:
                action = UNCHANGED
            self.report.note(action, name)
        if self.writer:
            self.writer.write(list(pending.values()))
            self.writer.write_prints(printed)
        else:
            self._remember(list(pending.values()))

    def _fingerprints(
        self,
        records: list[ContactRecord],
        prepared: list[tuple[list[PointIn], set[str]]],
        matched: list[int | None],
        kept: tuple[set[int], set[tuple[int, int]]] | None,
    ) -> tuple[list[int | None], list[bool]]:
        """Each record's digest (prints.digest; None for no fingerprint), and whether one
        kept for the person it matches says it changes nothing. An applied import needs
        every digest, to keep them; a dry run only those of people of the network.
        `kept`: the people the database's answers named and their fingerprints
        (Matcher.ask); anyone else is asked about here."""
        none: list[int | None] = [None] * len(records)
        if not (self.writer or self.matcher.had_people):
            return none, [False] * len(records)
        # People this batch created or (a dry run) changed are never taken as they were.
        top, carried, region = self.first_new_pk, self.carried, self.region
        asked = [pk is not None and pk < top and pk not in carried for pk in matched]
        digests = [
            digest(r, points, region) if self.writer or ask else None
            for r, (points, _), ask in zip(records, prepared, asked)
        ]
        pairs = {(pk, d) for pk, d, ask in zip(matched, digests, asked) if ask and pk is not None and d is not None}
        missing: set[tuple[int, int]] = set()
        if kept is not None:
            named, stored = kept
            missing = {pair for pair in pairs if pair[0] in named and pair not in stored}
            pairs = {pair for pair in pairs if pair[0] not in named}
        if pairs:
            missing |= unknown(self.matcher.sql.select, pairs)
        quick = [ask and d is not None and (pk, d) not in missing for pk, d, ask in zip(matched, digests, asked)]
        return digests, quick

    def _problems(self, path: str, record: ContactRecord) -> Callable[[str, str], None]:
        """Where fold reports a problem with one of this record's fields."""
        return lambda field_name, message: self.report.problem(Problem(path, record.line, field_name, message))

    def _remember(self, pending: list[Pending]) -> None:
        """A dry run's stand-in for write: give new people the ids they would get, and
        remember what later chunks would find in the database."""
        for p in pending:
            if p.is_new:
                p.person.pk = self.next_planned_pk
                self.next_planned_pk += 1
        self.matcher.register(pending)
        for p in pending:
            person = p.person
            if p.is_new or person.pk >= self.first_new_pk:
                continue
            if not (p.changed or p.adds_rows()):
                continue
            if p.org_name:
                person.organization_id = -1  # "has one now"; never saved
                self.matcher.org_names[person.pk] = p.org_name
            self.carried[person.pk] = p


@dataclass
class _Chunk:
    """A chunk of records on its way: read, its keys worked out, its questions asked."""

    rows: list[tuple[str, ContactRecord]]
    records: list[ContactRecord]
    prepared: list[tuple[list[PointIn], set[str]]]  # each record's contact points and keys (record_points)
    keys: list[list[str]]  # each record's keys, strongest first
    by_kind: dict[str, set[str]]
    names: set[str]
    answers: Callable[[], Answers] | None  # waits for the database's answers (Matcher.ask)
    problems: list[Problem]  # read among its records, to report before it
    unkept: int  # more problems than a report keeps: only counted


def _chunks(
    stream: Iterator[tuple[str, ContactRecord | Problem]],
) -> Iterator[tuple[list[tuple[str, ContactRecord]], list[Problem], int]]:
    """The records CHUNK at a time, each chunk with the problems read among its records
    (at most as many as a report keeps: a file of nothing but bad rows stays in bounded
    memory) and the count of the rest; the problems after the last record come alone."""
    rows: list[tuple[str, ContactRecord]] = []
    problems: list[Problem] = []
    unkept = 0
    for path, item in stream:
        if isinstance(item, Problem):
            if len(problems) < MAX_PROBLEMS_KEPT:
                problems.append(item)
            else:
                unkept += 1
            continue
        rows.append((path, item))
        if len(rows) >= CHUNK:
            yield rows, problems, unkept
            rows, problems, unkept = [], [], 0
    if rows or problems or unkept:
        yield rows, problems, unkept


def _name_in_chunk(
    named: dict[tuple[str, str], Pending], named_as: dict[int, tuple[str, str]], target: Pending
) -> None:
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
