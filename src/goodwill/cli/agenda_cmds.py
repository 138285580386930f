"""`goodwill today`: the morning agenda."""
from __future__ import annotations

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store


def today(json: JsonOption = False, demo: DemoOption = False) -> None:
    """Today's agenda: replies owed, my next steps, who is due for a touch, what others owe me."""
    owner = open_store(demo)
    from goodwill.queries.today import agenda

    result = agenda(owner)
    if json:
        from goodwill.cli.output import emit_json

        emit_json(result)
        return
    from goodwill.cli.render import print_agenda

    print_agenda(result)


def register(app: typer.Typer) -> None:
    app.command()(today)
