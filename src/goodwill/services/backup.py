"""A full JSON backup of one user's network, and restoring it.

Rows are written per model with their ids; a restore inserts them in dependency
order and maps every id afresh, so a backup restores into any database (a new
laptop, or a firm's server that already holds other users). Confidential notes,
interactions and profile entries are left out unless asked for.

A restore that replaces a network first keeps the network it deletes, whole (confidential
notes too), as a backup in the data folder (`replaced_backups`): a replace is undone by
restoring that file."""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.db import DEFAULT_DB_ALIAS, DataError, IntegrityError, connection, connections, transaction
from django.db import models as djmodels

from goodwill import __version__, clock, config
from goodwill.errors import InvalidInput, NotFound
from goodwill.models import (
    Address,
    Circle,
    ContactPoint,
    DupeDismissal,
    Exchange,
    ImportantDate,
    Interaction,
    Introduction,
    Item,
    NextStep,
    Note,
    Organization,
    Person,
    PersonDeletion,
    Photo,
    ProfileEntry,
    Share,
    SharingRule,
    StepChange,
    Tag,
    UserSettings,
    WeeklyReview,
)
from goodwill.services.backup_reader import BackupReader, BrokenJSON, TextSource
from goodwill.services.import_sql import bulk_writing, needs_preparing, preparer, refresh_planner_statistics
from goodwill.services.import_writer import BackgroundWriter

FORMAT = "goodwill-backup"
FORMAT_VERSION = 1
# Parents before children; Person.introduced_by (a self link) is set in a second pass.
# Deleted people (PersonDeletion) are not in a backup: their snapshots hold this database's ids, which a
# restore maps afresh, and confidential text that the backup may leave out.
ORDER = [
    Circle,
    Organization,
    Tag,
    Person,
    SharingRule,  # what colleagues on a firm's server see of them
    Photo,
    ContactPoint,
    Address,
    ImportantDate,
    Interaction,
    Note,
    NextStep,
    StepChange,
    WeeklyReview,
    ProfileEntry,
    Item,
    Share,
    Introduction,
    Exchange,
    DupeDismissal,
]
M2M = {Person: ["tags"], Interaction: ["participants"]}
NAMED = (Circle, Organization, Tag)
WITHHELD = "[confidential: not in this backup]"
BATCH = 500  # rows per INSERT on restore: few round trips, and SQLite's variable limit stays far off


def _label(model) -> str:
    return model._meta.model_name


def _value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _rows(owner, model, include_confidential: bool):
    rows = model.objects.filter(owner=owner).order_by("pk")
    if not include_confidential and model in (Note, ProfileEntry):
        rows = rows.exclude(confidentiality="confidential")
    m2m = M2M.get(model, [])
    if m2m:
        rows = rows.prefetch_related(*m2m)
    # A chunk at a time, links too (Django prefetches per chunk): all at once, a 100,000-person
    # network's tags were one IN (...) of every person, more variables than SQLite takes.
    for obj in rows.iterator(chunk_size=2000):
        data = {}
        for f in obj._meta.concrete_fields:
            if f.name == "owner":
                continue
            data[f.attname] = _value(getattr(obj, f.attname))
        for name in m2m:
            data[name] = [related.pk for related in getattr(obj, name).all()]
        if model is Interaction and obj.confidentiality == "confidential" and not include_confidential:
            data["summary"], data["body"] = WITHHELD, ""
        yield data


def write_backup(owner, stream: IO[str], *, include_confidential: bool = False) -> dict[str, int]:
    """Stream the backup as JSON; returns the row counts per model."""
    counts = {}
    stream.write(
        json.dumps(
            {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "goodwill": __version__,
                "created_at": clock.now().isoformat(),
                "include_confidential": include_confidential,
            }
        )[:-1]
    )
    settings_row = UserSettings.objects.filter(user=owner).values().first()
    prefs = {k: _value(v) for k, v in (settings_row or {}).items() if k not in ("id", "user_id")}
    stream.write(', "settings": ' + json.dumps(prefs) + ', "tables": {')
    for index, model in enumerate(ORDER):
        stream.write(("" if index == 0 else ", ") + json.dumps(_label(model)) + ": [")
        count = 0
        for row in _rows(owner, model, include_confidential):
            stream.write(("" if count == 0 else ", ") + json.dumps(row, ensure_ascii=False))
            count += 1
        stream.write("]")
        counts[_label(model)] = count
    stream.write("}}\n")
    return counts


def restored_summary(counts: dict[str, int]) -> str:
    """What a restore brought back, in one line, for every door."""
    return (
        f"Restored {counts.get('person', 0)} people, {counts.get('interaction', 0)} interactions, "
        f"{counts.get('nextstep', 0)} steps."
    )


# A replaced network's backup: before-restore-20261207-053012.json (UTC), maybe with -2, -3.
REPLACED_NAME = re.compile(r"before-restore-(?P<taken>\d{8}-\d{6})(-\d+)?\.json")


def replaced_folder(owner) -> Path:
    """Where the networks a restore replaced are kept for `owner`, in the data folder."""
    return config.data_dir() / "backups" / str(owner.pk)


@dataclass(frozen=True)
class KeptBackup:
    """A replaced network's backup: its file, when it was taken (UTC) and its size in bytes."""

    path: Path
    taken_at: datetime
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def replaced_backups(owner) -> list[KeptBackup]:
    """The owner's backups of replaced networks, newest first."""
    folder = replaced_folder(owner)
    if not folder.is_dir():
        return []
    kept = []
    for path in folder.iterdir():
        named = REPLACED_NAME.fullmatch(path.name)
        if named:
            taken = datetime.strptime(named["taken"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            kept.append(KeptBackup(path, taken, path.stat().st_size))
    return sorted(kept, key=lambda k: k.name, reverse=True)


def replaced_backup(owner, name: str) -> Path:
    """One of the owner's backups of replaced networks, by file name (never a path elsewhere)."""
    path = replaced_folder(owner) / name
    if not REPLACED_NAME.fullmatch(name) or not path.is_file():
        raise NotFound(f"no kept backup named {name!r}; the Import page lists those there are")
    return path


def _keep_before_replacing(owner) -> Path | None:
    """The network a replace is about to delete, written whole (confidential notes too: the
    file stays in the user's own data folder, readable by them alone) before anything goes."""
    if not Person.objects.filter(owner=owner).exists():
        return None
    folder = replaced_folder(owner)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"before-restore-{clock.now().astimezone(UTC):%Y%m%d-%H%M%S}"
    for n in range(1, 100):
        path = folder / (stem + (f"-{n}" if n > 1 else "") + ".json")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                write_backup(owner, out, include_confidential=True)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path
    raise InvalidInput(f"{folder}: too many backups kept this second; try again in a moment")


def _check(fields: dict) -> None:
    """The header's promises: a Goodwill backup, of a format this Goodwill reads."""
    if fields.get("format") != FORMAT:
        raise InvalidInput('not a Goodwill backup (no "format": "goodwill-backup")', code="not-backup")
    version = fields.get("version", 0)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InvalidInput(f"this backup is from a newer Goodwill (format {version}); upgrade Goodwill to restore it")


def _reader(field):
    """How one field's value is read back from the backup's JSON (what _value wrote), or
    None when it is used as it is. Chosen once per table, not per value."""
    if isinstance(field, djmodels.BinaryField):
        return lambda value: (
            base64.b64decode(value["base64"]) if isinstance(value, dict) and "base64" in value else value
        )
    if isinstance(field, djmodels.DateTimeField):
        return datetime.fromisoformat
    if isinstance(field, djmodels.DateField):
        return date.fromisoformat
    if isinstance(field, djmodels.DecimalField):
        return Decimal
    return None


class Restored(dict[str, int]):
    """Rows restored per table (as write_backup counts them), and the backup of the network a
    replace deleted first (None when nothing was replaced)."""

    kept: Path | None = None


def restore_backup(owner, stream: TextSource, *, replace: bool = False) -> Restored:
    """Bring a backup back for `owner`. Refuses to mix into an existing network unless replace,
    and a replace keeps the network it deletes as a backup first (`Restored.kept`).
    All or nothing: a damaged backup restores nothing (and keeps no copy). The file is read as
    it is restored, a batch of rows at a time (backup_reader), so memory does not grow with its
    size; damage found late (a cut-off tail) rolls back what went in before it."""
    kept = _keep_before_replacing(owner) if replace else None
    try:
        restored = Restored(_restore_all_or_nothing(owner, stream, replace))
    except BaseException:
        if kept is not None:
            kept.unlink(missing_ok=True)  # nothing was replaced: the copy would only be clutter
        raise
    restored.kept = kept
    return restored


def _restore_all_or_nothing(owner, stream: TextSource, replace: bool) -> dict[str, int]:
    reader = BackupReader(stream)
    try:
        _check(reader.header())
    except BrokenJSON as exc:
        raise InvalidInput(f"not a Goodwill backup: the JSON is broken near line {exc.line}") from None
    try:
        with bulk_writing():
            counts = _restore(owner, reader, replace)
    except BrokenJSON as exc:
        raise InvalidInput(
            f"the backup is damaged and nothing was restored (the JSON is broken near line {exc.line}); "
            "restore an earlier backup"
        ) from None
    except (KeyError, TypeError, ValueError, AttributeError, DataError, IntegrityError) as exc:
        raise InvalidInput(
            f"the backup is damaged and nothing was restored ({type(exc).__name__}: "
            f"{str(exc)[:80]}); restore an earlier backup"
        ) from None
    # Restored: what the planner knows of the tables comes after, never mistaken for damage.
    refresh_planner_statistics(model for model in ORDER if counts.get(_label(model)))
    return counts


class _Table:
    """How one model's restored rows go in: plain multi-row INSERTs with ids taken
    beforehand (import_writer.allocate_ids), not bulk_create: Django compiling the
    statement and preparing every value was most of a restore. Values of the type a
    column expects go in as they are; anything else goes through the field's own
    get_db_prep_save, so a damaged backup still fails the way it did (ValueError)."""

    def __init__(self, model) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if f.attname != "id"]
        self.attnames = ["id", *(f.attname for f in self.fields)]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.prepare = [_preparer(f) for f in self.fields]

    def rows(self, ids: list[int], values: list[dict]) -> list[tuple]:
        defaults, prepare, names = self.defaults, self.prepare, [f.attname for f in self.fields]
        out = []
        for pk, given in zip(ids, values, strict=True):
            out.append((pk, *[prep(given[a] if a in given else defaults[a]) for a, prep in zip(names, prepare)]))
        return out


_PLAIN = (
    (djmodels.CharField, str),
    (djmodels.TextField, str),
    (djmodels.BooleanField, bool),
    (djmodels.ForeignKey, int),
    (djmodels.IntegerField, int),
    (djmodels.FloatField, float),
)


def _preparer(field):
    if needs_preparing(field):
        return preparer(field)
    expected = next((kind for base, kind in _PLAIN if isinstance(field, base)), None)
    conn = connections[DEFAULT_DB_ALIAS]
    if expected is None:  # decimals and the rest: always through Django
        return lambda value: None if value is None else field.get_db_prep_save(value, conn)
    return lambda value: value if value is None or type(value) is expected else field.get_db_prep_save(value, conn)


def _insert(table: _Table, pending: list[tuple[dict, dict]], mapping: dict[int, int] | None, ids: dict, sql) -> int:
    """Insert a batch, with its many-to-many links. No post_save is sent: it only marks
    search documents stale, the restored people have no document yet, and
    search.ensure_current indexes people without one. The database triggers (DAV
    changes, stale strengths) fire on these inserts as on any. Returns how many rows went in."""
    if not pending:
        return 0
    model = table.model
    new_ids = sql.allocate_ids(model, len(pending))
    with connection.wrap_database_errors:  # SQLite's driver errors as Django's: a damaged backup is refused
        sql.insert(model, table.attnames, table.rows(new_ids, [values for _, values in pending]))
    if mapping is not None:  # kept only for tables that later rows point to
        for (row, _), pk in zip(pending, new_ids, strict=True):
            mapping[row["id"]] = pk
    for name in M2M.get(model, []):
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        related = ids.get(_label(field.related_model), {})
        links = [
            (pk, related[i])
            for (row, _), pk in zip(pending, new_ids, strict=True)
            for i in dict.fromkeys(row.get(name, []))
            if i in related
        ]
        with connection.wrap_database_errors:
            sql.insert(through, [f"{source}_id", f"{target}_id"], links)
    done = len(pending)
    pending.clear()
    return done


def _named(owner, model, rows: list[tuple[dict, dict]], mapping: dict[int, int]) -> None:
    """Circles, tags and organizations are unique by name, and the defaults may exist
    already: those are updated, the rest created, each kind in a few statements."""
    existing = {obj.name: obj for obj in model.objects.filter(owner=owner)}
    for row, values in rows:
        obj = existing.get(values["name"])
        if obj is None:
            continue
        for attname, value in values.items():
            setattr(obj, attname, value)
        obj.save()
        mapping[row["id"]] = obj.pk
    fresh = [(row, values) for row, values in rows if values["name"] not in existing]
    objs = [model(owner=owner, **values) for _, values in fresh]
    if model is Organization:  # what Organization.save does, which bulk_create skips
        from goodwill.habits.dupes import org_key  # here: only a restore pays for rapidfuzz

        for obj in objs:
            obj.key = org_key(obj.name)
    created = model.objects.bulk_create(objs, batch_size=BATCH)
    for (row, _), obj in zip(fresh, created, strict=True):
        mapping[row["id"]] = obj.pk


@contextmanager
def _loading() -> Iterator[BackgroundWriter]:
    """How the rows go in: on PostgreSQL, each batch's COPY from a second thread while the next
    batch is read, and the foreign keys checked at the end of each COPY, not all at the commit
    (Django makes them deferred): the server checks a batch while this side reads the next,
    instead of two million checks after the last row. Rows point only to tables restored before
    theirs, so every check passes as it comes. The default comes back when the rows are in (a
    failed restore rolls back, and the setting with it)."""
    immediate = connection.vendor == "postgresql"
    # SQLite's restore stays in this thread, as before: its statements are in-process already.
    with BackgroundWriter(background=immediate, postgresql=True) as sql:
        if immediate:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        yield sql
    if immediate:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _link_introducers(links: list[tuple[int, int]]) -> None:
    """Person.introduced_by, set once every person is in: (person, introducer) new ids, one
    statement (PostgreSQL, two arrays) or one prepared statement run for each (SQLite), not
    an ORM update per person (15,000 round trips in a 100,000-person restore)."""
    if not links:
        return
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            people, introducers = zip(*links, strict=True)
            cursor.execute(
                f"UPDATE {table} AS p SET introduced_by_id = v.introducer "
                "FROM unnest(%s::bigint[], %s::bigint[]) AS v(person, introducer) WHERE p.id = v.person",
                [list(people), list(introducers)],
            )
        else:
            cursor.executemany(f"UPDATE {table} SET introduced_by_id = %s WHERE id = %s", [(i, p) for p, i in links])


def _referenced() -> set[str]:
    """The tables whose old ids later rows point to: only their id maps are kept."""
    labels = set()
    for model in ORDER:
        for field in model._meta.get_fields():
            if (field.many_to_one or field.many_to_many) and field.concrete:
                labels.add(_label(field.related_model))
    return labels


def _load_table(
    owner, model, rows, ids: dict, keep_ids: bool, deferred_links: list[tuple[int, int]], sql: BackgroundWriter
) -> int:
    """One table's rows, a batch at a time, their links mapped to the new ids; `ids` gets this
    table's map (kept whole only when `keep_ids`: later rows point here). Returns how many went in."""
    mapping = ids.setdefault(_label(model), {})
    done = 0
    fields = {f.attname: f for f in model._meta.concrete_fields if f.attname != "id"}
    readers = {attname: _reader(field) for attname, field in fields.items()}
    targets = {attname: _label(field.related_model) for attname, field in fields.items() if field.is_relation}
    table = _Table(model)
    pending: list[tuple[dict, dict]] = []
    named: list[tuple[dict, dict]] = []
    keep = mapping if keep_ids else None
    for row in rows:
        values = {}
        for attname, value in row.items():
            if attname not in readers:
                continue  # the old id, or a column this Goodwill does not have
            target = targets.get(attname)
            if target is not None:
                if target == "user":
                    continue
                if model is Person and attname == "introduced_by_id":
                    if value is not None:
                        deferred_links.append((row["id"], value))
                    continue
                value = ids.get(target, {}).get(value) if value is not None else None
            elif value is not None and (read := readers[attname]) is not None:
                value = read(value)
            values[attname] = value
        if model is DupeDismissal and values["person_a_id"] > values["person_b_id"]:
            # New ids need not keep the old order, and a pair is stored lower id first.
            values["person_a_id"], values["person_b_id"] = values["person_b_id"], values["person_a_id"]
        if model in NAMED:
            named.append((row, values))
            continue
        values["owner_id"] = owner.pk
        pending.append((row, values))
        if len(pending) >= BATCH:
            done += _insert(table, pending, keep, ids, sql)
    if model in NAMED:
        _named(owner, model, named, mapping)
        done += len(named)
    return done + _insert(table, pending, keep, ids, sql)


@transaction.atomic
def _restore(owner, reader: BackupReader, replace: bool) -> dict[str, int]:
    if Person.objects.filter(owner=owner).exists():
        if not replace:
            raise InvalidInput(
                "your network is not empty; restore into a new data folder, or replace the current network "
                "(it is kept as a backup, then deleted)",
                code="network-not-empty",
            )
        for model in reversed(ORDER):
            model.objects.filter(owner=owner).delete()
        PersonDeletion.objects.filter(owner=owner).delete()  # their snapshots point into the network just replaced
    by_label = {_label(model): model for model in ORDER}
    referenced = _referenced()
    ids: dict[str, dict[int, int]] = {}
    counts = {_label(model): 0 for model in ORDER}
    deferred_links: list[tuple[int, int]] = []
    done = -1  # ORDER's index of the last table read: rows may only point back to tables before theirs
    with connection.wrap_database_errors, _loading() as sql:  # the writer's errors as Django's: refused as damaged
        for label, rows in reader.tables():
            if label not in by_label:
                continue  # a table this Goodwill does not know: its rows are read past
            model = by_label[label]
            if ORDER.index(model) <= done:
                # Rows point to tables read before theirs; Goodwill writes them in ORDER.
                raise ValueError(f'table "{label}" is out of order or twice; restore the file as Goodwill wrote it')
            done = ORDER.index(model)
            counts[label] = _load_table(owner, model, rows, ids, label in referenced, deferred_links, sql)
    header = reader.trailer()
    _check(header)  # a "version" after the tables counts too
    people = ids.get("person", {})
    _link_introducers(
        [(people[person], people[introducer]) for person, introducer in deferred_links if introducer in people]
    )
    prefs = UserSettings.objects.get_or_create(user=owner)[0]
    for key, value in header.get("settings", {}).items():
        if hasattr(prefs, key):
            setattr(prefs, key, value)
    prefs.save()
    return counts
