"""Merging two people into one, and undoing it.

`merge_people(owner, keep, other)` moves everything that points at `other` onto
`keep`, fills `keep`'s blank fields from `other`, and deletes `other`. The rows to
move are found by introspecting Person's relations, so a model added later is moved
too (tests/services/test_merge.py fails if one appears that this does not know).

The MergeRecord's snapshot holds what undo needs, keyed by relation:
  person      `other`'s own fields, to recreate it with its former id
  filled      {field: [keep's value before, the value the merge set]}
  moved       {"app.Model.fk_attname": [row ids moved from other to keep]}
  m2m_moved   {"app.Through.person_col": [counterpart ids moved to keep]}
  m2m_dropped {"app.Through.person_col": [counterpart ids keep already had]}
  deleted     {"app.Model": [full rows that could not move (a second photo,
               an email keep already had, `other`'s "not a duplicate" marks)]}
  dismissals_added  [ids of the marks made for `keep` from `other`'s]
Undo moves back exactly those rows that still point at `keep`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.apps import apps
from django.db import models, transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import ContactPoint, DupeDismissal, ImportPrint, MergeRecord, Person, PersonStrength, SharingRule
from goodwill.search import mark_stale
from goodwill.services import rhythm

M = TypeVar("M", bound=models.Model)

# Fields that describe the record rather than the person, or derived state.
NOT_FILLED = frozenset(
    {
        "id",
        "owner",
        "name",
        "extra",
        "archived_at",
        "created_at",
        "updated_at",
        "last_touch_at",
        "rhythm_days",
        "rhythm_max_days",
        "due_day",
    }
)
# Where someone is: copied together, so coordinates never mix two places.
PLACE_FIELDS = (
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geo_status",
    "timezone",
    "place_label",
    "region",
    "country",
)


# Rows computed from a person's records, never moved or restored: the other's go with them,
# and keep's are recomputed from what moved (the stored shared strength is refreshed; an
# import's fingerprints of keep are dropped by their triggers, and made again by the next import).
DERIVED: tuple[type[models.Model], ...] = (PersonStrength, ImportPrint)


@dataclass(frozen=True)
class Relation:
    """One way a row can point at a person."""

    kind: str  # fk, one_to_one, m2m, pair (a "not a duplicate" mark: see _carry_dismissals)
    model: type[models.Model]  # the row's model (the through model for m2m)
    column: str  # attname of the column holding the person id
    other_column: str = ""  # m2m: attname of the column holding the counterpart

    @property
    def key(self) -> str:
        return f"{self.model._meta.label}.{self.column}"


def _resolved(model: type[models.Model] | str | None) -> type[models.Model]:
    """A relation's model class: once the apps are ready, Django has resolved "self" and
    "app.Model" to classes and made every m2m's through model."""
    assert model is not None and not isinstance(model, str), model
    return model


def person_relations() -> list[Relation]:
    """Every relation from another table to Person, found by introspection."""
    found = []
    for f in Person._meta.get_fields(include_hidden=True):
        if f.many_to_many:
            if f.concrete:  # Person.tags: the through table's columns seen from Person
                assert isinstance(f, models.ManyToManyField)  # the only concrete many-to-many kind
                through = _resolved(f.remote_field.through)
                person_col, other_col = f.m2m_column_name(), f.m2m_reverse_name()
            else:  # Interaction.participants, seen from the person
                assert isinstance(f, models.ManyToManyRel)  # the reverse side of a ManyToManyField
                through = _resolved(f.through)
                person_col, other_col = f.field.m2m_reverse_name(), f.field.m2m_column_name()
            found.append(Relation("m2m", through, person_col, other_col))
        elif f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one):
            assert isinstance(f, models.ManyToOneRel)  # the reverse side of a ForeignKey or OneToOneField
            related = _resolved(f.related_model)
            if related._meta.auto_created:
                continue  # an m2m through table, handled above
            if related in DERIVED:
                continue
            kind = "pair" if related is DupeDismissal else "one_to_one" if f.one_to_one else "fk"
            found.append(Relation(kind, related, f.field.attname))
    return found


def _encode(field: models.Field, obj) -> object:
    value = field.value_from_object(obj)
    if value is None:
        return None
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (date, datetime, Decimal)):
        return field.value_to_string(obj)
    return value


def _decode(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value)
    if isinstance(field, models.ForeignKey):
        return value
    return field.to_python(value)


def row_data(obj: models.Model) -> dict:
    return {f.attname: _encode(f, obj) for f in obj._meta.concrete_fields}


def restore_row(model: type[M], data: dict) -> M:
    """Recreate a row with its former id; links to rows gone since become empty."""
    values = {}
    for f in model._meta.concrete_fields:
        value = _decode(f, data.get(f.attname))
        if isinstance(f, models.ForeignKey) and value is not None:
            if not _resolved(f.related_model)._default_manager.filter(pk=value).exists():
                if not f.null:
                    raise InvalidInput(f"cannot restore a {model._meta.verbose_name}: what it belonged to was deleted")
                value = None
        values[f.attname] = value
    obj = model(**values)
    obj.save(force_insert=True)
    return obj


def _blank(value) -> bool:
    return value is None or value == "" or value == {} or value == []


def _fill_blanks(keep: Person, other: Person) -> dict:
    filled = {}

    def fill(name: str) -> None:
        f = Person._meta.get_field(name)
        assert isinstance(f, models.Field)  # asked only for Person's own columns
        before, after = getattr(keep, f.attname), getattr(other, f.attname)
        setattr(keep, f.attname, after)
        filled[f.attname] = [_encode(f, Person(**{f.attname: before})), _encode(f, other)]

    for f in Person._meta.concrete_fields:
        if f.name in NOT_FILLED or f.name in PLACE_FIELDS:
            continue
        if _blank(getattr(keep, f.attname)) and not _blank(getattr(other, f.attname)):
            if f.name == "introduced_by" and other.introduced_by_id == keep.pk:
                continue  # "introduced by myself" is no fact
            fill(f.name)
    if _blank(keep.location) and keep.latitude is None and (other.location or other.latitude is not None):
        for name in PLACE_FIELDS:
            if getattr(keep, name) != getattr(other, name):
                fill(name)
    missing = {k: v for k, v in (other.extra or {}).items() if k not in (keep.extra or {})}
    if missing:
        before = dict(keep.extra or {})
        keep.extra = {**before, **missing}
        filled["extra"] = [before, keep.extra]
    return filled


def check_pair(owner, keep: Person, other: Person) -> None:
    """Two different people of the owner's: what a merge asks first (a confirmation page asks it too)."""
    for person in (keep, other):
        person.check_owner(owner)
    if keep.pk == other.pk:
        raise InvalidInput(f"cannot merge {keep.name} (#{keep.pk}) with itself; name two different people")


@transaction.atomic
def merge_people(owner, keep: Person, other: Person) -> MergeRecord:
    """Merge `other` into `keep`; returns the record that `undo_merge` takes."""
    check_pair(owner, keep, other)
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    other = Person.objects.select_for_update().get(pk=other.pk)
    snapshot: dict[str, Any] = {
        "person": row_data(other),
        "name": other.name,
        "moved": {},
        "m2m_moved": {},
        "m2m_dropped": {},
        "deleted": {},
    }
    if keep.introduced_by_id == other.pk:
        # Otherwise keep would end up "introduced by" itself.
        snapshot["keep_introduced_by_other"] = True
        keep.introduced_by = None

    for relation in person_relations():
        if relation.kind == "m2m":
            _move_m2m(relation, keep, other, snapshot)
        elif relation.kind != "pair":
            _move_rows(relation, keep, other, snapshot)
    _carry_dismissals(owner, keep, other, snapshot)

    snapshot["filled"] = _fill_blanks(keep, other)
    keep.updated_at = clock.now()
    keep.save()
    other.delete()
    rhythm.recount_last_touch(keep)
    mark_stale(owner.pk, [keep.pk])
    return MergeRecord.objects.create(
        owner=owner, kept=keep, merged_id=snapshot["person"]["id"], snapshot=snapshot, created_at=clock.now()
    )


def _move_rows(relation: Relation, keep: Person, other: Person, snapshot: dict) -> None:
    model, column = relation.model, relation.column
    rows = model._default_manager.filter(**{column: other.pk})
    if model is Person:
        rows = rows.exclude(pk=keep.pk)  # keep's own introduced_by is handled by merge_people
    drop = set()
    one_each = relation.kind == "one_to_one" or model is SharingRule  # a person has one sharing rule at most
    if one_each and model._default_manager.filter(**{column: keep.pk}).exists():
        drop = set(rows.values_list("pk", flat=True))  # keep has its own: the other's goes to the snapshot
    elif model is ContactPoint:
        # The same email or phone twice on one person helps nobody.
        have = set(ContactPoint.objects.filter(person=keep).values_list("kind", "normalized"))
        drop = {pk for pk, kind, norm in rows.values_list("pk", "kind", "normalized") if (kind, norm) in have}
    if drop:
        snapshot["deleted"].setdefault(model._meta.label, []).extend(
            row_data(obj) for obj in model._default_manager.filter(pk__in=drop)
        )
        model._default_manager.filter(pk__in=drop).delete()
    ids = sorted(rows.values_list("pk", flat=True))
    if ids:
        snapshot["moved"][relation.key] = ids
        model._default_manager.filter(pk__in=ids).update(**{column: keep.pk})


def _carry_dismissals(owner, keep: Person, other: Person, snapshot: dict) -> None:
    """ "B is not C" becomes "A is not C" once B is folded into A; "A is not B" has no meaning left.

    The marks are ordered pairs (lower id first), so they are not moved in place:
    `other`'s go to the snapshot (undo recreates them), and new ones are made for `keep`."""
    rows = DupeDismissal.objects.filter(models.Q(person_a=other) | models.Q(person_b=other))
    old = list(rows)
    if not old:
        return
    snapshot["deleted"]["goodwill.DupeDismissal"] = [row_data(row) for row in old]
    partners = {row.person_a_id if row.person_b_id == other.pk else row.person_b_id for row in old} - {keep.pk}
    rows.delete()
    have = {
        a if b == keep.pk else b
        for a, b in DupeDismissal.objects.filter(models.Q(person_a=keep) | models.Q(person_b=keep)).values_list(
            "person_a_id", "person_b_id"
        )
    }
    added = DupeDismissal.objects.bulk_create(
        [
            DupeDismissal(
                owner=owner, person_a_id=min(keep.pk, pk), person_b_id=max(keep.pk, pk), created_at=clock.now()
            )
            for pk in sorted(partners - have)
        ]
    )
    snapshot["dismissals_added"] = [row.pk for row in added]


def _move_m2m(relation: Relation, keep: Person, other: Person, snapshot: dict) -> None:
    through, column, counterpart = relation.model, relation.column, relation.other_column
    mine = set(through._default_manager.filter(**{column: keep.pk}).values_list(counterpart, flat=True))
    theirs = set(through._default_manager.filter(**{column: other.pk}).values_list(counterpart, flat=True))
    moved, dropped = sorted(theirs - mine), sorted(theirs & mine)
    if moved:
        through._default_manager.filter(**{column: other.pk, f"{counterpart}__in": moved}).update(**{column: keep.pk})
        snapshot["m2m_moved"][relation.key] = moved
    if dropped:
        snapshot["m2m_dropped"][relation.key] = dropped  # deleted with `other`, recreated on undo


@dataclass(frozen=True)
class MergeSummary:
    """What a merge did, counted from its snapshot: the numbers and the sentence every door shows."""

    id: int
    kept_id: int
    kept_name: str
    merged_id: int  # the merged person's id, theirs again after an undo
    merged_name: str
    created_at: datetime
    undone_at: datetime | None
    rows_moved: int
    already_there: int  # rows both had (an email, a shared meeting, a tag): kept once, brought back by undo
    filled: list[str]  # keep's blank fields filled from the merged person

    def describe(self) -> str:
        return (
            f"Merged #{self.merged_id} {self.merged_name} into #{self.kept_id} {self.kept_name}: "
            f"{self.rows_moved} record(s) moved"
            + (f", {self.already_there} they both had kept once" if self.already_there else "")
            + (f", filled {', '.join(self.filled)}" if self.filled else "")
            + "."
        )


def summarize(record: MergeRecord) -> MergeSummary:
    snap = record.snapshot
    moved = sum(len(ids) for ids in snap["moved"].values()) + sum(len(ids) for ids in snap["m2m_moved"].values())
    kept_once = sum(len(rows) for rows in snap["deleted"].values()) + sum(
        len(ids) for ids in snap["m2m_dropped"].values()
    )
    return MergeSummary(
        id=record.pk,
        kept_id=record.kept_id,
        kept_name=record.kept.name,
        merged_id=record.merged_id,
        merged_name=snap.get("name", ""),
        created_at=record.created_at,
        undone_at=record.undone_at,
        rows_moved=moved,
        already_there=kept_once,
        filled=sorted(k.removesuffix("_id") for k in snap.get("filled", {})),
    )


def merge_history(owner, *, include_undone: bool = True) -> list[MergeRecord]:
    records = MergeRecord.objects.filter(owner=owner).select_related("kept").order_by("-created_at", "-id")
    if not include_undone:
        records = records.filter(undone_at__isnull=True)
    return list(records)


def get_merge(owner, merge_id: str) -> MergeRecord:
    text = (merge_id or "").strip().lstrip("#")
    if not text.isdecimal():
        raise InvalidInput(f'"{merge_id}" is not a merge id', code="merge-id")
    return MergeRecord.objects.select_related("kept").get_owned(owner, text)


def _relations_by_key() -> dict[str, Relation]:
    return {r.key: r for r in person_relations()}


@transaction.atomic
def undo_merge(owner, record: MergeRecord) -> Person:
    """Bring the merged person back with its former id and exactly what was theirs."""
    record = MergeRecord.objects.select_for_update().get(pk=record.pk, owner=owner)
    if record.undone_at is not None:
        raise InvalidInput(f"merge #{record.pk} was already undone on {record.undone_at:%Y-%m-%d}")
    snap = record.snapshot
    keep = Person.objects.select_for_update().get(pk=record.kept_id)
    if Person.objects.filter(pk=record.merged_id).exists():
        raise InvalidInput(f"cannot undo merge #{record.pk}: id #{record.merged_id} is in use again")
    other = restore_row(Person, snap["person"])
    relations = _relations_by_key()
    # The marks made for keep from other's go; other's own come back with the deleted rows below.
    DupeDismissal.objects.filter(pk__in=snap.get("dismissals_added", [])).delete()

    for key, ids in snap["moved"].items():
        relation = relations.get(key)
        if relation is None:
            continue  # a relation removed from the model since: nothing left to move
        relation.model._default_manager.filter(pk__in=ids, **{relation.column: keep.pk}).update(
            **{relation.column: other.pk}
        )
    for label, rows in snap["deleted"].items():
        model = apps.get_model(label)
        for data in rows:
            if (
                model is DupeDismissal
                and Person.objects.filter(pk__in=[data["person_a_id"], data["person_b_id"]]).count() < 2
            ):
                continue  # the other person of the pair was deleted since: the mark went with them
            if not model._default_manager.filter(pk=data["id"]).exists():
                restore_row(model, data)
    for key, ids in snap["m2m_moved"].items():
        relation = relations.get(key)
        if relation is not None:
            relation.model._default_manager.filter(
                **{relation.column: keep.pk, f"{relation.other_column}__in": ids}
            ).update(**{relation.column: other.pk})
    for key, ids in snap["m2m_dropped"].items():
        relation = relations.get(key)
        if relation is not None:
            target = _resolved(relation.model._meta.get_field(relation.other_column).related_model)
            alive = set(target._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
            relation.model._default_manager.bulk_create(
                [relation.model(**{relation.column: other.pk, relation.other_column: pk}) for pk in ids if pk in alive]
            )

    # Put back keep's blanks, unless they were edited since the merge.
    for attname, (before, after) in snap.get("filled", {}).items():
        if attname == "extra":
            if keep.extra == after:
                keep.extra = before
            continue
        f = next(f for f in Person._meta.concrete_fields if f.attname == attname)
        if _encode(f, keep) == after:
            setattr(keep, attname, _decode(f, before))
    if snap.get("keep_introduced_by_other") and keep.introduced_by_id is None:
        keep.introduced_by_id = other.pk
    keep.updated_at = clock.now()
    keep.save()
    rhythm.recount_last_touch(keep)
    rhythm.recount_last_touch(other)
    # Rows came back by UPDATE, which sends no signals: their search documents are out of date.
    mark_stale(owner.pk, [keep.pk, other.pk])
    record.undone_at = clock.now()
    record.save(update_fields=["undone_at"])
    return other
