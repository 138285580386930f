"""The firm's momentum (partners): outbound touches per professional per week against their goals,
for the professionals who share it (Member.share_momentum), per team and in total.

One rule in one place: the touches are read by queries.momentum.touch_days (what the personal
momentum counts, confidential touches included as a number, never their content) and each
week, goal, streak and dip is habits.momentum.momentum's. A team's (or the firm's) line is the
same function over its sharers' touches together against the sum of their goals, so its dips
are flagged as a person's are. Who does not share is only counted ("3 of 8 don't share"),
never named with their numbers. Departed professionals are not in the firm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from goodwill.errors import InvalidInput
from goodwill.habits.momentum import Momentum, momentum
from goodwill.models import Member, Team
from goodwill.models.base import Owner
from goodwill.queries.firm_access import colleagues, in_firm, require_partner
from goodwill.queries.momentum import touch_days
from goodwill.queries.user_settings import weekly_goals

QUARTER_WEEKS = 13  # the firm's chart: a quarter


@dataclass(frozen=True)
class TeamRef:
    id: int
    name: str


@dataclass(frozen=True)
class Professional:
    """One professional in the firm: the login, a name to show, their teams."""

    user_id: int
    login: str
    name: str
    teams: tuple[TeamRef, ...]


@dataclass(frozen=True)
class Scope:
    """The professionals a firm view covers: the whole firm, or one team's."""

    team: TeamRef | None
    professionals: list[Professional]  # by name
    teams: list[TeamRef]  # the teams shown: all the firm's, or the one asked for


def find_team(team: int | str | None) -> TeamRef | None:
    """A team by id or by name (any case); nothing asked, no filter. An unknown one is a
    one-line mistake that names the teams there are."""
    text = str(team).strip() if team is not None else ""
    if not text:
        return None
    found = Team.objects.filter(pk=int(text)).first() if text.isdecimal() else None
    found = found or Team.objects.filter(name__iexact=text).first()
    if found is None:
        names = ", ".join(Team.objects.values_list("name", flat=True)) or "none yet"
        raise InvalidInput(f'no team "{text}" in the firm; the teams are: {names}', code="firm-team")
    return TeamRef(found.pk, found.name)


def firm_teams() -> list[TeamRef]:
    """Every team, by name (for a team filter)."""
    return [TeamRef(pk, name) for pk, name in Team.objects.order_by("name").values_list("pk", "name")]


def firm_scope(viewer: Owner, team: int | str | None = None) -> Scope:
    """The firm's professionals (active, not departed), or one team's; partners only (else NotFound)."""
    require_partner(viewer)
    wanted = find_team(team)
    users = [*colleagues(viewer), *([viewer] if in_firm(viewer) else [])]
    ids = [u.pk for u in users]
    through = Member.teams.through.objects.filter(member__user_id__in=ids)
    teams_of: dict[int, list[TeamRef]] = {}
    for user_id, team_id, name in through.values_list("member__user_id", "team_id", "team__name").order_by(
        "team__name"
    ):
        teams_of.setdefault(user_id, []).append(TeamRef(team_id, name))
    people = [
        Professional(u.pk, u.username, u.get_full_name().strip() or u.username, tuple(teams_of.get(u.pk, ())))
        for u in users
    ]
    if wanted is not None:
        people = [p for p in people if wanted in p.teams]
    people.sort(key=lambda p: (p.name.lower(), p.login))
    teams = [wanted] if wanted else firm_teams()
    return Scope(team=wanted, professionals=people, teams=teams)


@dataclass(frozen=True)
class ProfessionalMomentum:
    professional: Professional
    momentum: Momentum


@dataclass(frozen=True)
class TeamMomentum:
    team: TeamRef
    sharing: int  # professionals in the team who share their momentum
    members: int  # professionals in the team
    momentum: Momentum | None  # the sharers' touches together against the sum of their goals; None if nobody shares


@dataclass(frozen=True)
class FirmMomentum:
    today: date
    weeks: int
    team: TeamRef | None  # the filter, if any
    professionals: list[ProfessionalMomentum]  # only those who share, by name
    teams: list[TeamMomentum]
    total: Momentum | None  # everyone shown together; None if nobody shares
    in_scope: int  # professionals in the firm (or the team)
    not_sharing: int  # of those, how many don't share their momentum (never who)

    @property
    def dipping(self) -> list[ProfessionalMomentum]:
        return [p for p in self.professionals if p.momentum.dipping_now]


def _sharers(user_ids: list[int]) -> set[int]:
    return set(Member.objects.filter(user_id__in=user_ids, share_momentum=True).values_list("user_id", flat=True))


def firm_momentum(
    viewer: Owner, today: date, *, team: int | str | None = None, weeks: int = QUARTER_WEEKS
) -> FirmMomentum:
    """Partners only (NotFound for anyone else)."""
    scope = firm_scope(viewer, team)
    ids = [p.user_id for p in scope.professionals]
    sharing = _sharers(ids)
    shown = [p for p in scope.professionals if p.user_id in sharing]
    days = touch_days([p.user_id for p in shown], today, weeks)
    goals = {uid: max(goal, 1) for uid, goal in weekly_goals(days).items()}

    def together(people: list[Professional]) -> Momentum | None:
        if not people:
            return None
        touches = [day for p in people for day in days[p.user_id]]
        return momentum(touches, today=today, weeks=weeks, goal=sum(goals[p.user_id] for p in people))

    lines = [
        ProfessionalMomentum(p, momentum(days[p.user_id], today=today, weeks=weeks, goal=goals[p.user_id]))
        for p in shown
    ]
    team_lines = []
    for ref in scope.teams:
        members = [p for p in scope.professionals if ref in p.teams]
        sharers = [p for p in members if p.user_id in sharing]
        team_lines.append(TeamMomentum(ref, len(sharers), len(members), together(sharers)))
    return FirmMomentum(
        today=today,
        weeks=weeks,
        team=scope.team,
        professionals=lines,
        teams=team_lines,
        total=together(shown),
        in_scope=len(scope.professionals),
        not_sharing=len(scope.professionals) - len(shown),
    )


def not_sharing_text(result: FirmMomentum) -> str:
    """ "3 of 8 don't share their momentum", said the same at every door."""
    if not result.not_sharing:
        return f"all {result.in_scope} share their momentum"
    verb = "doesn't" if result.not_sharing == 1 else "don't"
    return f"{result.not_sharing} of {result.in_scope} {verb} share their momentum"
