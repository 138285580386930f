"""Tasks made on the phone that name nobody (issue 16): say whom each is for, or dismiss it.
The digest links here; services.dav_tasks does the work."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_POST

from goodwill.web.auth import owner_view
from goodwill.web.common import act
from goodwill.web.forms.phone_tasks import AssignForm

PAGE = "web:phone-tasks"


@owner_view
def phone_tasks(request):
    from goodwill.queries.phone_tasks import open_phone_tasks

    return render(request, "web/phone_tasks.html", {"tasks": open_phone_tasks(request.owner)})


@owner_view
@require_POST
def assign(request, task_id: int):
    from goodwill.queries.phone_tasks import get_phone_task
    from goodwill.services.dav_tasks import assign_phone_task
    from goodwill.web.views.log import pick_person

    owner = request.owner
    task = get_phone_task(owner, task_id)  # anyone else's: the 404 page
    person_text = AssignForm(request.POST).value("person", "")

    def work():
        return assign_phone_task(owner, task, pick_person(owner, person_text))

    return act(request, work, lambda step: f"“{step.text}” is a next step with {step.person.name} now.", PAGE)


@owner_view
@require_POST
def dismiss(request, task_id: int):
    from goodwill.queries.phone_tasks import get_phone_task
    from goodwill.services.dav_tasks import dismiss_phone_task

    task = get_phone_task(request.owner, task_id)
    return act(request, lambda: dismiss_phone_task(request.owner, task), f"Dismissed “{task.text}”.", PAGE)
