"""`goodwill ideas PERSON`: how can I bring value to them today?"""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json, print_rebuilding


def ideas(
    person: Annotated[str, typer.Argument(help="Name, email or #id")],
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Concrete ways to help: introductions for their needs, items for their interests, promises I owe."""
    owner = open_store(demo)
    from rich.markup import escape

    from goodwill import clock
    from goodwill.cli.idea_commands import command_for, idea_json
    from goodwill.queries.ideas import ideas_for
    from goodwill.queries.pass_on import meaning_rebuilding
    from goodwill.services.people import resolve_person

    target = resolve_person(owner, person)
    found = ideas_for(owner, target, clock.today())
    rebuilding = meaning_rebuilding(owner)
    if json:
        shown = [idea_json(idea) for idea in found]
        emit_json({"person_id": target.pk, "name": target.name, "ideas": shown, "meaning_rebuilding": rebuilding})
        return
    console.print(f"[bold]How to bring value to {escape(target.name)} today[/]", markup=True)
    print_rebuilding(rebuilding)
    if not found:
        console.print(
            "No ideas from the data yet. Add their needs and interests: "
            f'goodwill profile add "{target.name}" need "..."',
            markup=False,
        )
    for n, idea in enumerate(found, 1):
        console.print(f"{n}. {idea.text}", markup=False)
        if idea.why:
            console.print(f"   why: {idea.why}", markup=False)
        command = command_for(idea.action)
        if command:
            console.print(f"   {command}", style="dim", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(ideas)
