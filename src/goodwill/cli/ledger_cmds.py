"""`goodwill ledger`: the referral balance sheet, and entries by hand."""

from __future__ import annotations

import csv
import sys
from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json

CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV for spreadsheets")]


def _exact(value):
    """Decimals as strings for JSON: amounts keep their cents exactly."""
    from dataclasses import fields, is_dataclass
    from decimal import Decimal

    if isinstance(value, Decimal):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _exact(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_exact(v) for v in value]
    return value


def _money(values: dict) -> str:
    return ", ".join(f"{amount:,.2f} {code}" for code, amount in sorted(values.items())) or "—"


def _sheet(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option("--person", help="Only this person")] = None,
    csv_out: CsvOption = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """The balance sheet: given, received and equity per person; who I owe; lead sources; the trend."""
    if ctx.invoked_subcommand is not None:
        return
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.queries.ledger import balance_sheet
    from goodwill.services.people import resolve_person

    sheet = balance_sheet(owner, clock.today(), person=resolve_person(owner, person) if person else None)
    if json:
        from goodwill.services.ledger import default_currency

        emit_json(
            _exact(
                {
                    **sheet.__dict__,
                    "default_currency": default_currency(owner),
                    "people": [{**_exact(p), "equity": p.equity} for p in sheet.people],
                    "i_owe": [{**_exact(p), "equity": p.equity} for p in sheet.i_owe],
                }
            )
        )
        return
    if csv_out:
        writer = csv.writer(sys.stdout)
        writer.writerow(
            [
                "person_id",
                "name",
                "given_points",
                "received_points",
                "equity",
                "given_count",
                "received_count",
                "given_value",
                "received_value",
                "last_on",
            ]
        )
        for p in sheet.people:
            writer.writerow(
                [
                    p.person_id,
                    p.name,
                    p.given,
                    p.received,
                    p.equity,
                    p.given_count,
                    p.received_count,
                    "; ".join(f"{v} {c}" for c, v in sorted(p.given_value.items())),
                    "; ".join(f"{v} {c}" for c, v in sorted(p.received_value.items())),
                    p.last_on or "",
                ]
            )
        return
    from rich.table import Table

    if not sheet.people:
        console.print(
            "The ledger is empty. Passing things on and introductions add to it; "
            "`goodwill ledger add NAME referral --given` records by hand.",
            markup=False,
        )
        return
    console.print(
        f"[bold]Network equity: {sheet.total_equity:+d}[/]  (given {sheet.total_given} points, "
        f"received {sheet.total_received}) · value given {_money(sheet.value_given)} · "
        f"received {_money(sheet.value_received)}",
        markup=True,
    )
    from goodwill.services.ledger import default_currency

    console.print(
        f"[dim]Amounts written without a currency are in {default_currency(owner)} "
        "(`goodwill config set currency EUR` changes it).[/]",
        markup=True,
    )
    table = Table(box=None, title="Per person", title_justify="left")
    for col in ("Person", "Given", "Received", "Equity", "Last"):
        table.add_column(col, justify="left" if col in ("Person", "Last") else "right")
    for p in sheet.people[:25]:
        table.add_row(p.name, str(p.given), str(p.received), f"{p.equity:+d}", str(p.last_on or ""))
    console.print(table)
    if len(sheet.people) > 25:
        console.print(f"[dim]… and {len(sheet.people) - 25} more (--csv for all)[/]", markup=True)
    console.print("\n[bold]People I owe[/] (received much, gave little)", markup=True)
    for p in sheet.i_owe[:10] or []:
        console.print(f"  {p.name}: received {p.received}, given {p.given} ({p.equity:+d})", markup=False)
    if not sheet.i_owe:
        console.print("  nobody — keep giving first", markup=False)
    console.print("\n[bold]Top lead sources[/] (business won)", markup=True)
    for s in sheet.lead_sources:
        console.print(f"  {s.name}: {s.deals} deal(s), {_money(s.value)}", markup=False)
    if not sheet.lead_sources:
        console.print("  none yet", markup=False)
    console.print("\n[bold]By quarter[/] (points given / received)", markup=True)
    for q in sheet.by_quarter:
        console.print(f"  {q.quarter}  {'█' * min(q.given, 40):<40} {q.given:>3} / {q.received:<3}", markup=False)


def add(
    person: Annotated[str, typer.Argument(help="Name, email or #id")],
    kind: Annotated[str, typer.Argument(help="referral, lead, introduction, information, advice, favour, business")],
    given: Annotated[bool, typer.Option("--given", help="I gave it (default)")] = False,
    received: Annotated[bool, typer.Option("--received", help="I received it")] = False,
    amount: Annotated[
        str | None,
        typer.Option("--amount", help='Value, for referrals, leads and business: 25000, 25k, 1.2m, "$25,000", "€1.2m"'),
    ] = None,
    currency: Annotated[
        str,
        typer.Option(
            "--currency", help="ISO 4217 code, e.g. EUR (default: your currency, `goodwill config set currency`)"
        ),
    ] = "",
    status: Annotated[str, typer.Option("--status", help="pending, won or lost (referrals, leads)")] = "",
    source: Annotated[str | None, typer.Option("--source", help="Business received: who the lead came from")] = None,
    on: Annotated[str | None, typer.Option("--on", help="When: a date, 'yesterday', 'last friday'")] = None,
    note: Annotated[str, typer.Option("--note", help="What it was")] = "",
    demo: DemoOption = False,
) -> None:
    """Record a line of the balance sheet by hand."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.parsing import parse_past_day
    from goodwill.services.ledger import add_exchange
    from goodwill.services.people import resolve_person

    if given and received:
        raise InvalidInput("choose one of --given or --received")
    target = resolve_person(owner, person)
    source_person = resolve_person(owner, source) if source else None
    row = add_exchange(
        owner,
        target,
        kind,
        "received" if received else "given",
        on=parse_past_day(on) if on else None,
        description=note,
        amount=amount,
        currency=currency,
        status=status,
        source=source_person,
    )
    value = f" {row.amount:,.2f} {row.currency}" if row.amount is not None else ""
    console.print(
        f"Ledger #{row.pk}: {row.kind} {row.direction} — {target.name}{value}"
        + (f" [{row.status}]" if row.status else ""),
        markup=False,
    )


def entries_cmd(
    person: Annotated[str | None, typer.Option("--person", help="Only this person")] = None,
    csv_out: CsvOption = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Every ledger line, newest first."""
    owner = open_store(demo)
    from goodwill.queries.ledger import entries
    from goodwill.services.people import resolve_person

    rows = entries(owner, person=resolve_person(owner, person) if person else None)
    data = [
        {
            "id": r.pk,
            "on": r.occurred_on,
            "person_id": r.person_id,
            "person": r.person.name,
            "kind": r.kind,
            "direction": r.direction,
            "description": r.description,
            "amount": str(r.amount) if r.amount is not None else None,
            "currency": r.currency or None,
            "status": r.status or None,
            "source": r.source.name if r.source else None,
        }
        for r in rows
    ]
    if json:
        emit_json(data)
        return
    if csv_out:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(data[0]) if data else ["id"])
        writer.writeheader()
        writer.writerows(data)
        return
    for d in data:
        value = f" {d['amount']} {d['currency']}" if d["amount"] else ""
        extra = (f" [{d['status']}]" if d["status"] else "") + (f" via {d['source']}" if d["source"] else "")
        console.print(
            f"#{d['id']} {d['on']} {d['direction']:<8} {d['kind']:<12} {d['person']}{value}{extra}"
            + (f" — {d['description']}" if d["description"] else ""),
            markup=False,
        )


def status_cmd(
    entry_id: Annotated[str, typer.Argument(help="Ledger entry id")],
    status: Annotated[str, typer.Argument(help="pending, won or lost")],
    amount: Annotated[str | None, typer.Option("--amount", help='Its value now known: 25k, "$25,000", "€1.2m"')] = None,
    currency: Annotated[str, typer.Option("--currency", help="ISO 4217 code (default: the entry's, else yours)")] = "",
    demo: DemoOption = False,
) -> None:
    """A referral or lead was won or lost."""
    owner = open_store(demo)
    from goodwill.services.ledger import get_exchange, set_status

    row = set_status(owner, get_exchange(owner, entry_id), status, amount=amount, currency=currency)
    console.print(f"Ledger #{row.pk}: {row.kind} now {row.status}.", markup=False)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    group = new_app(
        help="The referral balance sheet: what went each way with each person.", invoke_without_command=True
    )
    group.callback()(_sheet)
    group.command("add")(add)
    group.command("entries")(entries_cmd)
    group.command("status")(status_cmd)
    app.add_typer(group, name="ledger")
