"""`goodwill firm accounts|account|handover|handovers|depart`: key relationships and
departures (docs/firm.md), over the same queries and services as the web and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import AsOption, DemoOption, JsonOption, open_store_as
from goodwill.cli.output import console, emit_json

AccountId = Annotated[str, typer.Argument(help="Key account id (see goodwill firm accounts)")]


def _id(text: str, what: str) -> int:
    from goodwill.errors import InvalidInput

    digits = (text or "").strip().lstrip("#")
    if not digits.isdecimal() or not 0 < int(digits) < 2**53:
        raise InvalidInput(f"{text!r} is not a {what} id; give its number, e.g. 12")
    return int(digits)


def _tie_line(t) -> str:
    state = [w for w, on in (("falling", t.falling), ("touch overdue", t.overdue)) if on]
    warm = " warm" if t.warm else ""
    return f"  {t.colleague} knows {t.person} — {t.score}{warm} ({t.why})" + (f" [{', '.join(state)}]" if state else "")


def _summary(view) -> str:
    strongest = view.strongest
    best = f"strongest {strongest.colleague} → {strongest.person} ({strongest.score})" if strongest else "nobody yet"
    threads = "single-threaded" if view.single_threaded else f"{view.warm_colleagues} warm"
    kind = "key client" if view.kind == "client" else "target"
    return f"#{view.id} {view.name} ({kind}): {view.colleagues} colleagues, {best}, {view.cold} going cold, {threads}"


def _view_json(view, *, ties: bool) -> dict:
    from goodwill.api.firm_accounts import _account

    return _account(view, ties=ties)


def accounts_cmd(json: JsonOption = False, login: AsOption = "", demo: DemoOption = False) -> None:
    """Key accounts (partners): who in the firm knows someone there, the strongest tie, going cold."""
    owner = open_store_as(demo, login)
    from goodwill import clock
    from goodwill.queries.firm_accounts import overview

    views = overview(owner, clock.today())
    if json:
        emit_json([_view_json(v, ties=False) for v in views])
        return
    if not views:
        console.print("No key accounts yet.")
        return
    for view in views:
        console.print(_summary(view), markup=False)


def add_cmd(
    name: Annotated[str, typer.Argument(help="The organization, e.g. Acme Inc.")],
    kind: Annotated[str, typer.Option("--kind", help="client or target")] = "client",
    note: Annotated[str, typer.Option("--note", help="Why it matters")] = "",
    json: JsonOption = False,
    login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """Mark a key client or target (partners)."""
    owner = open_store_as(demo, login)
    from goodwill.services.firm_accounts import mark

    made = mark(owner, name, kind, note)
    if json:
        emit_json({"id": made.pk, "name": made.name, "kind": made.kind, "note": made.note})
        return
    console.print(f"#{made.pk} {made.name} is now a key {made.kind}.", markup=False)


def show_cmd(account_id: AccountId, json: JsonOption = False, login: AsOption = "", demo: DemoOption = False) -> None:
    """Who in the firm knows whom at a key account (partners)."""
    owner = open_store_as(demo, login)
    from goodwill import clock
    from goodwill.queries.firm_accounts import account

    view = account(owner, _id(account_id, "key account"), clock.today())
    if json:
        emit_json(_view_json(view, ties=True))
        return
    console.print(_summary(view), markup=False)
    if view.note:
        console.print(f"  {view.note}", markup=False)
    for tie in view.ties:
        console.print(_tie_line(tie), markup=False)


def remove_cmd(account_id: AccountId, login: AsOption = "", demo: DemoOption = False) -> None:
    """No longer a key account (partners). Nobody's people change."""
    owner = open_store_as(demo, login)
    from goodwill.services.firm_accounts import unmark

    gone = unmark(owner, _id(account_id, "key account"))
    console.print(f"{gone.name} is no longer a key account.", markup=False)


def handover_cmd(
    to: Annotated[str, typer.Option("--to", help="The colleague's login")],
    person: Annotated[list[str], typer.Option("--person", help="A person id of the leaver's (repeat for more)")],
    note: Annotated[str, typer.Option("--note", help="What the colleague should know")],
    leaver: Annotated[str, typer.Option("--from", help="Whose people (admins; default: your own)")] = "",
    json: JsonOption = False,
    login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """Hand people at key accounts to a colleague: the card and a note move, nothing confidential."""
    owner = open_store_as(demo, login)
    from goodwill.queries.firm_access import in_firm
    from goodwill.queries.firm_accounts import leaver_named, login_of
    from goodwill.services.firm_departures import hand_over

    if not in_firm(owner):
        from goodwill.errors import UserError

        raise UserError(f"{owner.username} is not in the firm")
    ids = [_id(p, "person") for p in person]
    done = hand_over(owner, leaver_named(owner, leaver), login_of(to), ids, note)
    if json:
        emit_json([{"id": h.pk, "person": h.name, "to_person_id": h.to_person_id} for h in done])
        return
    for h in done:
        console.print(f"Handed {h.name} to {h.recipient.username}.", markup=False)


def handovers_cmd(json: JsonOption = False, login: AsOption = "", demo: DemoOption = False) -> None:
    """Handovers I gave or received (an admin sees them all)."""
    owner = open_store_as(demo, login)
    from goodwill.queries.firm_accounts import handovers

    rows = handovers(owner)
    if json:
        emit_json(rows)
        return
    if not rows:
        console.print("No handovers yet.")
        return
    for h in rows:
        at = f" at {h.account}" if h.account else ""
        console.print(f"{h.created_at:%Y-%m-%d} {h.leaver} → {h.recipient}: {h.person}{at} — {h.note}", markup=False)


def depart_cmd(
    leaver: Annotated[str, typer.Argument(help="The login of the professional who left")],
    login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """Record a departure (admins): out of the firm's views, and they can no longer sign in."""
    owner = open_store_as(demo, login)
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_accounts import login_of
    from goodwill.services.firm_departures import depart

    require_admin(owner)
    member = depart(owner, login_of(leaver))
    console.print(f"{member.user.username} has left the firm and can no longer sign in.", markup=False)


def register(firm_app: typer.Typer) -> None:
    """Add this part's subcommands to `goodwill firm`."""
    from goodwill.cli.main import new_app

    firm_app.command("accounts")(accounts_cmd)
    account_app = new_app(help="One key account: add, show, remove (partners).", no_args_is_help=True)
    account_app.command("add")(add_cmd)
    account_app.command("show")(show_cmd)
    account_app.command("remove")(remove_cmd)
    firm_app.add_typer(account_app, name="account")
    firm_app.command("handover")(handover_cmd)
    firm_app.command("handovers")(handovers_cmd)
    firm_app.command("depart")(depart_cmd)
