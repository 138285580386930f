"""Promises: list them both ways, find them in text, keep, renegotiate, release, break."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json
from goodwill.humanize import short_date
from goodwill.parsing import parse_when

StepIds = Annotated[list[str], typer.Argument(help="Promise (step) id(s)")]


def promises_cmd(
    ctx: typer.Context,
    mine: Annotated[bool, typer.Option("--mine", help="Only what I promised")] = False,
    theirs: Annotated[bool, typer.Option("--theirs", help="Only what they promised me")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only those past their date")] = False,
    person: Annotated[str | None, typer.Option("--person", help="Only with this person")] = None,
    stats: Annotated[
        bool, typer.Option("--stats", help="My keeping record: share kept on time, per month and per person")
    ] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Open promises both ways, by person (`promises find TEXT` shows what the finder sees)."""
    if ctx.invoked_subcommand is not None:
        return
    owner = open_store(demo)
    from goodwill import clock

    today = clock.today()
    if stats:
        _print_stats(owner, today, json)
        return
    from rich.markup import escape

    from goodwill.queries.promises import promises
    from goodwill.services.people import resolve_person

    whose = "mine" if mine and not theirs else "theirs" if theirs and not mine else "all"
    target = resolve_person(owner, person) if person else None
    rows = list(promises(owner, today, whose=whose, overdue=overdue, person=target))
    if json:
        emit_json(
            [
                {
                    "id": s.pk,
                    "person": s.person.name,
                    "person_id": s.person_id,
                    "ball": s.ball,
                    "text": s.text,
                    "due_on": s.due_on,
                    "firm": s.due_firm,
                    "overdue": bool(s.due_on and s.due_on < today),
                    "renegotiations": s.renegotiations,  # type: ignore[attr-defined]  # queries.promises counts them
                    "source_sentence": s.source_sentence or None,
                }
                for s in rows
            ]
        )
        return
    if not rows:
        console.print("No open promises.")
        return
    # Printed a thousand lines at a time: rich's work for each print was most of the cost
    # (7.8 s for 50,000 promises one line a print).
    lines: list[str] = []
    current = None
    for step in rows:
        if step.person_id != current:
            current = step.person_id
            lines.append(f"\n[bold]{escape(step.person.name)}[/]")
        whose_text = {"mine": "I owe", "theirs": "they owe", "both": "we agreed"}[step.ball]
        due = short_date(step.due_on, today) + ("" if step.due_firm else " (soft)") if step.due_on else "no date"
        late = " [red]overdue[/]" if step.due_on and step.due_on < today else ""
        times = step.renegotiations  # type: ignore[attr-defined]  # queries.promises counts them
        moved = f" [dim](renegotiated ×{times})[/]" if times else ""
        lines.append(f"  #{step.pk} {whose_text}: {escape(step.text)} — {due}{late}{moved}")
        if len(lines) >= 1000:
            console.print("\n".join(lines), markup=True)
            lines.clear()
    if lines:
        console.print("\n".join(lines), markup=True)


def _print_stats(owner, today, json: bool) -> None:
    from goodwill.queries.promises import keeping_record

    record = keeping_record(owner, today)
    if json:

        def line(row):
            return {
                "label": row.label,
                "due": row.due,
                "kept_on_time": row.kept_on_time,
                "kept_late": row.kept_late,
                "broken": row.broken,
                "open_overdue": row.open_overdue,
                "share_on_time": row.share_on_time,
            }

        emit_json(
            {
                "overall": line(record.overall),
                "by_month": [line(row) for row in record.by_month],
                "by_person": [line(row) for row in record.by_person],
            }
        )
        return
    from rich.table import Table

    def table(title, lines):
        t = Table(title=title, box=None, title_justify="left")
        for column in ("", "came due", "on time", "late", "broken", "still open", "kept on time"):
            t.add_column(column, justify="right" if column else "left")
        for row in lines:
            share = f"{row.share_on_time:.0%}" if row.share_on_time is not None else "—"
            t.add_row(
                row.label,
                str(row.due),
                str(row.kept_on_time),
                str(row.kept_late),
                str(row.broken),
                str(row.open_overdue),
                share,
            )
        return t

    overall = record.overall
    if not overall.due:
        console.print("No dated promises of mine have come due yet.")
        return
    console.print(f"Kept on time: {overall.share_on_time:.0%} of {overall.due} promises that came due.")
    console.print(table("By month", record.by_month))
    console.print(table("By person", record.by_person[:15]))


def find(
    text: Annotated[str, typer.Argument(help="The note or email text, or - to read standard input")],
    lines: Annotated[bool, typer.Option("--lines", help="Check each input line as a note of its own")] = False,
    inbound: Annotated[bool, typer.Option("--inbound", help="The text was written by them, not me")] = False,
    on: Annotated[str | None, typer.Option("--on", help="The date of the encounter (default today)")] = None,
    json: JsonOption = False,
) -> None:
    """Show the promises the finder sees in TEXT; writes nothing."""
    import sys

    from goodwill import clock
    from goodwill.errors import InvalidInput
    from goodwill.habits.promises import find_promises
    from goodwill.habits.promises.segment import MAX_TEXT, looks_binary

    source = sys.stdin.read() if text == "-" else text
    if looks_binary(source):
        raise InvalidInput(
            "the text looks like binary data (NUL or control characters); give a note or email as plain text"
        )
    base = parse_when(on).day if on else clock.today()
    notes = [line for line in source.splitlines() if line.strip()] if lines else [source]
    direction = "inbound" if inbound else "outbound"
    results: list[dict[str, Any]] = [
        {"note": i + 1, "text": note, "promises": find_promises(note, base=base, direction=direction)}
        for i, note in enumerate(notes)
    ]
    if json:
        emit_json(results if lines else results[0]["promises"])
        return
    if any(len(note) > MAX_TEXT for note in notes):
        console.print(f"Only the first {MAX_TEXT:,} characters of a note are read; the rest was not checked.")
    total = 0
    for result in results:
        for p in result["promises"]:
            total += 1
            due = f"{p.due.day:%a %d %b %Y}" + ("" if p.due.firm else " (soft)") if p.due else "no date"
            where = f"line {result['note']}: " if lines else ""
            console.print(
                f"{where}{p.owner:<4} {p.action} — {due}\n      “{p.sentence.strip()}”\n      why: {p.why}",
                markup=False,
            )
    if not total:
        console.print("No promises found.")


def confirm(
    interaction_id: Annotated[
        str, typer.Argument(help='The interaction number `goodwill log` printed ("interaction 12")')
    ],
    numbers: Annotated[
        list[int] | None, typer.Argument(help="Only these promises, numbered as listed (default all)")
    ] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="List the promises found in its note; record nothing")
    ] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Record the promises found in a logged encounter's note (a `log` run from a script leaves them to confirm)."""
    owner = open_store(demo)
    from goodwill.cli.log_cmds import describe_found, print_step
    from goodwill.services.interactions import confirm_promises, get_interaction, promises_in

    interaction = get_interaction(owner, interaction_id)
    if list_only:
        found = promises_in(interaction)
        if json:
            emit_json(
                [
                    {"number": n, "text": p.text, "ball": p.ball, "due_on": p.due, "firm": p.firm}
                    for n, p in enumerate(found, 1)
                ]
            )
            return
        for number, request in enumerate(found, 1):
            console.print(f"{number}. {describe_found(request)}", markup=False)
        if not found:
            console.print(f"No promises found in the note of interaction {interaction.pk}.")
        return
    created, already = confirm_promises(owner, interaction, numbers)
    if json:
        emit_json(
            {
                "recorded": [
                    {
                        "id": s.pk,
                        "person": s.person.name,
                        "person_id": s.person_id,
                        "text": s.text,
                        "ball": s.ball,
                        "due_on": s.due_on,
                    }
                    for s in created
                ],
                "already_recorded": already,
            }
        )
        return
    for step in created:
        print_step(step)
    if already:
        console.print(f"{already} already recorded from interaction {interaction.pk}: nothing recorded twice.")


def kept(step_ids: StepIds, demo: DemoOption = False) -> None:
    """Mark promises kept."""
    _close(step_ids, demo, "done", "kept")


def release(step_ids: StepIds, demo: DemoOption = False) -> None:
    """The other side let me off these promises."""
    _close(step_ids, demo, "released", "released")


def broken(step_ids: StepIds, demo: DemoOption = False) -> None:
    """Past due and abandoned: count these as broken."""
    _close(step_ids, demo, "broken", "broken")


def _close(step_ids, demo, status, verb):
    from goodwill.cli.log_cmds import _close as close

    close(step_ids, demo, status, verb)


def renegotiate(
    step_id: Annotated[str, typer.Argument(help="Promise (step) id")],
    when: Annotated[str | None, typer.Argument(help='The new date: "next friday", "in two weeks", 2026-12-15')] = None,
    due: Annotated[str | None, typer.Option("--due", "-d", help="The new date, as an option (same as WHEN)")] = None,
    demo: DemoOption = False,
) -> None:
    """Agree a new date for a promise; the old date stays in its history."""
    from goodwill.errors import InvalidInput

    if when and due:
        raise InvalidInput("give the new date once: as WHEN or as --due, not both")
    if not (when or due):
        raise InvalidInput('give the new date, e.g. goodwill renegotiate 12 "next friday"')
    owner = open_store(demo)
    from goodwill.services.promises import renegotiate as renegotiate_step
    from goodwill.services.steps import get_step

    step = get_step(owner, step_id)
    old = step.due_on
    text = when or due
    assert text  # one of the two, checked above
    parsed = parse_when(text)
    renegotiate_step(owner, step, parsed.day, firm=parsed.firm)
    console.print(f"#{step.pk} {step.text}: due {short_date(old) if old else 'no date'} → {parsed.day:%a %d %b %Y}")


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    group = new_app(help="Promises both ways; `find` shows what the finder sees.", invoke_without_command=True)
    group.callback()(promises_cmd)
    group.command("find")(find)
    group.command("confirm")(confirm)
    app.add_typer(group, name="promises")
    for command in (kept, renegotiate, release, broken):
        app.command()(command)
