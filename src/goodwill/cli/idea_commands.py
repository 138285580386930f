"""An idea's action as the command that does it: the CLI's rendering of queries.ideas.Action,
here and only here (the web renders a button to its form, the API returns the action itself)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI starts without Django: queries load inside the commands
    from goodwill.queries.ideas import Action, Idea


def _quoted(text: str) -> str:
    """In double quotes for a POSIX shell, with the characters that are special inside them escaped."""
    return '"' + re.sub(r'(["\\$`])', r"\\\1", text) + '"'


def command_for(action: Action | None) -> str:
    """The `goodwill` command that does this action; "" when there is none to type."""
    if action is None:
        return ""
    if action.kind == "propose-intro" and action.person and action.other:
        names = f"{_quoted(action.person.name)} {_quoted(action.other.name)}"
        return f"goodwill intro propose {names} --why {_quoted(action.why)}"
    if action.kind == "pass-on" and action.person:
        command = f"goodwill pass-on {_quoted(action.title)} --to {_quoted(action.person.name)}"
        return command + (f" --url {_quoted(action.url)}" if action.url else "")
    if action.kind == "close-step":
        return f"goodwill done {action.step}"
    if action.kind == "replied" and action.person:
        return f"goodwill replied {_quoted(action.person.name)}"
    if action.kind == "intro-show":
        return f"goodwill intro show {action.intro}"
    if action.kind == "ledger-status":
        return f"goodwill ledger status {action.entry} won  (or lost)"
    return ""


def idea_json(idea: Idea) -> dict[str, Any]:
    """An idea for --json: its fields, the structured action, and the command that does it."""
    from goodwill.cli.output import _plain

    return {**_plain(idea), "command": command_for(idea.action)}
