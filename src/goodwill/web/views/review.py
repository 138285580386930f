"""The weekly review: the most neglected connections, one at a time, each with
the actions of `goodwill review` (log, next step, circle or cadence, snooze, skip).

The queue travels in the URL (?queue=ids&at=n&reviewed=k), so the walk needs no
server-side state, survives a reload, and every id is checked against the owner."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill import clock
from goodwill.errors import InvalidInput, UserError
from goodwill.habits import kinds
from goodwill.web.auth import owner_view
from goodwill.web.common import person_of, say
from goodwill.web.forms.log import LogForm
from goodwill.web.forms.people import RhythmForm, StepForm
from goodwill.web.forms.review import ActionForm, WalkForm
from goodwill.web.views.today import KINDS, SNOOZE_CHOICES, snooze_days


def _walk(data) -> tuple[list[int], int, int]:
    """The queue of people ids, the position in it, and how many were reviewed."""
    walk = WalkForm(data).values()
    return walk["queue"], walk["at"], walk["reviewed"]


def review_url(queue: list[int], at: int, reviewed: int) -> str:
    query = urlencode({"queue": ",".join(map(str, queue)), "at": at, "reviewed": reviewed})
    return f"{reverse('web:review')}?{query}"


@owner_view
def review(request):
    from goodwill.queries.review import review_queue
    from goodwill.queries.rhythm import describe_due
    from goodwill.queries.today import review_done_this_week

    owner, today = request.owner, clock.today()
    if "queue" not in request.GET:
        queue = review_queue(owner, today)
        return render(
            request,
            "web/review.html",
            {
                "start": True,
                "queue": queue,
                "ids": ",".join(str(r.person_id) for r in queue),
                "done_this_week": review_done_this_week(owner, today),
            },
        )
    ids, at, reviewed = _walk(request.GET)
    context = {
        "ids": ",".join(map(str, ids)),
        "at": at,
        "reviewed": reviewed,
        "total": len(ids),
        "position": at + 1,
        "kinds": KINDS,
        "kind_words": list(kinds.WORDS),
        "snooze_choices": SNOOZE_CHOICES,
    }
    if at < len(ids):
        person = person_of(owner, ids[at])
        from goodwill.models import Circle
        from goodwill.queries.ideas import ideas_for
        from goodwill.queries.pass_on import meaning_rebuilding

        context |= {
            "person": person,
            # "...with ideas for how to bring each one value": the Person page's ideas, with their actions.
            "ideas": ideas_for(owner, person, today),
            "meaning_rebuilding": meaning_rebuilding(owner),
            "row": describe_due(owner, [person], today)[0],
            "circles": list(Circle.objects.filter(owner=owner).values_list("name", flat=True)),
            "open_steps": list(person.steps.filter(status="open").order_by("due_on", "id")[:5]),
            "skip_url": review_url(ids, at + 1, reviewed + 1),
        }
    return render(request, "web/review.html", context)


@require_POST
@owner_view
def review_act(request):
    from goodwill.services.interactions import log_interaction
    from goodwill.services.people import set_circle, snooze_person
    from goodwill.services.steps import add_step
    from goodwill.web.views.log import log_request

    owner = request.owner
    ids, at, reviewed = _walk(request.POST)
    if at >= len(ids):
        return HttpResponseRedirect(review_url(ids, at, reviewed), status=303)
    person = person_of(owner, ids[at])
    action = ActionForm(request.POST).values()["action"]
    try:
        if action == "log":
            confirm = _promises_to_confirm(request, person, ids, at, reviewed)
            if confirm is not None:
                return confirm
            form = LogForm(request.POST)
            log_interaction(owner, log_request(form, [person], []))
            done = f"Logged {form['kind'].value()} with {person.name}."
        elif action == "next":
            step = StepForm(request.POST).values()
            due, firm = step["due"]
            add_step(owner, person, step["text"], due=due, firm=firm)
            done = f"Next step added for {person.name}."
        elif action == "rhythm":
            rhythm = RhythmForm(request.POST).values()
            set_circle(owner, person, rhythm["circle"] or None, rhythm["cadence"])
            done = f"Rhythm changed for {person.name}."
        elif action == "snooze":
            from datetime import timedelta

            snooze_person(owner, person, clock.today() + timedelta(days=snooze_days(request)))
            done = f"{person.name} snoozed."
        else:
            raise InvalidInput(f'"{action}" is not a review action; use log, next, rhythm or snooze')
    except UserError as exc:
        messages.error(request, say(exc))
        return HttpResponseRedirect(review_url(ids, at, reviewed), status=303)
    messages.success(request, done)
    return HttpResponseRedirect(review_url(ids, at + 1, reviewed + 1), status=303)


def _promises_to_confirm(request, person, ids: list[int], at: int, reviewed: int):
    """A touch logged from the review runs the promise finder like every other log:
    when the note holds promises, the quick log's own confirm step is shown (the same
    form, view and services), and saving it goes on to the next person in the review."""
    from goodwill.web.views.log import _form_context, _page, found_promises, picker_value

    promises = found_promises(request.owner, LogForm(request.POST), [person])
    if not promises:
        return None
    data = request.POST.copy()
    data["person"] = picker_value(person)
    context = _form_context(request, data, promises=promises, promises_checked=True)
    return _page(request, context | {"confirm": True, "next": review_url(ids, at + 1, reviewed + 1)})


@require_POST
@owner_view
def review_finish(request):
    from goodwill.services.review import record_review

    _ids, _at, reviewed = _walk(request.POST)
    record_review(request.owner, reviewed)
    messages.success(
        request, f"Review done: {reviewed} {'person' if reviewed == 1 else 'people'} reviewed. See you next week."
    )
    return HttpResponseRedirect(reverse("web:today"), status=303)
