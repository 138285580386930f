"""The firm's referral balance sheet (partners): value given and received across the firm, per
professional, per team and by lead source, each in positive equity or not.

One rule in one place: every exchange is counted by queries.ledger.tally (points, counts, amounts
per currency, never converted; a lost referral counts for nothing) and the verdict is
queries.ledger.in_positive_equity (given ≥ received), as on the personal balance sheet.

A lead source is who the value came from or went to: the exchange's source for business received
(who sent the lead), else its person. A source's name is shown only when its owner shares that
person with colleagues at least at "knows" (queries.firm_access.share_levels); otherwise the line
reads "a contact of <colleague>", and still counts in every total. The viewer's own contacts are
always named to them. Departed professionals (and their exchanges) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from goodwill.models import Exchange
from goodwill.models.base import Owner
from goodwill.queries.firm_access import share_levels_of, visible
from goodwill.queries.firm_momentum import Professional, TeamRef, firm_scope
from goodwill.queries.ledger import Tally, tally


@dataclass
class ProfessionalBalance:
    professional: Professional
    balance: Tally = field(default_factory=Tally)


@dataclass
class TeamBalance:
    team: TeamRef
    members: int
    balance: Tally = field(default_factory=Tally)


@dataclass
class SourceBalance:
    """One lead source in one professional's network."""

    colleague: Professional  # whose contact
    person_id: int | None  # None when its owner does not share them
    name: str  # their name, or "a contact of <colleague>"
    shown: bool
    balance: Tally = field(default_factory=Tally)


@dataclass
class FirmBalance:
    today: date
    team: TeamRef | None  # the filter, if any
    total: Tally
    professionals: list[ProfessionalBalance]  # highest equity first
    teams: list[TeamBalance]
    sources: list[SourceBalance]  # most value exchanged (points given and received) first

    @property
    def in_positive_equity(self) -> int:
        return sum(1 for p in self.professionals if p.balance.positive)


def firm_balance(viewer: Owner, today: date, *, team: int | str | None = None) -> FirmBalance:
    """Partners only (NotFound for anyone else)."""
    scope = firm_scope(viewer, team)
    by_id = {p.user_id: ProfessionalBalance(p) for p in scope.professionals}
    total = Tally()
    sources: dict[tuple[int, int], SourceBalance] = {}
    rows = (
        Exchange.objects.filter(owner_id__in=list(by_id))
        .select_related("person", "source")
        .order_by("occurred_on", "id")
    )
    wanted: dict[int, set[int]] = {}
    for row in rows.iterator():
        line = by_id[row.owner_id]
        tally(line.balance, row)
        tally(total, row)
        person = row.source or row.person
        key = (row.owner_id, person.pk)
        if key not in sources:
            sources[key] = SourceBalance(line.professional, person.pk, person.name, True)
            wanted.setdefault(row.owner_id, set()).add(person.pk)
        tally(sources[key].balance, row)
    theirs = {owner_id: ids for owner_id, ids in wanted.items() if owner_id != viewer.pk}  # one's own are one's own
    levels = share_levels_of(pid for ids in theirs.values() for pid in ids)
    for owner_id, person_ids in theirs.items():
        for person_id in person_ids:
            if not visible(levels.get(person_id, "nothing")):
                source = sources[(owner_id, person_id)]
                source.person_id, source.shown = None, False
                source.name = f"a contact of {source.colleague.name}"
    team_lines = []
    for ref in scope.teams:
        team_line = TeamBalance(ref, 0)
        for member in by_id.values():
            if ref in member.professional.teams:
                team_line.members += 1
                _merge(team_line.balance, member.balance)
        team_lines.append(team_line)
    return FirmBalance(
        today=today,
        team=scope.team,
        total=total,
        professionals=sorted(by_id.values(), key=lambda p: (-p.balance.equity, p.professional.name.lower())),
        teams=team_lines,
        sources=sorted(
            sources.values(),
            key=lambda s: (-(s.balance.given + s.balance.received), not s.shown, s.name.lower(), s.colleague.login),
        ),
    )


def _merge(into: Tally, line: Tally) -> None:
    into.given += line.given
    into.received += line.received
    into.given_count += line.given_count
    into.received_count += line.received_count
    for mine, theirs in ((into.given_value, line.given_value), (into.received_value, line.received_value)):
        for currency, amount in theirs.items():
            mine[currency] = mine.get(currency, Decimal("0")) + amount
    if line.last_on and (into.last_on is None or line.last_on > into.last_on):
        into.last_on = line.last_on
