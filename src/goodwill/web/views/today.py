"""Today: the agenda in the CLI's order, every row actionable in place.

Each action is a plain form that posts and redirects back (works without
JavaScript); with htmx the same form posts in the background and only the
agenda is swapped (hx-select="#agenda")."""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import render
from django.views.decorators.http import require_POST

from goodwill import clock
from goodwill.web.auth import owner_view
from goodwill.web.common import act, is_htmx, person_of, step_of
from goodwill.web.forms.today import SNOOZE_CHOICES, AgendaForm, SnoozeForm
from goodwill.web.page_cache import cached_page

KINDS = ["call", "meeting", "email", "message", "event", "note"]
# Step rows each way on the Today page, and after "show more" (the CLI shows 25).
STEPS_ON_PAGE = 10
STEPS_MORE = 200


def snooze_days(request) -> int:
    """The days the snooze menu chose (one of its choices, else the user's mistake)."""
    return int(SnoozeForm(request.POST).values()["days"])


@owner_view
@cached_page
def today(request):
    from django.template.loader import render_to_string

    from goodwill.queries.phone_tasks import count_open_phone_tasks
    from goodwill.queries.today import agenda

    # A calm first screen: the oldest steps each way, and the rest one click away.
    more = AgendaForm(request.GET).more
    result = agenda(request.owner, steps_limit=STEPS_MORE if more else STEPS_ON_PAGE)
    return render(
        request,
        "web/today.html",
        {
            "steps_more": STEPS_MORE,
            # The same menu on every row: drawn once (it holds no user text).
            "snooze_options": render_to_string("web/_snooze_options.html", {"snooze_choices": SNOOZE_CHOICES}),
            "agenda": result,
            # The totals, when the agenda shows only the first steps of a long list.
            "my_total": getattr(result, "my_steps_total", 0) or len(result.my_steps),
            "their_total": getattr(result, "their_steps_total", 0) or len(result.their_steps),
            "snooze_choices": SNOOZE_CHOICES,
            "kinds": KINDS,
            "phone_tasks": count_open_phone_tasks(request.owner),
        },
    )


def done_message(request, step):
    """ "Done", with an Undo and the next step with this person in place (keep the ball).
    Rendered once, escaped, and kept as safe HTML in the message; its forms come back to
    the page the step was done on, in place when it was done in place (htmx)."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from goodwill.web.common import safe_next

    return mark_safe(
        render_to_string(
            "web/_step_done.html",
            {  # noqa: S308 (a template: escaped)
                "step": step,
                "back": safe_next(request, "web:today"),
                "in_place": is_htmx(request),
            },
            request=request,
        )
    )


@require_POST
@owner_view
def step_done(request, step_id: int):
    from goodwill.services.steps import complete_step

    step = step_of(request.owner, step_id)
    return act(request, lambda: complete_step(request.owner, step), lambda done: done_message(request, done))


@require_POST
@owner_view
def step_reopen(request, step_id: int):
    """Undo done (or dropped): the step is open again, as it was."""
    from goodwill.services.steps import reopen_step

    step = step_of(request.owner, step_id)
    return act(request, lambda: reopen_step(request.owner, step), f"Open again: {step.text}")


@require_POST
@owner_view
def step_drop(request, step_id: int):
    from goodwill.services.steps import drop_step

    step = step_of(request.owner, step_id)
    return act(request, lambda: drop_step(request.owner, step), f"Dropped: {step.text}")


@require_POST
@owner_view
def step_snooze(request, step_id: int):
    """A step put off: a new due date, its old one kept in the step's history."""
    from goodwill.services.steps import reschedule_step

    step = step_of(request.owner, step_id)

    def work():
        due = clock.today() + timedelta(days=snooze_days(request))
        reschedule_step(request.owner, step, due, firm=step.due_firm)
        return due

    return act(request, work, lambda due: f"Moved “{step.text}” to {due:%a %d %b}.")


@require_POST
@owner_view
def person_snooze(request, person_id: int):
    from goodwill.services.people import snooze_person

    person = person_of(request.owner, person_id)

    def work():
        until = clock.today() + timedelta(days=snooze_days(request))
        snooze_person(request.owner, person, until)
        return until

    return act(request, work, lambda until: f"{person.name} snoozed until {until:%a %d %b}.")


@require_POST
@owner_view
def person_replied(request, person_id: int):
    from goodwill.services.interactions import mark_replied

    person = person_of(request.owner, person_id)
    return act(request, lambda: mark_replied(request.owner, person), f"Marked the reply to {person.name} as sent.")


@require_POST
@owner_view
def checklist_dismiss(request):
    """Put the first-run checklist away before every item is done."""
    from goodwill.services.onboarding import dismiss_checklist

    return act(request, lambda: dismiss_checklist(request.owner), "The first-run checklist is put away.")
