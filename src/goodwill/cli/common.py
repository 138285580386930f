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


def open_store(demo: bool):
    """Open the (demo) database, migrating on first use, and return the acting user."""
    if demo:
        os.environ[config.ENV_DEMO] = "1"
    from goodwill.db import open_database

    open_database()
    from goodwill.services.accounts import local_user

    return local_user()


def interactive() -> bool:
    """Prompt only when a person is at the terminal (never in scripts or CI)."""
    return sys.stdin.isatty() and sys.stdout.isatty()

