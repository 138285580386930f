"""Important dates (anniversaries and other yearly dates): dates, dates add, dates change, dates remove."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json

When = Annotated[str, typer.Argument(help='"14 June", "14 June 2012", 2012-06-14 or --06-14')]


def _rows(owner, person: str | None):
    from goodwill.models import ImportantDate
    from goodwill.services.people import resolve_person

    rows = ImportantDate.objects.filter(owner=owner).select_related("person")
    if person:
        rows = rows.filter(person=resolve_person(owner, person, include_archived=True))
    return list(rows.order_by("month", "day", "person__name", "id"))


def list_dates(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option("--person", "-p", help="Only this person's")] = None,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Important dates through the year (birthdays are on each person: `goodwill edit NAME --birthday`)."""
    if ctx.invoked_subcommand is not None:
        return
    owner = open_store(demo)
    from goodwill.habits.yearly import format_yearly

    rows = _rows(owner, person)
    if json:
        emit_json(
            [
                {
                    "id": d.pk,
                    "person": {"id": d.person_id, "name": d.person.name},
                    "label": d.label,
                    "month": d.month,
                    "day": d.day,
                    "year": d.year,
                }
                for d in rows
            ]
        )
        return
    if not rows:
        console.print('No important dates yet. Add one: goodwill dates add NAME anniversary "14 June"')
        return
    for d in rows:
        console.print(f"{d.pk:>4}  {format_yearly(d.month, d.day, d.year):<18} {d.label}  {d.person.name}")


def add(
    person: Annotated[str, typer.Argument(help="Name, email or #id")],
    label: Annotated[str, typer.Argument(help='What it is: "anniversary", "work anniversary"')],
    when: When,
    demo: DemoOption = False,
) -> None:
    """Add an important date to someone."""
    owner = open_store(demo)
    from goodwill.habits.yearly import format_yearly
    from goodwill.services.dates import add_date
    from goodwill.services.people import resolve_person

    target = resolve_person(owner, person)
    d = add_date(owner, target, label, when)
    console.print(f"{target.name}: {d.label} on {format_yearly(d.month, d.day, d.year)} (date {d.pk}).")


def change(
    date_id: Annotated[str, typer.Argument(help="The number `goodwill dates` shows")],
    label: Annotated[str | None, typer.Option("--label", help="A new label")] = None,
    when: Annotated[str | None, typer.Option("--date", help='A new date, e.g. "15 June"')] = None,
    demo: DemoOption = False,
) -> None:
    """Change an important date's label or day."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.habits.yearly import format_yearly
    from goodwill.services.dates import edit_date, get_date

    if label is None and when is None:
        raise InvalidInput('give --label or --date, e.g. --date "15 June"')
    d = edit_date(owner, get_date(owner, date_id), label=label, when=when)
    console.print(f"{d.person.name}: {d.label} on {format_yearly(d.month, d.day, d.year)}.")


def remove(
    date_id: Annotated[str, typer.Argument(help="The number `goodwill dates` shows")], demo: DemoOption = False
) -> None:
    """Remove an important date."""
    owner = open_store(demo)
    from goodwill.services.dates import get_date, remove_date

    d = get_date(owner, date_id)
    remove_date(owner, d)
    console.print(f"Removed {d.label} from {d.person.name}.")


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    group = new_app(help="Important dates: anniversaries and other yearly dates.", invoke_without_command=True)
    group.callback()(list_dates)
    group.command("add")(add)
    group.command("change")(change)
    group.command("remove")(remove)
    app.add_typer(group, name="dates")
