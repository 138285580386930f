"""Logging past meetings from an .ics file: attendees are matched to people by
email; each meeting is logged once (its UID is remembered), and undoable."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import ContactPoint, ImportBatch, ImportItem, Interaction
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.upload_names import shown_names


@dataclass
class MeetingsReport:
    files: list[str]
    applied: bool = False
    batch_id: int | None = None
    logged: int = 0
    unchanged: int = 0
    no_known_attendee: int = 0
    future: int = 0
    cancelled: int = 0
    older: int = 0  # before the window a subscribed calendar reads
    problems: list[str] = field(default_factory=list)


def _calendar(path: str, name: str):
    """The calendar in a file, which the user knows as `name`."""
    import icalendar

    try:
        with open(path, "rb") as handle:
            data = handle.read()
        calendar = icalendar.Calendar.from_ical(data)
    except OSError as exc:
        raise InvalidInput(f"{name}: cannot read it ({exc.strerror or exc})") from None
    except Exception as exc:  # icalendar raises many kinds on broken input: all mean "not a calendar"
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:80]
        raise InvalidInput(f"{name}: not a readable iCalendar file ({first}); export it again as .ics") from None
    if calendar.name != "VCALENDAR":  # a vCard parses too, as one VCARD: it holds no meetings
        raise InvalidInput(f"{name}: not a calendar (it holds a {calendar.name}); export the calendar as .ics")
    return calendar


def _moment(value) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=clock.local_zone())
    if isinstance(value, date):
        return datetime.combine(value, time(12, 0), tzinfo=clock.local_zone())
    raise ValueError("no start time")


def _emails(event) -> set[str]:
    found = set()
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    for value in attendees + ([event["ORGANIZER"]] if "ORGANIZER" in event else []):
        text = str(value)
        if text.lower().startswith("mailto:"):
            found.add(text[7:].strip().lower())
    return found


def import_meetings(owner, paths, *, apply: bool = False, names: Mapping[str, str] | None = None) -> MeetingsReport:
    """Log the past meetings of .ics files as interactions with the attendees I know
    (matched by email). A dry run unless `apply`; one undoable batch. `names` names
    paths as the user knows them (an uploaded file: its own name)."""
    paths = [os.fspath(p) for p in paths]
    shown = shown_names(paths, names)
    for path in paths:
        if not os.path.isfile(path):
            raise InvalidInput(f"{shown[path]}: no such file")
    calendars = [(shown[path], _calendar(path, shown[path])) for path in paths]
    files = list(shown.values())
    return log_meetings(owner, calendars, label=", ".join(files), apply=apply, report=MeetingsReport(files=files))


def log_meetings(
    owner,
    calendars,
    *,
    label: str,
    apply: bool = True,
    now: datetime | None = None,
    since: datetime | None = None,
    report: MeetingsReport | None = None,
    keep_empty: bool = True,
) -> MeetingsReport:
    """The one rule for logging past meetings, from files or a subscribed calendar:
    `calendars` are (where, icalendar.Calendar) pairs. A meeting is logged once (its
    UID and occurrence are the interaction's external_id), cancelled ones and those
    without a known attendee are skipped, and so are meetings before `since`. One
    undoable ImportBatch; with `keep_empty=False` a batch that logged nothing is not kept."""
    report = report or MeetingsReport(files=[label])
    now = now or clock.now()
    with transaction.atomic():
        batch = ImportBatch.objects.create(owner=owner, source="ics", filename=label[:1000], created_at=now)
        items = []
        for where, calendar in calendars:
            for event in calendar.walk("VEVENT"):
                meeting = read_meeting(event)
                if meeting is None:
                    uid = str(event.get("UID", "")).strip()
                    summary = str(event.get("SUMMARY", "")).strip()
                    report.problems.append(f"{where}: event {uid or summary!r} has no readable start; skipped")
                    continue
                if meeting.cancelled:
                    report.cancelled += 1
                    continue
                if meeting.start > now:
                    report.future += 1
                    continue
                if since is not None and meeting.start < since:
                    report.older += 1
                    continue
                people = known_attendees(owner, meeting.emails)
                if not people:
                    report.no_known_attendee += 1
                    continue
                if Interaction.objects.filter(owner=owner, external_id=meeting.key).exists():
                    report.unchanged += 1
                    continue
                result = log_interaction(
                    owner, LogRequest(kind="meeting", people=people, summary=meeting.summary, when=meeting.start)
                )
                result.interaction.external_id = meeting.key
                result.interaction.save(update_fields=["external_id"])
                items.append(
                    ImportItem(
                        owner=owner,
                        batch=batch,
                        model="interaction",
                        object_id=result.interaction.pk,
                        action=ImportItem.CREATED,
                    )
                )
                report.logged += 1
        ImportItem.objects.bulk_create(items)
        batch.summary = {"created": report.logged, "unchanged": report.unchanged}
        batch.save(update_fields=["summary"])
        if apply and (report.logged or keep_empty):
            report.applied, report.batch_id = True, batch.pk
        elif apply:
            batch.delete()  # a scheduled run that logged nothing leaves no empty batch behind
            report.applied = True
        else:
            transaction.set_rollback(True)
    return report


@dataclass(frozen=True)
class Meeting:
    """One event of a calendar, as the meeting rules read it."""

    key: str  # "ics:UID@occurrence": the interaction's external_id, and an upcoming meeting's key
    summary: str
    start: datetime
    emails: frozenset[str]
    cancelled: bool


def read_meeting(event) -> Meeting | None:
    """A VEVENT as a Meeting; None when it has no readable start."""
    uid = str(event.get("UID", "")).strip()
    summary = str(event.get("SUMMARY", "")).strip()[:500] or "Meeting"
    try:
        start = _moment(event["DTSTART"].dt)
        recurrence = event.get("RECURRENCE-ID")
        occurrence = f"@{recurrence.dt.isoformat()}" if recurrence else ""
    except Exception:  # missing or unreadable DTSTART / RECURRENCE-ID
        return None
    # Without a UID, the start and title identify the meeting, so a re-import still matches.
    identity = uid or hashlib.sha1(f"{start.isoformat()}|{summary}".encode()).hexdigest()
    return Meeting(
        key=f"ics:{identity}{occurrence}"[:400],
        summary=summary,
        start=start,
        emails=frozenset(_emails(event)),
        cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
    )


def known_attendees(owner, emails) -> list:
    """The people I know among a meeting's attendees and organiser, matched by email."""
    from goodwill.models import Person

    people_ids = set(
        ContactPoint.objects.filter(owner=owner, kind="email", normalized__in=list(emails)).values_list(
            "person_id", flat=True
        )
    )
    if not people_ids:
        return []
    return list(Person.objects.filter(owner=owner, pk__in=people_ids).order_by("name", "pk"))
