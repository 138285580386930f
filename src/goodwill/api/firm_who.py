"""Who knows whom under /api/v1/firm (docs/firm.md): a person or an organization across the
firm, and the colleagues who know them, each tie showing only what its owner shares
(queries.firm_who). Confidential encounters never appear, at any level."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id
from goodwill.api.people import StrengthPart

router = Router(tags=["firm"])


class WhoParams(Schema):
    q: Annotated[str, Chars(200, min_length=1)] = Field(description="A whole name or an email")


class OrgParams(Schema):
    name: Annotated[str, Chars(200, min_length=1)] = Field(description="An organization (any spelling of its name)")
    colleague: Annotated[str, Chars(150)] = Field(
        "", description="A colleague's login: their people there, all of them (blank: the whole firm, bounded)"
    )


class SummaryOut(Schema):
    day: date
    kind: str
    summary: str


class TieOut(Schema):
    colleague_id: int
    colleague: str = Field(description="The colleague's login")
    person_id: int = Field(description="The colleague's person: ask them to introduce you to this one")
    name: str
    organization: str
    title: str
    level: str = Field(description="What the colleague shares: knows, last_met, summaries; mine for your own")
    mine: bool
    score: int
    explain: str
    parts: list[StrengthPart]
    last_met: date | None = Field(description="Only at last_met or summaries")
    summaries: list[SummaryOut] = Field(description="Only at summaries; never a confidential encounter")
    shared_score: int = Field(description="The score colleagues see: ties are ranked by it")


class HumanOut(Schema):
    name: str
    organization: str
    my_person_id: int | None = Field(description="Your own record of them, if you have one")
    ties: list[TieOut]


class ColleagueTiesOut(Schema):
    colleague_id: int
    colleague: str
    mine: bool
    ties: list[TieOut] = Field(description="Their strongest ties there (all of them when `colleague` names them)")
    more: int = Field(description="Their ties there not listed: ask again with `colleague`")


class AlsoKnowsOut(Schema):
    colleague_id: int
    colleague: str
    ties: int = Field(description="How many people there they share knowing")


class PathOut(Schema):
    colleague_id: int
    colleague: str
    person_id: int
    name: str
    title: str
    score: int
    text: str


class OrgAnswerOut(Schema):
    query: str
    name: str
    key: str
    colleagues: list[ColleagueTiesOut]
    paths: list[PathOut] = Field(description="Colleagues to ask, by their strongest tie there")
    did_you_mean: list[str]
    also: list[AlsoKnowsOut] = Field(description="Colleagues beyond those listed who know people there")
    colleague: str = Field(description="The login the answer is limited to, or blank")


@router.get("/who", response={200: list[HumanOut], **ERRORS}, summary="Who in the firm knows this person")
def who(request, params: Query[WhoParams]):
    """The humans whose whole name or email is `q`, each with the colleagues who know them,
    strongest first, showing what each colleague's sharing allows."""
    from goodwill.queries.firm_who import who_knows

    return who_knows(request.auth, params.q)


@router.get("/who/org", response={200: OrgAnswerOut, **ERRORS}, summary="Who in the firm knows people there")
def who_org(request, params: Query[OrgParams]):
    """The people the firm knows at an organization, per colleague, and the best paths in."""
    from goodwill.queries.firm_who import who_knows_org

    return who_knows_org(request.auth, params.name, colleague=params.colleague)


@router.get("/people/{person_id}/ties", response={200: list[TieOut], **ERRORS}, summary="Colleagues who know my person")
def person_ties(request, person_id: Id):
    """Colleagues who know the same human as your own person (404 for anyone else's)."""
    from goodwill.api.people import get_person
    from goodwill.queries.firm_who import ties_of

    return ties_of(request.auth, get_person(request.auth, person_id))
