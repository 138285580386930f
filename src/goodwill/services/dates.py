"""Important dates: anniversaries and other yearly dates worth a touch (birthdays live on the person).

The same rules for the CLI, the web and the API: a label of 1 to 60 characters, and a date
as people write it ("17 July", "17 July 1984", 1984-07-17, --07-17), read by habits.yearly."""

from __future__ import annotations

from django.db import transaction

from goodwill.errors import InvalidInput
from goodwill.habits.yearly import parse_yearly
from goodwill.models import ImportantDate, Person
from goodwill.queries.compiled_records import CompiledRecords

MAX_PER_PERSON = 50


def _label(text: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InvalidInput('an important date needs a label, e.g. "anniversary" or "work anniversary"')
    if len(cleaned) > 60:
        raise InvalidInput(f"a date's label is at most 60 characters (this one has {len(cleaned)}); shorten it")
    return cleaned


def _when(text: str) -> tuple[int, int, int | None]:
    try:
        return parse_yearly(text or "")
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


_DATES = CompiledRecords(  # compiled once: every Person page built reads them
    ImportantDate,
    lambda owner_id, person_id: ImportantDate.objects.filter(owner_id=owner_id, person_id=person_id).order_by(
        "month", "day", "label", "id"
    ),
)


def dates_of(owner, person: Person) -> list[ImportantDate]:
    return _DATES.records(owner_id=owner.pk, person_id=person.pk)


def get_date(owner, date_id) -> ImportantDate:
    text = str(date_id or "").strip().lstrip("#")
    if not text.isdecimal():
        raise InvalidInput(f'"{date_id}" is not a date number; the person\'s dates list them')
    return ImportantDate.objects.select_related("person").get_owned(owner, text)


@transaction.atomic
def add_date(owner, person: Person, label: str, when: str) -> ImportantDate:
    person.check_owner(owner)
    label = _label(label)
    month, day, year = _when(when)
    if ImportantDate.objects.filter(owner=owner, person=person).count() >= MAX_PER_PERSON:
        raise InvalidInput(f"{person.name} already has {MAX_PER_PERSON} important dates; remove one first")
    return ImportantDate.objects.create(owner=owner, person=person, label=label, month=month, day=day, year=year)


@transaction.atomic
def edit_date(owner, important: ImportantDate, *, label: str | None = None, when: str | None = None) -> ImportantDate:
    important.check_owner(owner)
    if label is not None:
        important.label = _label(label)
    if when is not None:
        important.month, important.day, important.year = _when(when)
    important.save()
    return important


@transaction.atomic
def remove_date(owner, important: ImportantDate) -> None:
    important.check_owner(owner)
    important.delete()
