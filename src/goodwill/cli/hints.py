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
    "kept item": "`goodwill for-later` lists them",
    "push channel": "`goodwill push list` shows yours",
    "capture source": "`goodwill capture list` shows yours",
    "offered promise": "`goodwill capture offers` lists them",
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
    "base-url": "fix it in GOODWILL_BASE_URL",
    "import-id": "`goodwill import list` shows them",
    "not-near": "`goodwill trip` lists who is",
    "suggestion-number": "`goodwill profile suggest PERSON` lists them",
    "not-backup": "make one with `goodwill export --format json`",
    "network-not-empty": "add --replace to delete the current network first",
    # Serving: the ledger, introductions, passing on, profiles, the map.
    "negative-amount": "use --received or --given",
    "amount-currency": "add --currency, e.g. --currency USD",
    "currency-amount": "add --amount",
    "ledger-source": "--source goes with business --received",
    "intro-why": "add --why",
    "pass-on-to": 'add --to "Jane Doe", or --pick 1,3 from the ranked list',
    "since-future": "give --since a day that has passed",
    "no-match-words": "or give them with --tags",
    "no-home": 'set it with `goodwill config set home "Boise, ID"`',
    "calendar-days": "see --days",
    # Mail: the import and the IMAP sync.
    "my-addresses": "give each with --me you@example.com; repeat it for each",
    "recent-days": "see --recent",
    "imap-host": "give it with --host, e.g. --host imap.gmail.com",
    "capture-paused": "`goodwill capture resume ID` resumes it",
    "offer-id": "`goodwill capture offers` lists them",
    "imap-user": "give it with --user",
    "imap-security": "use --ssl, --starttls or --plain",
    "imap-port": "see --port",
    "imap-plain": "use --ssl or --starttls",
    "imap-folder": "give it with --folder, e.g. --folder INBOX",
    "imap-password": "set it in the variable named by --password-env, or type it when asked",
    "ca-file-plain": "--ca-file goes with --ssl or --starttls",
    "ca-file": "see --ca-file",
    "imap-starttls": "try --ssl",
    "imap-untrusted": " with --ca-file PATH",
    "imap-tls": "see --port, --ssl and --starttls",
    "imap-unreachable": "see --host and --port",
    "imap-login": "see --user and --password-env",
    "column-map": "write --map as 'Column=field,Column=field'",
    "map-columns": "fix the column names in --map",
    "unknown-columns": "say where they go with --map 'Column=field,...'",
    "no-files": "`goodwill import contacts.vcf`",
    # Pushes.
    "no-push-channel": "add one with `goodwill push add NAME URL`",
    # The daily digest and outgoing mail.
    "no-smtp": "set one up with `goodwill remind smtp --host HOST`",
    "no-sender": "add --from you@example.com",
    "digest-no-address": "give one with `goodwill remind digest --to you@example.com`",
    "digest-days": "see --days",
    "digest-at": "see --at",
    "time-zone": "see --zone",
    "smtp-plain": "use --security ssl or --security starttls",
    "smtp-security": "see --security",
    "smtp-port": "see --port",
    "smtp-host": "see --host",
    "smtp-password": "add --password-stdin and give it on standard input",
    "smtp-failed": "check the server with `goodwill remind show`",
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
