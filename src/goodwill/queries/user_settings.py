"""A user's settings, read. A read never writes: a user with no settings row yet
gets the defaults, unsaved (goodwill.services.accounts creates the row)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS

from goodwill.models import UserSettings
from goodwill.models.base import Owner
from goodwill.queries.compiled import Compiled

_FIELDS = tuple(field.attname for field in UserSettings._meta.concrete_fields)
# Read on every page and several times per agenda: its SQL is compiled once (queries.compiled).
_SAVED = Compiled(lambda user_id: UserSettings.objects.filter(user_id=user_id).order_by("pk").values_list(*_FIELDS)[:1])


def settings_for(user: Owner) -> UserSettings:
    """The user's saved settings, else the defaults (not saved: don't save them here,
    use goodwill.services.accounts.settings_for_update to change a setting)."""
    saved = _SAVED.rows(user_id=user.pk)
    return UserSettings.from_db(DEFAULT_DB_ALIAS, _FIELDS, saved[0]) if saved else UserSettings(user=user)


def weekly_goals(user_ids: Iterable[int]) -> dict[int, int]:
    """Many users' weekly touch goals at once: {user id: goal}, the default for a user with no settings row."""
    ids = list(dict.fromkeys(user_ids))
    saved = dict(UserSettings.objects.filter(user_id__in=ids).values_list("user_id", "weekly_goal"))
    default = UserSettings().weekly_goal
    return {user_id: saved.get(user_id, default) for user_id in ids}
