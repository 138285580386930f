"""Dates in words, the same in the terminal and the browser ("3 Sep", "2 days late")."""

from __future__ import annotations

from datetime import date, datetime


def short_date(day: date | datetime | None, today: date | None = None) -> str:
    if day is None:
        return "—"
    if isinstance(day, datetime):
        day = day.date()
    if today is not None and day.year != today.year:
        return f"{day.day} {day:%b %Y}"
    return f"{day.day} {day:%b}"


def relative_days(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "1 day late"
    if days > 1:
        return f"{days} days late"
    return f"in {-days} day" + ("s" if days < -1 else "")


def age_in_hours(hours: float) -> str:
    """How long ago something came in: "5 h" under two days, else "3 days"."""
    return f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"


def hours_taken(hours: float | None) -> str:
    """A time to answer: "5.5 h" under two days, else "3.2 d"; "—" for none."""
    if hours is None:
        return "—"
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} d"


def share(value: float | None) -> str:
    """A share as a whole percentage, "83%"; "—" for none."""
    return f"{value:.0%}" if value is not None else "—"
