"""Rendering the agenda and review rows for a terminal."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from goodwill.cli.output import console
from goodwill.humanize import relative_days, short_date
from goodwill.queries.rhythm import DuePerson
from goodwill.queries.today import Agenda, StepRow


def _heading(title: str, count: int) -> None:
    console.print(Text.assemble((f"{title}", "bold"), (f"  {count}" if count else "  none", "dim")))


def _age(days: float) -> str:
    if days <= 0:
        return "within window"
    whole = int(days + 0.5)
    return f"{whole} business day{'s' if whole != 1 else ''} late" if whole else "due now"


def describe_due(row: DuePerson, today) -> str:
    state = row.state
    if state.status == "overdue":
        how = f"{state.ratio:.1f}× overdue"
    else:
        how = f"due ({state.ratio:.1f}× cadence)"
    if row.last_at:
        last = f"last: {row.last_kind} on {short_date(row.last_at, today)} — {row.last_summary}"
    else:
        last = "never contacted"
    return f"{how}; {last}"


def step_table(rows: list[StepRow], today) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False)
    for row in rows:
        when = relative_days(row.days_late) if row.due_on else "no date"
        if row.due_on and not row.firm:
            when += " (soft)"
        table.add_row(
            f"#{row.step_id}", row.person_name, row.text, Text(when, style="red" if row.days_late > 0 else "")
        )
    return table


def _more(count: int, hint: str) -> None:
    if count > 0:
        console.print(Text(f"  … and {count} more: {hint}", style="dim"))


def print_agenda(agenda: Agenda) -> None:
    today = agenda.today
    console.print(Text(f"Goodwill — {today:%A} {today.day} {today:%B %Y}", style="bold underline"))
    console.print()
    _heading("Replies I owe", len(agenda.replies_owed))
    if agenda.replies_owed:
        table = Table(show_header=False, box=None, pad_edge=False)
        for reply in agenda.replies_owed:
            table.add_row(
                reply.person_name + (f" ({reply.local_time:%H:%M} there)" if reply.local_time else ""),
                f"{reply.kind} {short_date(reply.received_at, today)}: {reply.summary}",
                Text(_age(reply.days_late), style="red" if reply.days_late > 0 else "yellow"),
            )
        console.print(table)
        console.print(Text("  answer, then: goodwill replied NAME", style="dim"))
    console.print()
    _heading("My next steps due", agenda.my_steps_total)
    if agenda.my_steps:
        console.print(step_table(agenda.my_steps, today))
        _more(agenda.my_steps_total - len(agenda.my_steps), "goodwill promises --mine --overdue")
        console.print(Text("  finished one? goodwill done ID", style="dim"))
    console.print()
    _heading("Due for a touch", agenda.people_due_total)
    for row in agenda.people_due:
        style = "red" if row.state.status == "overdue" else "yellow"
        local = f" {row.local_time:%H:%M} there" if row.local_time else ""
        console.print(
            Text.assemble(
                (f"  {row.name}", "bold"),
                (f"  [{row.circle or 'no circle'}]{local} ", "dim"),
                (describe_due(row, today), style),
            )
        )
    _more(agenda.people_due_total - len(agenda.people_due), "goodwill review walks through them")
    if agenda.dates_this_week:
        console.print()
        _heading("This week", agenda.dates_this_week_total)
        for coming in agenda.dates_this_week:
            when = {0: "today", 1: "tomorrow"}.get(coming.days_away, coming.when)
            console.print(
                Text.assemble(
                    (f"  {when:<17}", "yellow" if coming.days_away < 2 else ""),
                    (coming.person_name, "bold"),
                    f"  {coming.what}",
                )
            )
        _more(agenda.dates_this_week_total - len(agenda.dates_this_week), "goodwill calendar --days 7 lists them")
    console.print()
    _heading("Theirs to chase", agenda.their_steps_total)
    if agenda.their_steps:
        console.print(step_table(agenda.their_steps, today))
        _more(agenda.their_steps_total - len(agenda.their_steps), "goodwill promises --theirs --overdue")
    if agenda.intro_follow_ups:
        console.print()
        _heading("Introductions to follow up", len(agenda.intro_follow_ups))
        for intro in agenda.intro_follow_ups:
            console.print(
                Text.assemble(
                    (f"  #{intro.id} {intro.a} → {intro.b}", "bold"),
                    (f"  {intro.next}", "yellow"),
                    (f" (due {short_date(intro.follow_up_on, today)})", "dim"),
                )
            )
        console.print(Text("  see: goodwill intro show ID", style="dim"))
    if not agenda.review_done_this_week:
        console.print()
        console.print(
            Text("This week's review is not done yet: run goodwill review (about 10 minutes).", style="bold cyan")
        )
