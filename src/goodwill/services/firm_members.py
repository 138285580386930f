"""Members and teams, managed by the firm's admins: teams, roles, who is in which team, new
logins. Every call checks the acting user is an admin (NotFound for anyone else, as for any
page that is not theirs), and the firm is never left without an admin."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Member, Role, Team
from goodwill.models.base import Owner

ROLE_NAMES = ", ".join(r.value for r in Role)


def ensure_member(user: Owner) -> Member:
    """The user's firm record, saved (with the role member_of gives by default) when missing."""
    from goodwill.queries.firm_access import member_of

    member = member_of(user)
    if member.pk is None:
        member, _ = Member.objects.get_or_create(user=user, defaults={"role": member.role})
    return member


def parse_role(text: str) -> Role:
    typed = (text or "").strip().lower()
    try:
        return Role(typed)
    except ValueError:
        raise InvalidInput(f'"{text}" is not a role; use one of: {ROLE_NAMES}') from None


def add_team(admin: Owner, name: str) -> Team:
    from goodwill.queries.firm_access import require_admin

    require_admin(admin)
    clean = " ".join((name or "").split())
    if not clean or len(clean) > 100:
        raise InvalidInput(f'"{name}" is not a team name; give a name of 1 to 100 characters, e.g. "Tax"')
    if Team.objects.filter(name__iexact=clean).exists():
        raise InvalidInput(f'there is already a team called "{clean}"; pick another name')
    return Team.objects.create(name=clean, created_at=clock.now())


def remove_team(admin: Owner, team_id: int) -> str:
    """Remove the team (its members stay, in their other teams); returns its name."""
    from goodwill.queries.firm_access import require_admin

    require_admin(admin)
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound(f"no team with id {team_id}", thing="team")
    name = team.name
    team.delete()
    return name


def _admins_besides(user: Owner) -> int:
    from django.contrib.auth import get_user_model

    from goodwill.queries.firm_access import is_admin

    others = get_user_model().objects.filter(is_active=True).exclude(pk=user.pk)
    return sum(1 for other in others if is_admin(other))


def set_role(admin: Owner, user: Owner, role: str) -> Member:
    from goodwill.queries.firm_access import require_admin

    require_admin(admin)
    wanted = parse_role(role)
    with transaction.atomic():
        member = ensure_member(user)
        if member.role == Role.ADMIN and wanted != Role.ADMIN and _admins_besides(user) == 0:
            raise InvalidInput(
                f"{user.username} is the firm's last admin; make someone else an admin first, then change this role"
            )
        member.role = wanted
        member.save(update_fields=["role"])
    return member


def set_teams(admin: Owner, user: Owner, names: Iterable[str]) -> Member:
    """The user's teams become exactly these (by name, any case); an unknown name changes nothing."""
    from goodwill.queries.firm_access import require_admin

    require_admin(admin)
    wanted = [n.strip() for n in names if n and n.strip()]
    teams = {t.name.casefold(): t for t in Team.objects.all()}
    for name in wanted:
        if name.casefold() not in teams:
            known = ", ".join(t.name for t in teams.values()) or "none yet"
            raise InvalidInput(f'no team named "{name}"; add it first, or use one of: {known}')
    with transaction.atomic():
        member = ensure_member(user)
        member.teams.set([teams[n.casefold()] for n in wanted])
    return member


def add_login(
    admin: Owner, username: str, password: str, *, role: str | None = None, teams: Iterable[str] = ()
) -> Owner:
    """A new login (services.accounts.create_login), with a role and teams when given."""
    from goodwill.queries.firm_access import require_admin
    from goodwill.services.accounts import create_login

    require_admin(admin)
    wanted = parse_role(role) if role else None
    team_names = list(teams)
    with transaction.atomic():
        user = create_login(username, password)
        ensure_member(user)
        if wanted is not None:
            set_role(admin, user, wanted)
        if team_names:
            set_teams(admin, user, team_names)
    return user
