"""`goodwill firm ...`: the firm on one server (docs/firm.md).

Who knows whom, warm introductions through colleagues, what colleagues see of my contacts,
members and teams, key accounts, departures, and the firm's momentum and balance sheet.
Each part registers its own subcommands from its module (firm_who, firm_requests,
firm_admin, firm_accounts, firm_insight); the CLI acts as the local user, or as the
user named by --as on a server's own machine."""

from __future__ import annotations

import typer


def firm_group() -> typer.Typer:
    from goodwill.cli import firm_accounts, firm_admin, firm_insight, firm_requests, firm_who
    from goodwill.cli.main import new_app

    firm_app = new_app(
        help="The firm: who knows whom, warm introductions, sharing, key accounts.", no_args_is_help=True
    )
    for module in (firm_who, firm_requests, firm_admin, firm_accounts, firm_insight):
        module.register(firm_app)
    return firm_app


def register(app: typer.Typer) -> None:
    app.add_typer(firm_group(), name="firm")
