"""Logging encounters, and the replies they leave owed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput, NotFound
from goodwill.habits import kinds
from goodwill.models import Ball, Confidentiality, Direction, Interaction, InteractionKind, NextStep, Person
from goodwill.models.choices import REPLYABLE_KINDS, TOUCH_KINDS
from goodwill.queries.owed import replies_owed_to
from goodwill.services import rhythm
from goodwill.services.steps import add_step


@dataclass
class StepRequest:
    text: str
    due: date | None = None
    firm: bool = True
    ball: str = Ball.MINE
    source_sentence: str = ""  # set when the step is a promise found in the note
    why: str = ""  # for a found promise: the words that made it one, and whose ("your side: 'I'll'")


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


def classify_kind(word: str) -> tuple[str, str]:
    """What the user wrote → (kind, the word kept as its label): "lunch" → ("meeting", "lunch")."""
    found = kinds.classify(word)
    if found is None or found[0] not in InteractionKind.values or len(found[1]) > kinds.MAX_LABEL:
        shown = word if len(word) <= 40 else word[:40] + "…"
        raise InvalidInput(f'"{shown}" is not a kind of interaction; use {kinds.help_text()}')
    return found


def _validate(request: LogRequest) -> str:
    """Check the request; its kind becomes one of the kinds, and the word the user wrote is returned."""
    request.kind, label = classify_kind(request.kind)
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
        raise InvalidInput("only an inbound call, email or message can await a reply", code="awaiting-inbound")
    if request.when and request.when > clock.now() + _grace():
        raise InvalidInput(f"{request.when:%Y-%m-%d %H:%M} is in the future; log encounters that happened")
    return label


def _grace():
    from datetime import timedelta

    return timedelta(minutes=5)


@transaction.atomic
def log_interaction(owner, request: LogRequest) -> LogResult:
    label = _validate(request)
    now = clock.now()
    when = request.when or now
    summary = " ".join(request.summary.split())
    interaction = Interaction.objects.create(
        owner=owner,
        kind=request.kind,
        kind_label=label,
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
        if (
            request.closes_replies
            and request.direction == Direction.OUTBOUND
            and request.kind in REPLYABLE_KINDS | {"meeting"}
        ):
            # Calling or writing back answers whatever they were waiting on.
            replies_closed += _close_replies(owner, person, when)
    steps = [
        add_step(
            owner,
            person,
            step.text,
            due=step.due,
            firm=step.firm,
            ball=step.ball,
            interaction=interaction,
            source_sentence=step.source_sentence,
        )
        for step in request.next_steps
        for person in request.people
    ]
    return LogResult(interaction=interaction, steps=steps, replies_closed=replies_closed)


def _close_replies(owner, person: Person, when: datetime) -> int:
    return replies_owed_to(owner, person).filter(occurred_at__lte=when).update(replied_at=when)


@transaction.atomic
def mark_replied(owner, person: Person, when: datetime | None = None) -> int:
    """I answered: every reply owed to this person is closed."""
    count = _close_replies(owner, person, when or clock.now())
    if count == 0:
        raise NotFound(f"no reply owed to {person.name}", code="reply-owed")
    return count


def get_interaction(owner, interaction_id: int | str) -> Interaction:
    text = str(interaction_id).strip().lstrip("#")
    if not text.isdecimal() or len(text) > 18:
        raise InvalidInput(f'"{interaction_id}" is not an interaction number', code="interaction-id")
    return Interaction.objects.get_owned(owner, text)


def promises_in(interaction: Interaction) -> list[StepRequest]:
    """The promises the finder sees in a logged encounter's note, as next steps to
    confirm, with due dates counted from the day it happened. Writes nothing."""
    from goodwill.services.promises import suggest_promises

    summary, body = interaction.summary, interaction.body
    # A long note's full text is its body, which starts with the (cut) summary.
    text = body if body.startswith(summary) else "\n".join(x for x in (summary, body) if x)
    return suggest_promises(
        text=text,
        people=list(interaction.participants.all()),
        when=interaction.occurred_at,
        direction=interaction.direction,
    )


@transaction.atomic
def confirm_promises(owner, interaction: Interaction, numbers: list[int] | None = None) -> tuple[list[NextStep], int]:
    """Record the promises found in an encounter's note (all, or those numbered as
    `promises_in` lists them, from 1) as its next steps → (new steps, already recorded).
    Confirming twice records nothing twice."""
    found = promises_in(interaction)
    if not found:
        raise NotFound(f"the note of interaction {interaction.pk} holds no promises the finder can see")
    for number in numbers or []:
        if not 1 <= number <= len(found):
            raise InvalidInput(
                f"interaction {interaction.pk} has {len(found)} promise(s); {number} is not one of 1 to {len(found)}"
            )
    chosen = [found[n - 1] for n in dict.fromkeys(numbers)] if numbers else found
    recorded = set(
        NextStep.objects.filter(owner=owner, interaction=interaction).values_list(
            "person_id", "ball", "source_sentence", "text"
        )
    )
    created, already = [], 0
    for request in chosen:
        for person in interaction.participants.all():
            key = (person.pk, request.ball, request.source_sentence, " ".join(request.text.split()))
            if key in recorded:
                already += 1
                continue
            created.append(
                add_step(
                    owner,
                    person,
                    request.text,
                    due=request.due,
                    firm=request.firm,
                    ball=request.ball,
                    interaction=interaction,
                    source_sentence=request.source_sentence,
                )
            )
            recorded.add(key)
    return created, already
