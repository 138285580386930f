"""Use cases for people: add, edit, resolve, tag, circle, snooze, archive."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q

from goodwill import clock
from goodwill.errors import Ambiguous, InvalidInput, NotFound
from goodwill.habits.cadence import Rhythm
from goodwill.models import Circle, ContactPoint, Organization, Person, Tag
from goodwill.services import places, rhythm
from goodwill.services.accounts import settings_for
from goodwill.services.contact_points import normalize_email, normalize_phone, normalize_url


@dataclass
class PersonFields:
    """What a user can set on a person; None means "leave as it is"."""

    name: str | None = None
    organization: str | None = None
    title: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    circle: str | None = None
    cadence_days: int | None = None
    how_met: str | None = None
    introduced_by: str | None = None
    birthday: str | None = None
    location: str | None = None  # "Austin, TX", a ZIP, or an address: geocoded offline on save


MAX_NAME = 200  # Person.name
MAX_LOOKUP = 320  # the longest a name, an email address or an id can be


def resolve_person(owner, query: str, *, include_archived: bool = False) -> Person:
    """Find one person by id ("#12" or "12"), email, or name; explain when that fails."""
    text = (query or "").strip()
    if not text:
        raise InvalidInput("no person given; name someone by name, email or id (e.g. #12)")
    if len(text) > MAX_LOOKUP:
        raise InvalidInput(f"no person is named by {len(text):,} characters; a name, email or id is at most {MAX_LOOKUP}")
    people = Person.objects.filter(owner=owner)
    if not include_archived:
        people = people.filter(archived_at__isnull=True)
    digits = text.lstrip("#")
    if digits.isdigit():
        found = people.filter(pk=int(digits)).first()
        if found:
            return found
        raise NotFound(f"no person with id {digits}; run `goodwill find` to see ids")
    if "@" in text:
        matches = list(people.filter(contact_points__kind="email", contact_points__normalized=text.lower()).distinct())
        if len(matches) == 1:
            return matches[0]
    exact = list(people.filter(name__iexact=text)[:10])
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise Ambiguous(_ambiguous_message(text, exact))
    # A unique partial match ("Jane" for "Jane Doe") is what people type.
    partial = list(people.filter(_name_words_match(text))[:10])
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise Ambiguous(_ambiguous_message(text, partial))
    raise NotFound(_not_found_message(owner, text))


def _name_words_match(text: str) -> Q:
    query = Q()
    for word in text.split():
        query &= Q(name__icontains=word)
    return query


def _ambiguous_message(text: str, candidates: list[Person]) -> str:
    listed = "; ".join(f"#{p.pk} {p.name}" + (f" ({p.organization})" if p.organization_id else "") for p in candidates)
    return f'"{text}" matches several people: {listed}. Use the id, e.g. #{candidates[0].pk}'


def _not_found_message(owner, text: str) -> str:
    from rapidfuzz import fuzz, process

    names = dict(Person.objects.filter(owner=owner, archived_at__isnull=True).values_list("pk", "name"))
    close = process.extract(text, names, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    if close:
        suggestions = ", ".join(f'"{name}" (#{pk})' for name, _score, pk in close)
        return f'no person called "{text}"; did you mean {suggestions}?'
    return f'no person called "{text}"; add them with `goodwill add "{text}"`'


def _circle(owner, name: str) -> Circle:
    text = name.strip()
    circle = Circle.objects.filter(owner=owner, name__iexact=text).first() if len(text) <= MAX_LOOKUP else None
    if circle is None:
        known = ", ".join(Circle.objects.filter(owner=owner).values_list("name", flat=True))
        shown = text if len(text) <= MAX_LOOKUP else text[:40] + "…"
        raise InvalidInput(f'no circle called "{shown}"; the circles are: {known}')
    return circle


def _validate_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("a person needs a name; give it in quotes, e.g. \"Jane Doe\"")
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(f"a name is at most {MAX_NAME} characters; this one has {len(cleaned):,}")
    return cleaned


def _add_contact_points(owner, person: Person, fields: PersonFields) -> None:
    region = settings_for(owner).default_phone_region
    rows = (
        [(ContactPoint.EMAIL, v, normalize_email(v)) for v in fields.emails]
        + [(ContactPoint.PHONE, v, normalize_phone(v, region)) for v in fields.phones]
        + [(ContactPoint.URL, v, normalize_url(v)) for v in fields.urls]
    )
    existing = set(person.contact_points.values_list("kind", "normalized")) if person.pk else set()
    for kind, value, normalized in rows:
        if (kind, normalized) in existing:
            continue
        existing.add((kind, normalized))
        ContactPoint.objects.create(owner=owner, person=person, kind=kind, value=value.strip(), normalized=normalized)


def _apply(owner, person: Person, fields: PersonFields) -> None:
    if fields.name is not None:
        person.name = _validate_name(fields.name)
    if fields.organization is not None:
        org_name = fields.organization.strip()
        person.organization = (
            Organization.objects.get_or_create(owner=owner, name=org_name)[0] if org_name else None
        )
    if fields.title is not None:
        person.title = fields.title.strip()
    if fields.circle is not None:
        person.circle = _circle(owner, fields.circle)
    if fields.cadence_days is not None:
        person.cadence_days = fields.cadence_days or None
    if fields.how_met is not None:
        person.how_met = fields.how_met.strip()
    if fields.introduced_by is not None:
        person.introduced_by = resolve_person(owner, fields.introduced_by) if fields.introduced_by.strip() else None
    if fields.birthday is not None:
        person.birthday = _validate_birthday(fields.birthday)
    if fields.location is not None:
        person.location = " ".join(fields.location.split())
        places.locate(person)


def _validate_birthday(text: str) -> str:
    value = text.strip()
    if not value:
        return ""
    try:
        if value.startswith("--"):
            date(2000, int(value[2:4]), int(value[-2:]))
        else:
            date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f'"{text}" is not a birthday; write YYYY-MM-DD, or --MM-DD when the year is unknown') from None
    return value


@transaction.atomic
def add_person(owner, fields: PersonFields) -> Person:
    now = clock.now()
    person = Person(owner=owner, name=_validate_name(fields.name or ""), created_at=now, updated_at=now)
    if fields.circle is None:
        fields.circle = "network"
    _apply(owner, person, fields)
    rhythm.refresh(person, save=False)
    person.save()
    _add_contact_points(owner, person, fields)
    _add_tags(owner, person, fields.tags)
    return person


@transaction.atomic
def edit_person(owner, person: Person, fields: PersonFields) -> Person:
    _apply(owner, person, fields)
    person.updated_at = clock.now()
    rhythm.refresh(person, save=False)
    person.save()
    _add_contact_points(owner, person, fields)
    _add_tags(owner, person, fields.tags)
    return person


def _add_tags(owner, person: Person, names: list[str]) -> None:
    for name in names:
        cleaned = name.strip().lstrip("#").lower()
        if cleaned:
            person.tags.add(Tag.objects.get_or_create(owner=owner, name=cleaned)[0])


@transaction.atomic
def tag_person(owner, person: Person, add: list[str], remove: list[str] = ()) -> Person:
    _add_tags(owner, person, add)
    for name in remove:
        tag = Tag.objects.filter(owner=owner, name=name.strip().lstrip("#").lower()).first()
        if tag is None:
            raise InvalidInput(f'{person.name} has no tag "{name}"')
        person.tags.remove(tag)
    return person


@transaction.atomic
def set_circle(owner, person: Person, circle: str | None = None, cadence_days: int | None = None) -> Person:
    fields = PersonFields(circle=circle, cadence_days=cadence_days)
    return edit_person(owner, person, fields)


@transaction.atomic
def snooze_person(owner, person: Person, until: date) -> Person:
    if until <= clock.today():
        raise InvalidInput(f"snooze until {until:%Y-%m-%d} is not in the future; give a later date")
    person.snoozed_until = until
    person.save(update_fields=["snoozed_until"])
    return person


@transaction.atomic
def archive_person(owner, person: Person, *, restore: bool = False) -> Person:
    person.archived_at = None if restore else clock.now()
    person.save(update_fields=["archived_at"])
    return person


@transaction.atomic
def set_circle_cadence(owner, name: str, cadence_days: int) -> Circle:
    circle = _circle(owner, name)
    new = Rhythm.from_cadence(cadence_days)
    circle.ideal_days, circle.max_days = new.ideal_days, new.max_days
    circle.save()
    rhythm.apply_circle_change(circle)
    return circle
