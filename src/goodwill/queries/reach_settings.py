"""A user's reach settings (digest, pushes, quiet hours), read, and the zone they are read in.

A read never writes: a user with no row yet gets the defaults, unsaved (pushes off, quiet
21:00 to 08:00); the services that change a setting create the row."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from goodwill.clock import local_zone
from goodwill.models import ReachSettings
from goodwill.models.base import Owner
from goodwill.queries.user_settings import settings_for


def reach_settings_for(owner: Owner) -> ReachSettings:
    return ReachSettings.objects.filter(user=owner).first() or ReachSettings(user=owner)


def reach_zone(owner: Owner, reach: ReachSettings | None = None) -> ZoneInfo:
    """The zone the digest's hour and the quiet hours are read in: the one set for them, else
    the home base's, else the server's. A zone name no longer known falls through to the next."""
    reach = reach or reach_settings_for(owner)
    for name in (reach.time_zone, settings_for(owner).home_timezone):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return local_zone()
