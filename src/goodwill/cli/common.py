"""What every command shares: the --demo and --json options, and opening the store.
User text into values is goodwill.parsing, shared with the web.

Django and the services are imported inside functions so `goodwill --help`
and other commands that need no database start fast."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from goodwill import config

DemoOption = Annotated[bool, typer.Option("--demo", help="Work on the demo network instead of your own.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


NO_DEMO = "no demo network here: run goodwill demo"


def open_store(demo: bool, *, building_demo: bool = False):
    """Open the (demo) database, migrating on first use, and return the acting user.

    --demo where this data folder has no demo network is a one-line error (exit 2),
    never an empty agenda; only `goodwill demo` itself (building_demo) opens it empty."""
    if demo:
        os.environ[config.ENV_DEMO] = "1"
    from goodwill.db import open_database

    open_database()
    from goodwill.services.accounts import local_user

    user = local_user()
    if demo and not building_demo:
        from goodwill.errors import UserError
        from goodwill.queries.first_run import has_people

        if not has_people(user):
            raise UserError(NO_DEMO)
    return user


NoPagerOption = Annotated[
    bool, typer.Option("--no-pager", help="Print straight out, even at a terminal (no $PAGER / less)")
]

AsOption = Annotated[
    str,
    typer.Option("--as", help="Act as this login, on the firm's server (default: this machine's own user)"),
]


def open_store_as(demo: bool, login: str = ""):
    """open_store, acting as the named login when one is given (`goodwill firm ... --as dana`):
    on a firm's server, whoever runs the CLI there holds the database already."""
    user = open_store(demo)
    if not login:
        return user
    from django.contrib.auth import get_user_model

    from goodwill.errors import NotFound

    found = get_user_model().objects.filter(username=login, is_active=True).first()
    if found is None:
        raise NotFound(f"no login named {login!r}: see goodwill user list", thing="login")
    from goodwill.services.accounts import ensure_defaults

    ensure_defaults(found)
    return found


def interactive() -> bool:
    """Prompt only when a person is at the terminal (never in scripts or CI)."""
    return sys.stdin.isatty() and sys.stdout.isatty()
