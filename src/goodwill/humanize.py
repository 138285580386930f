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
