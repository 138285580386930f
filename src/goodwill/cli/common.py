"""What every command shares: the --demo and --json options, opening the store,
and turning user text (dates, cadences) into values with one-line errors.

Django and the services are imported inside functions so `goodwill --help`
and other commands that need no database start fast."""
from __future__ import annotations

import os
import sys
from datetime import date
from typing import Annotated

import typer

from goodwill import config
from goodwill.errors import InvalidInput

DemoOption = Annotated[bool, typer.Option("--demo", help="Work on the demo network instead of your own.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def open_store(demo: bool):
    """Open the (demo) database, migrating on first use, and return the acting user."""
    if demo:
        os.environ[config.ENV_DEMO] = "1"
    from goodwill.db import open_database

    open_database()
    from goodwill.services.accounts import local_user

    return local_user()


def parse_when(text: str, *, base: date | None = None):
    """A natural due date ("friday", "in two weeks") → DueDate, or a one-line error."""
    from goodwill import clock
    from goodwill.habits.dates import DateError, parse_due

    try:
        return parse_due(text, base or clock.today())
    except DateError as exc:
        raise InvalidInput(str(exc)) from None


def parse_day(text: str, *, base: date | None = None) -> date:
    return parse_when(text, base=base).day


def parse_cadence_days(text: str) -> int:
    from goodwill.habits.cadence import parse_cadence

    try:
        return parse_cadence(text)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def interactive() -> bool:
    """Prompt only when a person is at the terminal (never in scripts or CI)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


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
        return date.fromisoformat(value)
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
    return day
