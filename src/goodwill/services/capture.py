"""Running a capture source: THE function the scheduler calls (goodwill.jobs), and `run now`.

run_source(source, now=None) -> JobOutcome reads one mailbox folder or one calendar and
records what it found, the same way the imports do (one undoable ImportBatch per run):
- mail: the IMAP sync (services.mail_sync) with the saved password: a touch resets the
  rhythm, an unanswered message opens a reply owed, and promises in my sent mail are
  offered to confirm (services.promise_offers), never recorded silently;
- a calendar (ICS address or CalDAV): past meetings (the last LOOK_BACK) with people I know
  are logged once (services.meetings_import.log_meetings), cancelled ones skipped; meetings
  in the next LOOK_AHEAD with people I know become the source's UpcomingMeeting rows
  (replaced on each run), for the digest and the pushes.

It is idempotent: mail is fetched from the last UID seen and logged once by Message-ID, a
meeting once by its UID, and the upcoming rows are replaced. A paused or removed source does
nothing. A failure is kept on the source (last_error) and raised, so the scheduler retries.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput, UserError
from goodwill.models import CaptureKind, CaptureSource, UpcomingMeeting
from goodwill.services.job_outcome import JobOutcome

LOOK_BACK = timedelta(days=14)  # past meetings read on each run (an import reads further back)
LOOK_AHEAD = timedelta(hours=36)  # meetings ahead kept for the digest and the pushes
FETCH_AHEAD = timedelta(days=2)


def run_source(source: CaptureSource, *, now: datetime | None = None) -> JobOutcome:
    """Read one source now and record what it found; returns the line Settings shows."""
    current = CaptureSource.objects.filter(pk=source.pk).select_related("owner").first()
    if current is None:
        return JobOutcome("the source was removed", skipped=True)
    if current.paused:
        return JobOutcome("paused: nothing was read", skipped=True)
    now = now or clock.now()
    try:
        if current.kind == CaptureKind.IMAP:
            summary = _run_mail(current)
        else:
            summary = _run_calendar(current, now)
    except UserError as exc:
        _record(current, now, error=str(exc))
        raise
    except Exception as exc:  # unexpected: kept on the source for Settings, raised for the scheduler's retry
        _record(current, now, error=f"{type(exc).__name__}: {exc}"[:1000])
        raise
    _record(current, now, summary=summary)
    return JobOutcome(summary)


def run_now(owner, source_id: int | str, *, now: datetime | None = None) -> JobOutcome:
    """The user's "run now": their own source, read at once. A paused source stays unread."""
    from goodwill.services.capture_sources import get_source

    source = get_source(owner, source_id)
    if source.paused:
        raise InvalidInput(f'"{source.name}" is paused; resume it to read it', code="capture-paused")
    return run_source(source, now=now)


def check_source(owner, source_id: int | str) -> str:
    """Connect now, log in and read, writing nothing: the optional test after setting up."""
    from goodwill.services.capture_sources import get_source

    return _probe(get_source(owner, source_id))


def _probe(source: CaptureSource) -> str:
    from goodwill.services.capture_sources import calendar_login, imap_account

    if source.kind == CaptureKind.IMAP:
        from goodwill.services.mail_sync import check_account

        count = check_account(imap_account(source))
        return f"logged in; {count} message(s) in {source.config.get('folder', 'INBOX')}"
    url, user, password = calendar_login(source)
    calendars = _fetch(source.kind, url, user, password, clock.now())
    events = sum(len(c.walk("VEVENT")) for c in calendars)
    return f"read the calendar: {events} event(s)"


def _record(source: CaptureSource, now: datetime, *, summary: str = "", error: str = "") -> None:
    source.last_run_at = now
    fields = ["last_run_at", "last_error"]
    source.last_error = error
    if not error:
        source.last_ok_at, source.last_summary = now, summary[:300]
        fields += ["last_ok_at", "last_summary"]
    CaptureSource.objects.filter(pk=source.pk).update(**{f: getattr(source, f) for f in fields})


def _run_mail(source: CaptureSource) -> str:
    from goodwill.services.capture_sources import imap_account
    from goodwill.services.mail_sync import sync_mail

    report = sync_mail(source.owner, imap_account(source), offer_promises=True)
    if not report.read:
        return "no new mail"
    parts = [f"{report.read} new message(s)", f"{report.logged} logged"]
    if report.replies_owed:
        parts.append(f"{report.replies_owed} reply(ies) owed")
    if report.offered:
        parts.append(f"{report.offered} promise(s) to confirm")
    return ", ".join(parts)


def _fetch(kind: str, url: str, user, password, now: datetime) -> list:
    from goodwill.services.calendar_fetch import fetch_caldav, fetch_ics

    if kind == CaptureKind.CALDAV:
        return fetch_caldav(url, user, password, now - LOOK_BACK, now + FETCH_AHEAD)
    if kind == CaptureKind.ICS:
        return fetch_ics(url, user, password)
    raise InvalidInput(f'"{kind}" is not a kind of capture source', code="capture-kind")


def _run_calendar(source: CaptureSource, now: datetime) -> str:
    from goodwill.services.capture_sources import calendar_login, describe
    from goodwill.services.meetings_import import log_meetings

    url, user, password = calendar_login(source)
    calendars = _fetch(source.kind, url, user, password, now)
    label = f"{source.name} ({describe(source)})"
    with transaction.atomic():
        report = log_meetings(
            source.owner,
            [(label, c) for c in calendars],
            label=label,
            now=now,
            since=now - LOOK_BACK,
            keep_empty=False,
        )
        ahead = _replace_upcoming(source, calendars, now)
    parts = [f"{report.logged} meeting(s) logged" if report.logged else "no new meetings to log"]
    parts.append(f"{ahead} meeting(s) ahead with people you know")
    return ", ".join(parts)


def _replace_upcoming(source: CaptureSource, calendars: list, now: datetime) -> int:
    """The source's meetings in the next LOOK_AHEAD with people I know, replacing the last run's.
    A meeting still ahead keeps its row (and its id: a push already sent about it is not sent
    again); one cancelled, moved away or past is removed."""
    from goodwill.services.meetings_import import known_attendees, read_meeting

    owner = source.owner
    ahead: dict[str, tuple] = {}
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            meeting = read_meeting(event)
            if meeting is None or meeting.cancelled or meeting.key in ahead:
                continue
            if not now < meeting.start <= now + LOOK_AHEAD:
                continue
            people = known_attendees(owner, meeting.emails)
            if people:
                ahead[meeting.key] = (meeting, people)
    rows = {row.key: row for row in UpcomingMeeting.objects.filter(owner=owner, source=source)}
    UpcomingMeeting.objects.filter(pk__in=[row.pk for key, row in rows.items() if key not in ahead]).delete()
    for key, (meeting, people) in ahead.items():
        row = rows.get(key)
        if row is None:
            row = UpcomingMeeting.objects.create(
                owner=owner, source=source, key=key, title=meeting.summary, starts_at=meeting.start
            )
        elif (row.title, row.starts_at) != (meeting.summary, meeting.start):
            row.title, row.starts_at = meeting.summary, meeting.start
            row.save(update_fields=["title", "starts_at"])
        row.people.set(people)
    return len(ahead)
