"""Next steps: add, complete, drop, and change their dates, with their history kept."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import Ball, Interaction, NextStep, Person, StepChange, StepStatus


def get_step(owner, step_id: int | str) -> NextStep:
    text = str(step_id).strip().lstrip("#")
    if not text.isdecimal():
        raise InvalidInput(f'"{step_id}" is not a step id', code="step-id")
    return NextStep.objects.select_related("person").get_owned(owner, text)


def _clean_text(text: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InvalidInput('a next step needs words, e.g. "send her the article"', code="step-words")
    if len(cleaned) > 500:
        raise InvalidInput("a next step is at most 500 characters; put the detail in the note")
    return cleaned


# The rule for a step's words, for services that write them (services.dav_tasks: the phone's edits).
clean_text = _clean_text


def add_step(
    owner,
    person: Person,
    text: str,
    *,
    due: date | None = None,
    firm: bool = True,
    ball: str = Ball.MINE,
    interaction: Interaction | None = None,
    source_sentence: str = "",
) -> NextStep:
    if ball not in Ball.values:
        raise InvalidInput(f'"{ball}" is not whose ball it is; use one of: {", ".join(Ball.values)}')
    return NextStep.objects.create(
        owner=owner,
        person=person,
        interaction=interaction,
        text=_clean_text(text),
        ball=ball,
        due_on=due,
        due_firm=firm if due else True,
        source_sentence=source_sentence,
        created_at=clock.now(),
    )


def _record(owner, step: NextStep, field: str, old, new) -> None:
    StepChange.objects.create(
        owner=owner, step=step, changed_at=clock.now(), field=field, old=str(old or ""), new=str(new or "")
    )


@transaction.atomic
def close_step(owner, step: NextStep, status: str) -> NextStep:
    """Mark a step done or dropped; closing a closed step is an error, not a silent no-op."""
    if step.status != StepStatus.OPEN:
        raise InvalidInput(f"step #{step.pk} is already {step.status}; nothing to change")
    _record(owner, step, "status", step.status, status)
    step.status = status
    step.closed_at = clock.now()
    step.save(update_fields=["status", "closed_at"])
    return step


@transaction.atomic
def close_steps(owner, step_ids: list[str], status: str) -> list[NextStep]:
    """All or nothing: a typo in the third id leaves the first two open."""
    return [close_step(owner, get_step(owner, sid), status) for sid in step_ids]


def complete_step(owner, step: NextStep) -> NextStep:
    return close_step(owner, step, StepStatus.DONE)


def drop_step(owner, step: NextStep) -> NextStep:
    return close_step(owner, step, StepStatus.DROPPED)


@transaction.atomic
def reschedule_step(owner, step: NextStep, due: date, *, firm: bool = True) -> NextStep:
    if step.status != StepStatus.OPEN:
        raise InvalidInput(f"step #{step.pk} is {step.status}; only open steps get a new date")
    _record(owner, step, "due_on", step.due_on, due)
    step.due_on, step.due_firm = due, firm
    step.save(update_fields=["due_on", "due_firm"])
    return step


@transaction.atomic
def reopen_step(owner, step: NextStep) -> NextStep:
    """Undo a close (done, dropped, kept, released, broken): the step is as it was before,
    open with its text, due date and ball; the undo is recorded in its history too."""
    step.check_owner(owner)
    if step.status == StepStatus.OPEN:
        raise InvalidInput(f"step #{step.pk} is open; there is nothing to undo")
    closing = step.changes.filter(field="status", new=step.status).order_by("-changed_at", "-id").first()
    previous = closing.old if closing is not None and closing.old in StepStatus.values else StepStatus.OPEN
    _record(owner, step, "status", step.status, previous)
    step.status = previous
    step.closed_at = None if previous == StepStatus.OPEN else step.closed_at
    step.save(update_fields=["status", "closed_at"])
    return step


def reopen_steps(owner, step_ids: list[str]) -> list[NextStep]:
    """All or nothing, as `close_steps`."""
    with transaction.atomic():
        return [reopen_step(owner, get_step(owner, sid)) for sid in step_ids]
