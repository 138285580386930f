"""The reads that find the CLI's own user and check they are set up: without Django at
import, so `goodwill today` can make them from their prepared SQL (queries.prepared)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from goodwill.queries.compiled import Compiled

if TYPE_CHECKING:
    from django.db.models import QuerySet

LOCAL_USERNAME = "me"  # the user the CLI acts as on a laptop


def _user(username: str, names: tuple[str, ...]) -> QuerySet[Any, tuple[Any, ...]]:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).values_list(*names)


def _defaults_there(user_id: int) -> QuerySet[Any, tuple[Any, ...]]:
    from django.db.models import Exists

    from goodwill.models import Circle, UserSettings

    return (
        Circle.objects.filter(owner_id=user_id)
        .filter(Exists(UserSettings.objects.filter(user_id=user_id)))
        .values_list("id")
    )


LOCAL_USER = Compiled(_user, shape=("names",))
# A user's settings row and circles, made once (services.accounts.ensure_defaults).
DEFAULTS_THERE = Compiled(_defaults_there)


@dataclass(frozen=True)
class PlainUser:
    """The acting user where the reads run without Django (queries.prepared): reads want its pk alone."""

    pk: int
