"""How a contact record folds into a person: pure, no Django and no database
(an import-linter contract keeps it so; tests/services/test_import_fold.py).

The one rule: an import fills only what is empty and adds only what is new. A
field the person already has is never overwritten; a contact point, address,
note or tag they already have is not added twice; a record folded twice changes
nothing the second time. `fold` applies the rule to a `Pending` person (a Person
of the network or a `Draft` this batch creates: anything with Person's fields as
attributes) and collects the rows still to write; `write` writes them, and for
people who were here before `Pending.previous` keeps what undo puts back."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from goodwill.formats.contact import Address, ContactRecord, Photo, Typed
from goodwill.services.contact_mapping import GOODWILL_PREFIX, NAME_PARTS, note_paragraphs, plain_extra

# (kind, normalized) as record_points gives it, with the typed value it came from.
PointIn = tuple[str, Typed, str]
# A contact point to write: (kind, value, normalized, label, preferred).
PointRow = tuple[str, str, str, str, bool]
# Report a problem with one of the record's fields: (field, message).
ProblemSink = Callable[[str, str], None]

INTRODUCED_BY = GOODWILL_PREFIX + "INTRODUCED-BY"


class Draft:
    """A person this batch creates: Person's fields as plain attributes (cheaper
    than a model instance), enough for rhythm.refresh and the geocoder."""

    pk: int | None = None

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    if TYPE_CHECKING:  # every Person field, set from a dict: tell mypy so

        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...


@dataclass(slots=True)
class Known:
    """What a person already has, so a record adds only what is new."""

    points: set[tuple[str, str]] = field(default_factory=set)  # (kind, normalized)
    addresses: set[tuple[str, ...]] = field(default_factory=set)  # address_key
    notes: list[str] = field(default_factory=list)  # texts, oldest first, confidential ones excluded
    all_notes: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    photo: bool = False


@dataclass(slots=True)
class Pending:
    """One person a chunk creates or changes, with the rows still to write."""

    person: Any  # a Person (is_new False) or a Draft (is_new True)
    is_new: bool
    known: Known
    previous: dict[str, Any] = field(default_factory=dict)  # field -> value before the import (undo)
    changed: set[str] = field(default_factory=set)  # fields of a person who was here before
    org_name: str = ""
    points: list[PointRow] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    photo: Photo | None = None

    def adds_rows(self) -> bool:
        """Whether anything besides the person's own fields is to be written."""
        return bool(self.org_name or self.points or self.addresses or self.notes or self.tags or self.photo)


def address_key(parts: Iterable[str | None]) -> tuple[str, ...]:
    """Two addresses are the same when their parts match, case and spaces aside."""
    return tuple((x or "").strip().lower() for x in parts)


def own_fields(record: ContactRecord) -> dict[str, str]:
    """Goodwill's X-GOODWILL-* fields of a record, by name without the prefix."""
    return {
        key[len(GOODWILL_PREFIX) :].upper(): values[0]
        for key, values in record.extra.items()
        if values and key[: len(GOODWILL_PREFIX)].upper() == GOODWILL_PREFIX
    }


def fill(target: Pending, field_name: str, value: object) -> bool:
    """Fill a field only when it is empty: an import never overwrites what the user wrote."""
    current = getattr(target.person, field_name)
    if value in (None, "") or current not in (None, ""):
        return False
    if not target.is_new:
        target.previous.setdefault(field_name, current)
        target.changed.add(field_name)
    setattr(target.person, field_name, value)
    return True


def fold(
    target: Pending,
    record: ContactRecord,
    points: Sequence[PointIn],
    *,
    circles: Mapping[str, Any] | None = None,
    problem: ProblemSink | None = None,
    keys_only: bool = False,
) -> bool:
    """Fold `record` into `target`; whether anything changed.

    `points` are the record's contact points as record_points gives them (normalized
    once, by the caller, who matched on them). `circles` (lower-cased name -> Circle)
    places a new person from a Goodwill export's X-GOODWILL-CIRCLE; `problem` hears
    about Goodwill fields that make no sense (they are ignored).

    `keys_only` is for a dry run's new people (or those it merges into them): its
    report says "created" or "merged" whatever the fields, so only what later records
    match on is folded (the UID, the organization, the contact points), the same as
    a full fold would; records with Goodwill's own fields, which can report problems,
    are folded in full."""
    own = own_fields(record) if record.extra else {}
    if keys_only and not own:
        if record.uid:
            fill(target, "uid", record.uid.strip()[:200])
        _fold_org(target, record)
        if points:
            _fold_points(target, points)
        return True
    changed = False
    # An empty value never changes anything (fill): skip those without the call.
    if record.given:
        changed |= fill(target, "given_name", record.given.strip()[:100])
    if record.family:
        changed |= fill(target, "family_name", record.family.strip()[:100])
    if record.nickname:
        changed |= fill(target, "nickname", record.nickname.strip()[:100])
    if record.title:
        changed |= fill(target, "title", record.title.strip()[:200])
    if record.birthday:
        changed |= fill(target, "birthday", record.birthday)
    uid = own.get("ID") or record.uid
    if uid:
        changed |= fill(target, "uid", uid.strip()[:200])
    how_met = own.get("HOW-MET") or (f"LinkedIn connection since {record.connected_on}" if record.connected_on else "")
    if how_met:
        changed |= fill(target, "how_met", how_met)
    if own:
        changed |= fill(target, "industry", (own.get("INDUSTRY") or "")[:120])
        changed |= fill(target, "location", (own.get("LOCATION") or "")[:300])
        changed |= _fold_own(target, own, circles or {}, problem or _ignore)
    if record.organization:
        changed |= _fold_org(target, record)
    if record.extra or record.middle or record.prefix or record.suffix or record.department or record.connected_on:
        changed |= _fold_extra(target, record)
    if points:
        changed |= _fold_points(target, points)
    if record.addresses:
        changed |= _fold_addresses(target, record.addresses)
    if record.note or record.tags or record.photo:
        changed |= _fold_rest(target, record)
    return changed


def _ignore(field_name: str, message: str) -> None:
    pass


def _fold_org(target: Pending, record: ContactRecord) -> bool:
    """The organization, by name (write finds or creates it), for a person who has none."""
    org = record.organization.strip()[:200]
    if not org or target.person.organization_id is not None or target.org_name:
        return False
    if not target.is_new:
        target.previous.setdefault("organization_id", None)
    target.org_name = org
    return True


def _put_extra(target: Pending, new: dict[str, list[str]]) -> None:
    person = target.person
    if not target.is_new:
        target.previous.setdefault("extra", dict(person.extra))
        target.changed.add("extra")
    person.extra = {**person.extra, **new}


def _fold_extra(target: Pending, record: ContactRecord) -> bool:
    """Fields with no column of their own go to Person.extra, keys the person lacks only."""
    extra = plain_extra(record) if record.extra else {}
    for key, value in (
        (NAME_PARTS["middle"], record.middle),
        (NAME_PARTS["prefix"], record.prefix),
        (NAME_PARTS["suffix"], record.suffix),
        (NAME_PARTS["department"], record.department),
        (NAME_PARTS["connected_on"], record.connected_on),
    ):
        if value and value.strip():
            extra.setdefault(key, [value.strip()])
    have = target.person.extra
    new = {k: v for k, v in extra.items() if k not in have}
    if new:
        _put_extra(target, new)
    return bool(new)


def _fold_points(target: Pending, rows: Sequence[PointIn]) -> bool:
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


def _fold_addresses(target: Pending, addresses: Iterable[Address]) -> bool:
    have = target.known.addresses
    changed = False
    for a in addresses:
        key = address_key((a.street, a.city, a.region, a.postal_code, a.country, a.po_box, a.extended))
        if a.is_empty() or key in have:
            continue
        have.add(key)
        target.addresses.append(a)
        changed = True
    return changed


def _fold_rest(target: Pending, record: ContactRecord) -> bool:
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


def _fold_own(target: Pending, own: dict[str, str], circles: Mapping[str, Any], problem: ProblemSink) -> bool:
    """Goodwill's own fields from a Goodwill export (X-GOODWILL-CIRCLE and the rest)."""
    person, changed = target.person, False
    circle = own.get("CIRCLE")
    if circle and target.is_new:
        found = circles.get(circle.strip().lower())
        if found is None:
            problem(
                "X-GOODWILL-CIRCLE",
                f'no circle "{circle}"; the person joins the network circle (create it and move them)',
            )
        elif person.circle_id != found.pk:
            person.circle_id, person.circle = found.pk, found
            changed = True
    cadence = own.get("CADENCE")
    if cadence:
        if cadence.strip().isdecimal() and int(cadence) > 0:  # isdigit() takes "²", which int() refuses
            changed |= fill(target, "cadence_days", int(cadence))
        else:
            problem("X-GOODWILL-CADENCE", f'"{cadence}" is not a number of days; ignored')
    snoozed = own.get("SNOOZED-UNTIL")
    if snoozed:
        try:
            changed |= fill(target, "snoozed_until", date.fromisoformat(snoozed.strip()))
        except ValueError:
            problem("X-GOODWILL-SNOOZED-UNTIL", f'"{snoozed}" is not a YYYY-MM-DD date; ignored')
    introducer = own.get("INTRODUCED-BY", "").strip()
    if introducer and person.introduced_by_id is None and person.extra.get(INTRODUCED_BY) != [introducer]:
        # Kept as text; write.link_introducers links it once the whole file is in.
        _put_extra(target, {INTRODUCED_BY: [introducer]})
        changed = True
    return changed
