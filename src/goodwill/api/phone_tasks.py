"""Tasks made on the phone that name nobody (issue 16): list them, say whom one is for, or dismiss it."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Id, Input
from goodwill.api.people import get_person
from goodwill.api.shapes import StepOut, step_out

router = Router(tags=["phone sync"])


class PhoneTaskOut(Schema):
    id: int
    text: str
    due_on: date | None
    created_at: datetime


class AssignIn(Input):
    person_id: Id


def _task_out(task) -> dict:
    return {"id": task.pk, "text": task.text, "due_on": task.due_on, "created_at": task.created_at}


@router.get("", response={200: list[PhoneTaskOut], **ERRORS}, summary="Phone tasks that name nobody yet")
def list_phone_tasks(request):
    from goodwill.queries.phone_tasks import open_phone_tasks

    return [_task_out(t) for t in open_phone_tasks(request.auth)]


@router.post("{task_id}/assign", response={200: StepOut, **ERRORS}, summary="Make it that person's next step")
def assign(request, task_id: Id, payload: AssignIn):
    from goodwill import clock
    from goodwill.queries.phone_tasks import get_phone_task
    from goodwill.services.dav_tasks import assign_phone_task

    owner = request.auth
    task = get_phone_task(owner, task_id)
    step = assign_phone_task(owner, task, get_person(owner, payload.person_id, include_archived=False))
    return step_out(step, clock.today())


@router.post("{task_id}/dismiss", response={200: PhoneTaskOut, **ERRORS}, summary="Nobody's: drop it")
def dismiss(request, task_id: Id):
    from goodwill.queries.phone_tasks import get_phone_task
    from goodwill.services.dav_tasks import dismiss_phone_task

    owner = request.auth
    return _task_out(dismiss_phone_task(owner, get_phone_task(owner, task_id)))
