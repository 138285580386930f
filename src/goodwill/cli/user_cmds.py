"""`goodwill user add NAME`: logins for the web app (argon2-hashed passwords)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, interactive, open_store
from goodwill.cli.output import console

user_app = typer.Typer(
    help="Logins for the web app: needed whenever `goodwill serve` listens beyond this machine.", no_args_is_help=True
)


@user_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help='The user name, one word, e.g. "alice"')],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (for scripts)")
    ] = False,
    demo: DemoOption = False,
) -> None:
    """Create a login. The password is asked twice at a terminal, or read with --password-stdin."""
    open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.services.accounts import create_login

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif interactive():
        password = typer.prompt("Password (10 characters or more)", hide_input=True, confirmation_prompt=True)
    else:
        raise InvalidInput("no terminal to ask for a password; pipe it in with --password-stdin")
    user = create_login(name, password)
    console.print(f"Login {user.username} created. Log in at the address `goodwill serve` prints.", markup=False)


@user_app.command("list")
def list_users(demo: DemoOption = False) -> None:
    """The logins, and whether each can log in with a password."""
    open_store(demo)
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.order_by("username"):
        state = "password" if user.has_usable_password() else "no password (local use only)"
        active = "" if user.is_active else ", inactive"
        console.print(f"{user.username}: {state}{active}", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
