"""The `goodwill` command: a thin layer over the services."""
from __future__ import annotations

import typer
from typer.core import TyperGroup

from goodwill.errors import UserError


class GoodwillGroup(TyperGroup):
    """A user's mistake is one line on stderr and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UserError as exc:
            from goodwill.cli.output import fail

            fail(str(exc))
            raise typer.Exit(2) from None


def new_app(**kwargs) -> typer.Typer:
    return typer.Typer(cls=GoodwillGroup, add_completion=False, pretty_exceptions_enable=False, **kwargs)


app = new_app(
    name="goodwill",
    help="Goodwill keeps the habits of great networkers: replies owed, promises, rhythm, and the weekly review.",
    no_args_is_help=True,
)


# Command modules are found by name (goodwill/cli/*_cmds.py), so a new command
# group needs no edit here; these come first in --help, the rest alphabetically.
FIRST = ("agenda_cmds", "log_cmds", "promise_cmds", "people_cmds", "review_cmds")


def _register() -> None:
    import importlib
    import pkgutil

    import goodwill.cli as package

    found = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_cmds"))
    for name in [n for n in FIRST if n in found] + [n for n in found if n not in FIRST]:
        importlib.import_module(f"goodwill.cli.{name}").register(app)


_register()


def run() -> None:
    app()


if __name__ == "__main__":
    run()
