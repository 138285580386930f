"""Writing an iCalendar feed (RFC 5545) of reminders: all-day VEVENTs and VTODOs,
each with a VALARM. Pure: takes plain entries, returns the calendar text.

Written by hand rather than through a library so that every rule calendar clients
trip over is visible here: CRLF line ends, lines folded at 75 octets without
splitting a UTF-8 character, TEXT escaping, DATE values for all-day entries, and a
UTC DTSTAMP. UIDs come from the caller and must be stable, so that a client that
re-reads the feed updates its entries instead of adding duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

PRODID = "-//Goodwill//Goodwill reminders feed 1.0//EN"
LINE_OCTETS = 75
# Characters TEXT values may not hold (RFC 5545 3.3.11: CONTROL except HTAB).
_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Alarm:
    """A display alarm `offset` after the start (all-day: after midnight) or due day."""

    offset: timedelta = timedelta(hours=9)  # 09:00 on the day
    text: str = ""  # empty: the entry's summary


@dataclass(frozen=True)
class Entry:
    """One reminder: an all-day event (kind "event") or a to-do (kind "todo")."""

    kind: str  # "event" | "todo"
    uid: str
    day: date  # the event's day, or the to-do's due day
    summary: str
    description: str = ""
    categories: tuple[str, ...] = ()
    priority: int = 0  # to-dos: 1 (high) .. 9 (low), 0 undefined
    alarm: Alarm | None = field(default_factory=Alarm)
    yearly: bool = False  # events: every year on this date (birthdays, anniversaries)
    leap_day: bool = False  # a yearly 29 February: the last day of February each year


def escape_text(value: str) -> str:
    """TEXT escaping: backslash, semicolon, comma and newlines; control characters dropped."""
    # Unicode line breaks become plain newlines: some readers split lines on them.
    text = _BREAKS.sub("\n", value)
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """Split a content line into physical lines of at most 75 octets (continuations
    start with a space, which counts), never inside a multi-octet UTF-8 character."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, LINE_OCTETS
        current.append(char)
        size += octets
    out.append("".join(current))
    return out


def _date(day: date) -> str:
    return f"{day:%Y%m%d}"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _duration(delta: timedelta) -> str:
    """RFC 5545 DURATION, e.g. PT9H, -P1DT15H."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}P" + (f"{days}D" if days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")
    if clock or not days:
        text += "T" + (clock or "0S")
    return text


def yearly_rule(leap_day: bool = False) -> str:
    """RRULE for every year on the start date. A plain FREQ=YEARLY from 29 February
    skips the years without one (RFC 5545 3.3.10): a leap day takes the last day of
    February instead, so it falls on the 28th in those years, as it does on Today."""
    return "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" if leap_day else "RRULE:FREQ=YEARLY"


def _entry_lines(entry: Entry, stamp: str) -> list[str]:
    lines = []
    if entry.kind == "event":
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(entry.uid)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(entry.day)}",
            f"DTEND;VALUE=DATE:{_date(entry.day + timedelta(days=1))}",
            # A reminder, not a meeting: it should not block the day as busy.
            "TRANSP:TRANSPARENT",
        ]
        if entry.yearly:
            lines.append(yearly_rule(entry.leap_day))
    elif entry.kind == "todo":
        lines += [
            "BEGIN:VTODO",
            f"UID:{escape_text(entry.uid)}",
            f"DTSTAMP:{stamp}",
            f"DUE;VALUE=DATE:{_date(entry.day)}",
            "STATUS:NEEDS-ACTION",
        ]
        if entry.priority:
            lines.append(f"PRIORITY:{entry.priority}")
    else:
        raise ValueError(f"unknown entry kind {entry.kind!r}")
    lines.append(f"SUMMARY:{escape_text(entry.summary)}")
    if entry.description:
        lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
    if entry.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in entry.categories))
    if entry.alarm is not None:
        # A to-do with only DUE must relate its trigger to the end (RFC 5545 3.8.6.3).
        related = ";RELATED=END" if entry.kind == "todo" else ""
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(entry.alarm.text or entry.summary)}",
            f"TRIGGER{related}:{_duration(entry.alarm.offset)}",
            "END:VALARM",
        ]
    lines.append("END:VEVENT" if entry.kind == "event" else "END:VTODO")
    return lines


def write_object(entry: Entry, *, stamp: datetime) -> str:
    """One entry alone in a VCALENDAR, as a CalDAV server stores it (goodwill.services.dav_dates):
    no METHOD and no calendar name, which a calendar object resource may not carry (RFC 4791 4.1)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines += _entry_lines(entry, _stamp(stamp))
    lines.append("END:VCALENDAR")
    return "".join(physical + "\r\n" for line in lines for physical in fold(line))


def write_calendar(
    entries: list[Entry],
    *,
    stamp: datetime,
    name: str = "Goodwill",
    description: str = "",
    refresh: timedelta = timedelta(hours=6),
) -> str:
    """The whole calendar as text with CRLF line ends, ready to write as UTF-8."""
    when = _stamp(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"NAME:{escape_text(name)}",
    ]
    if description:
        lines += [f"X-WR-CALDESC:{escape_text(description)}", f"DESCRIPTION:{escape_text(description)}"]
    # How often subscribers should re-read (RFC 7986; X-PUBLISHED-TTL for Outlook and Apple).
    lines += [f"REFRESH-INTERVAL;VALUE=DURATION:{_duration(refresh)}", f"X-PUBLISHED-TTL:{_duration(refresh)}"]
    seen: set[str] = set()
    for entry in entries:
        if entry.uid in seen:
            raise ValueError(f"duplicate UID {entry.uid!r}")
        seen.add(entry.uid)
        lines += _entry_lines(entry, when)
    lines.append("END:VCALENDAR")
    return "".join(physical + "\r\n" for line in lines for physical in fold(line))
