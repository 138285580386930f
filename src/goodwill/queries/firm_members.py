"""The firm's members and teams as admins manage them (services.firm_members writes them)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from goodwill.errors import NotFound
from goodwill.models import Member, Team
from goodwill.models.base import Owner


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    username: str
    role: str
    teams: list[str]
    departed: bool
    share_momentum: bool


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    members: int


def members(viewer: Owner) -> list[MemberRow]:
    """Everyone on this server, by username: role, teams, and whether they have left.
    Names, roles and teams only; nothing of anyone's network. (The pages show it to admins.)"""
    from goodwill.queries.firm_access import in_firm

    if not in_firm(viewer):
        return []
    rows = {m.user_id: m for m in Member.objects.prefetch_related("teams")}
    answer = []
    for user in get_user_model().objects.order_by("username"):
        member = rows.get(user.pk)
        if member is None:
            from goodwill.queries.firm_access import member_of

            member = member_of(user)
            teams: list[str] = []
        else:
            teams = sorted(t.name for t in member.teams.all())
        answer.append(
            MemberRow(
                user_id=user.pk,
                username=user.username,
                role=str(member.role),
                teams=teams,
                departed=member.departed_at is not None or not user.is_active,
                share_momentum=member.share_momentum,
            )
        )
    return answer


def member_row(viewer: Owner, user: Owner) -> MemberRow:
    for row in members(viewer):
        if row.user_id == user.pk:
            return row
    raise NotFound(f"no login with id {user.pk}", thing="login")


def teams() -> list[TeamRow]:
    from django.db.models import Count

    return [
        TeamRow(id=t.pk, name=t.name, members=t.n) for t in Team.objects.annotate(n=Count("members")).order_by("name")
    ]


def user_by_id(user_id: int) -> Owner:
    found = get_user_model().objects.filter(pk=user_id).first()
    if found is None:
        raise NotFound(f"no login with id {user_id}", thing="login")
    return found


def user_named(username: str) -> Owner:
    text = (username or "").strip()
    # A name longer than any login can't be one (and SQLite refuses a LIKE pattern that long).
    too_long = len(text) > (get_user_model()._meta.get_field("username").max_length or len(text))
    found = None if too_long else get_user_model().objects.filter(username__iexact=text).first()
    if found is None:
        raise NotFound(f'no login named "{username}"; the members list shows every login', thing="login")
    return found


def team_named(name: str) -> Team:
    text = (name or "").strip()
    too_long = len(text) > (Team._meta.get_field("name").max_length or len(text))
    found = None if too_long else Team.objects.filter(name__iexact=text).first()
    if found is None:
        known = ", ".join(Team.objects.values_list("name", flat=True)) or "none yet"
        raise NotFound(f'no team named "{name}"; the teams are: {known}', thing="team")
    return found
