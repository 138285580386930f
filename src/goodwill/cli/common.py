"""What every command shares: the --demo and --json options, and opening the store.
User text into values is goodwill.parsing, shared with the web.

Django and the services are imported inside functions so `goodwill --help`
and other commands that need no database start fast."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

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


def open_prepared_store(demo: bool) -> Any | None:
    """open_store for a command that reads without Django (queries.prepared): the acting
    user, once the reads run from prepared SQL on the local SQLite file; None where they can't
    (a server's database, a schema to migrate, no local user or demo yet): open_store then.
    The caller ends with queries.prepared.stop()."""
    if demo:
        os.environ[config.ENV_DEMO] = "1"
    from goodwill.db import prepared_sqlite_file

    path = prepared_sqlite_file()
    if path is None:
        return None
    import sqlite3

    from goodwill.queries import prepared
    from goodwill.queries.accounts import DEFAULTS_THERE, LOCAL_USER, LOCAL_USERNAME, PlainUser
    from goodwill.queries.first_run import has_people

    prepared.use(path)
    try:
        found = LOCAL_USER.rows(username=LOCAL_USERNAME, names=("id",))
        user: Any = PlainUser(found[0][0]) if found else None  # a User where reads want its pk alone
        # Not set up yet, or --demo with no demo network: open_store makes the user or says so.
        if user is None or not DEFAULTS_THERE.exists(user_id=user.pk) or (demo and not has_people(user)):
            prepared.stop()
            return None
    except (prepared.NotPrepared, sqlite3.Error):
        prepared.stop()
        return None
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
