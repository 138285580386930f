"""`goodwill dav tasks`: tasks made on the phone that name nobody, and saying whom each is for.

Not a top-level group: `register(dav_app)` adds `tasks` to the `goodwill dav` group (cli/dav_cmds.py
calls it), so cli/main.py skips this module when it collects the top-level groups."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json

TaskId = Annotated[str, typer.Argument(help="The phone task's id (from `goodwill dav tasks`)")]


def tasks_cmd(ctx: typer.Context, json: JsonOption = False, demo: DemoOption = False) -> None:
    """Tasks made on your phone that name nobody yet: say whom each is for (`assign`) or `dismiss` it."""
    if ctx.invoked_subcommand is not None:
        return
    owner = open_store(demo)
    from goodwill.queries.phone_tasks import open_phone_tasks

    tasks = open_phone_tasks(owner)
    if json:
        emit_json([{"id": t.pk, "text": t.text, "due_on": t.due_on, "created_at": t.created_at} for t in tasks])
        return
    if not tasks:
        console.print("No tasks from your phone to place: each one names someone.")
        return
    from rich.markup import escape

    for task in tasks:
        due = f" — due {task.due_on:%d %b %Y}" if task.due_on else ""
        console.print(f"#{task.pk} {escape(task.text)}{due}", markup=True)


def assign(
    task_id: TaskId,
    person: Annotated[str, typer.Argument(help="Whom it is for: name, email or #id")],
    demo: DemoOption = False,
) -> None:
    """Make a phone task that person's next step (the phone then shows it as that step)."""
    owner = open_store(demo)
    from rich.markup import escape

    from goodwill.queries.phone_tasks import get_phone_task
    from goodwill.services.dav_tasks import assign_phone_task
    from goodwill.services.people import resolve_person

    step = assign_phone_task(owner, get_phone_task(owner, task_id), resolve_person(owner, person))
    console.print(f"Step #{step.pk} with {escape(step.person.name)}: {escape(step.text)}", markup=True)


def dismiss(task_id: TaskId, demo: DemoOption = False) -> None:
    """Drop a phone task that is nobody's: it leaves the phone and the digest."""
    owner = open_store(demo)
    from rich.markup import escape

    from goodwill.queries.phone_tasks import get_phone_task
    from goodwill.services.dav_tasks import dismiss_phone_task

    task = dismiss_phone_task(owner, get_phone_task(owner, task_id))
    console.print(f"Dismissed #{task.pk}: {escape(task.text)}", markup=True)


def register(dav_app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    group = new_app(help="Tasks from your phone that name nobody: whom is each for?", invoke_without_command=True)
    group.callback()(tasks_cmd)
    group.command("assign")(assign)
    group.command("dismiss")(dismiss)
    dav_app.add_typer(group, name="tasks")
