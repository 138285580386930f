"""`goodwill config`: preferences the habits depend on."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json


def set_value(
    key: Annotated[str, typer.Argument(help="weekly-goal, response-window, phone-region, currency or home")],
    value: str,
    demo: DemoOption = False,
) -> None:
    """Set a preference."""
    owner = open_store(demo)
    from goodwill.services.preferences import set_preference

    set_preference(owner, key, value)
    console.print(f"{key} = {value}")


def show(json: JsonOption = False, demo: DemoOption = False) -> None:
    """Show the preferences."""
    owner = open_store(demo)
    from goodwill.services.preferences import DESCRIPTIONS, preferences

    values = preferences(owner)
    if json:
        emit_json(values)
        return
    for key, value in values.items():
        console.print(f"{key:<16} {value}   ({DESCRIPTIONS[key]})", markup=False)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    config = new_app(
        help="Preferences: weekly goal, response window, phone region, default currency, home.", no_args_is_help=True
    )
    config.command("set")(set_value)
    config.command("show")(show)
    app.add_typer(config, name="config")
