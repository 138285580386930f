"""`goodwill firm ...`: what colleagues see of my contacts (sharing, share, share-momentum)
and the firm's members and teams (members, member, team ...: admins). Registered by firm_cmds."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import AsOption, DemoOption, JsonOption, open_store_as
from goodwill.cli.output import console, emit_json

LEVELS_HELP = "nothing, knows, last_met or summaries"


def sharing(demo: DemoOption = False, login: AsOption = "", as_json: JsonOption = False) -> None:
    """What colleagues see of your contacts: your default, each circle, the people with their own level."""
    owner = open_store_as(demo, login)
    from goodwill.queries.firm_sharing import LEVEL_WORDS, NEVER_SHARED, sharing_of

    shown = sharing_of(owner)
    if as_json:
        emit_json(shown)
        return
    console.print(f"Default: {shown.default} ({LEVEL_WORDS[shown.default]})", markup=False)
    for c in shown.circles:
        console.print(f"  circle {c.name}: {c.level or 'as default'} -> {c.shown}", markup=False)
    if shown.people:
        console.print("People with their own level:", markup=False)
        for p in shown.people:
            console.print(f"  #{p.id} {p.name}: {p.level}", markup=False)
    console.print(f"Momentum shared with partners: {'on' if shown.share_momentum else 'off'}", markup=False)
    console.print(NEVER_SHARED, markup=False)


def share(
    level: Annotated[str, typer.Argument(help=f"What colleagues see: {LEVELS_HELP}")] = "",
    circle: Annotated[str, typer.Option("--circle", help="Only for this circle (by name)")] = "",
    person: Annotated[str, typer.Option("--person", help="Only for this person (id or name)")] = "",
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove the circle's or person's own level (follow the default / circle)")
    ] = False,
    demo: DemoOption = False,
    login: AsOption = "",
) -> None:
    """Choose what colleagues see: your default, or with --circle / --person a level of their own."""
    owner = open_store_as(demo, login)
    from goodwill.errors import InvalidInput
    from goodwill.queries.firm_sharing import circle_named
    from goodwill.services import firm_sharing
    from goodwill.services.people import resolve_person

    if circle and person:
        raise InvalidInput("give --circle or --person, not both")
    if clear and level:
        raise InvalidInput("--clear takes no level: it removes the circle's or person's own level")
    if clear and not (circle or person):
        raise InvalidInput("--clear needs --circle NAME or --person ID: the default always has a level")
    if not clear and not level:
        raise InvalidInput(f"say which level: {LEVELS_HELP}")
    chosen = None if clear else level
    if circle:
        found = circle_named(owner, circle)
        done = firm_sharing.set_circle(owner, found, chosen)
        console.print(f"Circle {found.name}: {done or 'as your default'}.", markup=False)
    elif person:
        target = resolve_person(owner, person, include_archived=True)
        done = firm_sharing.set_person(owner, target, chosen)
        console.print(f"{target.name}: {done or 'as their circle'}.", markup=False)
    else:
        console.print(f"Default: {firm_sharing.set_default(owner, level)}.", markup=False)


def share_momentum(
    state: Annotated[str, typer.Argument(help="on or off")],
    demo: DemoOption = False,
    login: AsOption = "",
) -> None:
    """Share your momentum with the firm's partners (on), or stop (off)."""
    owner = open_store_as(demo, login)
    from goodwill.errors import InvalidInput
    from goodwill.services.firm_sharing import set_share_momentum

    typed = state.strip().lower()
    if typed not in ("on", "off"):
        raise InvalidInput(f'"{state}" is not on or off')
    set_share_momentum(owner, typed == "on")
    console.print(f"Momentum shared with partners: {typed}.", markup=False)


def members(demo: DemoOption = False, login: AsOption = "", as_json: JsonOption = False) -> None:
    """The firm's members: role, teams, departed (admins)."""
    owner = open_store_as(demo, login)
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import members as member_rows

    require_admin(owner)
    rows = member_rows(owner)
    if as_json:
        emit_json(rows)
        return
    for m in rows:
        teams = ", ".join(m.teams) or "no team"
        gone = " (departed)" if m.departed else ""
        console.print(f"{m.username}{gone}: {m.role}; {teams}", markup=False)


def member(
    username: Annotated[str, typer.Argument(help="The login")],
    role: Annotated[str, typer.Option("--role", help="member, partner or admin")] = "",
    team: Annotated[
        list[str] | None, typer.Option("--team", help="A team (repeat; the member's teams become these)")
    ] = None,
    no_teams: Annotated[bool, typer.Option("--no-teams", help="Take them out of every team")] = False,
    demo: DemoOption = False,
    login: AsOption = "",
) -> None:
    """Change a member's role and teams (admins)."""
    owner = open_store_as(demo, login)
    from django.db import transaction

    from goodwill.errors import InvalidInput
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import member_row, user_named
    from goodwill.services.firm_members import set_role, set_teams

    require_admin(owner)
    user = user_named(username)
    if team and no_teams:
        raise InvalidInput("give --team or --no-teams, not both")
    if not role and not team and not no_teams:
        raise InvalidInput("nothing to change: give --role, --team or --no-teams")
    with transaction.atomic():
        if role:
            set_role(owner, user, role)
        if team or no_teams:
            set_teams(owner, user, team or [])
    row = member_row(owner, user)
    console.print(f"{row.username}: {row.role}; {', '.join(row.teams) or 'no team'}", markup=False)


def team_list(demo: DemoOption = False, login: AsOption = "", as_json: JsonOption = False) -> None:
    """The teams and how many members each has."""
    owner = open_store_as(demo, login)
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import teams

    require_admin(owner)
    rows = teams()
    if as_json:
        emit_json(rows)
        return
    if not rows:
        console.print("No teams yet.", markup=False)
    for t in rows:
        console.print(f"{t.name}: {t.members} member{'s' if t.members != 1 else ''}", markup=False)


def team_add(
    name: Annotated[str, typer.Argument(help="The team's name")], demo: DemoOption = False, login: AsOption = ""
) -> None:
    """Add a team."""
    owner = open_store_as(demo, login)
    from goodwill.services.firm_members import add_team

    console.print(f"Team {add_team(owner, name).name} added.", markup=False)


def team_remove(
    name: Annotated[str, typer.Argument(help="The team's name")], demo: DemoOption = False, login: AsOption = ""
) -> None:
    """Remove a team; its members stay, in their other teams."""
    owner = open_store_as(demo, login)
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import team_named
    from goodwill.services.firm_members import remove_team

    require_admin(owner)
    console.print(f"Team {remove_team(owner, team_named(name).pk)} removed.", markup=False)


def register(firm_app: typer.Typer) -> None:
    """Add this part's subcommands to `goodwill firm`."""
    firm_app.command("sharing")(sharing)
    firm_app.command("share")(share)
    firm_app.command("share-momentum")(share_momentum)
    firm_app.command("members")(members)
    firm_app.command("member")(member)
    from goodwill.cli.main import new_app

    team_app = new_app(help="The firm's teams (admins).", no_args_is_help=True)
    team_app.command("list")(team_list)
    team_app.command("add")(team_add)
    team_app.command("remove")(team_remove)
    firm_app.add_typer(team_app, name="team")
