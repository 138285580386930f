"""`goodwill intro`: introductions by double opt-in, the board, and suggested pairs."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json, print_rebuilding
from goodwill.humanize import short_date

IntroId = Annotated[str, typer.Argument(help="Introduction id (see `goodwill intro list`)")]


def _print_draft(intro, heading: str) -> None:
    from rich.markup import escape

    from goodwill.services.intros import draft_for

    draft = draft_for(intro)
    if draft:
        console.print(f"\n[bold]{escape(heading)}[/]", markup=True)
        console.print(draft, markup=False)


def propose(
    a: Annotated[str, typer.Argument(help="Who to ask first")],
    b: Annotated[str, typer.Argument(help="Who to introduce them to")],
    why: Annotated[str, typer.Option("--why", help="Why they should meet")] = "",
    demo: DemoOption = False,
) -> None:
    """Start a double opt-in introduction: draft the ask to A."""
    owner = open_store(demo)
    from goodwill.services.intros import propose_intro
    from goodwill.services.people import resolve_person

    person_a = resolve_person(owner, a, include_archived=True)
    person_b = resolve_person(owner, b, include_archived=True)
    intro = propose_intro(owner, person_a, person_b, why)
    console.print(
        f"Introduction #{intro.pk}: asking {intro.person_a.name} first. Follow-up on "
        f"{intro.follow_up_on:%a %d %b} if no answer.",
        markup=False,
    )
    _print_draft(intro, f"Draft to {intro.person_a.name}:")
    console.print(f"\nWhen they answer: goodwill intro answer {intro.pk} a yes|no", markup=False)


def answer(
    intro_id: IntroId,
    side: Annotated[str, typer.Argument(help="a or b")],
    reply: Annotated[str, typer.Argument(help="yes or no")],
    demo: DemoOption = False,
) -> None:
    """Record A's (then B's) answer; prints the next draft."""
    owner = open_store(demo)
    from goodwill.services.intros import get_intro, record_answer

    intro = record_answer(owner, get_intro(owner, intro_id), side, reply)
    if intro.status == "declined":
        console.print(f"Introduction #{intro.pk} declined by {intro.declined_by.upper()}. Nothing more to do.")
    elif intro.status == "asked_b":
        console.print(f"{intro.person_a.name} said yes. Now ask {intro.person_b.name}.", markup=False)
        _print_draft(intro, f"Draft to {intro.person_b.name}:")
        console.print(f"\nWhen they answer: goodwill intro answer {intro.pk} b yes|no", markup=False)
    else:
        console.print(
            f"Both said yes. Introduction given (ledger: an introduction to each). "
            f"Ask how it went on {intro.follow_up_on:%a %d %b}.",
            markup=False,
        )
        _print_draft(intro, "Draft to both:")
        console.print(f"\nAfterwards: goodwill intro outcome {intro.pk} met|business|nothing", markup=False)


def outcome(
    intro_id: IntroId,
    result: Annotated[str, typer.Argument(help="met, business or nothing")],
    note: Annotated[str, typer.Option("--note", help="What came of it")] = "",
    demo: DemoOption = False,
) -> None:
    """Record how an introduction turned out."""
    owner = open_store(demo)
    from goodwill.services.intros import get_intro, record_outcome

    intro = record_outcome(owner, get_intro(owner, intro_id), result, note)
    tail = f" I'll ask about business on {intro.follow_up_on:%d %b}." if intro.status == "met" else ""
    console.print(f"Introduction #{intro.pk}: {intro.get_status_display()}.{tail}", markup=False)


def show(intro_id: IntroId, json: JsonOption = False, demo: DemoOption = False) -> None:
    """One introduction, where it stands, and the draft for its current step."""
    owner = open_store(demo)
    from goodwill.queries.intros import _row
    from goodwill.services.intros import draft_for, get_intro

    intro = get_intro(owner, intro_id)
    row = _row(intro)
    if json:
        emit_json({**row.__dict__, "draft": draft_for(intro)})
        return
    console.print(f"#{row.id} {row.a} → {row.b}: {row.status_label}. {row.why}", markup=False)
    if row.next:
        console.print(
            f"Next: {row.next}" + (f" (follow up {short_date(row.follow_up_on)})" if row.follow_up_on else ""),
            markup=False,
        )
    _print_draft(intro, "Draft:")


def list_cmd(
    status: Annotated[str | None, typer.Option("--status", help="Only this status")] = None,
    person: Annotated[str | None, typer.Option("--person", help="Only with this person")] = None,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """The introductions board, by status."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.models import Introduction
    from goodwill.queries.intros import board
    from goodwill.services.people import resolve_person

    if status and status not in dict(Introduction.STATUSES):
        raise InvalidInput(f'"{status}" is not a status; use one of: {", ".join(dict(Introduction.STATUSES))}')
    grouped = board(owner, status=status, person=resolve_person(owner, person) if person else None)
    if json:
        emit_json(grouped)
        return
    if not grouped:
        console.print(
            'No introductions yet. Start one: goodwill intro propose A B --why "..."; or see goodwill intro suggest.',
            markup=False,
        )
    labels = dict(Introduction.STATUSES)
    for key, rows in grouped.items():
        console.print(f"\n[bold]{labels[key]}[/] [dim]{len(rows)}[/]", markup=True)
        for r in rows:
            follow = f" — follow up {short_date(r.follow_up_on)}" if r.follow_up_on else ""
            by = f" (by {r.declined_by.upper()})" if r.declined_by else ""
            console.print(f"  #{r.id} {r.a} → {r.b}{by}: {r.why}{follow}", markup=False)


def suggest(
    person: Annotated[str | None, typer.Option("--for", help="Only this person's needs")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100)] = 10,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Pairs where one's needs match the other's offers, with reasons."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.queries.intros import suggest_pairs
    from goodwill.queries.pass_on import meaning_rebuilding
    from goodwill.services.people import resolve_person

    rows = suggest_pairs(
        owner, limit=limit, person=resolve_person(owner, person) if person else None, today=clock.today()
    )
    if json:
        emit_json(rows)
        return
    print_rebuilding(meaning_rebuilding(owner))
    if not rows:
        console.print("No pairs to suggest: add needs and offers with `goodwill profile add`.", markup=False)
    for n, r in enumerate(rows, 1):
        console.print(f"{n}. {r.needs_name} ↔ {r.offers_name}", markup=False)
        console.print(f"   {r.reason}", markup=False)
        console.print(f'   goodwill intro propose "{r.needs_name}" "{r.offers_name}" --why "{r.need}"', markup=False)


def later(
    intro_id: IntroId,
    when: Annotated[str, typer.Argument(help='e.g. "next monday", 2026-12-01')],
    demo: DemoOption = False,
) -> None:
    """Move an introduction's follow-up to a later day."""
    owner = open_store(demo)
    from goodwill.parsing import parse_day
    from goodwill.services.intros import get_intro, postpone

    intro = postpone(owner, get_intro(owner, intro_id), parse_day(when))
    console.print(f"Introduction #{intro.pk}: follow up on {intro.follow_up_on:%a %d %b}.", markup=False)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    group = new_app(help="Introductions by double opt-in: propose, answer, outcome; the board; suggestions.")
    for name, command in (
        ("propose", propose),
        ("answer", answer),
        ("outcome", outcome),
        ("show", show),
        ("list", list_cmd),
        ("suggest", suggest),
        ("later", later),
    ):
        group.command(name)(command)
    app.add_typer(group, name="intro")
