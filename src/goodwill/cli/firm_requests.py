"""`goodwill firm ask|requests|request ...`: warm introductions through colleagues
(registered by firm_cmds). Thin over services.firm_intros and queries.firm_intros."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import AsOption, DemoOption, JsonOption, open_store_as
from goodwill.cli.output import console, emit_json

RequestId = Annotated[str, typer.Argument(help="Request id (see `goodwill firm requests`)")]


def _line(r) -> str:
    org = f" ({r.target_organization})" if r.target_organization else ""
    if r.direction == "in":
        head = f"#{r.id} {r.requester} asks to meet {r.target}{org}: {r.reason}"
    else:
        head = f"#{r.id} asked {r.colleague} to meet {r.target}{org}: {r.reason}"
    return f"{head} [{r.status_label}]"


def _details(r) -> list[str]:
    lines = []
    if r.question:
        lines.append(f"question: {r.question}")
    if r.reply:
        lines.append(f"reply: {r.reply}")
    if r.decline_note:
        lines.append(f"note: {r.decline_note}")
    if r.introduction_id:
        lines.append(f"introduction #{r.introduction_id} on your board (goodwill intro show {r.introduction_id})")
    return lines


def _print(r) -> None:
    console.print(_line(r), markup=False)
    for detail in _details(r):
        console.print(f"    {detail}", markup=False)


def ask(
    colleague: Annotated[str, typer.Argument(help="The colleague's login (or user id)")],
    person_id: Annotated[str, typer.Argument(help="The person's id in the colleague's network (see `goodwill firm`)")],
    reason: Annotated[str, typer.Option("--reason", help="Why you want the introduction")] = "",
    as_login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """Ask a colleague to introduce you to someone they know."""
    user = open_store_as(demo, as_login)
    from goodwill.queries.firm_intros import find_colleague, require_member, user_name
    from goodwill.services.firm_intros import ask as ask_colleague

    require_member(user)
    who = find_colleague(user, colleague)
    made = ask_colleague(user, who, person_id, reason)
    console.print(
        f"Request #{made.pk}: asked {user_name(who)} to introduce you to {made.target.name}. "
        "Their answer shows in goodwill firm requests.",
        markup=False,
    )


def requests(json: JsonOption = False, as_login: AsOption = "", demo: DemoOption = False) -> None:
    """Introduction requests: asked of me (inbox) and what I asked (outbox)."""
    user = open_store_as(demo, as_login)
    from goodwill.queries.firm_intros import inbox, open_count, outbox, require_member

    require_member(user)
    incoming, outgoing = inbox(user), outbox(user)
    if json:
        emit_json({"inbox": incoming, "outbox": outgoing, "waiting": open_count(user)})
        return
    for title, rows, empty in (
        ("Asked of me", incoming, "No colleague has asked you for an introduction."),
        ("What I asked", outgoing, "You have not asked a colleague for an introduction yet."),
    ):
        console.print(f"[bold]{title}[/] [dim]{len(rows)}[/]", markup=True)
        if not rows:
            console.print(f"  {empty}", markup=False)
        for r in rows:
            console.print("  " + _line(r), markup=False)
            for detail in _details(r):
                console.print(f"      {detail}", markup=False)


def _done(made, user) -> None:
    from goodwill.queries.firm_intros import row

    _print(row(made, user))


def accept(request_id: RequestId, as_login: AsOption = "", demo: DemoOption = False) -> None:
    """Accept: a double opt-in introduction in your network (ask them first)."""
    user = open_store_as(demo, as_login)
    from goodwill.services.firm_intros import answer

    _done(answer(user, request_id, "accept"), user)


def decline(
    request_id: RequestId,
    note: Annotated[str, typer.Option("--note", help="Why, for the colleague (optional)")] = "",
    as_login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """Decline a colleague's request, with an optional note."""
    user = open_store_as(demo, as_login)
    from goodwill.services.firm_intros import answer

    _done(answer(user, request_id, "decline", note), user)


def more(
    request_id: RequestId,
    question: Annotated[str, typer.Argument(help="What you want to know first")],
    as_login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """Ask the colleague for more before you answer."""
    user = open_store_as(demo, as_login)
    from goodwill.services.firm_intros import answer

    _done(answer(user, request_id, "more", question), user)


def reply(
    request_id: RequestId,
    text: Annotated[str, typer.Argument(help="Your answer to their question")],
    as_login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """Answer the colleague's question about your request."""
    user = open_store_as(demo, as_login)
    from goodwill.services.firm_intros import reply as reply_request

    _done(reply_request(user, request_id, text), user)


def withdraw(request_id: RequestId, as_login: AsOption = "", demo: DemoOption = False) -> None:
    """Withdraw a request you sent."""
    user = open_store_as(demo, as_login)
    from goodwill.services.firm_intros import withdraw as withdraw_request

    _done(withdraw_request(user, request_id), user)


def show(request_id: RequestId, json: JsonOption = False, as_login: AsOption = "", demo: DemoOption = False) -> None:
    """One request (yours or asked of you)."""
    user = open_store_as(demo, as_login)
    from goodwill.queries.firm_intros import get_visible, require_member, row

    require_member(user)
    found = row(get_visible(user, request_id), user)
    if json:
        emit_json(found)
        return
    _print(found)


def register(firm_app: typer.Typer) -> None:
    """Add this part's subcommands to `goodwill firm`."""
    from goodwill.cli.main import new_app

    firm_app.command("ask")(ask)
    firm_app.command("requests")(requests)
    group = new_app(help="Answer, reply to, withdraw or show one introduction request.", no_args_is_help=True)
    for name, command in (
        ("accept", accept),
        ("decline", decline),
        ("more", more),
        ("reply", reply),
        ("withdraw", withdraw),
        ("show", show),
    ):
        group.command(name)(command)
    firm_app.add_typer(group, name="request")
