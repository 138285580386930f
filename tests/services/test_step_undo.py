"""reopen_step: an undo that restores a closed step exactly, for its owner only."""

from datetime import date

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import NextStep
from goodwill.services.people import PersonFields, add_person
from goodwill.services.promises import keep, mark_broken, release
from goodwill.services.steps import add_step, complete_step, drop_step, reopen_step

FIELDS = ("status", "due_on", "due_firm", "text", "ball", "closed_at", "source_sentence")


@pytest.fixture
def step(alice, now):
    jane = add_person(alice, PersonFields(name="Jane Doe"))
    return add_step(
        alice,
        jane,
        "send the deck",
        due=date(2026, 11, 27),
        firm=False,
        ball="both",
        source_sentence="We'll send the deck by Friday",
    )


def _snapshot(step):
    return NextStep.objects.values(*FIELDS).get(pk=step.pk)


@pytest.mark.parametrize("close", [complete_step, drop_step, keep, release, mark_broken])
def test_every_close_can_be_undone_exactly(alice, step, close):
    before = _snapshot(step)
    close(alice, step)
    assert _snapshot(step) != before
    reopen_step(alice, NextStep.objects.get(pk=step.pk))
    assert _snapshot(step) == before


def test_an_open_step_has_nothing_to_undo(alice, step):
    with pytest.raises(InvalidInput, match="nothing to undo"):
        reopen_step(alice, step)


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_nobody_else_can_reopen_it(request, alice, step, who):
    complete_step(alice, step)
    with pytest.raises(NotFound):
        reopen_step(request.getfixturevalue(who), NextStep.objects.get(pk=step.pk))
    assert NextStep.objects.get(pk=step.pk).status == "done"


# renegotiate: the service behaviour behind `goodwill renegotiate ID WHEN` and POST /steps/{id}/renegotiate.


def test_a_renegotiated_date_is_today_or_later(alice, step):
    from goodwill.services.promises import renegotiate

    with pytest.raises(InvalidInput, match="2026-11-20 is in the past; an agreed new date is today or later"):
        renegotiate(alice, step, date(2026, 11, 20))
    assert renegotiate(alice, step, date(2026, 11, 23)).due_on == date(2026, 11, 23)


def test_renegotiating_to_the_same_date_is_not_counted(alice, step):
    from goodwill.models import StepChange
    from goodwill.services.promises import renegotiate

    with pytest.raises(InvalidInput, match="already due 2026-11-27; nothing to change"):
        renegotiate(alice, step, date(2026, 11, 27), firm=False)
    assert not StepChange.objects.filter(step=step).exists()
    renegotiate(alice, step, date(2026, 11, 27), firm=True)  # made firm: a real change
    assert StepChange.objects.filter(step=step, field="due_on").count() == 1
