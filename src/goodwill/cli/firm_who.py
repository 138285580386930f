"""`goodwill firm ...`: the firm's who commands (registered by firm_cmds)."""

from __future__ import annotations

import typer


def register(firm_app: typer.Typer) -> None:
    """Add this part's subcommands to `goodwill firm`."""
