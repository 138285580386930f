"""`goodwill calendar`: an iCalendar file of touch dates, next steps and promises."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, open_store
from goodwill.cli.output import console
from goodwill.errors import InvalidInput


def calendar(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this .ics file (default: standard output)")
    ] = None,
    days: Annotated[int, typer.Option("--days", help="How many days ahead, today included (1-366)")] = 30,
    events_only: Annotated[
        bool,
        typer.Option(
            "--events-only", help="Steps and promises as all-day events too (Google and Outlook ignore to-dos)"
        ),
    ] = False,
    demo: DemoOption = False,
) -> None:
    """Write an iCalendar (.ics) feed of who is due for a touch and of open next steps and promises."""
    target = _check_target(out) if out is not None else None
    owner = open_store(demo)
    from goodwill.queries.calendar import build_feed

    text = build_feed(owner, days=days, todos=not events_only)
    data = text.encode("utf-8")
    if target is None:
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    _write_atomically(target, data)
    touches = text.count("\r\nSUMMARY:Touch base: ")
    steps = text.count("\r\nBEGIN:VTODO\r\n") + text.count("\r\nBEGIN:VEVENT\r\n") - touches
    console.print(
        f"Wrote {touches} touch date(s) and {steps} step(s) and promise(s) for the next {days} days to {target}.",
        markup=False,
    )


def _check_target(path: Path) -> Path:
    path = path.expanduser()
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name such as {path / 'goodwill.ics'}")
    if not path.parent.is_dir():
        raise InvalidInput(f"the folder {path.parent} does not exist; create it or choose another --out")
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    """A calendar app polling the file never sees it half-written."""
    import os
    import tempfile

    try:
        handle, temp = tempfile.mkstemp(prefix=".goodwill-", suffix=".ics", dir=path.parent)
    except OSError as exc:
        raise InvalidInput(f"cannot write in {path.parent}: {exc.strerror}; choose another --out") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o600)  # names and promises: for the user's eyes
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {path}: {exc.strerror}; choose another --out") from None


def register(app: typer.Typer) -> None:
    app.command("calendar")(calendar)
