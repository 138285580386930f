"""Tasks made on the phone that name nobody in the network (issue 16): the digest, the web page,
`goodwill dav tasks` and the API list them so the user says whom each is for."""

from __future__ import annotations

from django.db.models import QuerySet

from goodwill.models import PhoneTask
from goodwill.models.base import Owner
from goodwill.queries.compiled import Compiled

# Where the web app lists them with an assign form (web/urls.py: a test holds the two equal).
PHONE_TASKS_PATH = "/phone/tasks/"


def open_phone_tasks(owner: Owner) -> list[PhoneTask]:
    """Open and not yet anybody's, oldest first."""
    return list(_open(owner.pk))


def count_open_phone_tasks(owner: Owner) -> int:
    return _OPEN.count(owner_id=owner.pk)


def _open(owner_id: int) -> QuerySet[PhoneTask]:
    return PhoneTask.objects.filter(owner_id=owner_id, closed_at__isnull=True, step__isnull=True)


# Counted on every Today page: compiled once (queries.compiled).
_OPEN = Compiled(lambda owner_id: _open(owner_id).values_list("id"))


def get_phone_task(owner: Owner, task_id: int | str) -> PhoneTask:
    return PhoneTask.objects.get_owned(owner, task_id)
