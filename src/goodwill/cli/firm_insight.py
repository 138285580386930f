"""`goodwill firm ...`: the firm's insight commands (registered by firm_cmds): the firm's momentum
and its balance sheet, for partners. Thin over queries.firm_momentum and queries.firm_ledger."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Annotated, Any

import typer

from goodwill.cli.common import AsOption, DemoOption, JsonOption, open_store_as
from goodwill.cli.output import console, emit_json

SOURCES_SHOWN = 20  # the lead sources listed; the totals count them all
TeamOption = Annotated[str, typer.Option("--team", help="Only this team (its name or id); default: the whole firm")]


def _money(values: dict) -> str:
    return ", ".join(f"{amount:,.2f} {currency}" for currency, amount in values.items()) or "—"


def _plain(value: Any) -> Any:
    """A dataclass tree as JSON-ready data: money as exact text, a balance line with its equity and verdict."""
    from goodwill.queries.ledger import Tally

    if isinstance(value, Tally):
        return {**{f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}} | {
            "equity": value.equity,
            "positive": value.positive,
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def momentum_cmd(
    team: TeamOption = "",
    json: JsonOption = False,
    login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """The firm's momentum (partners): touches per week for the quarter, per professional who shares it."""
    owner = open_store_as(demo, login)
    from rich.markup import escape

    from goodwill import clock
    from goodwill.habits.momentum import render_bars
    from goodwill.queries.firm_momentum import firm_momentum, not_sharing_text

    result = firm_momentum(owner, clock.today(), team=team or None)
    if json:
        emit_json({**_plain(result), "sharing_text": not_sharing_text(result)})
        return
    where = result.team.name if result.team else "The firm"
    console.print(
        f"[bold]{escape(where)}: momentum, last {result.weeks} weeks[/]  ({not_sharing_text(result)})", markup=True
    )
    if result.total is None:
        console.print("Nobody here shares their momentum yet.", markup=False)
    else:
        console.print(f"\nTogether (goal {result.total.goal} a week, the sum of the goals):", markup=False)
        for line in render_bars(result.total):
            console.print(line, markup=False)
    for p in result.professionals:
        m = p.momentum
        console.print(
            f"\n{p.professional.name}: goal {m.goal} a week · this week {m.this_week} · streak {m.streak} · "
            f"average {m.average:.1f}{' · DIPPING' if m.dipping_now else ''}",
            markup=False,
        )
        for line in render_bars(m, width=26):
            console.print(line, markup=False)
    if result.teams:
        console.print("\nBy team:", markup=False)
        for t in result.teams:
            if t.momentum is None:
                console.print(f"  {t.team.name}: {t.sharing} of {t.members} share; nobody to show", markup=False)
                continue
            console.print(
                f"  {t.team.name}: {t.sharing} of {t.members} share · goal {t.momentum.goal} · this week "
                f"{t.momentum.this_week} · average {t.momentum.average:.1f}{' · DIPPING' if t.momentum.dipping_now else ''}",
                markup=False,
            )


def balance_cmd(
    team: TeamOption = "",
    json: JsonOption = False,
    login: AsOption = "",
    demo: DemoOption = False,
) -> None:
    """The firm's balance sheet (partners): given and received per professional, per team and by lead source."""
    owner = open_store_as(demo, login)
    from rich.markup import escape

    from goodwill import clock
    from goodwill.queries.firm_ledger import firm_balance

    result = firm_balance(owner, clock.today(), team=team or None)
    if json:
        emit_json({**_plain(result), "in_positive_equity": result.in_positive_equity})
        return
    total = result.total
    verdict = "in positive equity" if total.positive else "not in positive equity"
    where = result.team.name if result.team else "The firm"
    console.print(
        f"[bold]{escape(where)}: equity {total.equity:+d}[/] (given {total.given} points, received {total.received}): {verdict}",
        markup=True,
    )
    console.print(f"Value given {_money(total.given_value)} · received {_money(total.received_value)}", markup=False)

    def section(title: str, rows) -> None:
        console.print(f"\n{title}:", markup=False)
        for label, t in rows:
            value = []
            if t.given_value:
                value.append(f"value given {_money(t.given_value)}")
            if t.received_value:
                value.append(f"value received {_money(t.received_value)}")
            console.print(
                f"  {label}: given {t.given} · received {t.received} · equity {t.equity:+d} · "
                f"{'positive' if t.positive else 'negative'}{''.join(' · ' + v for v in value)}",
                markup=False,
            )

    if result.teams:
        section("By team", [(f"{t.team.name} ({t.members})", t.balance) for t in result.teams])
    section("Per professional", [(p.professional.name, p.balance) for p in result.professionals])
    shown = result.sources[:SOURCES_SHOWN]
    section(
        f"By lead source ({len(shown)} of {len(result.sources)})",
        [(f"{s.name} ({s.colleague.name})" if s.shown else s.name, s.balance) for s in shown],
    )


def register(firm_app: typer.Typer) -> None:
    """Add this part's subcommands to `goodwill firm`."""
    firm_app.command("momentum")(momentum_cmd)
    firm_app.command("balance")(balance_cmd)
