"""The weekly review and the momentum chart."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, interactive, open_store
from goodwill.cli.output import console, emit_json

ACTIONS = "[l]og a touch  [n]ext step  [c]ircle/cadence  [s]nooze  s[k]ip  [d]one for this week  [q]uit for now"


def review(
    list_only: Annotated[bool, typer.Option("--list", help="Print the queue without prompting")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Walk through the most neglected connections, one at a time."""
    owner = open_store(demo)
    from rich.markup import escape

    from goodwill import clock
    from goodwill.cli.render import describe_due
    from goodwill.queries.review import review_ideas, review_queue

    today = clock.today()
    queue = review_queue(owner, today)
    ideas = review_ideas(owner, queue, today)
    if json:
        from goodwill.cli.idea_commands import idea_json
        from goodwill.cli.output import _plain

        emit_json([{**_plain(row), "ideas": [idea_json(i) for i in ideas.get(row.person_id, [])]} for row in queue])
        return
    if not queue:
        from goodwill.cli.first_run import print_guide_if_empty

        if print_guide_if_empty(owner):
            return  # nobody to review: no review recorded either
        console.print("Nobody is due for a touch. Your network is in good shape.")
    if list_only or not interactive():
        for row in queue:
            console.print(
                f"#{row.person_id} {row.name} [{row.circle or 'no circle'}]: {describe_due(row, today)}", markup=False
            )
            _print_ideas(ideas.get(row.person_id, []))
        if queue and not list_only:
            console.print("Run `goodwill review` at a terminal to walk through them.")
        return
    reviewed = 0
    for index, row in enumerate(queue, 1):
        console.print(
            f"\n[bold]{index}/{len(queue)} {escape(row.name)}[/] [dim]{escape(row.circle or 'no circle')}[/]",
            markup=True,
        )
        console.print(describe_due(row, today), markup=False)
        _print_ideas(ideas.get(row.person_id, []))
        choice = typer.prompt(ACTIONS, default="k").strip().lower()[:1]
        if choice == "q":
            # Quitting early leaves the week's review open: only finishing, or "done", records it.
            console.print(
                f"\nStopped after {reviewed} of {len(queue)}; this week's review is still open. "
                "`goodwill review` picks up with whoever is left.",
                markup=False,
            )
            return
        if choice == "d":
            break
        reviewed += 1
        _act(owner, row.person_id, choice)
    from goodwill.services.review import record_review

    record_review(owner, reviewed)
    console.print(f"\nReview done: {reviewed} people reviewed. See you next week.")


def _print_ideas(ideas: list) -> None:
    from goodwill.cli.idea_commands import command_for

    for idea in ideas:
        command = command_for(idea.action)
        console.print(f"    idea: {idea.text}" + (f" — {command}" if command else ""), markup=False)


def _act(owner, person_id: int, choice: str) -> None:
    from rich.markup import escape

    from goodwill.errors import UserError
    from goodwill.models import Person
    from goodwill.parsing import parse_cadence_days, parse_day, parse_when
    from goodwill.services import people as people_service
    from goodwill.services.encounters import encounter_request, needs_next_step
    from goodwill.services.interactions import log_interaction
    from goodwill.services.steps import add_step

    person = Person.objects.get_owned(owner, person_id)
    try:
        if choice == "l":
            from goodwill.cli.log_cmds import NONE_WORDS, ask_found_promises, print_step

            kind = typer.prompt("Kind (call, meeting, email, message; or lunch, coffee, text…)", default="message")
            summary = typer.prompt("What happened")
            # The same finder as every other log: each promise in the note is confirmed, edited or skipped.
            promises, _ = ask_found_promises(summary, "", [person], None, "outbound", False)
            step = due = None
            if needs_next_step(promises):
                step = typer.prompt("Next step (or 'none')", default="none")
                if step.strip().lower() in NONE_WORDS:
                    step = None
                else:
                    due = typer.prompt("Due", default="in two weeks")
            result = log_interaction(
                owner,
                encounter_request(
                    kind=kind,
                    people=[person],
                    summary=summary,
                    next_text=step,
                    due_text=due,
                    skip_next=True,
                    promises=promises,
                ),
            )
            console.print(f"Logged: interaction {result.interaction.pk}.")
            for recorded in result.steps:
                print_step(recorded, with_person=False)
        elif choice == "n":
            text = typer.prompt("Next step")
            parsed = parse_when(typer.prompt("Due", default="friday"))
            add_step(owner, person, text, due=parsed.day, firm=parsed.firm)
            console.print("Next step added.")
        elif choice == "c":
            answer = typer.prompt("Circle name or cadence (e.g. close, 6w)")
            if answer.strip()[:1].isdecimal():
                people_service.set_circle(owner, person, None, parse_cadence_days(answer))
            else:
                people_service.set_circle(owner, person, answer, None)
            console.print("Rhythm changed.")
        elif choice == "s":
            people_service.snooze_person(owner, person, parse_day(typer.prompt("Snooze until", default="in a month")))
            console.print("Snoozed.")
    except UserError as exc:
        console.print(f"[red]{escape(str(exc))}[/] (skipped)", markup=True)


def momentum_cmd(
    weeks: Annotated[int, typer.Option("--weeks", min=4, max=104, help="How many weeks to show")] = 26,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Outbound touches per week against your goal, with the dips marked."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.habits.momentum import render_bars
    from goodwill.queries.momentum import touch_momentum

    result = touch_momentum(owner, clock.today(), weeks)
    if json:
        emit_json(result)
        return
    for line in render_bars(result):
        console.print(line, markup=False)
    console.print(
        f"\nGoal {result.goal} a week · this week {result.this_week} · streak {result.streak} week(s) · average {result.average:.1f}",
        markup=False,
    )
    if result.dipping_now:
        console.print(
            "Outreach has dipped below your usual pace. Dig the well before you're thirsty: `goodwill review`.",
            markup=False,
        )


def register(app: typer.Typer) -> None:
    app.command()(review)
    app.command("momentum")(momentum_cmd)
