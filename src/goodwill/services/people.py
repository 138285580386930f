"""Use cases for people: add, edit, resolve, tag, circle, snooze, archive."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q

from goodwill import clock
from goodwill.errors import Ambiguous, InvalidInput, NotFound, UserError
from goodwill.habits.cadence import Rhythm
from goodwill.models import Circle, ContactPoint, Organization, Person, Tag
from goodwill.services import places, rhythm
from goodwill.services.accounts import settings_for
from goodwill.services.contact_points import normalize_email, normalize_phone, normalize_url
from goodwill.uids import new_uids


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
    # False (the CLI, the API's PATCH): emails, phones, links and tags are added to what the person has.
    # True (the web's edit form, which shows them all): the lists are the new whole.
    replace: bool = False


MAX_LOOKUP = 320  # the longest a name, an email address or an id can be


def resolve_person(owner, query: str, *, include_archived: bool = False) -> Person:
    """Find one person by id ("#12" or "12"), email, or name; explain when that fails."""
    text = (query or "").strip()
    if not text:
        raise InvalidInput("no person given; name someone by name, email or id (e.g. #12)")
    if len(text) > MAX_LOOKUP:
        raise InvalidInput(
            f"no person is named by {len(text):,} characters; a name, email or id is at most {MAX_LOOKUP}"
        )
    people = Person.objects.filter(owner=owner)
    if not include_archived:
        people = people.filter(archived_at__isnull=True)
    digits = text.lstrip("#")
    if digits.isdecimal():
        return people.get_owned(owner, digits)
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
    # Nothing as typed: the names' words without case, accents or punctuation ("zoe" for "Zoë",
    # "obrien" for "O'Brien", "soren" for "Søren"), which SQL's LIKE cannot compare.
    from goodwill.queries.people import folded_name_matches

    folded, names = folded_name_matches(people, text)
    if len(folded) == 1:
        return people.get(pk=folded[0])
    if len(folded) > 1:
        raise Ambiguous(_ambiguous_message(text, list(people.filter(pk__in=folded[:10]).order_by("name", "pk"))))
    raise NotFound(_not_found_message(text, names))


def _name_words_match(text: str) -> Q:
    query = Q()
    for word in text.split():
        query &= Q(name__icontains=word)
    return query


def _ambiguous_message(text: str, candidates: list[Person]) -> str:
    listed = "; ".join(f"#{p.pk} {p.name}" + (f" ({p.organization})" if p.organization_id else "") for p in candidates)
    return f'"{text}" matches several people: {listed}. Use the id, e.g. #{candidates[0].pk}'


def _not_found_message(text: str, names: dict[int, str]) -> str:
    from rapidfuzz import fuzz, process

    close = process.extract(text, names, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    if close:
        suggestions = ", ".join(f'"{name}" (#{pk})' for name, _score, pk in close)
        return f'no person called "{text}"; did you mean {suggestions}?'
    return f'no person called "{text}" yet; add them first'


def _circle(owner, name: str) -> Circle:
    text = name.strip()
    circle = Circle.objects.filter(owner=owner, name__iexact=text).first() if len(text) <= MAX_LOOKUP else None
    if circle is None:
        known = ", ".join(Circle.objects.filter(owner=owner).values_list("name", flat=True))
        shown = text if len(text) <= MAX_LOOKUP else text[:40] + "…"
        raise InvalidInput(f'no circle called "{shown}"; the circles are: {known}')
    return circle


# The rules for a person's fields, for every door (CLI, web, API): one message each.
LIMITS = {"name": 200, "organization": 200, "title": 200, "how_met": 2000, "location": 300}
LABELS = {
    "name": "a name",
    "organization": "an organization",
    "title": "a title",
    "how_met": "how we met",
    "location": "a place",
}


def _fits(what: str, value: str) -> str:
    if "\x00" in value:
        raise InvalidInput(f"{LABELS[what]} cannot hold a NUL character; remove it")
    if len(value) > LIMITS[what]:
        raise InvalidInput(
            f"{LABELS[what]} is at most {LIMITS[what]} characters (this one has {len(value)}); shorten it"
        )
    return value


def _validate_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput('a person needs a name, e.g. "Jane Doe"')
    return _fits("name", cleaned)


def validate_cadence_days(days: int) -> int:
    """0 goes back to the circle's rhythm; otherwise 1 to 3650 days."""
    from goodwill.habits.cadence import MAX_CADENCE_DAYS

    if not 0 <= days <= MAX_CADENCE_DAYS:
        raise InvalidInput(f"a cadence is 1 to {MAX_CADENCE_DAYS} days (0 goes back to the circle's); {days} is not")
    return days


def _add_contact_points(owner, person: Person, fields: PersonFields) -> None:
    region = settings_for(owner).default_phone_region
    rows = []
    with _about("emails"):
        rows += [(ContactPoint.EMAIL, v, normalize_email(v)) for v in fields.emails]
    with _about("phones"):
        rows += [(ContactPoint.PHONE, v, normalize_phone(v, region)) for v in fields.phones]
    with _about("urls"):
        rows += [(ContactPoint.URL, v, normalize_url(v)) for v in fields.urls]
    existing = set(person.contact_points.values_list("kind", "normalized")) if person.pk else set()
    for kind, value, normalized in rows:
        if len(value.strip()) > 320:
            what = {"email": "an email address", "phone": "a phone number", "url": "a link"}[kind]
            error = InvalidInput(f"{what} is at most 320 characters (this one has {len(value.strip())}); shorten it")
            error.field = f"{kind}s"
            raise error
        if (kind, normalized) in existing:
            continue
        existing.add((kind, normalized))
        ContactPoint.objects.create(owner=owner, person=person, kind=kind, value=value.strip(), normalized=normalized)


@contextmanager
def _about(name: str):
    """A mistake found here names its field (`exc.field`), so a form can point at it."""
    try:
        yield
    except UserError as exc:
        if not getattr(exc, "field", None):
            exc.field = name
        raise


def _apply(owner, person: Person, fields: PersonFields) -> None:
    if fields.name is not None:
        with _about("name"):
            person.name = _validate_name(fields.name)
    if fields.organization is not None:
        org_name = fields.organization.strip()
        with _about("organization"):
            person.organization = (
                Organization.objects.get_or_create(owner=owner, name=_fits("organization", org_name))[0]
                if org_name
                else None
            )
    if fields.title is not None:
        with _about("title"):
            person.title = _fits("title", fields.title.strip())
    if fields.circle is not None:
        with _about("circle"):
            person.circle = _circle(owner, fields.circle)
    if fields.cadence_days is not None:
        with _about("cadence"):
            person.cadence_days = validate_cadence_days(fields.cadence_days) or None
    if fields.how_met is not None:
        with _about("how_met"):
            person.how_met = _fits("how_met", fields.how_met.strip())
    if fields.introduced_by is not None:
        with _about("introduced_by"):
            person.introduced_by = resolve_person(owner, fields.introduced_by) if fields.introduced_by.strip() else None
    if fields.birthday is not None:
        with _about("birthday"):
            person.birthday = _validate_birthday(fields.birthday)
    if fields.location is not None:
        with _about("location"):
            person.location = _fits("location", " ".join(fields.location.split()))
        places.locate(person)


def _validate_birthday(text: str) -> str:
    """Kept in the vCard form (1984-07-17, or --07-17 without a year); read as people write it."""
    from goodwill.habits.yearly import parse_yearly, stored

    value = text.strip()
    if not value:
        return ""
    try:
        return stored(*parse_yearly(value, "birthday"))
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


@transaction.atomic
def add_person(owner, fields: PersonFields) -> Person:
    now = clock.now()
    with _about("name"):
        person = Person(owner=owner, name=_validate_name(fields.name or ""), created_at=now, updated_at=now)
    # A UID from the start: a phone, an export and a re-import all know them by it.
    person.uid = new_uids(1)[0]
    if fields.circle is None:
        fields.circle = "network"
    _apply(owner, person, fields)
    rhythm.refresh(person, save=False)
    person.save()
    _add_contact_points(owner, person, fields)
    with _about("tags"):
        _add_tags(owner, person, fields.tags)
    return person


@transaction.atomic
def edit_person(owner, person: Person, fields: PersonFields) -> Person:
    _apply(owner, person, fields)
    person.updated_at = clock.now()
    rhythm.refresh(person, save=False)
    person.save()
    if fields.replace:
        _drop_missing(person, fields)
    _add_contact_points(owner, person, fields)
    with _about("tags"):
        _add_tags(owner, person, fields.tags)
    return person


def _drop_missing(person: Person, fields: PersonFields) -> None:
    """The contact points and tags the whole new lists leave out."""
    region = settings_for(person.owner).default_phone_region
    keep = (
        {(ContactPoint.EMAIL, normalize_email(v)) for v in fields.emails}
        | {(ContactPoint.PHONE, normalize_phone(v, region)) for v in fields.phones}
        | {(ContactPoint.URL, normalize_url(v)) for v in fields.urls}
    )
    gone = [
        pk
        for pk, kind, norm in person.contact_points.values_list("pk", "kind", "normalized")
        if (kind, norm) not in keep
    ]
    if gone:
        ContactPoint.objects.filter(pk__in=gone).delete()
    tags = {name.strip().lstrip("#").lower() for name in fields.tags}
    person.tags.remove(*[t for t in person.tags.all() if t.name not in tags])


def _add_tags(owner, person: Person, names: list[str]) -> None:
    for name in names:
        cleaned = name.strip().lstrip("#").lower()
        if len(cleaned) > 60:
            raise InvalidInput(f"a tag is at most 60 characters (this one has {len(cleaned)}); shorten it")
        if cleaned:
            person.tags.add(Tag.objects.get_or_create(owner=owner, name=cleaned)[0])


@transaction.atomic
def tag_person(owner, person: Person, add: list[str], remove: Sequence[str] = ()) -> Person:
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
