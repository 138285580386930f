from datetime import date, timedelta

import pytest

from goodwill.clock import day_number
from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Interaction, NextStep
from goodwill.services.interactions import LogRequest, StepRequest, log_interaction, mark_replied
from goodwill.services.people import PersonFields, add_person
from goodwill.services.steps import complete_step, drop_step, get_step, reschedule_step


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe", circle="inner"))


def log(owner, person, summary="Coffee", **kw):
    return log_interaction(owner, LogRequest(kind=kw.pop("kind", "call"), people=[person], summary=summary, **kw))


def test_logging_resets_the_rhythm(alice, jane, now):
    result = log(
        alice,
        jane,
        "Talked about her move to Austin",
        next_steps=[StepRequest("send her the remote-hiring article", date(2026, 11, 27))],
    )
    jane.refresh_from_db()
    assert jane.last_touch_at == now
    assert jane.due_day == day_number(date(2026, 12, 7))  # inner circle: 14 days
    [step] = result.steps
    assert step.text == "send her the remote-hiring article" and step.due_on == date(2026, 11, 27)
    assert step.interaction == result.interaction and step.ball == "mine"


def test_a_note_to_self_is_not_a_touch(alice, jane, now):
    before = jane.due_day
    log(alice, jane, "She likes jazz", kind="note")
    jane.refresh_from_db()
    assert jane.last_touch_at is None and jane.due_day == before


def test_backfilled_older_touch_does_not_move_the_rhythm_back(alice, jane, now):
    log(alice, jane, "Lunch")
    log(alice, jane, "Old call", when=now - timedelta(days=30))
    jane.refresh_from_db()
    assert jane.last_touch_at == now


def test_empty_note_writes_nothing(alice, jane, now):
    with pytest.raises(InvalidInput) as error:
        log(alice, jane, "   ", next_steps=[StepRequest("x")])
    assert "empty" in str(error.value)
    assert not Interaction.objects.exists() and not NextStep.objects.exists()


def test_future_encounter_and_bad_kind_are_refused(alice, jane, now):
    with pytest.raises(InvalidInput):
        log(alice, jane, when=now + timedelta(days=2))
    with pytest.raises(InvalidInput):
        log(alice, jane, kind="carrier-pigeon")


def test_only_inbound_can_await_a_reply(alice, jane, now):
    with pytest.raises(InvalidInput):
        log(alice, jane, "Sent proposal", kind="email", awaiting_reply=True)


def test_reply_owed_and_replied(alice, jane, now):
    log(alice, jane, "Asked about the Q3 proposal", kind="email", direction="inbound", awaiting_reply=True)
    assert mark_replied(alice, jane) == 1
    assert Interaction.objects.get().replied_at == now
    with pytest.raises(NotFound):
        mark_replied(alice, jane)


def test_writing_back_closes_the_reply_owed(alice, jane, now):
    log(
        alice,
        jane,
        "Asked about Q3",
        kind="email",
        direction="inbound",
        awaiting_reply=True,
        when=now - timedelta(hours=3),
    )
    result = log(alice, jane, "Answered about Q3", kind="email")
    assert result.replies_closed == 1


def test_steps_for_each_participant(alice, jane, now):
    sam = add_person(alice, PersonFields(name="Sam Lee"))
    result = log_interaction(
        alice,
        LogRequest(
            kind="meeting", people=[jane, sam], summary="Board prep", next_steps=[StepRequest("send the minutes")]
        ),
    )
    assert {s.person for s in result.steps} == {jane, sam}
    sam.refresh_from_db()
    assert sam.last_touch_at == now


def test_step_lifecycle_keeps_history(alice, jane, now):
    step = log(alice, jane, next_steps=[StepRequest("send deck", date(2026, 11, 25))]).steps[0]
    reschedule_step(alice, step, date(2026, 12, 2))
    complete_step(alice, step)
    assert step.status == "done"
    assert [(c.field, c.old, c.new) for c in step.changes.all()] == [
        ("due_on", "2026-11-25", "2026-12-02"),
        ("status", "open", "done"),
    ]
    with pytest.raises(InvalidInput):
        drop_step(alice, step)


def test_steps_are_private_to_their_owner(alice, bob, charlie, jane, now):
    step = log(alice, jane, next_steps=[StepRequest("send deck")]).steps[0]
    assert get_step(alice, step.pk) == step
    for other in (bob, charlie):
        with pytest.raises(NotFound):
            get_step(other, step.pk)


def test_step_text_is_required(alice, jane, now):
    with pytest.raises(InvalidInput):
        log(alice, jane, next_steps=[StepRequest("  ")])
    assert not Interaction.objects.exists()
