"""Logging past meetings from an .ics file: attendees are matched to people by
email; each meeting is logged once (its UID is remembered), and undoable."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import ContactPoint, ImportBatch, ImportItem, Interaction
from goodwill.services.interactions import LogRequest, log_interaction


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
    problems: list[str] = field(default_factory=list)


def _calendar(path: str):
    import icalendar

    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return icalendar.Calendar.from_ical(data)
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except Exception as exc:  # icalendar raises many kinds on broken input: all mean "not a calendar"
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:80]
        raise InvalidInput(f"{path}: not a readable iCalendar file ({first}); export it again as .ics") from None


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


def import_meetings(owner, paths, *, apply: bool = False) -> MeetingsReport:
    """Log the past meetings of .ics files as interactions with the attendees I know
    (matched by email). A dry run unless `apply`; one undoable batch."""
    paths = [os.fspath(p) for p in paths]
    report = MeetingsReport(files=paths)
    now = clock.now()
    with transaction.atomic():
        batch = ImportBatch.objects.create(owner=owner, source="ics", filename=", ".join(paths), created_at=now)
        items = []
        for path in paths:
            if not os.path.isfile(path):
                raise InvalidInput(f"{path}: no such file")
            for event in _calendar(path).walk("VEVENT"):
                uid = str(event.get("UID", "")).strip()
                summary = str(event.get("SUMMARY", "")).strip()[:500] or "Meeting"
                try:
                    start = _moment(event["DTSTART"].dt)
                    recurrence = event.get("RECURRENCE-ID")
                    occurrence = f"@{recurrence.dt.isoformat()}" if recurrence else ""
                except Exception:  # missing or unreadable DTSTART / RECURRENCE-ID
                    report.problems.append(f"{path}: event {uid or summary!r} has no readable start; skipped")
                    continue
                if str(event.get("STATUS", "")).upper() == "CANCELLED":
                    report.cancelled += 1
                    continue
                if start > now:
                    report.future += 1
                    continue
                # Without a UID, the start and title identify the meeting, so a re-import still matches.
                identity = uid or hashlib.sha1(f"{start.isoformat()}|{summary}".encode()).hexdigest()
                key = f"ics:{identity}{occurrence}"[:400]
                emails = _emails(event)
                people_ids = set(
                    ContactPoint.objects.filter(owner=owner, kind="email", normalized__in=emails).values_list(
                        "person_id", flat=True
                    )
                )
                if not people_ids:
                    report.no_known_attendee += 1
                    continue
                if Interaction.objects.filter(owner=owner, external_id=key).exists():
                    report.unchanged += 1
                    continue
                from goodwill.models import Person

                people = list(Person.objects.filter(owner=owner, pk__in=people_ids))
                result = log_interaction(owner, LogRequest(kind="meeting", people=people, summary=summary, when=start))
                result.interaction.external_id = key
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
        if apply:
            report.applied, report.batch_id = True, batch.pk
        else:
            transaction.set_rollback(True)
    return report
