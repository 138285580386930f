"""A user's reach settings (digest, pushes, outgoing mail), read, and the zone their
digest hour and quiet hours are read in. A read never writes: no row yet, the defaults."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from goodwill.config import time_zone
from goodwill.models import ReachSettings
from goodwill.models.base import Owner
from goodwill.queries.user_settings import settings_for


def reach_settings_for(user: Owner) -> ReachSettings:
    """The user's saved reach settings, else the defaults (unsaved)."""
    return ReachSettings.objects.filter(user=user).first() or ReachSettings(user=user)


def zone_of(user: Owner, reach: ReachSettings | None = None) -> ZoneInfo:
    """The user's zone: the one chosen for reminders, else their home's, else the server's."""
    reach = reach if reach is not None else reach_settings_for(user)
    for name in (reach.time_zone, settings_for(user).home_timezone, time_zone()):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")
