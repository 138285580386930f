"""Printing: Rich tables for people, JSON for scripts, one-line errors."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console


class _LazyConsole:
    """A rich Console made on its first use. Every command module imports `console`, and
    `goodwill --help` imports every command module: rich.console is ~20 ms of imports that
    help, `--json` and a command that prints nothing never use."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def _made(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_options", "_console"):
            raise AttributeError(name)  # not a console's: copies and pickles look these up first
        return getattr(self._made(), name)

    # Python looks these up on the class, not through __getattr__: rich's progress bars (given
    # `console=` this stand-in) hold their console as a context manager while they redraw.
    def __enter__(self) -> Console:
        return self._made().__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._made().__exit__(*exc)


# User text prints as written: no emoji codes ("root:x:0") and no markup, so a name such as
# "Ann [she/her]" or a step "[urgent] send the deck" keeps its brackets (rich read them as
# styles and dropped them, and "[/]" stopped the command with a traceback). A line that wants
# styles asks for them with markup=True and escapes the user text it holds
# (rich.markup.escape), or passes a rich Text. Typed as the Console they stand for: rich's own
# classes (a progress bar) take them as one.
console = cast("Console", _LazyConsole(highlight=False, soft_wrap=True, emoji=False, markup=False))
errors = cast("Console", _LazyConsole(stderr=True, highlight=False, soft_wrap=True, emoji=False, markup=False))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 3)
    return value


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(_plain(value), ensure_ascii=False, indent=2) + "\n")


def fail(message: str) -> None:
    from rich.markup import escape

    errors.print(f"[bold red]error:[/] {escape(message)}", markup=True)


def print_rebuilding(notice: str) -> None:
    """The line saying matching by meaning is being rebuilt for a new model (queries.pass_on.
    meaning_rebuilding), if it is: a worker (`goodwill serve`, `goodwill worker`) finishes it in
    the background; without one, `goodwill reindex` does."""
    if notice:
        console.print(f"{notice} `goodwill reindex` finishes it now.", style="dim", markup=False)
