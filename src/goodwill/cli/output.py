"""Printing: Rich tables for people, JSON for scripts, one-line errors."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from typing import Any

from rich.console import Console

# No emoji codes: user text such as "root:x:0" must print as written.
console = Console(highlight=False, soft_wrap=True, emoji=False)
errors = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 3)
    return value


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(_plain(value), ensure_ascii=False, indent=2) + "\n")


def fail(message: str) -> None:
    from rich.markup import escape

    errors.print(f"[bold red]error:[/] {escape(message)}", markup=True)
