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


def _command_modules() -> list:
    import importlib
    import pkgutil

    import goodwill.cli as package

    found = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_cmds"))
    ordered = [n for n in FIRST if n in found] + [n for n in found if n not in FIRST]
    return [importlib.import_module(f"goodwill.cli.{name}") for name in ordered]


def _register() -> None:
    for module in _command_modules():
        module.register(app)


def _names(typer_app: typer.Typer) -> set[str]:
    names = {c.name or c.callback.__name__.replace("_", "-") for c in typer_app.registered_commands}
    return names | {g.name or g.typer_instance.info.name for g in typer_app.registered_groups}


def _app_for(argv: list[str]) -> typer.Typer:
    """Only the command group that owns the command asked for.

    Typer builds every command's options before it runs one: with about seventy
    commands that was ~80 ms of each start-up. No command, or an unknown one, gets
    the whole app (its help, its "no such command" with suggestions)."""
    name = next((arg for arg in argv if not arg.startswith("-")), None)
    if name is None:
        return app
    for module in _command_modules():
        owner = new_app(name="goodwill", help=app.info.help)
        owner.callback()(_group)  # a group even when the module has a single command
        module.register(owner)
        if name in _names(owner):
            return owner
    return app


def _group() -> None:
    pass


_register()


def run() -> None:
    import sys

    _app_for(sys.argv[1:])()


if __name__ == "__main__":
    run()
