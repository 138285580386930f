"""The `goodwill` command: a thin layer over the services."""

from __future__ import annotations

from collections.abc import Iterator

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

    def format_commands(self, ctx, formatter):
        """At the top, the commands under the panels of PANELS, in plain text (typer's
        rich panels cost ~90 ms of imports on every start-up)."""
        if ctx.parent is not None:
            return super().format_commands(ctx, formatter)
        panels: dict[str, list[tuple[str, object]]] = {}
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                panels.setdefault(getattr(command, "rich_help_panel", None) or "Other", []).append((name, command))
        limit = formatter.width - 6 - max((len(name) for rows in panels.values() for name, _ in rows), default=0)
        for panel, rows in panels.items():
            with formatter.section(panel):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])  # type: ignore[attr-defined]

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
        if isinstance(exc, click.exceptions.NoArgsIsHelpError) and exc.ctx is not None:
            typer.echo(exc.ctx.get_help())  # a group alone (`goodwill firm`): its help, as --help prints it
            raise typer.Exit(2) from None
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
    # Plain click help: see goodwill/cli/__init__.py for why typer runs without rich.
    return typer.Typer(
        cls=GoodwillGroup, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None, **kwargs
    )


HELP = "Goodwill keeps the habits of great networkers: replies owed, promises, rhythm, and the weekly review."


# Command modules are found by name (goodwill/cli/*_cmds.py), so a new command
# group needs no edit here; these come first in --help, the rest alphabetically.
FIRST = ("agenda_cmds", "log_cmds", "promise_cmds", "people_cmds", "review_cmds")
# Modules whose register() adds to another group, not to the top: dav_cmds registers these under `goodwill dav`.
NESTED = ("phone_task_cmds",)


def _command_modules() -> Iterator:
    """The command modules in order, each imported only when the caller gets to it."""
    import importlib
    import pkgutil

    import goodwill.cli as package

    found = sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_cmds") and m.name not in NESTED
    )
    ordered = [n for n in FIRST if n in found] + [n for n in found if n not in FIRST]
    return (importlib.import_module(f"goodwill.cli.{name}") for name in ordered)


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


_whole: list[typer.Typer] = []


def _whole_app() -> typer.Typer:
    """Every command, registered once and only when asked for: an unknown command, the tests."""
    if not _whole:
        whole = new_app(name="goodwill", help=HELP, no_args_is_help=True)
        for module in _command_modules():
            module.register(whole)
        for command in whole.registered_commands:
            command.rich_help_panel = PANEL_OF.get(_command_name(command), "Other")
        for group in whole.registered_groups:
            group.rich_help_panel = PANEL_OF.get(_group_name(group), "Other")
        _whole.append(whole)
    return _whole[0]


def _help_listing() -> GoodwillGroup:
    """`goodwill --help` without building every command's options.

    Typer reads the type hints of all ~300 parameters to build the whole app
    (~0.1 s); the top-level help shows only each command's name, first line of
    help and panel. So it is printed from a group of bare click commands made
    from the same registrations (a test checks it prints what the whole app does)."""
    import inspect

    import click
    from typer.main import solve_typer_info_help

    listing = GoodwillGroup(name="goodwill", help=HELP, no_args_is_help=True, rich_markup_mode=None)
    whole = _whole_app()
    for info in whole.registered_commands:
        assert info.callback is not None, "every command is registered with its function"
        text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
        command = click.Command(_command_name(info), help=text, short_help=info.short_help, hidden=info.hidden)
        command.rich_help_panel = info.rich_help_panel  # type: ignore[attr-defined]
        listing.add_command(command)
    for group in whole.registered_groups:
        command = click.Command(_group_name(group), help=solve_typer_info_help(group), hidden=group.hidden is True)
        command.rich_help_panel = group.rich_help_panel  # type: ignore[attr-defined]
        listing.add_command(command)
    return listing


def __getattr__(name: str) -> typer.Typer:
    """`main.app`, the whole app, is built on first use: a single command needs only its own group."""
    if name == "app":
        return _whole_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        return _whole_app()
    for module in _command_modules():
        owner = new_app(name="goodwill", help=HELP)
        owner.callback()(_group)  # a group even when the module has a single command
        module.register(owner)
        if name in _names(owner):
            return owner
    return _whole_app()


def _group() -> None:
    pass


def run() -> None:
    import gc
    import sys

    # Start-up allocates ~0.5M objects that all live until the process ends; the ~150
    # collections they would trigger find no garbage and cost ~50 ms of CPU. Collection
    # comes back on once Django is set up (goodwill.db.setup_django); a command that never
    # opens the database is short, and reference counting still frees its garbage.
    gc.disable()
    args = sys.argv[1:]
    if args in ([], ["--help"]):
        _help_listing().main(args, prog_name="goodwill")  # exits
    _app_for(args)()


if __name__ == "__main__":
    run()
