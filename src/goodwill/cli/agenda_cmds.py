"""`goodwill today`: the morning agenda."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store


def today(
    json: JsonOption = False,
    hide_checklist: Annotated[bool, typer.Option("--hide-checklist", help="Put the first-run checklist away")] = False,
    demo: DemoOption = False,
) -> None:
    """Today's agenda: replies owed, my next steps, who is due for a touch, what others owe me."""
    owner = open_store(demo)
    from goodwill.queries.today import agenda

    if hide_checklist:
        from goodwill.services.onboarding import dismiss_checklist

        dismiss_checklist(owner)
    result = agenda(owner)
    if json:
        from goodwill.cli.output import emit_json

        emit_json(result)
        return
    from goodwill.cli.first_run import print_checklist, print_guide
    from goodwill.cli.render import print_agenda

    if result.checklist:
        print_checklist(result.checklist)
    if result.first_run:
        print_guide(result.first_run)  # nobody yet: the ways in, not an empty agenda
        return
    print_agenda(result)


def register(app: typer.Typer) -> None:
    app.command()(today)
