"""User text into values, with one-line errors: natural due dates, past days, cadences.

Shared by the CLI and the web app; cheap to import (the parsers load on use)."""

from __future__ import annotations

from datetime import date

from goodwill.errors import InvalidInput


def check_day(day: date, *, happened: bool = False) -> date:
    """The one date range (habits.dates.check_day) against today, as a one-line InvalidInput."""
    from goodwill import clock
    from goodwill.habits.dates import DateError
    from goodwill.habits.dates import check_day as in_range

    try:
        return in_range(day, clock.today(), happened=happened)
    except DateError as exc:
        raise InvalidInput(str(exc)) from None


def parse_when(text: str, *, base: date | None = None):
    """A natural due date ("friday", "in two weeks") → DueDate in the date range, or a one-line error."""
    from goodwill import clock
    from goodwill.habits.dates import DateError, parse_due

    try:
        parsed = parse_due(text, base or clock.today())
    except DateError as exc:
        raise InvalidInput(str(exc)) from None
    check_day(parsed.day)
    return parsed


def parse_day(text: str, *, base: date | None = None) -> date:
    return parse_when(text, base=base).day


def parse_cadence_days(text: str) -> int:
    from goodwill.habits.cadence import parse_cadence

    try:
        return parse_cadence(text)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def parse_radius(text: str) -> float:
    """A radius as typed ("100mi", "160km", "100 miles"; miles when no unit) → km, or a one-line error."""
    from goodwill.habits.geo import parse_distance

    try:
        return parse_distance(text)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def parse_past_day(text: str) -> date:
    """A day in the past or today: "yesterday", "last friday", "3 days ago", 2026-11-20."""
    from goodwill import clock

    value = text.strip().lower()
    today = clock.today()
    if value in ("today", "now"):
        return today
    if value == "yesterday":
        from datetime import timedelta

        return today - timedelta(days=1)
    try:
        return check_day(date.fromisoformat(value), happened=True)
    except ValueError:
        pass
    import parsedatetime

    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    parsed, context = calendar.parseDT(value[:100], sourceTime=clock.now().replace(tzinfo=None))
    if not context.hasDate:
        raise InvalidInput(f'cannot read "{text}" as a day; try "yesterday", "last friday", "3 days ago" or 2026-11-20')
    day = parsed.date()
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    if day > today and value.removeprefix("last ").removeprefix("on ") in weekdays:
        # "friday" said about the past means the most recent Friday.
        from datetime import timedelta

        day -= timedelta(days=7 * (((day - today).days + 6) // 7))
    if day > today:
        raise InvalidInput(f'"{text}" is in the future; --when is for encounters that happened')
    return check_day(day, happened=True)
