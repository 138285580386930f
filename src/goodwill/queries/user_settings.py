"""A user's settings, read. A read never writes: a user with no settings row yet
gets the defaults, unsaved (goodwill.services.accounts creates the row)."""

from __future__ import annotations

from collections.abc import Iterable

from goodwill.models import UserSettings
from goodwill.models.base import Owner


def settings_for(user: Owner) -> UserSettings:
    """The user's saved settings, else the defaults (not saved: don't save them here,
    use goodwill.services.accounts.settings_for_update to change a setting)."""
    return UserSettings.objects.filter(user=user).first() or UserSettings(user=user)


def weekly_goals(user_ids: Iterable[int]) -> dict[int, int]:
    """Many users' weekly touch goals at once: {user id: goal}, the default for a user with no settings row."""
    ids = list(dict.fromkeys(user_ids))
    saved = dict(UserSettings.objects.filter(user_id__in=ids).values_list("user_id", "weekly_goal"))
    default = UserSettings().weekly_goal
    return {user_id: saved.get(user_id, default) for user_id in ids}
