"""Setting up the mailboxes and calendars Goodwill reads by itself (issue 15, capture).

A source is a CaptureSource: what to reach in `config` (no password), the password kept by
goodwill.services.secrets (the OS keyring, or encrypted with GOODWILL_SECRETS_KEY) under a
name of its own. Setting one up fetches nothing: the scheduler runs it every `every_minutes`
(goodwill.services.capture.run_source), and `check_source` is the optional test now.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.hosts import is_loopback_host
from goodwill.models import CaptureKind, CaptureSource, UpcomingMeeting
from goodwill.services.mail_sync import SECURITY, ImapAccount, validate_account
from goodwill.services.secrets import forget_secret, load_secret, store_secret

EVERY_MIN, EVERY_MAX = 5, 7 * 24 * 60  # every 5 minutes at most often, once a week at least
NAME_MAX = 100
CALENDAR_KINDS = (CaptureKind.ICS, CaptureKind.CALDAV)


def _name(owner, name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise InvalidInput('a source needs a name, e.g. "Work mail"', code="capture-name")
    if len(cleaned) > NAME_MAX:
        raise InvalidInput(f"a source's name is at most {NAME_MAX} characters", code="capture-name")
    if CaptureSource.objects.filter(owner=owner, name__iexact=cleaned).exists():
        raise InvalidInput(f'you already have a source named "{cleaned}"; choose another name', code="capture-name")
    return cleaned


def _every(every_minutes) -> int:
    try:
        value = int(every_minutes)
    except (TypeError, ValueError):
        raise InvalidInput(f'"{every_minutes}" is not a number of minutes', code="capture-every") from None
    if not EVERY_MIN <= value <= EVERY_MAX:
        raise InvalidInput(
            f"a source runs every {EVERY_MIN} to {EVERY_MAX} minutes (a week), not {value}", code="capture-every"
        )
    return value


def _secret_name(kind: str) -> str:
    return f"capture-{kind}-{uuid.uuid4().hex[:12]}"


def add_imap_source(
    owner,
    name: str,
    host: str,
    user: str,
    password: str,
    *,
    folder: str = "INBOX",
    port: int | None = None,
    security: str = "ssl",
    ca_file: str | None = None,
    every_minutes: int = 15,
) -> CaptureSource:
    """A mailbox folder to sync on a schedule. Nothing is fetched now."""
    name = _name(owner, name)
    every = _every(every_minutes)
    ca_file = os.path.abspath(os.path.expanduser(ca_file)) if ca_file else None
    account = ImapAccount(
        host=(host or "").strip(),
        user=(user or "").strip(),
        password=password or "",
        folder=(folder or "").strip(),
        port=port,
        security=(security or "").strip().lower(),
        ca_file=ca_file,
    )
    validate_account(account)
    config = {
        "host": account.host,
        "port": account.port,
        "security": account.security,
        "user": account.user,
        "folder": account.folder,
        "ca_file": ca_file,
    }
    with transaction.atomic():
        ref = store_secret(owner, _secret_name("imap"), account.password)
        return CaptureSource.objects.create(
            owner=owner,
            kind=CaptureKind.IMAP,
            name=name,
            config=config,
            secret_ref=ref,
            every_minutes=every,
            created_at=clock.now(),
        )


def clean_calendar_url(url: str, kind: str) -> str:
    """An https address (webcal:// as Apple and Google hand it out means https); plain
    http only for a server on this machine, so no calendar or password crosses a network in clear."""
    text = (url or "").strip()
    if not text:
        raise InvalidInput("the calendar's address is missing", code="calendar-url")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme in ("webcal", "webcals"):
        parts, scheme = parts._replace(scheme="https"), "https"
    if scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            f'"{text[:200]}" is not a calendar address; give the https:// (or webcal://) address your calendar shares',
            code="calendar-url",
        )
    if scheme == "http" and not is_loopback_host(parts.hostname):
        raise InvalidInput(
            "an http:// address would fetch your calendar unencrypted; use its https:// address "
            "(plain http is only for a server on this machine)",
            code="calendar-http",
        )
    if len(text) > 1000:
        raise InvalidInput("the calendar's address is longer than 1,000 characters", code="calendar-url")
    return urlunsplit(parts)


def add_calendar_source(
    owner,
    name: str,
    url: str,
    *,
    user: str | None = None,
    password: str | None = None,
    kind: str = CaptureKind.ICS,
    every_minutes: int = 15,
) -> CaptureSource:
    """A calendar to read on a schedule: an ICS address, or a CalDAV calendar. Nothing is fetched now."""
    kind = (kind or "").strip().lower()
    if kind not in CALENDAR_KINDS:
        raise InvalidInput(f'"{kind}" is not a kind of calendar; it is ics or caldav', code="calendar-kind")
    name = _name(owner, name)
    every = _every(every_minutes)
    url = clean_calendar_url(url, kind)
    user = (user or "").strip()
    if password and not user:
        raise InvalidInput("a password needs the login it belongs to", code="calendar-user")
    if kind == CaptureKind.CALDAV and user and not password:
        raise InvalidInput(f"no password for the CalDAV login {user}", code="calendar-password")
    # A shared ICS address is its own password (Google's and iCloud's carry a private token):
    # it is kept as a secret too, and only its host is shown. A CalDAV server's address is not.
    secret = {"url": url if kind == CaptureKind.ICS else None, "password": password or None}
    config = {"shown": _masked(url) if kind == CaptureKind.ICS else url, "user": user}
    if kind == CaptureKind.CALDAV:
        config["url"] = url
    with transaction.atomic():
        ref = store_secret(owner, _secret_name(kind), json.dumps(secret)) if any(secret.values()) else ""
        return CaptureSource.objects.create(
            owner=owner,
            kind=kind,
            name=name,
            config=config,
            secret_ref=ref,
            every_minutes=every,
            created_at=clock.now(),
        )


def list_sources(owner) -> list[CaptureSource]:
    return list(CaptureSource.objects.filter(owner=owner).order_by("name", "pk"))


def get_source(owner, source_id: int | str) -> CaptureSource:
    return CaptureSource.objects.get_owned(owner, source_id)


def pause_source(owner, source_id: int | str) -> CaptureSource:
    """Stop running it (nothing is fetched) until it is resumed; what it captured stays."""
    return _set_paused(owner, source_id, True)


def resume_source(owner, source_id: int | str) -> CaptureSource:
    return _set_paused(owner, source_id, False)


def _set_paused(owner, source_id, paused: bool) -> CaptureSource:
    source = get_source(owner, source_id)
    if source.paused != paused:
        source.paused = paused
        source.save(update_fields=["paused"])
    return source


@transaction.atomic
def remove_source(owner, source_id: int | str) -> CaptureSource:
    """Remove the source and its saved password, and the upcoming meetings it read. What it
    logged stays (each run is an import batch, undone with the imports)."""
    source = get_source(owner, source_id)
    UpcomingMeeting.objects.filter(owner=owner, source=source).delete()
    if source.secret_ref:
        forget_secret(owner, source.secret_ref)
    source.delete()
    return source


def imap_account(source: CaptureSource) -> ImapAccount:
    """The account a mail source logs in to, with its password read from where it is kept."""
    config = source.config or {}
    return ImapAccount(
        host=config.get("host", ""),
        user=config.get("user", ""),
        password=load_secret(source.owner, source.secret_ref),
        folder=config.get("folder", "INBOX"),
        port=config.get("port"),
        security=config.get("security", "ssl"),
        ca_file=config.get("ca_file"),
    )


def calendar_login(source: CaptureSource) -> tuple[str, str | None, str | None]:
    """(url, user, password) of a calendar source, its secrets read from where they are kept."""
    config = source.config or {}
    secret = json.loads(load_secret(source.owner, source.secret_ref)) if source.secret_ref else {}
    return config.get("url") or secret.get("url") or "", config.get("user") or None, secret.get("password")


def _masked(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}/…"


def describe(source: CaptureSource) -> str:
    """Where a source reads from, with no secret in it: "ann@imap.example.com/INBOX"."""
    config = source.config or {}
    if source.kind == CaptureKind.IMAP:
        return f"{config.get('user', '')}@{config.get('host', '')}/{config.get('folder', 'INBOX')}"
    return config.get("shown", "")


__all__ = [
    "SECURITY",
    "add_calendar_source",
    "add_imap_source",
    "calendar_login",
    "clean_calendar_url",
    "describe",
    "get_source",
    "imap_account",
    "list_sources",
    "pause_source",
    "remove_source",
    "resume_source",
    "source_row",
    "source_rows",
]


@dataclass(frozen=True)
class SourceRow:
    """A source as every front door shows it: where it reads (no secret), and its last run."""

    id: int
    name: str
    kind: str
    where: str
    every_minutes: int
    paused: bool
    created_at: datetime
    last_run_at: datetime | None
    last_ok_at: datetime | None
    last_error: str
    last_summary: str


def source_row(source: CaptureSource) -> SourceRow:
    return SourceRow(
        id=source.pk,
        name=source.name,
        kind=source.kind,
        where=describe(source),
        every_minutes=source.every_minutes,
        paused=source.paused,
        created_at=source.created_at,
        last_run_at=source.last_run_at,
        last_ok_at=source.last_ok_at,
        last_error=source.last_error,
        last_summary=source.last_summary,
    )


def source_rows(owner) -> list[SourceRow]:
    return [source_row(s) for s in list_sources(owner)]
