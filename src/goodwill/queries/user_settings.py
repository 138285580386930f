"""A user's settings, read. A read never writes: a user with no settings row yet
gets the defaults, unsaved (goodwill.services.accounts creates the row)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from goodwill.queries import compiled
from goodwill.queries.compiled import Compiled

if TYPE_CHECKING:  # the model loads where it is used: `goodwill today` reads settings without Django
    from django.db.models import QuerySet

    from goodwill.models import UserSettings
    from goodwill.models.base import Owner


@cache
def _fields() -> tuple[str, ...]:
    from goodwill.models import UserSettings

    return tuple(field.attname for field in UserSettings._meta.concrete_fields)


def _saved(user_id: int) -> QuerySet[UserSettings, tuple[Any, ...]]:
    from goodwill.models import UserSettings

    return UserSettings.objects.filter(user_id=user_id).order_by("pk").values_list(*_fields())[:1]


# Read on every page and several times per agenda: its SQL is compiled once (queries.compiled).
_SAVED = Compiled(_saved)


def settings_for(user: Owner) -> UserSettings:
    """The user's saved settings, else the defaults (not saved: don't save them here,
    use goodwill.services.accounts.settings_for_update to change a setting).

    Where the reads run without Django (queries.prepared), a saved row comes back as a plain
    record with the model's attribute names; a user with no row there is the Django path's."""
    saved = _SAVED.rows(user_id=user.pk)
    if compiled.prepared() is not None:
        from goodwill.queries.prepared import plain_record

        return cast("UserSettings", plain_record(_SAVED, saved))
    from django.db import DEFAULT_DB_ALIAS

    from goodwill.models import UserSettings

    return UserSettings.from_db(DEFAULT_DB_ALIAS, _fields(), saved[0]) if saved else UserSettings(user=user)


def weekly_goals(user_ids: Iterable[int]) -> dict[int, int]:
    """Many users' weekly touch goals at once: {user id: goal}, the default for a user with no settings row."""
    from goodwill.models import UserSettings

    ids = list(dict.fromkeys(user_ids))
    saved = dict(UserSettings.objects.filter(user_id__in=ids).values_list("user_id", "weekly_goal"))
    default = UserSettings().weekly_goal
    return {user_id: saved.get(user_id, default) for user_id in ids}
