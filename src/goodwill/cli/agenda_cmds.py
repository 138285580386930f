"""`goodwill today`: the morning agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_prepared_store, open_store

if TYPE_CHECKING:
    from goodwill.queries.today import Agenda


def today(
    json: JsonOption = False,
    hide_checklist: Annotated[bool, typer.Option("--hide-checklist", help="Put the first-run checklist away")] = False,
    demo: DemoOption = False,
) -> None:
    """Today's agenda: replies owed, my next steps, who is due for a touch, what others owe me."""
    result = None if hide_checklist else _agenda_without_django(demo)
    if result is None:
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


def _agenda_without_django(demo: bool) -> Agenda | None:
    """The agenda from its prepared SQL, without setting Django up (issue 18: Django's set-up
    was three quarters of a fresh `goodwill today`); None where it can't be read that way,
    and the command then runs as every other does."""
    owner = open_prepared_store(demo)
    if owner is None:
        return None
    import sqlite3

    from goodwill.queries import prepared
    from goodwill.queries.today import agenda

    try:
        return agenda(owner)
    except (prepared.NotPrepared, sqlite3.Error):
        return None
    finally:
        prepared.stop()


def register(app: typer.Typer) -> None:
    app.command()(today)
