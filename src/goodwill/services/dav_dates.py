"""The phone's read-only calendar of dates (issue 16 §2): birthdays and important dates as yearly
all-day events, and planned touches (who is due for a touch in the next 30 days, on the day).

The events are the calendar feed's (queries.calendar: one home for what an event says and what it
may carry), each stored as its own calendar object, as CalDAV serves them. An item's href comes
from its UID, which the feed keeps stable, so the same birthday is the same item on every sync."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from goodwill import clock
from goodwill.formats.ical_feed import Entry, write_object
from goodwill.queries.calendar import MAX_DAYS, date_entries, touch_entries

TOUCH_DAYS = 30  # planned touches this far ahead; birthdays and dates: a whole year


def href_for(uid: str) -> str:
    """goodwill-birthday-3-12@goodwill -> goodwill-birthday-3-12.ics"""
    return uid.split("@", 1)[0] + ".ics"


def _stamp(entry: Entry) -> datetime:
    # DTSTAMP from the event's own day, not the clock: an unchanged event keeps its ETag.
    return datetime.combine(entry.day, time(0, 0), tzinfo=UTC)


def date_items(owner) -> list[tuple[str, str, str]]:
    """(href, uid, iCalendar text with one VEVENT) for every date and planned touch."""
    today = clock.today()
    entries = date_entries(owner, today, MAX_DAYS) + touch_entries(owner, today, today + timedelta(days=TOUCH_DAYS - 1))
    return [(href_for(e.uid), e.uid, write_object(e, stamp=_stamp(e))) for e in entries]
