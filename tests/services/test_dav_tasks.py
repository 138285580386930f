"""services.dav_tasks: my steps and promises as the phone's reminders, and what the phone writes back."""

from datetime import date
from pathlib import Path

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.formats.ical_tasks import COMPLETED, Task, read_task, write_task
from goodwill.models import Interaction, NextStep, PhoneTask, StepStatus
from goodwill.queries.phone_tasks import open_phone_tasks
from goodwill.services.dav_tasks import (
    apply_task,
    assign_phone_task,
    dismiss_phone_task,
    person_named_in,
    remove_task,
    render_tasks,
    step_uid,
    task_members,
)
from goodwill.services.people import PersonFields, add_person
from goodwill.services.steps import add_step

DATA = Path(__file__).parent.parent / "data" / "dav_tasks"


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe"))


@pytest.fixture
def step(alice, jane):
    return add_step(alice, jane, "send the trail map", due=date(2026, 11, 27))


def _text(owner, kind, pk):
    return render_tasks(owner, kind, [pk])[pk][1]


def _edited(text, **changes):
    task = read_task(text)
    fields = {k: getattr(task, k) for k in ("uid", "summary", "due", "status", "description")} | changes
    return write_task(Task(**fields))


def test_the_list_holds_my_open_steps_and_unanswered_phone_tasks_only(alice, bob, jane, step, now):
    theirs = add_step(alice, jane, "send me the contract", ball="theirs")
    done = add_step(alice, jane, "old thing")
    NextStep.objects.filter(pk=done.pk).update(status=StepStatus.DONE)
    bobs = add_step(bob, add_person(bob, PersonFields(name="Bo")), "bob's own")
    loose = PhoneTask.objects.create(owner=alice, uid="x1", text="buy a gift", created_at=now)
    members = set(task_members(alice))
    assert members == {("s", step.pk), ("t", loose.pk)}
    assert ("s", theirs.pk) not in members and ("s", bobs.pk) not in members
    # Asking for another user's ids renders nothing: they become tombstones, never leak.
    assert render_tasks(alice, "s", [bobs.pk]) == {}


def test_a_step_reads_well_on_a_lock_screen_and_its_text_is_stable(alice, jane, step):
    uid, text = render_tasks(alice, "s", [step.pk])[step.pk]
    task = read_task(text)
    assert uid == task.uid == step_uid(step.pk)
    assert task.summary == "send the trail map — Jane Doe"
    assert task.due == date(2026, 11, 27) and task.status == "NEEDS-ACTION"
    assert f"/people/{jane.pk}/" in task.url and "Jane Doe" in task.description
    assert _text(alice, "s", step.pk) == text  # the same ETag until the step changes


def test_a_soft_promise_says_so_and_a_confidential_one_shows_nothing(alice, jane, now):
    promise = add_step(
        alice, jane, "call her back", due=date(2026, 12, 1), firm=False, source_sentence="I'll call you back."
    )
    task = read_task(_text(alice, "s", promise.pk))
    assert "soft date" in task.description and "I'll call you back." in task.description
    secret = Interaction.objects.create(
        owner=alice,
        kind="call",
        occurred_at=now,
        created_at=now,
        summary="about the merger",
        confidentiality="confidential",
    )
    hidden = add_step(
        alice, jane, "tell Ann about the merger", interaction=secret, source_sentence="I'll tell Ann about the merger."
    )
    text = _text(alice, "s", hidden.pk)
    assert "merger" not in text and "confidence" in read_task(text).summary


@pytest.mark.parametrize("fixture", ["ios_completed.ics", "tasksorg_completed.ics"])
def test_completing_on_the_phone_marks_it_done(alice, jane, fixture):
    step = add_step(alice, jane, "send the trail map", due=date(2026, 11, 27))
    before = _text(alice, "s", step.pk)
    after = (DATA / fixture).read_text().replace("goodwill-step-12@goodwill", step_uid(step.pk))
    assert apply_task(alice, "s", step.pk, before, after) == ("s", step.pk)
    step.refresh_from_db()
    assert step.status == StepStatus.DONE
    assert ("s", step.pk) not in set(task_members(alice))


def test_a_new_date_on_the_phone_renegotiates_and_keeps_the_old_one(alice, step):
    before = _text(alice, "s", step.pk)
    apply_task(alice, "s", step.pk, before, _edited(before, due=date(2026, 12, 4)))
    step.refresh_from_db()
    assert step.due_on == date(2026, 12, 4) and step.status == StepStatus.OPEN
    assert list(step.changes.values_list("field", "old", "new")) == [("due_on", "2026-11-27", "2026-12-04")]


def test_a_removed_date_leaves_the_date_and_an_untouched_date_does_not_undo_goodwills(alice, step):
    before = _text(alice, "s", step.pk)
    apply_task(alice, "s", step.pk, before, _edited(before, due=None))
    step.refresh_from_db()
    assert step.due_on == date(2026, 11, 27)
    # Goodwill moved it meanwhile; the phone edits only the words, with the old date still showing.
    NextStep.objects.filter(pk=step.pk).update(due_on=date(2026, 12, 10))
    apply_task(alice, "s", step.pk, before, _edited(before, summary="send the big trail map — Jane Doe"))
    step.refresh_from_db()
    assert (step.due_on, step.text) == (date(2026, 12, 10), "send the big trail map")


def test_cancelled_on_the_phone_drops_it(alice, step):
    before = _text(alice, "s", step.pk)
    apply_task(alice, "s", step.pk, before, _edited(before, status="CANCELLED"))
    step.refresh_from_db()
    assert step.status == StepStatus.DROPPED


def test_a_confidential_steps_words_are_never_taken_from_the_phone(alice, jane, now):
    secret = Interaction.objects.create(
        owner=alice, kind="call", occurred_at=now, created_at=now, summary="x", confidentiality="confidential"
    )
    hidden = add_step(alice, jane, "the real words", interaction=secret)
    before = _text(alice, "s", hidden.pk)
    apply_task(alice, "s", hidden.pk, before, _edited(before, summary="something else"))
    hidden.refresh_from_db()
    assert hidden.text == "the real words"


def test_a_new_task_naming_someone_becomes_their_step_with_the_phones_uid(alice, jane):
    kind, pk = apply_task(alice, None, None, None, (DATA / "ios_new_tzid.ics").read_text())
    assert kind == "t"  # the phone's address keeps showing it, now as Jane's step
    step = PhoneTask.objects.get(pk=pk).step
    assert (step.person, step.text, step.due_on, step.ball) == (
        jane,
        "Call Jane about the offsite",
        date(2026, 11, 30),
        "mine",
    )
    uid, text = render_tasks(alice, "t", [pk])[pk]
    assert uid == "6A1F3C1E-94B2-4C3B-9E0A-5A8D2E7F1B44"
    assert read_task(text).summary == "Call Jane about the offsite — Jane Doe"
    assert open_phone_tasks(alice) == [] and set(task_members(alice)) == {("t", pk)}
    # Completed on the phone at its own address: Jane's step is done.
    apply_task(alice, "t", pk, text, _edited(text, status=COMPLETED))
    step.refresh_from_db()
    assert step.status == StepStatus.DONE and set(task_members(alice)) == set()


def test_a_new_task_naming_nobody_asks_whom_it_is_for(alice, jane):
    kind, pk = apply_task(alice, None, None, None, (DATA / "jtx_new_nobody.ics").read_text())
    assert kind == "t"
    assert [t.pk for t in open_phone_tasks(alice)] == [pk]
    assert read_task(_text(alice, "t", pk)).summary == "Buy a gift for the team lunch"


def test_names_are_never_guessed_between_two(alice, jane, now):
    add_person(alice, PersonFields(name="Jane Roe"))
    will = add_person(alice, PersonFields(name="Will Smith"))
    assert person_named_in(alice, "Call Jane") is None  # two Janes
    assert person_named_in(alice, "Call Jane Doe tomorrow") == jane
    assert person_named_in(alice, "I will call the bank") is None  # a verb, not a name
    assert person_named_in(alice, "Lunch with Will") == will
    assert person_named_in(alice, "Jane Doe and Will Smith") is None


def test_another_users_people_are_never_named(alice, bob, now):
    add_person(bob, PersonFields(name="Zed Zulu"))
    assert person_named_in(alice, "Call Zed Zulu") is None


def test_a_phone_task_edited_to_name_someone_becomes_their_step(alice, jane, now):
    _, pk = apply_task(alice, None, None, None, (DATA / "jtx_new_nobody.ics").read_text())
    before = _text(alice, "t", pk)
    assert apply_task(alice, "t", pk, before, _edited(before, summary="Buy a gift for Jane Doe")) == ("t", pk)
    assert PhoneTask.objects.get(pk=pk).step.person == jane


def test_assigning_and_dismissing_a_phone_task(alice, bob, jane, now):
    gift = PhoneTask.objects.create(owner=alice, uid="g", text="buy a gift", due_on=date(2026, 12, 1), created_at=now)
    other = PhoneTask.objects.create(owner=alice, uid="h", text="water plants", created_at=now)
    with pytest.raises(NotFound):
        assign_phone_task(bob, gift, add_person(bob, PersonFields(name="Bo")))
    with pytest.raises(NotFound):
        assign_phone_task(alice, gift, add_person(bob, PersonFields(name="Bob's Jane")))
    step = assign_phone_task(alice, gift, jane)
    assert (step.person, step.text, step.due_on) == (jane, "buy a gift", date(2026, 12, 1))
    assert set(task_members(alice)) == {("t", gift.pk), ("t", other.pk)}  # the same address on the phone
    uid, text = render_tasks(alice, "t", [gift.pk])[gift.pk]
    assert uid == "g" and read_task(text).summary == "buy a gift — Jane Doe"  # the phone keeps its own UID
    with pytest.raises(InvalidInput):
        assign_phone_task(alice, gift, jane)
    with pytest.raises(NotFound):
        dismiss_phone_task(bob, other)
    dismiss_phone_task(alice, other)
    assert open_phone_tasks(alice) == []


def test_deleting_on_the_phone(alice, bob, jane, step, now):
    loose = PhoneTask.objects.create(owner=alice, uid="x", text="buy a gift", created_at=now)
    with pytest.raises(NotFound):
        remove_task(bob, "s", step.pk)
    remove_task(alice, "s", step.pk)
    remove_task(alice, "t", loose.pk)
    step.refresh_from_db()
    loose.refresh_from_db()
    assert step.status == StepStatus.DROPPED and loose.closed_at is not None


def test_another_users_step_is_never_touched(alice, bob, step):
    before = _text(alice, "s", step.pk)
    with pytest.raises(NotFound):
        apply_task(bob, "s", step.pk, before, _edited(before, status=COMPLETED))
    step.refresh_from_db()
    assert step.status == StepStatus.OPEN


def test_what_is_not_a_task_is_one_clear_error(alice, step):
    with pytest.raises(InvalidInput, match="could not be read"):
        apply_task(alice, "s", step.pk, None, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")


def test_deleting_a_placed_phone_task_drops_its_step(alice, jane, now):
    gift = PhoneTask.objects.create(owner=alice, uid="g", text="buy a gift", created_at=now)
    step = assign_phone_task(alice, gift, jane)
    remove_task(alice, "t", gift.pk)
    step.refresh_from_db()
    assert step.status == StepStatus.DROPPED and set(task_members(alice)) == set()
