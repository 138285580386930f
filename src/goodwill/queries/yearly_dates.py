"""Birthdays (Person.birthday) and other yearly dates (ImportantDate) coming up:
"this week" on Today, and yearly events in the calendar feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from goodwill.habits.yearly import format_yearly, next_occurrence, on_year, read_stored, spoken_with_weekday, years_on
from goodwill.queries.compiled import Compiled

# Django and the models load where a queryset is built (the expressions with them):
# `goodwill today` runs this module's reads from their prepared SQL (queries.prepared).
if TYPE_CHECKING:
    from django.db.models import QuerySet

    from goodwill.models import ImportantDate, Person
    from goodwill.models.base import Owner

WEEK = 7  # "this week": today and the six days after


@dataclass
class DateComing:
    person_id: int
    person_name: str
    label: str  # "birthday", or the date's own label ("wedding anniversary")
    on: date  # its next occurrence
    days_away: int  # 0 today, 1 tomorrow
    when: str  # "Fri 17 July"
    date_label: str  # "17 July": the date itself, without a year
    years: int | None  # the age turned, or the anniversary's count, when the year is known
    month: int
    day: int
    record: str  # "birthday" or "date", with record_id, for stable calendar UIDs
    record_id: int
    what: str = ""  # "birthday, turns 41", "wedding anniversary, 11 years"


def _month_days(today: date, end: date) -> set[tuple[int, int]]:
    """Every (month, day) whose next occurrence falls between today and end (inclusive)."""
    days, day = set(), today
    while day <= end:
        days.add((day.month, day.day))
        if (day.month, day.day) == (2, 28) and on_year(2, 29, day.year) == day:
            days.add((2, 29))  # no 29th this year: it falls on the 28th
        day += timedelta(days=1)
    return days


def _birthdays(owner_id: int, month_days: list[str] | None) -> QuerySet[Person, tuple[int, str, str]]:
    from django.db.models.lookups import In

    from goodwill.models import Person
    from goodwill.queries.yearly_sql import Filled, MonthDay

    # No ORDER BY (sorted below): ordering by name would make SQLite walk every person by the name index.
    people = Person.objects.filter(owner_id=owner_id, archived_at__isnull=True).filter(Filled("birthday")).order_by()
    if month_days is not None:  # a probe of person_birthday_day per day
        people = people.filter(In(MonthDay("birthday"), month_days))
    return people.values_list("pk", "name", "birthday")


def _dates(owner_id: int, months: list[int] | None, days: list[int] | None) -> QuerySet[ImportantDate, tuple[Any, ...]]:
    from django.db.models import Q

    from goodwill.models import ImportantDate

    dates = ImportantDate.objects.filter(owner_id=owner_id, person__archived_at__isnull=True)
    if months is not None and days is not None:
        by_day = Q(pk__in=[])
        for month, day in zip(months, days, strict=True):
            by_day |= Q(month=month, day=day)
        dates = dates.filter(by_day)
    return dates.values_list("pk", "person_id", "person__name", "label", "year", "month", "day")


# On every Today: compiled once per number of days (queries.compiled).
BIRTHDAYS = Compiled(_birthdays)
DATES = Compiled(_dates)


def dates_coming(owner: Owner, today: date, days: int = WEEK, limit: int | None = None) -> tuple[list[DateComing], int]:
    """Birthdays and important dates of unarchived people in the next `days` days,
    soonest first (at most `limit` of them), and how many there are in all."""
    end = today + timedelta(days=days - 1)
    wanted = sorted(_month_days(today, end))
    whole_year = len(wanted) >= 366  # then everyone's
    month_days = None if whole_year else [f"{month:02d}-{day:02d}" for month, day in wanted]
    months = None if whole_year else [month for month, _day in wanted]
    days_of = None if whole_year else [day for _month, day in wanted]
    found: list[tuple[Any, ...]] = []
    # Plain tuples first, sorted; rows are built only for what is shown.
    for pk, name, text in BIRTHDAYS.rows(owner_id=owner.pk, month_days=month_days):
        parsed = read_stored(text)
        if parsed:
            month, day, year = parsed
            found.append((next_occurrence(month, day, today), name, "birthday", pk, (year, month, day), "birthday", pk))
    for pk, person_id, name, label, year, month, day in DATES.rows(owner_id=owner.pk, months=months, days=days_of):
        try:
            date(2000, month, day)
        except ValueError:
            continue  # a damaged row is no date
        found.append((next_occurrence(month, day, today), name, label, person_id, (year, month, day), "date", pk))
    found = sorted((row for row in found if row[0] <= end), key=lambda row: (row[0], row[1], row[2], row[5], row[6]))
    shown = found if limit is None else found[:limit]
    return [
        _row(person_id, name, label, parsed, today, record, record_id)
        for _on, name, label, person_id, parsed, record, record_id in shown
    ], len(found)


def _row(
    person_id: int, name: str, label: str, parsed: tuple[int | None, int, int], today: date, record: str, record_id: int
) -> DateComing:
    year, month, day = parsed
    on = next_occurrence(month, day, today)
    return DateComing(
        person_id=person_id,
        person_name=name,
        label=label,
        on=on,
        days_away=(on - today).days,
        when=spoken_with_weekday(on),
        date_label=format_yearly(month, day),
        years=years_on(year, on),
        month=month,
        day=day,
        record=record,
        record_id=record_id,
        what=_what(label, years_on(year, on)),
    )


def _what(label: str, years: int | None) -> str:
    if not years:
        return label
    return f"{label}, turns {years}" if label == "birthday" else f"{label}, {years} year{'s' if years != 1 else ''}"
