"""Yearly dates (birthdays, anniversaries, custom dates): when they next fall, and
how they read. Pure: no Django.

A date is (month, day) with an optional year. 29 February falls on 28 February in
years without one; a date "next" from 30 December may be 2 January of the next year."""
from __future__ import annotations

import calendar
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def parse_yearly(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from "YYYY-MM-DD" or "--MM-DD" (vCard's yearless form);
    None for anything else (an empty or damaged value is simply no date)."""
    value = (text or "").strip()
    try:
        if value.startswith("--") and len(value) == 7 and value[4] == "-":
            month, day = int(value[2:4]), int(value[5:7])
            date(2000, month, day)  # 2000 is a leap year: --02-29 is a real date
            return None, month, day
        if len(value) == 10:
            parsed = date.fromisoformat(value)
            return parsed.year, parsed.month, parsed.day
    except ValueError:
        return None
    return None


def on_year(month: int, day: int, year: int) -> date:
    """The day this yearly date falls on in `year` (29 Feb → 28 Feb when `year` has none)."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def next_occurrence(month: int, day: int, today: date) -> date:
    """The first day on or after `today` that this yearly date falls on."""
    this_year = on_year(month, day, today.year)
    return this_year if this_year >= today else on_year(month, day, today.year + 1)


def years_on(year: int | None, occurrence: date) -> int | None:
    """How many years the date marks on that occurrence (an age, an anniversary's count);
    None without a year, or for a date not yet begun."""
    if year is None or year > occurrence.year:
        return None
    return occurrence.year - year


def spoken(month: int, day: int) -> str:
    """"17 July": never "--07-17"."""
    return f"{day} {MONTHS[month - 1]}"


def spoken_with_weekday(on: date) -> str:
    """"Fri 17 July"."""
    return f"{on:%a} {spoken(on.month, on.day)}"


def in_words(text: str) -> str:
    """A stored birthday as a person reads it: "1985-07-17" → "17 July 1985",
    "--07-17" → "17 July"; anything unreadable is shown as it is."""
    parsed = parse_yearly(text)
    if parsed is None:
        return text
    year, month, day = parsed
    return spoken(month, day) + (f" {year}" if year else "")
