"""The one place that reads the time, so tests, demos and benchmarks can fix it.

GOODWILL_NOW (an ISO date or datetime) pins "now"; otherwise it is the real clock.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from goodwill.config import time_zone

ENV_NOW = "GOODWILL_NOW"


def local_zone() -> ZoneInfo:
    return ZoneInfo(time_zone())


def now() -> datetime:
    """An aware datetime in the user's zone."""
    pinned = os.environ.get(ENV_NOW)
    if pinned:
        value = datetime.fromisoformat(pinned)
        if value.tzinfo is None:
            value = value.replace(tzinfo=local_zone())
        return value.astimezone(local_zone())
    return datetime.now(UTC).astimezone(local_zone())


def today() -> date:
    return now().date()


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=local_zone())


def at_noon(day: date) -> datetime:
    """Used when a user gives a day but no time: noon avoids zone edge cases."""
    return datetime.combine(day, time(12, 0), tzinfo=local_zone())


EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970-01-01: integer days keep rhythm arithmetic portable SQL."""
    return (day - EPOCH).days


def from_day_number(number: int) -> date:
    return date.fromordinal(EPOCH.toordinal() + number)
