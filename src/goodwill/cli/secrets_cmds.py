"""`goodwill secrets key`: a key for GOODWILL_SECRETS_KEY (passwords kept encrypted in the database)."""

from __future__ import annotations

import typer

from goodwill.cli.output import console

secrets_app = typer.Typer(help="Where passwords for scheduled work are kept (docs/reminders.md)", no_args_is_help=True)


@secrets_app.command("key")
def secrets_key() -> None:
    """Print a new key for GOODWILL_SECRETS_KEY (a server without an OS keyring)."""
    from goodwill.services.secrets import new_key

    console.print(new_key(), markup=False)
    console.print(
        "Set it as GOODWILL_SECRETS_KEY in the server's environment and keep a copy apart from the database's "
        "backups; passwords saved from then on are encrypted with it.",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(secrets_app, name="secrets")
