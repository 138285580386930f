"""Circles and their rhythms (GET /circles, PATCH /circles/{name}): what `goodwill circles` and
`goodwill circles set` do and Settings shows, over queries.circles and services.people."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import CadenceDays, Chars, Input

router = Router(tags=["circles"])


class CircleOut(Schema):
    id: int
    name: str
    ideal_days: int = Field(description="A touch every this many days")
    max_days: int = Field(description="Overdue after this many")
    people: int = Field(description="Active people in the circle")


class CadenceIn(Input):
    cadence_days: CadenceDays = Field(description="The circle's new cadence; everyone in it is rescheduled")


@router.get("circles", response={200: list[CircleOut], **ERRORS}, summary="Circles and their rhythms")
def circles(request):
    from goodwill.queries.circles import circles as read

    return read(request.auth)


@router.patch("circles/{name}", response={200: CircleOut, **ERRORS}, summary="Change a circle's cadence")
def set_cadence(request, name: Annotated[str, Chars(40)], payload: CadenceIn):
    """As `goodwill circles set NAME CADENCE`: the circle's rhythm changes and everyone on it
    is rescheduled (people with a personal cadence keep theirs)."""
    from goodwill.queries.circles import circles as read
    from goodwill.services.people import set_circle_cadence

    changed = set_circle_cadence(request.auth, name, payload.cadence_days)
    return next(c for c in read(request.auth) if c.id == changed.pk)
