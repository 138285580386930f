"""A user's settings, read. A read never writes: a user with no settings row yet
gets the defaults, unsaved (goodwill.services.accounts creates the row)."""

from __future__ import annotations

from goodwill.models import UserSettings
from goodwill.models.base import Owner


def settings_for(user: Owner) -> UserSettings:
    """The user's saved settings, else the defaults (not saved: don't save them here,
    use goodwill.services.accounts.settings_for_update to change a setting)."""
    return UserSettings.objects.filter(user=user).first() or UserSettings(user=user)
