"""Key relationships and departures under /api/v1/firm (docs/firm.md): the same queries and
services as the web's /firm/accounts/, /firm/handover/ and /firm/departures/ and
`goodwill firm accounts|account|handover|handovers|depart`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Input

router = Router(tags=["firm"])


class AccountTieOut(Schema):
    colleague_id: int
    colleague: str = Field(description="The colleague's login")
    person_id: int = Field(description="The colleague's own person (theirs to open)")
    person: str
    title: str
    level: str = Field(description='The colleague\'s sharing level for this person, or "mine"')
    score: int = Field(description="The shared strength, 1..100 (confidential encounters never count)")
    why: str = Field(description="The score's parts, and when they last met if the level shares it")
    last_met: date | None = Field(description="Only when the sharing level allows it")
    falling: bool = Field(description="The shared score is below what it was a quarter ago")
    overdue: bool = Field(description="A touch is overdue by the person's rhythm")
    cold: bool = Field(description="Going cold: falling or overdue")
    warm: bool = Field(description="Shared score at least WARM (docs/firm.md)")


class AccountOut(Schema):
    id: int
    name: str
    kind: Literal["client", "target"]
    note: str
    marked_by: str
    colleagues: int = Field(description="How many colleagues know someone there")
    strongest: AccountTieOut | None
    cold: int = Field(description="How many ties are going cold")
    warm_colleagues: int
    single_threaded: bool = Field(description="Exactly one colleague holds a warm tie")
    ties: list[AccountTieOut] = Field(description="Strongest first (empty in the list of accounts)")


class MarkIn(Input):
    name: Annotated[str, Chars(200, min_length=1)]
    kind: Literal["client", "target"] = "client"
    note: Annotated[str, Chars(500)] = ""


class HandoverOut(Schema):
    id: int
    leaver: str
    recipient: str
    person: str
    account: str
    note: str
    by: str
    created_at: datetime
    to_person_id: int | None = Field(description="The recipient's person, shown to the recipient only")


class HandoverIn(Input):
    to: Annotated[str, Chars(150, min_length=1)] = Field(description="The recipient's login")
    person_ids: list[Id] = Field(min_length=1, max_length=500, description="The leaver's people to hand over")
    note: Annotated[str, Chars(1000, min_length=1)]
    leaver: Annotated[str, Chars(150)] = Field("", description="An admin's pick; blank is the caller")


class DepartureIn(Input):
    login: Annotated[str, Chars(150, min_length=1)]


class DepartureOut(Schema):
    login: str
    departed_at: datetime


def _tie(t) -> dict:
    return {name: getattr(t, name) for name in AccountTieOut.model_fields}


def _account(view, *, ties: bool) -> dict:
    return {
        "id": view.id,
        "name": view.name,
        "kind": view.kind,
        "note": view.note,
        "marked_by": view.marked_by,
        "colleagues": view.colleagues,
        "strongest": _tie(view.strongest) if view.strongest else None,
        "cold": view.cold,
        "warm_colleagues": view.warm_colleagues,
        "single_threaded": view.single_threaded,
        "ties": [_tie(t) for t in view.ties] if ties else [],
    }


def _in_firm(user) -> None:
    from goodwill.errors import NotFound
    from goodwill.queries.firm_access import in_firm

    if not in_firm(user):
        raise NotFound("not a member of this firm", thing="page")


@router.get("/accounts", response={200: list[AccountOut], **ERRORS}, summary="Key accounts (partners)")
def list_accounts(request):
    from goodwill import clock
    from goodwill.queries.firm_accounts import overview

    return [_account(v, ties=False) for v in overview(request.auth, clock.today())]


@router.post("/accounts", response={201: AccountOut, **ERRORS}, summary="Mark a key client or target (partners)")
def mark_account(request, payload: MarkIn):
    from goodwill import clock
    from goodwill.queries.firm_accounts import account
    from goodwill.services.firm_accounts import mark

    made = mark(request.auth, payload.name, payload.kind, payload.note)
    return Status(201, _account(account(request.auth, made.pk, clock.today()), ties=True))


@router.get("/accounts/{account_id}", response={200: AccountOut, **ERRORS}, summary="Who knows whom there")
def get_account(request, account_id: Id):
    from goodwill import clock
    from goodwill.queries.firm_accounts import account

    return _account(account(request.auth, account_id, clock.today()), ties=True)


@router.delete("/accounts/{account_id}", response={204: None, **ERRORS}, summary="No longer a key account")
def remove_account(request, account_id: Id):
    from goodwill.services.firm_accounts import unmark

    unmark(request.auth, account_id)
    return Status(204, None)


@router.get("/handovers", response={200: list[HandoverOut], **ERRORS}, summary="Handovers I gave or received")
def list_handovers(request):
    """All of them for an admin."""
    from goodwill.queries.firm_accounts import handovers

    _in_firm(request.auth)
    return [_handover(h) for h in handovers(request.auth)]


@router.post("/handovers", response={201: list[HandoverOut], **ERRORS}, summary="Hand over relationships")
def hand_over(request, payload: HandoverIn):
    """The leaver themself, or an admin for anyone: the card and a note move, nothing confidential."""
    from goodwill.queries.firm_accounts import handovers, leaver_named, login_of
    from goodwill.services.firm_departures import hand_over as hand

    _in_firm(request.auth)
    leaver = leaver_named(request.auth, payload.leaver)
    done = hand(request.auth, leaver, login_of(payload.to), payload.person_ids, payload.note)
    made = {h.pk for h in done}
    return Status(201, [_handover(h) for h in handovers(request.auth) if h.id in made])


@router.post("/departures", response={201: DepartureOut, **ERRORS}, summary="Record a departure (admins)")
def record_departure(request, payload: DepartureIn):
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_accounts import login_of
    from goodwill.services.firm_departures import depart

    require_admin(request.auth)
    member = depart(request.auth, login_of(payload.login))
    return Status(201, {"login": member.user.username, "departed_at": member.departed_at})


def _handover(h) -> dict:
    return {name: getattr(h, name) for name in HandoverOut.model_fields}
