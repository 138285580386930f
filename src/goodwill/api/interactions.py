"""Encounters: log one (always with its next step, or an explicit none), and list a person's."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Day, Id, Input, Limit, Moment
from goodwill.api.people import get_person
from goodwill.api.privacy import interaction_out
from goodwill.api.shapes import InteractionOut, StepOut, step_out
from goodwill.habits import kinds

router = Router(tags=["interactions"])

BallName = Literal["mine", "theirs", "both"]


class StepIn(Input):
    text: Annotated[str, Chars(500, min_length=1)]
    due: Day | None = None
    firm: bool = Field(True, description="False for a soft date: a reminder, not a deadline")
    ball: BallName = "mine"


class FoundPromise(Schema):
    text: str
    due: date | None
    firm: bool
    ball: str
    source_sentence: str
    why: str = Field("", description="The words that made it a promise and whose: \"your side: 'My assistant will'\"")


class LogIn(Input):
    kind: Annotated[str, Chars(30, min_length=1)] = Field(
        description=f"The kind: {kinds.help_text()}; the everyday word is kept as kind_label"
    )
    person_ids: list[Id] = Field(min_length=1, max_length=20, description="Everyone who was there")
    summary: Annotated[str, Chars(10_000, min_length=1)] = Field(description="What happened, in a few words")
    body: Annotated[str, Chars(100_000)] = ""
    direction: Literal["outbound", "inbound"] = "outbound"
    when: Moment | None = Field(None, description="When it happened (default now); not in the future")
    confidentiality: Literal["shareable", "private", "confidential"] = "private"
    awaiting_reply: bool = Field(False, description="An inbound call, email or message that awaits my answer")
    next_steps: list[StepIn] = Field(
        max_length=10,
        description="Every encounter ends with its next step: give at least one, or [] to say explicitly there is none",
    )
    promises: Literal["suggest", "record", "ignore"] = Field(
        "suggest",
        description="Promises found in the note: `suggest` returns them unrecorded in promises_found, "
        "`record` adds them as steps, `ignore` does not look",
    )


class LogOut(Schema):
    interaction: InteractionOut
    steps: list[StepOut]
    replies_closed: int
    promises_found: list[FoundPromise] = Field(
        description="Promises seen in the note and not recorded (promises=suggest)"
    )


class ConfirmIn(Input):
    numbers: list[int] = Field(
        default_factory=list,
        max_length=20,
        description="Only these promises, numbered from 1 in the order promises_found lists them; [] for all",
    )


class ConfirmOut(Schema):
    steps: list[StepOut] = Field(description="The promises recorded now, as next steps of the encounter")
    already_recorded: int = Field(description="Promises chosen that were recorded before: never recorded twice")


class InteractionPage(Schema):
    count: int
    items: list[InteractionOut]


class ListParams(Schema):
    limit: Limit = 50
    offset: int = Field(0, ge=0, le=10_000_000)


def found_out(request) -> dict:
    return {
        "text": request.text,
        "due": request.due,
        "firm": request.firm,
        "ball": request.ball,
        "source_sentence": request.source_sentence,
        "why": request.why,
    }


@router.post("interactions", response={201: LogOut, **ERRORS}, summary="Log an encounter and its next step")
def log(request, payload: LogIn):
    """The same use case as `goodwill log`: touches reset the rhythm, an outbound answer
    closes the replies owed, and the next steps are recorded with the encounter."""
    from goodwill import clock
    from goodwill.services.encounters import encounter_request, promises_in_note
    from goodwill.services.interactions import StepRequest, log_interaction

    owner = request.auth
    ids = list(dict.fromkeys(payload.person_ids))  # the same person twice is one participant
    people = [get_person(owner, pid, include_archived=False) for pid in ids]
    steps = [StepRequest(text=s.text, due=s.due, firm=s.firm, ball=s.ball) for s in payload.next_steps]
    found = []
    if payload.promises != "ignore":
        found = promises_in_note(payload.summary, payload.body, people, payload.when, payload.direction)
    # next_steps [] is the API's explicit "no next step" (skip_next).
    result = log_interaction(
        owner,
        encounter_request(
            kind=payload.kind,
            people=people,
            summary=payload.summary,
            body=payload.body,
            direction=payload.direction,
            when=payload.when,
            confidentiality=payload.confidentiality,
            awaiting_reply=payload.awaiting_reply,
            next_steps=steps,
            promises=found if payload.promises == "record" else [],
            skip_next=True,
        ),
    )
    today = clock.today()
    return Status(
        201,
        {
            "interaction": interaction_out(result.interaction),
            "steps": [step_out(s, today, renegotiations=0) for s in result.steps],
            "replies_closed": result.replies_closed,
            "promises_found": [found_out(f) for f in found] if payload.promises == "suggest" else [],
        },
    )


@router.post(
    "interactions/{interaction_id}/promises",
    response={201: ConfirmOut, **ERRORS},
    summary="Record the promises found in a logged encounter's note",
)
def confirm_promises(request, interaction_id: Id, payload: ConfirmIn):
    """The promises a log with promises=suggest returned unrecorded, recorded later
    without logging the encounter again (as `goodwill promises confirm`)."""
    from goodwill import clock
    from goodwill.services.interactions import confirm_promises as confirm
    from goodwill.services.interactions import get_interaction

    owner = request.auth
    created, already = confirm(owner, get_interaction(owner, interaction_id), payload.numbers or None)
    today = clock.today()
    return Status(201, {"steps": [step_out(s, today, renegotiations=0) for s in created], "already_recorded": already})


@router.get(
    "people/{person_id}/interactions",
    response={200: InteractionPage, **ERRORS},
    summary="A person's encounters, newest first",
)
def person_interactions(request, person_id: Id, params: Query[ListParams]):
    """Confidential encounters are listed with their summary and body withheld."""
    from goodwill.models import Interaction

    owner = request.auth
    person = get_person(owner, person_id)
    rows = Interaction.objects.filter(owner=owner, participants=person).order_by("-occurred_at", "-id")
    page = list(rows.prefetch_related("participants")[params.offset : params.offset + params.limit])
    return {"count": rows.count(), "items": [interaction_out(i) for i in page]}
