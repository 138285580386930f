"""The daily digest: its settings, and sending it (`send_digest`, which the scheduler calls).

The scheduler (goodwill.jobs) claims one JobRun per user and local day, so a digest is never
sent twice by two workers; `send_digest` itself keeps no state between calls: calling it again
sends the same content again, with fresh links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import ReachSettings
from goodwill.queries.digest import Digest, digest_for, digest_zone
from goodwill.queries.reach import reach_settings_for
from goodwill.services.job_outcome import JobOutcome

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    text: str
    html: str


def digest_address(owner) -> str:
    """Where the digest goes: the address chosen for it, else the login's own."""
    return reach_settings_for(owner).digest_to or owner.email or ""


def render_digest(owner, digest: Digest, *, test: bool = False, links: bool = True) -> RenderedDigest:
    """The digest as a plain text and an HTML message, each row with its signed one-click links."""
    from django.template.loader import render_to_string

    from goodwill import config
    from goodwill.services.one_click import link_url

    labels = {"done": "Done", "snooze": "Snooze a week", "replied": "Replied", "touch": "Log a touch"}
    sections = []
    for section in digest.sections:
        if not section.rows:
            continue
        rows = [
            {
                "row": row,
                "links": (
                    [(labels[a], link_url(owner, a, row.target)) for a in row.actions]
                    # A page to answer on (after logging in), not a one-click action.
                    + ([("Whom is it for?", config.base_url() + row.page)] if row.page else [])
                    if links
                    else []
                ),
            }
            for row in section.rows
        ]
        sections.append({"title": section.title, "rows": rows, "more": section.more})
    day = f"{digest.today:%A} {digest.today.day} {digest.today:%B}"
    subject = ("Goodwill test: " if test else "Goodwill: ") + (
        f"{digest.counts()} ({day})" if not digest.is_empty else f"nothing needs you ({day})"
    )
    context = {
        "day": day,
        "sections": sections,
        "test": test,
        "empty": digest.is_empty,
        "app_url": config.base_url() + "/",
        "link_days": 7,
    }
    return RenderedDigest(
        subject=subject,
        text=render_to_string("mail/digest.txt", context),
        html=render_to_string("mail/digest.html", context),
    )


def preview_digest(owner, *, now: datetime | None = None) -> RenderedDigest:
    """The digest as it would go out now, not sent (its links work like a sent one's)."""
    return render_digest(owner, digest_for(owner, now=now or clock.now()))


def send_digest(owner, *, now: datetime | None = None, test: bool = False) -> JobOutcome:
    """Send today's digest. Skipped when the digest is off or nothing needs the user, unless
    `test` (a test message goes out whatever it holds). A send that fails raises (MailNotSent,
    or InvalidInput when no server or address is set up): the scheduler retries it."""
    from goodwill.services.outbox import mail_server, send_mail

    reach = reach_settings_for(owner)
    if not test and not reach.digest_on:
        return JobOutcome("the daily digest is off", skipped=True)
    to = digest_address(owner)
    if not to:
        raise InvalidInput("there is no address to send the digest to yet", code="digest-no-address")
    if mail_server(owner) is None:
        raise InvalidInput("no outgoing mail server is set up yet", code="no-smtp")
    digest = digest_for(owner, now=now or clock.now())
    if digest.is_empty and not test:
        return JobOutcome("nothing needed you today", skipped=True)
    message = render_digest(owner, digest, test=test)
    send_mail(owner, to=to, subject=message.subject, text=message.text, html=message.html)
    return JobOutcome(f"{'test ' if test else ''}sent to {to}: {digest.counts()}")


def parse_days(text: str) -> list[int]:
    """ "mon-fri", "mon,wed,fri", "daily", "weekends" → weekday numbers (Monday = 0)."""
    words = " ".join((text or "").lower().split())
    named = {"daily": list(range(7)), "every day": list(range(7)), "weekdays": list(range(5)), "weekends": [5, 6]}
    if words in named:
        return named[words]
    days: set[int] = set()
    for part in re.split(r"[,\s]+", words):
        if not part:
            continue
        ends = part.split("-")
        if len(ends) > 2 or any(e[:3] not in DAY_NAMES for e in ends):
            raise InvalidInput(
                f'"{text}" is not a set of weekdays; write e.g. mon-fri, mon,wed,fri or daily', code="digest-days"
            )
        first, last = DAY_NAMES.index(ends[0][:3]), DAY_NAMES.index(ends[-1][:3])
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
        days.update(span)
    if not days:
        raise InvalidInput("give at least one weekday for the digest, e.g. mon-fri", code="digest-days")
    return sorted(days)


def days_text(days: list[int]) -> str:
    """[0, 1, 2, 3, 4] → "mon-fri"; [0, 2, 4] → "mon,wed,fri"."""
    days = sorted(set(days))
    if days == list(range(7)):
        return "daily"
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        f"{DAY_NAMES[r[0]]}-{DAY_NAMES[r[-1]]}" if len(r) > 2 else ",".join(DAY_NAMES[d] for d in r) for r in runs
    )


def parse_at(text: str) -> time:
    """The digest's hour, read as quiet hours are (habits.push.parse_clock): "07:30", "7am"."""
    from goodwill.habits.push import parse_clock

    try:
        return parse_clock(text or "")
    except ValueError as exc:
        raise InvalidInput(str(exc), code="digest-at") from None


def check_zone(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    try:
        ZoneInfo(name)
    except (KeyError, ValueError):
        raise InvalidInput(f'"{name[:60]}" is not a time zone; write it like Europe/Paris', code="time-zone") from None
    return name


@transaction.atomic
def set_digest(
    owner,
    *,
    on: bool | None = None,
    at: str | time | None = None,
    days: str | list[int] | None = None,
    to: str | None = None,
    time_zone: str | None = None,
) -> ReachSettings:
    """Change the digest's settings; None leaves a setting as it is. All checked before any is saved."""
    from goodwill.services.outbox import _check_address

    reach, _ = ReachSettings.objects.select_for_update().get_or_create(user=owner)
    if at is not None:
        reach.digest_at = at if isinstance(at, time) else parse_at(at)
    if days is not None:
        if isinstance(days, str):
            reach.digest_days = parse_days(days)
        else:
            if not days or any(not isinstance(d, int) or not 0 <= d <= 6 for d in days):
                raise InvalidInput("weekdays are numbers 0 (Monday) to 6 (Sunday), at least one", code="digest-days")
            reach.digest_days = sorted(set(days))
    if to is not None:
        reach.digest_to = _check_address(to, "the digest") if to.strip() else ""
    if time_zone is not None:
        reach.time_zone = check_zone(time_zone)
    if on is not None:
        if on and not (reach.digest_to or owner.email):
            raise InvalidInput("the digest needs an address to go to", code="digest-no-address")
        reach.digest_on = on
    reach.save()
    return reach


def digest_settings(owner) -> dict:
    """The digest's and the mail server's settings as every door shows them (no password, ever)."""
    from goodwill.services.outbox import mail_server

    reach = reach_settings_for(owner)
    server = mail_server(owner)
    return {
        "on": reach.digest_on,
        "at": f"{reach.digest_at:%H:%M}",
        "days": days_text(list(reach.digest_days)),
        "to": reach.digest_to,
        "sent_to": digest_address(owner),
        "time_zone": reach.time_zone,
        "zone_used": digest_zone(owner),
        "smtp": {
            "host": server.host if server else "",
            "port": server.port if server else None,
            "security": server.security if server else reach.smtp_security,
            "user": server.user if server else "",
            "sender": server.sender if server else "",
            "password_saved": server.password_saved if server else False,
            "from_environment": server.from_environment if server else False,
        },
    }
