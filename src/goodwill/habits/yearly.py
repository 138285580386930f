"""Yearly dates (birthdays, anniversaries): read as people write them, shown as people read them.

A yearly date is (month, day, year or None). It is read from "1984-07-17", "--07-17"
(the vCard form for an unknown year), "17 July", "July 17", "17 July 1984", "Jul 17, 1984",
and shown as "17 July" or "17 July 1984", never "--07-17". It also says when such a date
next falls: 29 February falls on 28 February in years without one, and a date "next" from
30 December may be 2 January of the next year. Pure: no Django."""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

FIRST_YEAR, LAST_YEAR = 1900, 2999
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_NUMBER = {name.lower()[:3]: n for n, name in enumerate(MONTHS, start=1)}
HOW = "write it as 17 July, 17 July 1984, 1984-07-17 or --07-17"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NO_YEAR = re.compile(r"--(\d{1,2})-?(\d{1,2})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")


def _month(word: str) -> int | None:
    word = word.lower()
    if len(word) < 3:
        return None
    number = _MONTH_NUMBER.get(word[:3])
    if number is None or not MONTHS[number - 1].lower().startswith(word):
        return None
    return number


def parse_yearly(text: str, what: str = "date") -> tuple[int, int, int | None]:
    """(month, day, year or None), or ValueError with one line that says how to write it."""
    value = " ".join(str(text).strip().lower().split())
    found: tuple[int | None, str, str | None] | None = None
    if m := _ISO.fullmatch(value):
        found = (int(m[2]), m[3], m[1])
    elif m := _NO_YEAR.fullmatch(value):
        found = (int(m[1]), m[2], None)
    elif m := _DAY_MONTH.fullmatch(value):
        found = (_month(m[2]), m[1], m[3])
    elif m := _MONTH_DAY.fullmatch(value):
        found = (_month(m[1]), m[2], m[3])
    if found is None or found[0] is None:
        raise ValueError(f'"{text}" is not a {what}; {HOW}')
    month, day, year_text = found[0], int(found[1]), found[2]
    year = int(year_text) if year_text else None
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f'"{text}" is not a {what}: give a year between {FIRST_YEAR} and {LAST_YEAR}, or none')
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February is a date
    except ValueError:
        raise ValueError(
            f'"{text}" is not a {what}: there is no day {day} in {MONTHS[month - 1]}'
            if 1 <= month <= 12
            else f'"{text}" is not a {what}; {HOW}'
        ) from None
    return month, day, year


def format_yearly(month: int, day: int, year: int | None = None) -> str:
    """ "17 July", or "17 July 1984" when the year is known."""
    return f"{day} {MONTHS[month - 1]}" + (f" {year}" if year else "")


def stored(month: int, day: int, year: int | None) -> str:
    """The vCard form kept on Person.birthday: 1984-07-17, or --07-17 without a year."""
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


@lru_cache(maxsize=4096)
def read_stored(value: str) -> tuple[int, int, int | None] | None:
    """A stored birthday back into its parts; None when it is empty or unreadable.
    Kept per text: Today reads the week's birthdays on every build (~530 at 100,000 people),
    and the same few hundred texts come back all week."""
    if not value:
        return None
    try:
        return parse_yearly(value)
    except ValueError:
        return None


def in_words(text: str) -> str:
    """A stored birthday as a person reads it: "1985-07-17" → "17 July 1985",
    "--07-17" → "17 July"; anything unreadable is shown as it is."""
    parsed = read_stored(text)
    return text if parsed is None else format_yearly(*parsed)


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


def spoken_with_weekday(on: date) -> str:
    """ "Fri 17 July"."""
    return f"{on:%a} {format_yearly(on.month, on.day)}"
