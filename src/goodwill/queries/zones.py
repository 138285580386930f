"""Whose clock reads what: a person's local time beside mine, and my own zone. Without
Django: the agenda shows local times when `goodwill today` runs without it (queries.prepared)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from goodwill.queries.user_settings import settings_for

if TYPE_CHECKING:
    from goodwill.models import UserSettings
    from goodwill.models.base import Owner


def local_time(timezone: str, now: datetime, mine: str | None = None) -> datetime | None:
    """The person's wall-clock time, so nobody gets called at 3 a.m.

    With `mine` (the user's own zone), None when their clock reads the same as
    mine: in lists, a local time is only worth a glance when it differs."""
    if not timezone:
        return None
    try:
        theirs = now.astimezone(_zone(timezone))
        if mine and theirs.utcoffset() == now.astimezone(_zone(mine)).utcoffset():
            return None
        return theirs
    except (KeyError, ValueError):
        return None


# ZoneInfo keeps only the last 8 zones it made; a page of people in more than 8 zones read
# the zone files from disk again for every row (~75 µs each). A zone that fails is not kept.
_zone = lru_cache(maxsize=1024)(ZoneInfo)


def my_zone(owner: Owner) -> str:
    """The user's own zone: their home base's, else the one the machine is set to."""
    return zone_of(settings_for(owner))


def zone_of(prefs: UserSettings) -> str:
    """my_zone from settings already read (the agenda reads them once)."""
    from goodwill.config import time_zone

    return prefs.home_timezone or time_zone()
