"""`goodwill demo`: a realistic sample network to try everything on."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import open_store


def demo(
    people: Annotated[int, typer.Option(min=1, max=5000, help="How many people the demo network has.")] = 300,
    seed: Annotated[int, typer.Option(help="Another seed draws another network.")] = 7,
) -> None:
    """Build the demo network in its own database (never yours) and show today's agenda.

    It is rebuilt from scratch each time, dated around today. Afterwards every
    command takes --demo to work on it, e.g. `goodwill review --demo`."""
    from goodwill.cli.output import console

    _remove_demo_file()
    owner = open_store(demo=True, building_demo=True)
    from rich.markup import escape

    from goodwill.db import describe_location
    from goodwill.demo import build_demo, fresh_demo_user

    with console.status("Building the demo network…"):
        owner = fresh_demo_user()
        report = build_demo(owner, people=people, seed=seed)
    console.print(
        f"[bold]Demo network ready[/bold]: {report.people} people"
        + (f" ({report.duplicates} of them entered twice: `goodwill dupes --demo`)" if report.duplicates else "")
        + f", {report.interactions} interactions, "
        f"{report.open_steps} open steps, {report.notes} notes, home base Denver, CO "
        f"({escape(describe_location())}).\n",
        markup=True,
    )
    from goodwill.cli.render import print_agenda
    from goodwill.queries.today import agenda

    print_agenda(agenda(owner))
    console.print(
        "\n[dim]Try: goodwill show NAME --demo · goodwill review --list --demo · goodwill promises --demo · "
        "goodwill near home --within 100mi --demo · goodwill momentum --demo[/dim]",
        markup=True,
    )


def _remove_demo_file() -> None:
    """The demo is rebuilt from scratch: start from a new file, so a demo made by an
    older Goodwill never stands in the way."""
    import os

    from goodwill import config

    os.environ[config.ENV_DEMO] = "1"
    path = config.sqlite_path()
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def register(app: typer.Typer) -> None:
    app.command()(demo)
