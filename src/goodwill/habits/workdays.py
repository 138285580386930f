"""Business-day windows for replies owed ("Promptly return calls and emails").

Business days are Monday to Friday; holidays are not modelled. Time of day is
kept: a message received Thursday 18:00 with a one-day window is due Friday
18:00, and one received Friday 18:00 is due Monday 18:00.

Weekend rule: a message received on Saturday or Sunday starts its window at
the next business day's start (Monday 00:00). With one business day it is due
at the end of Monday (Tuesday 00:00): the sender gets a full working day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

_DAY = timedelta(days=1)
_SECONDS_PER_DAY = 86_400


def _is_weekend(moment: datetime) -> bool:
    return moment.weekday() >= 5


def _window_start(moment: datetime) -> datetime:
    """The moment itself on a weekday, else the next Monday at 00:00."""
    if not _is_weekend(moment):
        return moment
    monday = moment.date() + timedelta(days=7 - moment.weekday())
    return datetime.combine(monday, time(), tzinfo=moment.tzinfo)


def add_business_days(start: datetime, days: int) -> datetime:
    """`start` moved forward by `days` business days, keeping the time of day.

    The result is always on a weekday. Zero days only applies the weekend rule.
    """
    if days < 0:
        raise ValueError(f"business days must be 0 or more, got {days}")
    weeks, rest = divmod(days, 5)
    # Whole weeks first so long windows stay O(1); then step the remainder.
    result = _window_start(start) + timedelta(weeks=weeks)
    for _ in range(rest):
        result += _DAY
        while _is_weekend(result):
            result += _DAY
    return result


def reply_deadline(received: datetime, window_days: int = 1) -> datetime:
    """When a reply to a message received at `received` falls due."""
    return add_business_days(received, window_days)


def reply_deadlines(window_days: int = 1) -> Callable[[datetime], datetime]:
    """reply_deadline for many messages, worked out once per day received: on a weekday the
    deadline is the moment itself some whole days on, on a weekend one moment of the next
    week, whatever the hour (a year of awaited mail is ~56,000 messages at 100,000 people)."""
    days_on: dict[date, timedelta] = {}
    weekend_deadline: dict[tuple[date, object], datetime] = {}  # by day and zone: one moment

    def deadline(received: datetime) -> datetime:
        day = received.date()
        if _is_weekend(received):
            found = weekend_deadline.get((day, received.tzinfo))
            if found is None:
                found = weekend_deadline[(day, received.tzinfo)] = reply_deadline(received, window_days)
            return found
        shift = days_on.get(day)
        if shift is None:
            shift = days_on[day] = reply_deadline(received, window_days) - received
        return received + shift

    return deadline


def _business_position(moment: datetime) -> tuple[int, float]:
    """Business days elapsed since a fixed Monday, as (whole days, fraction).

    Weekend moments sit at the next Monday's start, so weekend hours never
    count towards lateness.
    """
    weeks, weekday = divmod(moment.toordinal() - 1, 7)  # ordinal 1 is a Monday
    whole = weeks * 5 + min(weekday, 5)
    if weekday >= 5:
        return whole, 0.0
    since_midnight = moment - datetime.combine(moment.date(), time(), tzinfo=moment.tzinfo)
    return whole, since_midnight.total_seconds() / _SECONDS_PER_DAY


def business_days_late(deadline: datetime, now: datetime) -> float:
    """How many business days past `deadline` it is at `now`.

    Zero or negative while the reply is still within its window (the negative
    value is the business time left). Weekend time is not counted.
    """
    if (deadline.tzinfo is None) != (now.tzinfo is None):
        raise TypeError("deadline and now must both be naive or both be timezone-aware")
    if now.tzinfo is not None:
        # Compare wall clocks in one zone, or weekday boundaries would drift.
        now = now.astimezone(deadline.tzinfo)
    now_whole, now_frac = _business_position(now)
    due_whole, due_frac = _business_position(deadline)
    return (now_whole - due_whole) + (now_frac - due_frac)
