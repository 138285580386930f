"""API tokens (token add, list, revoke). The calendar feed's address is in feed_cmds.py."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json
from goodwill.humanize import short_date


def token_add(
    name: Annotated[str, typer.Argument(help='Where the token is used, e.g. "laptop script"')],
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Make an API token. It is shown once: copy it now."""
    owner = open_store(demo)
    from goodwill.services.tokens import create_token

    new = create_token(owner, name)
    if json:
        emit_json({"id": new.token.pk, "name": new.token.name, "token": new.plain})
        return
    console.print(f'Token #{new.token.pk} "{new.token.name}" (shown once, copy it now):')
    console.print(new.plain, markup=False)
    console.print("Use it as: Authorization: Bearer <token>")


def token_list(
    all_: Annotated[bool, typer.Option("--all", help="Include revoked tokens")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Your API tokens (the secret itself is never shown again)."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.services.tokens import list_tokens

    rows = [
        {
            "id": t.pk,
            "name": t.name,
            "prefix": t.prefix,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "revoked_at": t.revoked_at,
        }
        for t in list_tokens(owner, include_revoked=all_)
    ]
    if json:
        emit_json(rows)
        return
    if not rows:
        console.print("No API tokens. `goodwill token add NAME` makes one.")
        return
    from rich.table import Table

    today = clock.today()
    table = Table(box=None)
    for column in ("id", "name", "starts with", "created", "last used", "revoked"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            f"#{r['id']}",
            r["name"],
            r["prefix"] + "…",
            short_date(r["created_at"], today),
            short_date(r["last_used_at"], today),
            short_date(r["revoked_at"], today) if r["revoked_at"] else "",
        )
    console.print(table)


def token_revoke(
    token_id: Annotated[str, typer.Argument(help="Token id, as `goodwill token list` shows it")],
    demo: DemoOption = False,
) -> None:
    """Revoke an API token: requests with it are refused from now on."""
    owner = open_store(demo)
    from goodwill.services.tokens import revoke_token

    token = revoke_token(owner, token_id)
    console.print(f'Revoked token #{token.pk} "{token.name}".')


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    tokens = new_app(help="API tokens for scripts and other tools.", no_args_is_help=True)
    tokens.command("add")(token_add)
    tokens.command("list")(token_list)
    tokens.command("revoke")(token_revoke)
    app.add_typer(tokens, name="token")
