"""Logging encounters, and the replies they leave owed."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Ball, Confidentiality, Direction, Interaction, InteractionKind, NextStep, Person
from goodwill.models.choices import REPLYABLE_KINDS, TOUCH_KINDS
from goodwill.services import rhythm
from goodwill.services.steps import add_step


@dataclass
class StepRequest:
    text: str
    due: date | None = None
    firm: bool = True
    ball: str = Ball.MINE
    source_sentence: str = ""  # set when the step is a promise found in the note


@dataclass
class LogRequest:
    kind: str
    people: list[Person]
    summary: str
    body: str = ""
    direction: str = Direction.OUTBOUND
    when: datetime | None = None
    confidentiality: str = Confidentiality.PRIVATE
    awaiting_reply: bool = False
    # An outbound call, email or meeting answers what they were waiting on; passing something on does not.
    closes_replies: bool = True
    # Every encounter ends with its next step; an empty list is an explicit "none".
    next_steps: list[StepRequest] = field(default_factory=list)


@dataclass
class LogResult:
    interaction: Interaction
    steps: list[NextStep]
    replies_closed: int


def _validate(request: LogRequest) -> None:
    if request.kind not in InteractionKind.values:
        raise InvalidInput(f'"{request.kind}" is not a kind of interaction; use one of: {", ".join(InteractionKind.values)}')
    if request.direction not in Direction.values:
        raise InvalidInput(f'"{request.direction}" is not a direction; use inbound or outbound')
    if request.confidentiality not in Confidentiality.values:
        raise InvalidInput(
            f'"{request.confidentiality}" is not a confidentiality level; use one of: {", ".join(Confidentiality.values)}'
        )
    if not request.people:
        raise InvalidInput("an interaction needs at least one person")
    if not " ".join(request.summary.split()):
        raise InvalidInput('the note is empty; say in a few words what happened, e.g. "Talked about her move"')
    if request.awaiting_reply and (request.direction != Direction.INBOUND or request.kind not in REPLYABLE_KINDS):
        raise InvalidInput("only an inbound call, email or message can await a reply; add --inbound")
    if request.when and request.when > clock.now() + _grace():
        raise InvalidInput(f"{request.when:%Y-%m-%d %H:%M} is in the future; log encounters that happened")


def _grace():
    from datetime import timedelta

    return timedelta(minutes=5)


@transaction.atomic
def log_interaction(owner, request: LogRequest) -> LogResult:
    _validate(request)
    now = clock.now()
    when = request.when or now
    summary = " ".join(request.summary.split())
    interaction = Interaction.objects.create(
        owner=owner,
        kind=request.kind,
        direction=request.direction,
        occurred_at=when,
        summary=summary[:500],
        # A long note keeps every word: what does not fit the summary goes to the body.
        body=request.body or (summary if len(summary) > 500 else ""),
        confidentiality=request.confidentiality,
        awaiting_reply=request.awaiting_reply,
        created_at=now,
    )
    interaction.participants.set(request.people)
    replies_closed = 0
    for person in request.people:
        if request.kind in TOUCH_KINDS:
            rhythm.note_touch(person, when)
        if request.closes_replies and request.direction == Direction.OUTBOUND and request.kind in REPLYABLE_KINDS | {"meeting"}:
            # Calling or writing back answers whatever they were waiting on.
            replies_closed += _close_replies(owner, person, when)
    steps = [
        add_step(owner, person, step.text, due=step.due, firm=step.firm, ball=step.ball, interaction=interaction,
                 source_sentence=step.source_sentence)
        for step in request.next_steps
        for person in request.people
    ]
    return LogResult(interaction=interaction, steps=steps, replies_closed=replies_closed)


def replies_owed_to(owner, person: Person):
    return Interaction.objects.filter(
        owner=owner, participants=person, awaiting_reply=True, replied_at__isnull=True
    )


def _close_replies(owner, person: Person, when: datetime) -> int:
    return replies_owed_to(owner, person).filter(occurred_at__lte=when).update(replied_at=when)


@transaction.atomic
def mark_replied(owner, person: Person, when: datetime | None = None) -> int:
    """I answered: every reply owed to this person is closed."""
    count = _close_replies(owner, person, when or clock.now())
    if count == 0:
        raise NotFound(f"no reply owed to {person.name}; `goodwill today` lists the replies owed")
    return count
