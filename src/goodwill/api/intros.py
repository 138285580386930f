"""Introductions by double opt-in: propose (ask A), record each answer, then the outcome."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Day, Id, Input
from goodwill.api.people import get_person
from goodwill.api.shapes import PersonRef

router = Router(tags=["introductions"])

StatusName = Literal["proposed", "asked_a", "asked_b", "introduced", "declined", "met", "business", "nothing"]


class IntroOut(Schema):
    id: int
    status: str
    status_label: str
    person_a: PersonRef = Field(description="Asked first")
    person_b: PersonRef
    why: str
    created_on: date
    follow_up_on: date | None
    next: str = Field(description='What is waiting, e.g. "waiting for Jane\'s answer"')
    declined_by: str
    outcome_note: str
    draft: str = Field(description="The message for the current step (shareable facts only); empty when none")


class Column(Schema):
    status: str
    label: str
    items: list[IntroOut]


class BoardParams(Schema):
    status: StatusName | None = None
    person_id: Id | None = None


class ProposeIn(Input):
    person_a_id: Id = Field(description="Who to ask first")
    person_b_id: Id
    why: Annotated[str, Chars(2000, min_length=1)] = Field(description="Why they should meet, in your words")


class AnswerIn(Input):
    side: Literal["a", "b"]
    answer: Literal["yes", "no"]


class OutcomeIn(Input):
    outcome: Literal["met", "business", "nothing"]
    note: Annotated[str, Chars(500)] = ""


class LaterIn(Input):
    follow_up_on: Day


class SuggestParams(Schema):
    person_id: Id | None = Field(None, description="Only this person's needs")
    limit: int = Field(10, ge=1, le=50)


class Suggestion(Schema):
    needs: PersonRef
    need: str
    offers: PersonRef
    offer: str
    score: float
    reason: str


def intro_out(intro) -> dict:
    from goodwill.queries.intros import WAITING
    from goodwill.services.intros import draft_for

    names = {"a": intro.person_a.name, "b": intro.person_b.name}
    return {
        "id": intro.pk,
        "status": intro.status,
        "status_label": intro.get_status_display(),
        "person_a": {"id": intro.person_a_id, "name": names["a"]},
        "person_b": {"id": intro.person_b_id, "name": names["b"]},
        "why": intro.why,
        "created_on": intro.created_at.date(),
        "follow_up_on": intro.follow_up_on,
        "next": WAITING.get(intro.status, "").format(**names),
        "declined_by": intro.declined_by,
        "outcome_note": intro.outcome_note,
        "draft": draft_for(intro),
    }


def _intro(owner, intro_id: int):
    from goodwill.models import Introduction

    return Introduction.objects.select_related("person_a__organization", "person_b__organization").get_owned(
        owner, intro_id
    )


@router.get("", response={200: list[Column], **ERRORS}, summary="The introductions board, by status")
def board(request, params: Query[BoardParams]):
    """Columns in the order of the double opt-in: asked A, asked B, introduced, met, business, nothing, declined."""
    from django.db.models import Q

    from goodwill.models import Introduction
    from goodwill.queries.intros import BOARD_ORDER

    owner = request.auth
    rows = (
        Introduction.objects.filter(owner=owner)
        .select_related("person_a__organization", "person_b__organization")
        .order_by("-updated_at", "-id")
    )
    if params.status:
        rows = rows.filter(status=params.status)
    if params.person_id:
        person = get_person(owner, params.person_id)
        rows = rows.filter(Q(person_a=person) | Q(person_b=person))
    columns: dict[str, list] = {s: [] for s in BOARD_ORDER}
    labels = dict(Introduction.STATUSES)
    for intro in rows:
        columns[intro.status].append(intro_out(intro))
    return [{"status": s, "label": labels[s], "items": items} for s, items in columns.items() if items]


@router.post("", response={201: IntroOut, **ERRORS}, summary="Propose an introduction (ask A first)")
def propose(request, payload: ProposeIn):
    from goodwill.services.intros import propose_intro

    owner = request.auth
    a, b = get_person(owner, payload.person_a_id), get_person(owner, payload.person_b_id)
    intro = propose_intro(owner, a, b, payload.why)
    return Status(201, intro_out(_intro(owner, intro.pk)))


@router.get("/follow-ups", response={200: list[IntroOut], **ERRORS}, summary="Introductions to follow up today")
def follow_ups(request):
    from goodwill import clock
    from goodwill.models import Introduction

    rows = (
        Introduction.objects.filter(
            owner=request.auth, follow_up_on__lte=clock.today(), status__in=Introduction.OPEN_STATUSES + ("met",)
        )
        .select_related("person_a__organization", "person_b__organization")
        .order_by("follow_up_on", "id")
    )
    return [intro_out(i) for i in rows]


@router.get("/suggestions", response={200: list[Suggestion], **ERRORS}, summary="Pairs worth introducing")
def suggestions(request, params: Query[SuggestParams]):
    """One person's open need matched to another's offer, best first; confidential entries never count."""
    from goodwill import clock
    from goodwill.queries.intros import suggest_pairs

    owner = request.auth
    person = get_person(owner, params.person_id) if params.person_id else None
    pairs = suggest_pairs(owner, limit=params.limit, person=person, today=clock.today())
    return [
        {
            "needs": {"id": s.needs_id, "name": s.needs_name},
            "need": s.need,
            "offers": {"id": s.offers_id, "name": s.offers_name},
            "offer": s.offer,
            "score": s.score,
            "reason": s.reason,
        }
        for s in pairs
    ]


@router.get("/{intro_id}", response={200: IntroOut, **ERRORS}, summary="One introduction and its current draft")
def read(request, intro_id: Id):
    return intro_out(_intro(request.auth, intro_id))


@router.post("/{intro_id}/answer", response={200: IntroOut, **ERRORS}, summary="Record A's, then B's, answer")
def answer(request, intro_id: Id, payload: AnswerIn):
    """A yes from A moves on to asking B; a yes from B introduces both (and records it in the ledger)."""
    from goodwill.services.intros import record_answer

    owner = request.auth
    intro = record_answer(owner, _intro(owner, intro_id), payload.side, payload.answer)
    return intro_out(_intro(owner, intro.pk))


@router.post("/{intro_id}/outcome", response={200: IntroOut, **ERRORS}, summary="How it went")
def outcome(request, intro_id: Id, payload: OutcomeIn):
    from goodwill.services.intros import record_outcome

    owner = request.auth
    intro = record_outcome(owner, _intro(owner, intro_id), payload.outcome, payload.note)
    return intro_out(_intro(owner, intro.pk))


@router.post("/{intro_id}/later", response={200: IntroOut, **ERRORS}, summary="Follow up on another day")
def later(request, intro_id: Id, payload: LaterIn):
    from goodwill.services.intros import postpone

    owner = request.auth
    intro = postpone(owner, _intro(owner, intro_id), payload.follow_up_on)
    return intro_out(_intro(owner, intro.pk))
