"""A card the phone wrote, merged into the person it shows (CardDAV PUT, goodwill.dav).

The phone sends the whole card; Goodwill knows the card it last served at that address
(`before`). Only what differs between the two is applied, field by field, so what
Goodwill changed since (or holds and vCard can't: rhythm, confidential notes, dates) is
never overwritten. Three rules keep a phone's habits from erasing data:
- X-GOODWILL-* and other X- properties a card no longer has were dropped by the client,
  not removed by the user: only a changed value counts.
- A card without CATEGORIES leaves circle and tags alone (some clients drop it).
- NOTE only adds: paragraphs that are new become one new private note; a shortened
  NOTE deletes nothing.

A card from a new contact (no person yet) first looks for the person it already is
(UID, email, phone); then it fills what that person lacks, the way an import does.
Otherwise it becomes a new person, on the default circle unless CATEGORIES names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.formats.contact import Address as CardAddress
from goodwill.formats.contact import ContactRecord, Typed
from goodwill.formats.vcard.names import PROPERTIES
from goodwill.models import Address, Circle, Confidentiality, ContactPoint, Note, Organization, Person, Photo, Tag
from goodwill.queries.user_settings import settings_for
from goodwill.search import mark_stale
from goodwill.services import places, rhythm
from goodwill.services.contact_mapping import (
    NAME_PARTS,
    norm_email,
    norm_phone,
    norm_url,
    plain_extra,
    record_name,
)
from goodwill.services.contacts_import.fold import address_key, own_fields
from goodwill.services.dav_cards import read_card
from goodwill.services.people import PersonFields, add_person

_CATEGORIES = re.compile(r"^(?:[A-Za-z0-9-]+\.)?CATEGORIES[;:]", re.IGNORECASE | re.MULTILINE)
_POINT_KINDS = (("email", "emails"), ("phone", "phones"), ("url", "urls"))
_ADDRESS_PARTS = ("street", "city", "region", "postal_code", "country", "po_box", "extended")


@transaction.atomic
def apply_card(owner, person: Person | None, before: str | None, after: str) -> Person:
    """The phone wrote `after` (vCard 3.0 or 4.0 text, as the phone sent it) at an address that
    showed `before` (the 4.0 card Goodwill last served there; None when the phone created a new
    contact). Returns the person the card now is."""
    if "\x00" in after:  # no database keeps a NUL in text (PostgreSQL refuses it), as imports refuse it
        raise InvalidInput("the phone's card holds a NUL character (binary data?); it was not saved")
    new = read_card(after, "the phone's card")
    has_categories = bool(_CATEGORIES.search(_unfolded(after)))
    name = _name(new)
    if person is not None:
        person.check_owner(owner)
        person = Person.objects.select_for_update().get_owned(owner, person.pk)
        old = read_card(before, "the card served before") if before else _empty()
        merge = _Merge(owner, person, fill_only=before is None)
    else:
        found = _same_person(owner, new)
        old = _empty()
        if found is not None:
            merge = _Merge(owner, found, fill_only=True)
        else:
            created = add_person(owner, PersonFields(name=name))  # with a UID of its own
            if _card_uid(new):  # the phone's, so the card served back carries the UID it made
                created.uid = _card_uid(new)
                created.save(update_fields=["uid"])
            merge = _Merge(owner, created, fill_only=False, is_new=True)
    merge.apply(old, new, name, has_categories)
    return merge.person


def _empty() -> ContactRecord:
    return ContactRecord("vcard", 0)


def _unfolded(text: str) -> str:
    return re.sub(r"\r?\n[ \t]", "", text)


def _name(record: ContactRecord) -> str:
    name = record_name(record)[:200].strip()
    if not name:
        raise InvalidInput("the phone's card has no name (FN or N), email or organization; give the contact a name")
    return name


def _card_uid(record: ContactRecord) -> str:
    return (record.uid or "").strip()[:200]


def _same_person(owner, record: ContactRecord) -> Person | None:
    """The owner's active person this new card already is: by UID, then an email, then a phone."""
    people = Person.objects.select_for_update().filter(owner=owner, archived_at__isnull=True)
    uids = {u for u in (_card_uid(record), (own_fields(record).get("ID") or "").strip()) if u}
    if uids:
        found = people.filter(uid__in=sorted(uids)).order_by("pk").first()
        if found is not None:
            return found
    region = settings_for(owner).default_phone_region
    for kind, values in (
        ("email", {norm_email(e.value) for e in record.emails if e.value.strip()}),
        ("phone", {norm_phone(p.value, region) for p in record.phones if p.value.strip()}),
    ):
        if values:
            found = (
                people.filter(contact_points__kind=kind, contact_points__normalized__in=sorted(values))
                .order_by("pk")
                .first()
            )
            if found is not None:
                return found
    return None


@dataclass
class _Merge:
    owner: Any
    person: Person
    # True when the card is news to Goodwill (a new contact matching a person, or no card
    # served before): it fills what the person lacks and adds what is new, overwriting nothing.
    fill_only: bool
    is_new: bool = False

    def __post_init__(self) -> None:
        self.changed: set[str] = set()
        self.region = settings_for(self.owner).default_phone_region
        self.added_address: CardAddress | None = None

    def apply(self, old: ContactRecord, new: ContactRecord, name: str, has_categories: bool) -> None:
        self.scalars(old, new, name)
        self.name_parts(old, new)
        self.organization(old, new)
        self.own(old, new)
        for kind, attr in _POINT_KINDS:
            self.points(kind, getattr(old, attr), getattr(new, attr))
        self.addresses(old.addresses, new.addresses)
        self.photo(old, new)
        if has_categories:
            self.categories(old.tags, new.tags)
        self.note(old.note, new.note)
        self.unknown(old, new)
        self.save()

    # -- the person's own columns

    def set(self, field: str, value: Any) -> None:
        current = getattr(self.person, field)
        if current == value:
            return
        if self.fill_only and current not in (None, ""):
            return
        setattr(self.person, field, value)
        self.changed.add(field)

    def scalars(self, old: ContactRecord, new: ContactRecord, name: str) -> None:
        if record_name(old)[:200].strip() != name and not self.is_new:
            self.set("name", name)
        for field, attr, limit in (
            ("given_name", "given", 100),
            ("family_name", "family", 100),
            ("nickname", "nickname", 100),
            ("title", "title", 200),
        ):
            if getattr(old, attr).strip() != getattr(new, attr).strip():
                self.set(field, getattr(new, attr).strip()[:limit])
        if (old.birthday or "") != (new.birthday or ""):
            self.set("birthday", (new.birthday or "")[:10])
        if self.fill_only and _card_uid(new):
            self.set("uid", _card_uid(new))  # only when they have none: their card keeps its UID

    def name_parts(self, old: ContactRecord, new: ContactRecord) -> None:
        """Middle name, prefix, suffix and department have no column: Person.extra keeps them."""
        for attr in ("middle", "prefix", "suffix", "department"):
            key, value = NAME_PARTS[attr], getattr(new, attr).strip()
            if getattr(old, attr).strip() == value:
                continue
            if value:
                self.put_extra(key, [value])
            elif not self.fill_only:
                self.drop_extra(key)

    def organization(self, old: ContactRecord, new: ContactRecord) -> None:
        name = new.organization.strip()[:200]
        if old.organization.strip()[:200] == name:
            return
        if self.fill_only and (self.person.organization_id is not None or not name):
            return
        org = Organization.objects.get_or_create(owner=self.owner, name=name)[0] if name else None
        if (org.pk if org else None) != self.person.organization_id:
            self.person.organization = org
            self.changed.add("organization")

    def own(self, old: ContactRecord, new: ContactRecord) -> None:
        """X-GOODWILL-* fields the card changed (absent ones were dropped by the client: kept).
        Values that make no sense are ignored, as an import ignores them."""
        before, after = own_fields(old), own_fields(new)
        changed = {key: value.strip() for key, value in after.items() if before.get(key) != value}
        if "CIRCLE" in changed:
            circle = Circle.objects.filter(owner=self.owner, name__iexact=changed["CIRCLE"]).first()
            if circle is not None and not self.fill_only:
                self.set("circle_id", circle.pk)
        if "CADENCE" in changed and changed["CADENCE"].isdecimal() and 0 < int(changed["CADENCE"]) <= 3650:
            self.set("cadence_days", int(changed["CADENCE"]))
        for key, field, limit in (
            ("HOW-MET", "how_met", 2000),
            ("LOCATION", "location", 300),
            ("INDUSTRY", "industry", 120),
        ):
            if key in changed:
                self.set(field, changed[key][:limit])
        if "SNOOZED-UNTIL" in changed:
            try:
                self.set("snoozed_until", date.fromisoformat(changed["SNOOZED-UNTIL"]))
            except ValueError:
                pass
        if changed.get("INTRODUCED-BY"):
            matches = list(
                Person.objects.filter(owner=self.owner, name=changed["INTRODUCED-BY"])
                .exclude(pk=self.person.pk)
                .values_list("pk", flat=True)[:2]
            )
            if len(matches) == 1:
                self.set("introduced_by_id", matches[0])

    def put_extra(self, key: str, values: list[str]) -> None:
        extra = self.person.extra or {}
        if extra.get(key) == values or (self.fill_only and key in extra):
            return
        self.person.extra = {**extra, key: values}
        self.changed.add("extra")

    def drop_extra(self, key: str) -> None:
        if key in (self.person.extra or {}):
            self.person.extra = {k: v for k, v in self.person.extra.items() if k != key}
            self.changed.add("extra")

    def unknown(self, old: ContactRecord, new: ContactRecord) -> None:
        """Properties Goodwill has no field for, kept in Person.extra as imports keep them.
        A missing X- property was dropped by the client; a missing standard one was removed."""
        before, after = plain_extra(old), plain_extra(new)
        for key, values in after.items():
            if before.get(key) != values:
                self.put_extra(key, values)
        if self.fill_only:
            return
        for key in before.keys() - after.keys():
            if _standard_property(key):
                self.drop_extra(key)

    # -- rows of their own

    def points(self, kind: str, old: list[Typed], new: list[Typed]) -> None:
        """Emails, phones or URLs, compared by normalized value: added, removed, relabelled.
        One on both cards is left alone unless its label or preference changed there."""
        before, after = self.by_norm(kind, old), self.by_norm(kind, new)
        have: dict[str, list[ContactPoint]] = {}
        for point in ContactPoint.objects.filter(person=self.person, kind=kind).order_by("pk"):
            have.setdefault(self.norm(kind, point.value), []).append(point)
        gone = [p.pk for n in before.keys() - after.keys() for p in have.pop(n, [])]
        if gone:
            ContactPoint.objects.filter(pk__in=gone).delete()
            self.changed.add("points")
        for normalized, typed in after.items():
            label, was = (typed.kind or "other")[:60], before.get(normalized)
            if was is None and normalized not in have:
                ContactPoint.objects.create(
                    owner=self.owner,
                    person=self.person,
                    kind=kind,
                    value=typed.value.strip()[:320],
                    normalized=normalized[:320],
                    label=label,
                    preferred=typed.preferred,
                )
                self.changed.add("points")
            elif was is not None and (was.kind, was.preferred) != (typed.kind, typed.preferred):
                for point in have.get(normalized, []):
                    point.label, point.preferred = label, typed.preferred
                    point.save(update_fields=["label", "preferred"])
                    self.changed.add("points")

    def norm(self, kind: str, value: str) -> str:
        if kind == "email":
            return norm_email(value)
        if kind == "phone":
            return norm_phone(value, self.region)
        return norm_url(value)

    def by_norm(self, kind: str, typed: list[Typed]) -> dict[str, Typed]:
        out: dict[str, Typed] = {}
        for item in typed:
            if item.value.strip():
                out.setdefault(self.norm(kind, item.value), item)
        return out

    def addresses(self, old: list[CardAddress], new: list[CardAddress]) -> None:
        """Addresses, the same by their parts (case and spaces aside): added, removed, relabelled."""
        before, after = _addresses_by_key(old), _addresses_by_key(new)
        have: dict[tuple[str, ...], list[Address]] = {}
        for row in Address.objects.filter(person=self.person).order_by("pk"):
            have.setdefault(address_key(getattr(row, part) for part in _ADDRESS_PARTS), []).append(row)
        gone = [row.pk for k in before.keys() - after.keys() for row in have.pop(k, [])]
        if gone:
            Address.objects.filter(pk__in=gone).delete()
            self.changed.add("addresses")
        for k, a in after.items():
            looks = {"label": (a.kind or "other")[:60], "formatted": a.label, "preferred": a.preferred}
            was = before.get(k)
            if was is None and k not in have:
                Address.objects.create(
                    owner=self.owner,
                    person=self.person,
                    street=a.street[:300],
                    city=a.city[:120],
                    region=a.region[:120],
                    postal_code=a.postal_code[:20],
                    country=a.country[:120],
                    po_box=a.po_box[:60],
                    extended=a.extended[:200],
                    **looks,
                )
                self.added_address = self.added_address or a
                self.changed.add("addresses")
            elif was is not None and (was.kind, was.label, was.preferred) != (a.kind, a.label, a.preferred):
                for row in have.get(k, []):
                    for name, value in looks.items():
                        setattr(row, name, value)
                    row.save(update_fields=list(looks))
                    self.changed.add("addresses")

    def photo(self, old: ContactRecord, new: ContactRecord) -> None:
        def seen(record: ContactRecord) -> tuple[bytes | None, str | None]:
            p = record.photo
            return (p.data or None, p.uri or None) if p is not None else (None, None)

        if seen(old) == seen(new):
            return
        current = Photo.objects.filter(person=self.person).first()
        if new.photo is None or seen(new) == (None, None):
            if current is not None and not self.fill_only:
                current.delete()
                self.changed.add("photo")
            return
        if current is not None and self.fill_only:
            return
        values = {
            "media_type": (new.photo.media_type or "")[:60],
            "data": new.photo.data,
            "uri": (new.photo.uri or "")[:1000],
        }
        Photo.objects.update_or_create(owner=self.owner, person=self.person, defaults=values)
        self.changed.add("photo")

    def categories(self, old: list[str], new: list[str]) -> None:
        """Names of the owner's circles set the circle; the rest are tags."""
        circles = {c.name.lower(): c for c in Circle.objects.filter(owner=self.owner)}

        def split(names: list[str]) -> tuple[list[Circle], set[str]]:
            found, tags = [], set()
            for raw in names:
                name = raw.strip()
                if name.lower() in circles:
                    found.append(circles[name.lower()])
                elif cleaned := name.lstrip("#").lower()[:60]:
                    tags.add(cleaned)
            return found, tags

        old_circles, old_tags = split(old)
        new_circles, new_tags = split(new)
        named = [c for c in new_circles if c not in old_circles]
        if named and not (self.fill_only and not self.is_new):
            self.set("circle_id", named[0].pk)
        have = {t.name: t for t in self.person.tags.all()}
        added = sorted((new_tags - old_tags) - have.keys())
        if added:
            self.person.tags.add(*[Tag.objects.get_or_create(owner=self.owner, name=n)[0] for n in added])
            self.changed.add("tags")
        removed = [have[n] for n in sorted(old_tags - new_tags) if n in have]
        if removed and not self.fill_only:
            self.person.tags.remove(*removed)
            self.changed.add("tags")

    def note(self, old: str, new: str) -> None:
        """Paragraphs the phone added become one new private note; nothing is deleted."""
        known = set(_paragraphs(old))
        texts = list(Note.objects.filter(person=self.person).values_list("text", flat=True))
        for text in texts:
            known |= {text.strip(), *_paragraphs(text)}
        fresh = [p for p in _paragraphs(new) if p not in known]
        if fresh:
            Note.objects.create(
                owner=self.owner,
                person=self.person,
                text="\n\n".join(dict.fromkeys(fresh)),
                confidentiality=Confidentiality.PRIVATE,
                created_at=clock.now(),
            )
            self.changed.add("notes")

    # -- and the caches that follow a person's fields

    def save(self) -> None:
        if not self.changed:
            return
        person = self.person
        if "location" in self.changed:
            places.locate(person)
        elif self.added_address is not None and not person.location and not person.geo_status:
            a = self.added_address
            places.locate_address(person, a.street, a.city, a.region, a.postal_code, a.country)
        if self.changed & {"circle_id", "cadence_days"}:
            rhythm.refresh(person, save=False)
        person.updated_at = clock.now()
        person.save()
        mark_stale(self.owner.pk, [person.pk])


def _addresses_by_key(addresses: list[CardAddress]) -> dict[tuple[str, ...], CardAddress]:
    out: dict[tuple[str, ...], CardAddress] = {}
    for a in addresses:
        if not a.is_empty():
            out.setdefault(address_key(getattr(a, part) for part in _ADDRESS_PARTS), a)
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _standard_property(key: str) -> bool:
    """Whether an extra's key is a standard vCard property as read ("IMPP;TYPE=x",
    "item2.GENDER"): a card without it had it removed. X- properties and kept CSV
    columns ("Gender", travelling as X- lines) may just have been dropped by a client."""
    name = key.split(";", 1)[0].split(".")[-1]
    return name.isupper() and not name.startswith("X-") and (name in PROPERTIES["4.0"] or name in PROPERTIES["3.0"])
