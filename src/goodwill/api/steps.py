"""Next steps and promises, both ways: list, add, and close them (done, dropped,
kept, released, broken), or agree a new date. A promise is a step with the
sentence it was found in."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Day, Id, Input, Limit, Moment, Offset
from goodwill.api.interactions import BallName, FoundPromise, found_out
from goodwill.api.people import get_person
from goodwill.api.shapes import StepOut, step_out

router = Router(tags=["steps and promises"])


class StepFilters(Schema):
    whose: Literal["mine", "theirs", "all"] = Field("all", description="mine includes steps we both agreed on")
    status: Literal["open", "done", "dropped", "released", "broken", "all"] = "open"
    overdue: bool = Field(False, description="Only those past their date")
    person_id: Id | None = None
    promises_only: bool = Field(False, description="Only promises found in what was said")
    limit: Limit = 50
    offset: Offset = 0


class StepPage(Schema):
    count: int
    items: list[StepOut]


class StepCreate(Input):
    person_id: Id
    text: Annotated[str, Chars(500, min_length=1)]
    due: Day | None = None
    firm: bool = True
    ball: BallName = "mine"


class NewDate(Input):
    due: Day
    firm: bool = True


class FindIn(Input):
    text: Annotated[str, Chars(20_000, min_length=1)]
    person_ids: list[Id] = Field(
        default_factory=list,
        max_length=20,
        description='Who it was with: names the other side, and sets what "soon" means',
    )
    direction: Literal["outbound", "inbound"] = Field("outbound", description="inbound: they wrote the text")
    when: Moment | None = Field(None, description="When it was said (default now)")


class KeepingLine(Schema):
    label: str
    due: int
    kept_on_time: int
    kept_late: int
    broken: int
    open_overdue: int
    share_on_time: float | None


class KeepingRecord(Schema):
    overall: KeepingLine
    by_month: list[KeepingLine]
    by_person: list[KeepingLine]


def _step(owner, step_id: int):
    from goodwill.models import NextStep

    return NextStep.objects.select_related("person").get_owned(owner, step_id)


def _answer(step):
    from goodwill import clock

    return step_out(step, clock.today())


@router.get("steps", response={200: StepPage, **ERRORS}, summary="Steps and promises, both ways")
def list_steps(request, filters: Query[StepFilters]):
    """Soonest first; steps with no date come last."""
    from django.db.models import F

    from goodwill import clock
    from goodwill.queries.promises import promises

    owner = request.auth
    today = clock.today()
    person = get_person(owner, filters.person_id) if filters.person_id else None
    rows = promises(owner, today, whose=filters.whose, overdue=filters.overdue, person=person, status=filters.status)
    if filters.promises_only:
        rows = rows.exclude(source_sentence="")
    rows = rows.order_by(F("due_on").asc(nulls_last=True), "id")
    page = list(rows[filters.offset : filters.offset + filters.limit])
    return {"count": rows.count(), "items": [step_out(s, today) for s in page]}


@router.post("steps", response={201: StepOut, **ERRORS}, summary="Add a next step")
def create_step(request, payload: StepCreate):
    """A step without logging an encounter, as `goodwill next`."""
    from goodwill.services.steps import add_step

    owner = request.auth
    person = get_person(owner, payload.person_id, include_archived=False)
    step = add_step(owner, person, payload.text, due=payload.due, firm=payload.firm, ball=payload.ball)
    return Status(201, _answer(step))


@router.get("steps/{step_id}", response={200: StepOut, **ERRORS}, summary="One step or promise")
def read_step(request, step_id: Id):
    return _answer(_step(request.auth, step_id))


@router.post("steps/{step_id}/done", response={200: StepOut, **ERRORS}, summary="Done (a promise: kept)")
def done(request, step_id: Id):
    from goodwill.services.steps import complete_step

    return _answer(complete_step(request.auth, _step(request.auth, step_id)))


@router.post("steps/{step_id}/drop", response={200: StepOut, **ERRORS}, summary="Drop a step that no longer applies")
def drop(request, step_id: Id):
    from goodwill.services.steps import drop_step

    return _answer(drop_step(request.auth, _step(request.auth, step_id)))


@router.post("steps/{step_id}/release", response={200: StepOut, **ERRORS}, summary="The other side let me off")
def release(request, step_id: Id):
    """Released promises do not count against the keeping record."""
    from goodwill.services.promises import release as release_step

    return _answer(release_step(request.auth, _step(request.auth, step_id)))


@router.post("steps/{step_id}/broken", response={200: StepOut, **ERRORS}, summary="Past due and abandoned")
def broken(request, step_id: Id):
    from goodwill.services.promises import mark_broken

    return _answer(mark_broken(request.auth, _step(request.auth, step_id)))


@router.post(
    "steps/{step_id}/reopen", response={200: StepOut, **ERRORS}, summary="Undo done, dropped, kept, released or broken"
)
def reopen(request, step_id: Id):
    """The step is open again exactly as it was before it was closed; the undo is kept in its history."""
    from goodwill.services.steps import reopen_step

    return _answer(reopen_step(request.auth, _step(request.auth, step_id)))


@router.post("steps/{step_id}/renegotiate", response={200: StepOut, **ERRORS}, summary="Agree a new date")
def renegotiate(request, step_id: Id, payload: NewDate):
    """The old date stays in the step's history and counts in `renegotiations`."""
    from goodwill.services.promises import renegotiate as renegotiate_step

    return _answer(renegotiate_step(request.auth, _step(request.auth, step_id), payload.due, firm=payload.firm))


@router.get("promises/stats", response={200: KeepingRecord, **ERRORS}, summary="My keeping record")
def stats(request):
    """My dated promises that came due: the share kept on time, per month and per person."""
    from dataclasses import asdict

    from goodwill import clock
    from goodwill.queries.promises import keeping_record

    record = keeping_record(request.auth, clock.today())

    def line(item) -> dict:
        return {**asdict(item), "share_on_time": item.share_on_time}

    return {
        "overall": line(record.overall),
        "by_month": [line(x) for x in record.by_month],
        "by_person": [line(x) for x in record.by_person],
    }


@router.post("promises/find", response={200: list[FoundPromise], **ERRORS}, summary="Find promises in a text")
def find(request, payload: FindIn):
    """What the promise finder sees in a note or email, as steps to confirm. Writes nothing."""
    from goodwill.services.promises import suggest_promises

    owner = request.auth
    people = [get_person(owner, pid) for pid in dict.fromkeys(payload.person_ids)]
    found = suggest_promises(text=payload.text, people=people, when=payload.when, direction=payload.direction)
    return [found_out(f) for f in found]
