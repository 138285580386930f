"""Promises: finding them in what was said, and their lifecycle (kept,
renegotiated, released, broken). A promise is a next step with a source sentence."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from goodwill import clock
from goodwill.habits.promises import FoundPromise, find_promises
from goodwill.models import Ball, Direction, NextStep, Person, StepStatus
from goodwill.services.interactions import StepRequest
from goodwill.services.steps import close_step, reschedule_step

BALL_OF_OWNER = {"me": Ball.MINE, "them": Ball.THEIRS, "both": Ball.BOTH}


def vague_days_for(people: list[Person]) -> int:
    """ "Soon" means about half a rhythm: sooner for the inner circle, never past a month."""
    cadence = min((p.rhythm_days for p in people), default=90)
    return max(3, min(cadence // 2, 30))


def suggest_promises(
    *, text: str, people: list[Person], when: datetime | None = None, direction: str = Direction.OUTBOUND
) -> list[StepRequest]:
    """The promises in a note or email, as next steps to confirm. Writes nothing."""
    base = (when or clock.now()).astimezone(clock.local_zone()).date()
    vague_days = vague_days_for(people)
    found = find_promises(
        text,
        base=base,
        counterparts=[p.name for p in people],
        vague_days=vague_days,
        direction=direction,
    )
    return [as_step_request(promise, base + timedelta(days=vague_days)) for promise in found]


def as_step_request(promise: FoundPromise, soft_day: date) -> StepRequest:
    """A promise with no timing at all still needs a day to surface on: a soft one."""
    due = promise.due
    return StepRequest(
        text=promise.action,
        due=due.day if due else soft_day,
        firm=due.firm if due else False,
        ball=BALL_OF_OWNER[promise.owner],
        source_sentence=promise.sentence,
        why=promise.why,
    )


def keep(owner, step: NextStep) -> NextStep:
    return close_step(owner, step, StepStatus.DONE)


def release(owner, step: NextStep) -> NextStep:
    """The other side let me off: it does not count against my keeping record."""
    return close_step(owner, step, StepStatus.RELEASED)


def mark_broken(owner, step: NextStep) -> NextStep:
    return close_step(owner, step, StepStatus.BROKEN)


def renegotiate(owner, step: NextStep, due: date, *, firm: bool = True) -> NextStep:
    """A new date, agreed: the old one stays in the step's history and counts as a
    renegotiation, so the new date is today or later and differs from the old one."""
    from goodwill.errors import InvalidInput

    if due < clock.today():
        raise InvalidInput(f"{due:%Y-%m-%d} is in the past; an agreed new date is today or later")
    if step.due_on == due and step.due_firm == firm:
        raise InvalidInput(f"step #{step.pk} is already due {due:%Y-%m-%d}; nothing to change")
    return reschedule_step(owner, step, due, firm=firm)
