"""A person's page in the terminal."""

from __future__ import annotations

from rich.text import Text

from goodwill.cli.output import console
from goodwill.habits.strength import Strength
from goodwill.habits.yearly import in_words
from goodwill.humanize import short_date
from goodwill.queries.people import PersonPage

BADGES = {
    "confidential": ("[confidential]", "bold red"),
    "private": ("[private]", "dim"),
    "shareable": ("[shareable]", "green"),
}


def _dates(p) -> str:
    from goodwill.habits.yearly import format_yearly

    return "; ".join(f"{d.label} {format_yearly(d.month, d.day, d.year)}" for d in p.important_dates.all())


def print_person(page: PersonPage, today, strength: Strength) -> None:
    p, state = page.person, page.state
    title = p.name + (" (archived)" if p.archived_at else "")
    console.print(Text(f"{title}  #{p.pk}", style="bold underline"))
    role = " at ".join(x for x in [p.title, p.organization.name if p.organization else ""] if x)
    for label, value in [
        ("role", role),
        ("email", ", ".join(page.emails)),
        ("phone", ", ".join(page.phones)),
        ("links", ", ".join(page.urls)),
        ("tags", ", ".join(page.tags)),
        ("how met", p.how_met),
        ("introduced by", p.introduced_by.name if p.introduced_by else ""),
        ("birthday", in_words(p.birthday)),
        ("place", _place(p)),
        ("dates", _dates(p)),
    ]:
        if value:
            console.print(Text.assemble((f"{label:>14}  ", "dim"), value))
    circle = p.circle.name if p.circle else "no circle"
    rhythm = f"{circle}, every {p.rhythm_days} days; {state.status}"
    if state.status in ("due", "overdue"):
        rhythm += f" ({state.ratio:.1f}× cadence)"
    rhythm += f"; next touch due {short_date(state.due_on, today)}"
    if p.snoozed_until and p.snoozed_until > today:
        rhythm += f"; snoozed until {short_date(p.snoozed_until, today)}"
    console.print(Text.assemble(("{:>14}  ".format("rhythm"), "dim"), rhythm))
    console.print(Text.assemble(("{:>14}  ".format("strength"), "dim"), f"{strength.score} — {strength.explain()}"))
    _steps("My next steps", page.my_steps, today)
    _steps("Theirs", page.their_steps, today)
    if page.notes:
        console.print(Text("\nNotes", style="bold"))
        for note in page.notes:
            badge, style = BADGES[note.confidentiality]
            source = f" (from {note.source.name})" if note.source else ""
            console.print(Text.assemble((f"  {badge} ", style), note.text + source))
    console.print(Text("\nTimeline", style="bold"))
    if not page.timeline:
        console.print("  nothing logged yet")
    for item in page.timeline:
        arrow = "←" if item.direction == "inbound" else "→"
        badge, style = BADGES[item.confidentiality]
        owed = "  reply owed" if item.awaiting_reply and not item.replied_at else ""
        console.print(
            Text.assemble(
                f"  {short_date(item.occurred_at, today):>11} {arrow} {item.kind_label or item.kind:<8} ",
                item.summary,
                (f" {badge}" if item.confidentiality == "confidential" else "", style),
                (owed, "red"),
            )
        )


def _steps(title: str, steps, today) -> None:
    if not steps:
        return
    console.print(Text(f"\n{title}", style="bold"))
    for step in steps:
        due = (
            f"due {short_date(step.due_on, today)}" + ("" if step.due_firm else " (soft)") if step.due_on else "no date"
        )
        console.print(f"  #{step.pk} {step.text} — {due}")


def _place(person) -> str:
    """Where they are and their local time, so nobody gets called at 3 a.m."""
    from goodwill import clock
    from goodwill.queries.zones import local_time

    if not person.place_label:
        return person.location + (" (unresolved)" if person.location else "")
    text = person.place_label + (" (ambiguous: goodwill places confirm)" if person.geo_status == "ambiguous" else "")
    local = local_time(person.timezone, clock.now())
    return text + (f"; local time {local:%H:%M %a}" if local else "")
