"""The reminders feed: who is due for a touch (from the rhythm cache), my open
next steps and promises, and birthdays and important dates (yearly events), as iCalendar. `build_feed` is what `goodwill calendar`
writes and what the web app serves at the secret URL (the token is looked up by
goodwill.services.tokens, then `build_feed(owner)`).

Nothing confidential goes in: no notes, no interaction summaries or bodies, no
promise sentences, and a step that came from a confidential encounter shows only
that a step is due. The feed reaches other people's servers (Google, Apple,
Microsoft), so it carries names, dates and step texts and nothing else.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

from goodwill import clock
from goodwill.clock import day_number, from_day_number, local_zone
from goodwill.errors import InvalidInput
from goodwill.formats.ical_feed import Entry, write_calendar
from goodwill.models import Ball, NextStep, Person, StepStatus
from goodwill.models.base import Owner
from goodwill.queries.privacy import step_withheld

MAX_DAYS = 366
MAX_TOUCHES = 200  # the most overdue first; a calendar with a thousand reminders is noise
MAX_DATES = 200  # birthdays and important dates, the soonest first
OVERDUE_STEPS_DAYS = 365  # older open steps are left to the weekly review

WHOSE: dict[str, str] = {Ball.MINE: "I owe", Ball.THEIRS: "owes me", Ball.BOTH: "we agreed"}


def _uid(kind: str, record_id: int, owner: Owner) -> str:
    # Stable across runs: the same record and kind always give the same UID.
    return f"goodwill-{kind}-{owner.pk}-{record_id}@goodwill"


def touch_entries(owner: Owner, today: date, end: date, *, limit: int = MAX_TOUCHES) -> list[Entry]:
    people = (
        Person.objects.filter(owner=owner, archived_at__isnull=True, due_day__lte=day_number(end))
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=end))
        .select_related("circle")
        .order_by("due_day", "name", "pk")[:limit]
    )
    entries = []
    for person in people:
        due = from_day_number(person.due_day)
        day = max(due, today, person.snoozed_until or today)
        every = f"every {person.rhythm_days} days" + (f" ({person.circle.name} circle)" if person.circle else "")
        if person.last_touch_at:
            last = person.last_touch_at.astimezone(local_zone()).date()
            since = f"Last touch {last:%d %b %Y}, {(today - last).days} days ago."
        else:
            since = "No touch logged yet."
        late = f" Due since {due:%d %b %Y}." if due < today else ""
        entries.append(
            Entry(
                kind="event",
                uid=_uid("touch", person.pk, owner),
                day=day,
                summary=f"Touch base: {person.name}",
                description=f"Keep in touch with {person.name}, {every}. {since}{late}",
                categories=("Goodwill", "Touch"),
            )
        )
    return entries


def step_entries(owner: Owner, today: date, end: date, *, todos: bool = True) -> list[Entry]:
    steps = (
        NextStep.objects.filter(
            owner=owner,
            status=StepStatus.OPEN,
            due_on__isnull=False,
            due_on__lte=end,
            due_on__gte=today - timedelta(days=OVERDUE_STEPS_DAYS),
            person__archived_at__isnull=True,
        )
        .select_related("person", "interaction")
        .order_by("due_on", "pk")
    )
    entries = []
    for step in steps:
        if step.due_on is None:
            continue  # the filter has ruled it out; this tells the type checker
        name = step.person.name
        secret = step_withheld(step)
        what = "a next step (told in confidence: see Goodwill)" if secret else step.text
        if step.ball == Ball.THEIRS:
            summary = f"{name} owes me: {what}"
        elif step.ball == Ball.BOTH:
            summary = f"With {name} (we agreed): {what}"
        else:
            summary = f"I owe {name}: {what}"
        kind = "promise" if step.source_sentence else "next step"
        details = [
            f"{kind.capitalize()} with {name}, due {step.due_on:%d %b %Y}"
            + ("" if step.due_firm else " (a soft date: a reminder, not a deadline)")
            + "."
        ]
        if step.due_on < today:
            details.append(f"Overdue by {(today - step.due_on).days} days.")
        details.append(f"Mark it done in Goodwill: step {step.pk}.")  # any door: the Today page, the CLI, the API
        categories = ("Goodwill", "Promise" if step.source_sentence else "Next step", WHOSE[step.ball])
        if todos:
            priority = 1 if step.due_on < today else 5 if step.due_firm else 9
            entries.append(
                Entry(
                    kind="todo",
                    uid=_uid("step-todo", step.pk, owner),
                    day=step.due_on,
                    summary=summary,
                    description=" ".join(details),
                    categories=categories,
                    priority=priority,
                )
            )
        else:
            # Calendars that ignore VTODO (Google, Outlook) get an all-day event; late ones move to today.
            entries.append(
                Entry(
                    kind="event",
                    uid=_uid("step-event", step.pk, owner),
                    day=max(step.due_on, today),
                    summary=summary,
                    description=" ".join(details),
                    categories=categories,
                )
            )
    return entries


def date_entries(owner: Owner, today: date, days: int) -> list[Entry]:
    """Birthdays and important dates whose next occurrence is in the window: yearly
    all-day events starting on it. Only the name and the date's label go in: no notes,
    and no year (a birthday's year is an age, which stays in Goodwill)."""
    from goodwill.queries.yearly_dates import dates_coming

    entries = []
    for row in dates_coming(owner, today, days, limit=MAX_DATES)[0]:
        summary = f"{row.person_name}: {row.label}" if row.label != "birthday" else f"Birthday: {row.person_name}"
        entries.append(
            Entry(
                kind="event",
                uid=_uid(row.record, row.record_id, owner),
                day=row.on,
                summary=summary,
                description=f"{row.person_name}, {row.label}, {row.date_label}: a good day for a word.",
                categories=("Goodwill", "Birthday" if row.label == "birthday" else "Important date"),
                yearly=True,
                leap_day=(row.month, row.day) == (2, 29),
            )
        )
    return entries


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"the days ahead must be from 1 to {MAX_DAYS}, not {days}", code="calendar-days")
    return days


def build_feed(owner: Owner, *, days: int = 30, todos: bool = True, touches: int = MAX_TOUCHES) -> str:
    """The iCalendar text of the next `days` days of reminders (CRLF line ends)."""
    check_days(days)
    now = clock.now()
    today = now.date()
    end = today + timedelta(days=days - 1)
    entries = (
        touch_entries(owner, today, end, limit=touches)
        + step_entries(owner, today, end, todos=todos)
        + date_entries(owner, today, days)
    )
    return write_calendar(
        entries,
        stamp=now,
        name="Goodwill",
        description="Goodwill reminders: who is due for a touch, next steps and promises both ways, "
        "and birthdays and important dates.",
    )
