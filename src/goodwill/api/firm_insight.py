"""The firm's insight endpoints under /api/v1/firm (docs/firm.md): the firm's momentum and its
referral balance sheet, for partners (anyone else gets 404). Thin over queries.firm_momentum and
queries.firm_ledger, the same reads as the web page and the CLI."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars
from goodwill.api.shapes import MomentumOut, momentum_out

router = Router(tags=["firm"])

Money = dict[str, str]  # currency → amount, e.g. {"USD": "25000.00"}; never converted


class ScopeTeamOut(Schema):
    id: int
    name: str


class ProfessionalOut(Schema):
    user_id: int
    login: str
    name: str = Field(description="Their full name, else their login")
    teams: list[ScopeTeamOut]


class ProfessionalMomentumOut(Schema):
    professional: ProfessionalOut
    momentum: MomentumOut


class TeamMomentumOut(Schema):
    team: ScopeTeamOut
    sharing: int = Field(description="Professionals in the team who share their momentum")
    members: int
    momentum: MomentumOut | None = Field(description="The sharers together; null when nobody in the team shares")


class FirmMomentumOut(Schema):
    today: date
    weeks: int
    team: ScopeTeamOut | None = Field(description="The team asked for, else null (the whole firm)")
    professionals: list[ProfessionalMomentumOut] = Field(description="Only those who share their momentum, by name")
    teams: list[TeamMomentumOut]
    total: MomentumOut | None = Field(description="Everyone shown together; null when nobody shares")
    in_scope: int = Field(description="Professionals in the firm (or the team)")
    not_sharing: int = Field(description="Of those, how many don't share their momentum (never who)")
    sharing_text: str = Field(description='e.g. "3 of 8 don\'t share their momentum"')


class TallyOut(Schema):
    given: int = Field(description="Points given: business and referrals 3, leads and introductions 2, the rest 1")
    received: int
    equity: int = Field(description="given − received")
    positive: bool = Field(description="In positive equity: given ≥ received, as on the personal balance sheet")
    given_count: int
    received_count: int
    given_value: Money
    received_value: Money
    last_on: date | None


class ProfessionalBalanceOut(Schema):
    professional: ProfessionalOut
    balance: TallyOut


class TeamBalanceOut(Schema):
    team: ScopeTeamOut
    members: int
    balance: TallyOut


class SourceBalanceOut(Schema):
    colleague: ProfessionalOut = Field(description="Whose contact the source is")
    person_id: int | None = Field(description="Null when the colleague does not share this contact")
    name: str = Field(description='Their name, or "a contact of <colleague>" when not shared')
    shown: bool
    balance: TallyOut


class FirmBalanceOut(Schema):
    today: date
    team: ScopeTeamOut | None = Field(description="The team asked for, else null (the whole firm)")
    total: TallyOut
    professionals: list[ProfessionalBalanceOut] = Field(description="Highest equity first")
    teams: list[TeamBalanceOut]
    sources: list[SourceBalanceOut] = Field(description="Most points exchanged first; at most sources_limit")
    sources_count: int
    in_positive_equity: int = Field(description="How many professionals are in positive equity")


class TeamParams(Schema):
    team: Annotated[str, Chars(100)] = Field("", description="A team's id or name; empty for the whole firm")


class BalanceParams(TeamParams):
    sources_limit: int = Field(50, ge=0, le=1000)


def _professional(p) -> dict:
    return {"user_id": p.user_id, "login": p.login, "name": p.name, "teams": [_team(t) for t in p.teams]}


def _team(t) -> dict | None:
    return {"id": t.id, "name": t.name} if t is not None else None


def _money(values: dict) -> dict[str, str]:
    return {currency: f"{amount:.2f}" for currency, amount in values.items()}


def _tally(t) -> dict:
    return {
        "given": t.given,
        "received": t.received,
        "equity": t.equity,
        "positive": t.positive,
        "given_count": t.given_count,
        "received_count": t.received_count,
        "given_value": _money(t.given_value),
        "received_value": _money(t.received_value),
        "last_on": t.last_on,
    }


@router.get("momentum", response={200: FirmMomentumOut, **ERRORS}, summary="The firm's momentum (partners)")
def firmmomentum_out(request, params: Query[TeamParams]):
    """Outbound touches per week for the last quarter, per professional who shares it, per team and together,
    against their goals, with dips flagged as on the personal momentum."""
    from goodwill import clock
    from goodwill.queries.firm_momentum import firm_momentum as read
    from goodwill.queries.firm_momentum import not_sharing_text

    result = read(request.auth, clock.today(), team=params.team or None)
    return {
        "today": result.today,
        "weeks": result.weeks,
        "team": _team(result.team),
        "professionals": [
            {"professional": _professional(p.professional), "momentum": momentum_out(p.momentum)}
            for p in result.professionals
        ],
        "teams": [
            {"team": _team(t.team), "sharing": t.sharing, "members": t.members, "momentum": momentum_out(t.momentum)}
            for t in result.teams
        ],
        "total": momentum_out(result.total),
        "in_scope": result.in_scope,
        "not_sharing": result.not_sharing,
        "sharing_text": not_sharing_text(result),
    }


@router.get("balance", response={200: FirmBalanceOut, **ERRORS}, summary="The firm's balance sheet (partners)")
def firm_balance(request, params: Query[BalanceParams]):
    """Referrals and other value given and received across the firm: per professional, per team and by lead
    source, each in positive equity or not. Unshared sources are named "a contact of <colleague>"."""
    from goodwill import clock
    from goodwill.queries.firm_ledger import firm_balance as read

    result = read(request.auth, clock.today(), team=params.team or None)
    return {
        "today": result.today,
        "team": _team(result.team),
        "total": _tally(result.total),
        "professionals": [
            {"professional": _professional(p.professional), "balance": _tally(p.balance)} for p in result.professionals
        ],
        "teams": [{"team": _team(t.team), "members": t.members, "balance": _tally(t.balance)} for t in result.teams],
        "sources": [
            {
                "colleague": _professional(s.colleague),
                "person_id": s.person_id,
                "name": s.name,
                "shown": s.shown,
                "balance": _tally(s.balance),
            }
            for s in result.sources[: params.sources_limit]
        ],
        "sources_count": len(result.sources),
        "in_positive_equity": result.in_positive_equity,
    }
