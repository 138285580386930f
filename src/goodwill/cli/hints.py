"""The CLI's own hints. Services say what is wrong in words any front door can show;
the CLI adds which command helps, here and only here (the web and the API add their own)."""
from __future__ import annotations

from goodwill.errors import NotFound, UserError

# What to run when a record of this kind is not found (NotFound.thing, see models.base.get_owned).
NOT_FOUND = {
    "person": "run `goodwill find` to see ids",
    "next step": "`goodwill today` lists the open ones",
    "ledger entry": "`goodwill ledger entries` lists them",
    "introduction": "`goodwill intro list` shows them",
    "merge": "see `goodwill merge list`",
    "deleted person": "`goodwill deleted` shows the numbers",
    "profile entry": "`goodwill profile show PERSON` lists them",
    "important date": "`goodwill dates` lists them",
    "interaction": "`goodwill show PERSON` lists their encounters",
    "API token": "`goodwill token list` shows yours",
}


# What to type for a service's neutral error of this kind (its class name).
BY_KIND = {
    "DueWithoutStep": 'add --next "what you will do"',
}


def with_hint(exc: UserError) -> str:
    """The error's message, and the command that helps when the CLI knows one."""
    message = str(exc)
    hint = NOT_FOUND.get(exc.thing) if isinstance(exc, NotFound) else BY_KIND.get(type(exc).__name__)
    return f"{message}; {hint}" if hint and ";" not in message else message
