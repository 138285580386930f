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


# What to type for a service's neutral error of this kind (UserError.code, or its class name).
BY_KIND = {
    "DueWithoutStep": 'add --next "what you will do"',
    "step-id": "`goodwill today` and `goodwill show PERSON` list them",
    "awaiting-inbound": "add --inbound",
    "reply-owed": "`goodwill today` lists the replies owed",
    "interaction-id": '`goodwill log` prints it ("interaction 12")',
    "archived": " with `goodwill archive --restore`",
    "not-dismissed": "`goodwill dupes --all` shows the pairs that are",
    "ledger-entry-id": "`goodwill ledger entries` lists them",
    "introduction-id": "`goodwill intro list` shows them",
    "merge-id": "see `goodwill merge list`",
    "token-id": "`goodwill token list` shows the ids",
    "feed-off": "`goodwill feed url` turns it on with a new address",
    "import-id": "`goodwill import list` shows them",
    "not-near": "`goodwill trip` lists who is",
    "suggestion-number": "`goodwill profile suggest PERSON` lists them",
    "not-backup": "make one with `goodwill export --format json`",
    "column-map": "write --map as 'Column=field,Column=field'",
    "no-files": "`goodwill import contacts.vcf`",
}


def with_hint(exc: UserError) -> str:
    """The error's message, and the command that helps when the CLI knows one."""
    message = str(exc)
    hint = NOT_FOUND.get(exc.thing) if isinstance(exc, NotFound) and exc.thing else None
    hint = hint or BY_KIND.get(getattr(exc, "code", "") or type(exc).__name__)
    if not hint:
        return message
    # A hint that goes on the same clause (" with ...") follows directly; others after "; ".
    return f"{message}{hint}" if hint.startswith(" ") else f"{message}; {hint}"
