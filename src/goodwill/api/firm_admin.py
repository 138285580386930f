"""The firm's admin endpoints under /api/v1/firm (docs/firm.md): what colleagues see of my
contacts (everyone, for their own network), members and teams (admins). Each acts for
request.auth; the services and queries are the CLI's and the web's."""

from __future__ import annotations

from typing import Annotated

from ninja import Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Input

router = Router(tags=["firm"])

LevelName = Annotated[str, Chars(20)]


class CircleSharingOut(Schema):
    id: int
    name: str
    level: str | None
    shown: str


class PersonSharingOut(Schema):
    id: int
    name: str
    level: str


class SharingOut(Schema):
    default: str
    circles: list[CircleSharingOut]
    people: list[PersonSharingOut]
    share_momentum: bool


class CircleLevelIn(Input):
    name: Annotated[str, Chars(40)]
    level: LevelName | None  # null: as my default


class SharingIn(Input):
    default: LevelName | None = None
    circles: list[CircleLevelIn] | None = None
    share_momentum: bool | None = None


class PersonLevelIn(Input):
    level: LevelName | None


class PersonLevelOut(Schema):
    id: int
    name: str
    level: str | None
    shown: str
    circle: str


class MemberOut(Schema):
    user_id: int
    username: str
    role: str
    teams: list[str]
    departed: bool
    share_momentum: bool


class LoginIn(Input):
    username: Annotated[str, Chars(150)]
    password: Annotated[str, Chars(4096)]
    role: Annotated[str, Chars(10)] | None = None
    teams: list[Annotated[str, Chars(100)]] = []


class MemberChange(Input):
    role: Annotated[str, Chars(10)] | None = None
    teams: list[Annotated[str, Chars(100)]] | None = None


class TeamOut(Schema):
    id: int
    name: str
    members: int


class TeamIn(Input):
    name: Annotated[str, Chars(100)]


def _sharing(owner):
    from dataclasses import asdict

    from goodwill.queries.firm_sharing import sharing_of

    return asdict(sharing_of(owner))


@router.get("/sharing", response={200: SharingOut, **ERRORS}, summary="What colleagues see of my contacts")
def get_sharing(request):
    return _sharing(request.auth)


@router.put("/sharing", response={200: SharingOut, **ERRORS}, summary="Choose what colleagues see")
def put_sharing(request, payload: SharingIn):
    from django.db import transaction

    from goodwill.queries.firm_sharing import circle_named
    from goodwill.services import firm_sharing

    owner = request.auth
    with transaction.atomic():
        if payload.default is not None:
            firm_sharing.set_default(owner, payload.default)
        for circle in payload.circles or []:
            firm_sharing.set_circle(owner, circle_named(owner, circle.name), circle.level)
        if payload.share_momentum is not None:
            firm_sharing.set_share_momentum(owner, payload.share_momentum)
    return _sharing(owner)


@router.put(
    "/sharing/people/{person_id}",
    response={200: PersonLevelOut, **ERRORS},
    summary="Choose what colleagues see of one person (null: as their circle)",
)
def put_person_sharing(request, person_id: Id, payload: PersonLevelIn):
    from dataclasses import asdict

    from goodwill.api.people import get_person
    from goodwill.queries.firm_sharing import person_sharing
    from goodwill.services.firm_sharing import set_person

    owner = request.auth
    person = get_person(owner, person_id)
    set_person(owner, person, payload.level)
    return asdict(person_sharing(owner, person))


@router.get("/members", response={200: list[MemberOut], **ERRORS}, summary="The firm's members (admins)")
def list_members(request):
    from dataclasses import asdict

    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import members

    require_admin(request.auth)
    return [asdict(m) for m in members(request.auth)]


@router.post("/members", response={201: MemberOut, **ERRORS}, summary="Create a login (admins)")
def add_member(request, payload: LoginIn):
    from dataclasses import asdict

    from goodwill.queries.firm_members import member_row
    from goodwill.services.firm_members import add_login

    user = add_login(request.auth, payload.username, payload.password, role=payload.role, teams=payload.teams)
    return Status(201, asdict(member_row(request.auth, user)))


@router.patch("/members/{user_id}", response={200: MemberOut, **ERRORS}, summary="Change a member's role or teams")
def change_member(request, user_id: Id, payload: MemberChange):
    from dataclasses import asdict

    from django.db import transaction

    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import member_row, user_by_id
    from goodwill.services.firm_members import set_role, set_teams

    admin = request.auth
    require_admin(admin)
    user = user_by_id(user_id)
    with transaction.atomic():
        if payload.role is not None:
            set_role(admin, user, payload.role)
        if payload.teams is not None:
            set_teams(admin, user, payload.teams)
    return asdict(member_row(admin, user))


@router.get("/teams", response={200: list[TeamOut], **ERRORS}, summary="The firm's teams (admins)")
def list_teams(request):
    from dataclasses import asdict

    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import teams

    require_admin(request.auth)
    return [asdict(t) for t in teams()]


@router.post("/teams", response={201: TeamOut, **ERRORS}, summary="Add a team (admins)")
def add_team(request, payload: TeamIn):
    from goodwill.services.firm_members import add_team as add

    team = add(request.auth, payload.name)
    return Status(201, {"id": team.pk, "name": team.name, "members": 0})


@router.delete("/teams/{team_id}", response={204: None, **ERRORS}, summary="Remove a team (admins)")
def remove_team(request, team_id: Id):
    from goodwill.services.firm_members import remove_team as remove

    remove(request.auth, team_id)
    return Status(204, None)
