"""`goodwill firm who TEXT` and `goodwill firm who --org NAME`: who in the firm knows a person
or people at an organization, strongest first, each tie showing only what its owner shares
(queries.firm_who). Registered by firm_cmds."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import AsOption, DemoOption, JsonOption, open_store_as
from goodwill.cli.output import console, emit_json


def _tie_line(tie, *, with_name: bool) -> str:
    from rich.markup import escape

    who = "you" if tie.mine else tie.colleague
    whom = f" knows {tie.name}" + (f" ({tie.title})" if tie.title else "") if with_name else ""
    ids = (
        f"  [dim](your person {tie.person_id})[/]"
        if tie.mine
        else f"  [dim](user {tie.colleague_id}, person {tie.person_id})[/]"
    )
    return f"  [bold]{escape(who)}[/]{escape(whom)} · strength {tie.score} — {escape(tie.explain)}{ids}"


def _summaries(tie) -> None:
    from rich.markup import escape

    for s in tie.summaries:
        console.print(f"      {s.day.isoformat()} {s.kind}: {escape(s.summary)}", markup=True)


def who(
    text: Annotated[str | None, typer.Argument(help="A person's whole name or email")] = None,
    org: Annotated[str | None, typer.Option("--org", help="An organization instead: the best paths in first")] = None,
    colleague: Annotated[
        str | None, typer.Option("--colleague", help="With --org: one colleague's people there, all of them (a login)")
    ] = None,
    json: JsonOption = False,
    login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """Who in the firm knows a person (or people at an organization), strongest first."""
    from goodwill.errors import InvalidInput

    if (text is None) == (org is None):
        raise InvalidInput("give a person's name or email, or --org NAME (one of them)")
    if colleague is not None and org is None:
        raise InvalidInput("--colleague goes with --org NAME: whose people at that organization")
    viewer = open_store_as(demo, login)
    from goodwill.queries.firm_who import who_knows, who_knows_org

    if org is not None:
        _org(who_knows_org(viewer, org, colleague=colleague), json)
        return
    humans = who_knows(viewer, text or "")
    if json:
        emit_json(humans)
        return
    from rich.markup import escape

    if not humans:
        console.print("Nobody in the firm shares knowing anyone by that whole name or email.")
        return
    for human in humans:
        at = f" at {human.organization}" if human.organization else ""
        console.print(f"[bold]{escape(human.name)}[/]{escape(at)}", markup=True)
        for tie in human.ties:
            console.print(_tie_line(tie, with_name=False), markup=True)
            _summaries(tie)


def _org(answer, json: bool) -> None:
    from rich.markup import escape

    if json:
        emit_json(answer)
        return
    if not answer.colleagues:
        console.print(f"Nobody in the firm shares knowing anyone at {escape(answer.query)}.", markup=True)
        if answer.did_you_mean:
            console.print("Did you mean: " + escape(", ".join(answer.did_you_mean)) + "?", markup=True)
        return
    console.print(f"[bold]{escape(answer.name or answer.query)}[/]", markup=True)
    if answer.paths:
        console.print("Best paths in:")
        for i, path in enumerate(answer.paths, 1):
            console.print(
                f"  {i}. {escape(path.text)}  [dim](user {path.colleague_id}, person {path.person_id})[/]", markup=True
            )
    for group in answer.colleagues:
        console.print(f"[bold]{'Your people there' if group.mine else escape(group.colleague)}[/]", markup=True)
        for tie in group.ties:
            console.print(_tie_line(tie, with_name=True), markup=True)
            _summaries(tie)
        if group.more:
            console.print(f"  … and {group.more} more: add --colleague {escape(group.colleague)}", markup=True)
    if answer.also:
        also = ", ".join(f"{a.colleague} ({a.ties})" for a in answer.also)
        console.print(f"Also know people there: {escape(also)}; add --colleague LOGIN for theirs", markup=True)


def register(firm_app: typer.Typer) -> None:
    """Add this part's subcommands to `goodwill firm`."""
    firm_app.command("who")(who)
