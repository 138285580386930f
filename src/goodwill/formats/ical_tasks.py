"""A phone's to-do (RFC 5545's to-do component, 3.6.2) written and read back. Pure: no Django.

Goodwill's next steps and promises go to the phone's reminders app as one VCALENDAR with one
to-do component each (services.dav_tasks), and what the phone writes back comes through `read_task`.
Phones write the same facts in different shapes, and the reader folds them into one:
- done: iOS Reminders sends STATUS:COMPLETED with COMPLETED and PERCENT-COMPLETE:100;
  Tasks.org and jtx (through DAVx5) the same, and some clients only COMPLETED or only
  PERCENT-COMPLETE:100. Any of them means done.
- the due day: DUE;VALUE=DATE (an all-day reminder) or a date-time, floating, UTC or with a
  TZID (a reminder at a time). Goodwill keeps days, so a date-time counts as its own day in
  its own zone (a 23:30 reminder in Berlin is due that Berlin day, not the next UTC one).

Written with the icalendar library, which escapes TEXT values and folds long lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import icalendar

from goodwill.formats.errors import FormatError

# RFC 5545's name for a to-do component (also what CalDAV's supported-calendar-component-set lists),
# as the icalendar library names it.
COMPONENT = icalendar.Todo.name
PRODID = "-//Goodwill//Goodwill tasks 1.0//EN"

NEEDS_ACTION, IN_PROCESS, COMPLETED, CANCELLED = "NEEDS-ACTION", "IN-PROCESS", "COMPLETED", "CANCELLED"
STATUSES = (NEEDS_ACTION, IN_PROCESS, COMPLETED, CANCELLED)


@dataclass(frozen=True)
class Task:
    """One to-do, as Goodwill writes it and as it reads what a phone wrote."""

    uid: str
    summary: str
    due: date | None = None
    status: str = NEEDS_ACTION
    description: str = ""
    url: str = ""
    priority: int = 0  # 1 (high) .. 9 (low), 0 undefined
    categories: tuple[str, ...] = ()
    modified: datetime | None = None  # DTSTAMP and LAST-MODIFIED: the caller's, so the text is stable
    completed: datetime | None = None  # read only: when the phone says it was done
    percent: int | None = None  # read only: PERCENT-COMPLETE

    @property
    def done(self) -> bool:
        return self.status == COMPLETED or self.completed is not None or self.percent == 100

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED and not self.done


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def write_task(task: Task) -> str:
    """One VCALENDAR with one to-do component, CRLF line ends. The same task always gives the same text
    (no clock is read here), so an unchanged step keeps its ETag on the phone."""
    if task.status not in STATUSES:
        raise ValueError(f"unknown to-do status {task.status!r}")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    todo = icalendar.Todo()
    todo.add("uid", task.uid)
    stamp = _utc(task.modified or datetime(2000, 1, 1, tzinfo=UTC))
    todo.add("dtstamp", stamp)
    todo.add("last-modified", stamp)
    todo.add("summary", task.summary)
    if task.due is not None:
        todo.add("due", task.due)  # a date: VALUE=DATE, an all-day reminder
    todo.add("status", task.status)
    if task.description:
        todo.add("description", task.description)
    if task.url:
        todo.add("url", task.url)
    if task.priority:
        todo.add("priority", task.priority)
    if task.categories:
        todo.add("categories", list(task.categories))
    calendar.add_component(todo)
    return str(calendar.to_ical().decode("utf-8"))


def _text(todo: icalendar.Component, name: str) -> str:
    value = todo.get(name)
    if isinstance(value, list):  # a property given twice: the first one
        value = value[0]
    return str(value) if value is not None else ""


def _day(todo: icalendar.Component) -> date | None:
    prop = todo.get("due")
    if prop is None:
        return None
    value = prop.dt
    return value.date() if isinstance(value, datetime) else value  # its own zone's day


def _int(todo: icalendar.Component, name: str) -> int | None:
    raw = _text(todo, name).strip()
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def _moment(todo: icalendar.Component, name: str) -> datetime | None:
    prop = todo.get(name)
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def read_task(text: str) -> Task:
    """The first to-do component of a calendar text, or FormatError naming what is missing."""
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as error:
        raise FormatError(f"not an iCalendar text: {error}", code="ical") from error
    todos = calendar.walk(COMPONENT)
    if not todos:
        raise FormatError(f"the calendar holds no {COMPONENT}: a task is one VCALENDAR with one", code="no-task")
    todo = todos[0]
    uid = _text(todo, "uid").strip()
    if not uid:
        raise FormatError("the task has no UID; every task needs one", code="no-uid")
    status = _text(todo, "status").strip().upper() or NEEDS_ACTION
    categories: list[str] = []
    raw_categories = todo.get("categories")
    for group in raw_categories if isinstance(raw_categories, list) else [raw_categories] if raw_categories else []:
        categories += [str(c) for c in getattr(group, "cats", [group])]
    try:
        due = _day(todo)
    except (ValueError, AttributeError) as error:
        raise FormatError(f"the task's DUE is not a date: {error}", code="due") from error
    return Task(
        uid=uid,
        summary=" ".join(_text(todo, "summary").split()),
        due=due,
        status=status if status in STATUSES else NEEDS_ACTION,
        description=_text(todo, "description"),
        url=_text(todo, "url"),
        priority=_int(todo, "priority") or 0,
        categories=tuple(categories),
        modified=_moment(todo, "last-modified") or _moment(todo, "dtstamp"),
        completed=_moment(todo, "completed"),
        percent=_int(todo, "percent-complete"),
    )
