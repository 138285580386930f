"""The `goodwill` command: a thin layer over the services."""

from __future__ import annotations

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo, TyperInfo

from goodwill.errors import UserError


class GoodwillGroup(TyperGroup):
    """A user's mistake is one line on stderr and exit code 2, never a traceback:
    a UserError from a service, a usage mistake (an unknown option, a missing or
    extra argument), and an argument that is not text at all."""

    def main(self, args=None, *rest, **kwargs):
        import sys

        args = list(sys.argv[1:] if args is None else args)
        problem = argument_problem(args)
        if problem:
            from goodwill.cli.output import fail

            fail(problem)
            if kwargs.get("standalone_mode", True):
                sys.exit(2)
            return 2
        return super().main(args, *rest, **kwargs)

    def list_commands(self, ctx):
        """The top level in the order of PANELS: the daily loop first."""
        names = super().list_commands(ctx)
        if ctx.parent is not None:
            return names
        order = {name: i for i, name in enumerate(n for group in PANELS.values() for n in group)}
        return sorted(names, key=lambda name: order.get(name, len(order)))

    def make_context(self, info_name, args, parent=None, **extra):
        with _one_line_usage(info_name, parent):
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx):
        try:
            with _one_line_usage(ctx.info_name, ctx.parent):
                return super().invoke(ctx)
        except UserError as exc:
            from goodwill.cli.hints import with_hint
            from goodwill.cli.output import fail

            fail(with_hint(exc))
            raise typer.Exit(2) from None
        except OSError as exc:
            if exc.filename is None:
                raise
            # A file the user named that cannot be read or written: missing, not allowed, a name too long.
            from goodwill.cli.output import fail

            name = str(exc.filename)
            fail(f"{exc.strerror or exc}: {name if len(name) <= 200 else name[:60] + '…'}")
            raise typer.Exit(2) from None
        except Exception as exc:
            if not _is_data_error(exc):
                raise
            # The last guard: a value PostgreSQL will not store (a text longer than its
            # column) that no validation caught. The transaction rolled back: nothing written.
            from goodwill.cli.output import fail

            fail(
                f"a value is too long or out of range for the database ({' '.join(str(exc).split())[:200]}); "
                "shorten it and try again"
            )
            raise typer.Exit(2) from None


def _is_data_error(exc: Exception) -> bool:
    import sys

    db = sys.modules.get("django.db")  # only once a command has opened the store
    return db is not None and isinstance(exc, db.DataError)


def argument_problem(args: list[str]) -> str | None:
    """Text the shell passed that no command can take: bytes that are not UTF-8
    (Python keeps them as surrogates, which no database or file can store), a NUL
    character, or a number too large for any id or amount. None when all is well."""
    for number, arg in enumerate(args, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return f"argument {number} is not valid UTF-8 text; check the encoding of your terminal or script"
        if "\x00" in arg:
            return f"argument {number} holds a NUL character; give plain text"
        digits = arg.lstrip("#-+")
        if len(digits) > MAX_DIGITS and digits.isdigit():
            return f"argument {number} is a number of {len(digits):,} digits; ids and amounts have at most {MAX_DIGITS}"
    return None


MAX_DIGITS = 18  # a database id or amount fits in a signed 64-bit integer


class _one_line_usage:
    """A usage mistake as one line: `goodwill kept -5` is not a list of options."""

    def __init__(self, info_name, parent):
        self.command = " ".join(filter(None, [parent.command_path if parent else None, info_name]))

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        import re

        import click

        if not isinstance(exc, click.UsageError):
            return False
        from goodwill.cli.output import fail

        command = exc.ctx.command_path if exc.ctx else self.command or "goodwill"
        name = getattr(exc, "option_name", "") or ""
        if isinstance(exc, click.NoSuchOption) and re.fullmatch(r"-\d[\d.]*", name):
            fail(
                f'"{name}" is not an id: ids are positive whole numbers, as `goodwill today` and `goodwill show` list them '
                f'(text that starts with "-" goes after --)'
            )
        else:
            message = " ".join(exc.format_message().replace(" (env var: 'None')", "").split())
            fail(f"{message} (see `{command} --help`)")
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
# Modules whose register() adds to another group, not to the top: dav_cmds registers these under `goodwill dav`.
NESTED = ("phone_task_cmds",)


def _command_modules() -> list:
    import importlib
    import pkgutil

    import goodwill.cli as package

    found = sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_cmds") and m.name not in NESTED
    )
    ordered = [n for n in FIRST if n in found] + [n for n in found if n not in FIRST]
    return [importlib.import_module(f"goodwill.cli.{name}") for name in ordered]


# `goodwill --help` groups the commands by what they are for; a command not
# named here is listed under "Other" until it is given its place.
PANELS = {
    "The daily loop": (
        "today",
        "log",
        "replied",
        "replies",
        "next",
        "done",
        "reopen",
        "drop",
        "steps",
        "review",
        "momentum",
    ),
    "People": (
        "add",
        "show",
        "edit",
        "find",
        "list",
        "tag",
        "note",
        "circle",
        "circles",
        "snooze",
        "archive",
        "delete",
        "deleted",
        "undelete",
        "empty-deleted",
        "dates",
        "dupes",
        "merge",
        "profile",
    ),
    "Promises": ("promises", "kept", "renegotiate", "release", "broken"),
    "Serving the network": ("ideas", "pass-on", "for-later", "intro", "ledger", "reindex"),
    "Import and export": ("import", "export", "restore", "mail", "capture", "calendar", "feed"),
    "Places": ("geocode", "near", "where", "trip", "places"),
    "The firm": ("firm",),
    "The server and settings": (
        "serve",
        "worker",
        "jobs",
        "user",
        "token",
        "secrets",
        "config",
        "remind",
        "push",
        "dav",
        "demo",
    ),
}
PANEL_OF = {name: panel for panel, names in PANELS.items() for name in names}


def _command_name(command: CommandInfo) -> str:
    """The name a command is typed as: its own, else its function's, as Typer derives it."""
    if command.name:
        return command.name
    assert command.callback is not None, "every command is registered with its function"
    return command.callback.__name__.replace("_", "-")


def _group_name(group: TyperInfo) -> str:
    """The name a group is typed as; "" for a group without one (every add_typer here names it)."""
    if group.name:
        return group.name
    assert group.typer_instance is not None, "every group is registered with its Typer app"
    return group.typer_instance.info.name or ""


def _register() -> None:
    for module in _command_modules():
        module.register(app)
    for command in app.registered_commands:
        command.rich_help_panel = PANEL_OF.get(_command_name(command), "Other")
    for group in app.registered_groups:
        group.rich_help_panel = PANEL_OF.get(_group_name(group), "Other")


def _names(typer_app: typer.Typer) -> set[str]:
    names = {_command_name(c) for c in typer_app.registered_commands}
    return names | {name for g in typer_app.registered_groups if (name := _group_name(g))}


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
