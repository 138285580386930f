"""Deleting people, and the undo: delete, deleted, undelete, and (on request only) empty."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json

Yes = Annotated[bool, typer.Option("--yes", "-y", help="Don't ask to confirm")]


def _confirm(question: str) -> bool:
    import click

    try:
        return typer.confirm(question, default=False)
    except click.exceptions.Abort:
        return False


def delete(
    person: Annotated[str, typer.Argument(help="Name, email or #id")], yes: Yes = False, demo: DemoOption = False
) -> None:
    """Delete a person and what is only theirs (`goodwill undelete` brings them back)."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.services.deletion import delete_person
    from goodwill.services.people import resolve_person

    target = resolve_person(owner, person, include_archived=True)
    if not yes and not _confirm(f"Delete {target.name} (#{target.pk})?"):
        raise InvalidInput(f"{target.name} was not deleted; answer y, or add --yes")
    deletion = delete_person(owner, target)
    console.print(f"Deleted {deletion.name}. Undo: goodwill undelete {deletion.pk}")


def deleted(json: JsonOption = False, demo: DemoOption = False) -> None:
    """People deleted and not yet restored, newest first."""
    owner = open_store(demo)
    from goodwill.services.deletion import deletions

    rows = deletions(owner)
    if json:
        emit_json([{"id": d.pk, "person_id": d.person_id, "name": d.name, "deleted_at": d.created_at} for d in rows])
        return
    if not rows:
        console.print("Nobody deleted.")
        return
    for d in rows:
        console.print(f"{d.pk:>4}  {d.name}  (was #{d.person_id}, deleted {d.created_at:%Y-%m-%d %H:%M})")
    console.print("Bring one back with: goodwill undelete NUMBER")


def undelete(
    deletion_id: Annotated[str, typer.Argument(help="The number `goodwill deleted` shows")], demo: DemoOption = False
) -> None:
    """Bring a deleted person back, with everything they had."""
    owner = open_store(demo)
    from goodwill.services.deletion import get_deletion, restore_person

    person = restore_person(owner, get_deletion(owner, deletion_id))
    console.print(f"Restored {person.name} (#{person.pk}).")


def empty(
    deletion_id: Annotated[str, typer.Argument(help="The number `goodwill deleted` shows")],
    yes: Yes = False,
    demo: DemoOption = False,
) -> None:
    """Forget a deleted person for good (no undo)."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.services.deletion import get_deletion, purge_deletion

    deletion = get_deletion(owner, deletion_id)
    if not yes and not _confirm(f"Forget {deletion.name} for good? This cannot be undone"):
        raise InvalidInput(f"{deletion.name} was kept; answer y, or add --yes")
    console.print(f"{purge_deletion(owner, deletion)} is gone for good.")


def register(app: typer.Typer) -> None:
    for command in (delete, deleted, undelete):
        app.command()(command)
    app.command("empty-deleted")(empty)
