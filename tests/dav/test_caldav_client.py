"""The `caldav` client library against alice's task list (issue 16 §4): it finds the list
from /dav/ as any CalDAV app does, completes a reminder and moves one, and Goodwill's
steps follow."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def steps(alice, now):
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.steps import add_step

    jane = add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"]))
    return {
        "deck": add_step(alice, jane, "send Jane the deck", due=date(2026, 11, 25)),
        "coffee": add_step(alice, jane, "book coffee with Jane", due=date(2026, 11, 26)),
    }


@pytest.fixture
def task_list(dav_base, phone_password, steps):
    from caldav.davclient import DAVClient

    with DAVClient(url=dav_base + "/dav/", username="alice", password=phone_password, timeout=30) as client:
        calendars = client.principal().calendars()
        found = [c for c in calendars if str(c.url).rstrip("/").endswith("/tasks")]
        assert len(found) == 1, [str(c.url) for c in calendars]
        yield found[0]


def todo_for(task_list, words: str):
    todos = [t for t in task_list.todos() if words in str(t.icalendar_component.get("summary", ""))]
    assert len(todos) == 1, f"{len(todos)} tasks say {words!r}"
    return todos[0]


def test_the_task_list_shows_my_open_steps_with_their_due_dates(task_list):
    deck = todo_for(task_list, "send Jane the deck")
    due = deck.icalendar_component.decoded("due")
    assert (due.date() if hasattr(due, "date") else due) == date(2026, 11, 25)


def test_completing_a_reminder_marks_the_step_done(task_list, steps):
    from goodwill.models import NextStep, StepStatus

    todo_for(task_list, "send Jane the deck").complete()

    assert NextStep.objects.get(pk=steps["deck"].pk).status == StepStatus.DONE
    assert NextStep.objects.get(pk=steps["coffee"].pk).status == StepStatus.OPEN
    open_now = [str(t.icalendar_component["summary"]) for t in task_list.todos()]  # open ones only
    assert not any("deck" in summary for summary in open_now)
    assert any("coffee" in summary for summary in open_now)


def test_a_due_date_changed_on_the_phone_renegotiates_the_step(task_list, steps):
    from goodwill.models import NextStep, StepStatus

    coffee = todo_for(task_list, "book coffee with Jane")
    coffee.set_due(date(2026, 12, 3))
    coffee.save()

    step = NextStep.objects.get(pk=steps["coffee"].pk)
    assert step.status == StepStatus.OPEN
    assert step.due_on == date(2026, 12, 3)
    assert step.changes.filter(field="due_on", new="2026-12-03").exists()  # recorded, as any renegotiation
