"""Rhythm: how often to be in touch with someone, and where they stand now.

"Be consistent in your contact ... prompt you to call or visit on a regular
basis." Each person has an ideal gap (after which they are *due*) and a
maximum gap (after which they are *overdue*). Pure date arithmetic: the
caller supplies the last two-way touch and today's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MAX_CADENCE_DAYS = 3650


@dataclass(frozen=True)
class Rhythm:
    ideal_days: int  # due after this many days without a two-way touch
    max_days: int  # overdue after this many

    def __post_init__(self) -> None:
        if not 1 <= self.ideal_days <= MAX_CADENCE_DAYS:
            raise ValueError(f"ideal_days must be 1..{MAX_CADENCE_DAYS}, got {self.ideal_days}")
        if self.max_days <= self.ideal_days:
            raise ValueError(f"max_days ({self.max_days}) must be greater than ideal_days ({self.ideal_days})")

    @classmethod
    def from_cadence(cls, cadence_days: int) -> Rhythm:
        # Half-up rounding (3*c+1)//2 rather than round(): banker's rounding
        # would make odd cadences wobble (3 -> 4 but 5 -> 8).
        return cls(cadence_days, max((3 * cadence_days + 1) // 2, cadence_days + 1))


DEFAULT_CIRCLES: dict[str, Rhythm] = {
    name: Rhythm.from_cadence(days) for name, days in (("inner", 14), ("close", 30), ("network", 90), ("outer", 365))
}

# Most urgent first; urgency_key relies on this order.
_STATUS_RANK = {"overdue": 0, "due": 1, "ok": 2, "snoozed": 3}


@dataclass(frozen=True)
class TouchState:
    status: str  # "ok" | "due" | "overdue" | "snoozed"
    last_touch: date | None
    due_on: date  # first day of "due": last touch (or `since`) + ideal
    overdue_on: date  # first day of "overdue": last touch (or `since`) + max
    days_since: int | None  # None when never touched
    ratio: float  # gap so far / ideal_days, as in "2.3× overdue"


def touch_state(
    rhythm: Rhythm,
    *,
    last_touch: date | None,
    since: date,
    today: date,
    snoozed_until: date | None = None,
) -> TouchState:
    """Where a person stands against their rhythm on `today`.

    Someone never touched is measured from `since` (when they were added), so a
    fresh contact is not instantly overdue. A touch dated after today counts as
    today (gap 0) rather than producing a negative gap.
    """
    anchor = last_touch if last_touch is not None else since
    gap = max((today - anchor).days, 0)
    due_on = anchor + timedelta(days=rhythm.ideal_days)
    overdue_on = anchor + timedelta(days=rhythm.max_days)
    if snoozed_until is not None and today < snoozed_until:
        status = "snoozed"
    elif today >= overdue_on:
        status = "overdue"
    elif today >= due_on:
        status = "due"
    else:
        status = "ok"
    return TouchState(
        status=status,
        last_touch=last_touch,
        due_on=due_on,
        overdue_on=overdue_on,
        days_since=gap if last_touch is not None else None,
        ratio=gap / rhythm.ideal_days,
    )


def urgency_key(state: TouchState) -> tuple[int, float, date]:
    """Sort key: overdue, then due, then ok, then snoozed; within each, the
    most neglected relative to its cadence first; ties by earlier due date."""
    return (_STATUS_RANK[state.status], -state.ratio, state.due_on)


_UNIT_DAYS = {
    "d": 1, "day": 1, "days": 1,
    "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7,
    "m": 30, "mo": 30, "month": 30, "months": 30,
    "q": 91, "quarter": 91, "quarters": 91,
    "y": 365, "yr": 365, "yrs": 365, "year": 365, "years": 365,
}  # fmt: skip
_ADVERBS = {
    "daily": 1,
    "weekly": 7,
    "biweekly": 14,
    "fortnightly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
    "annually": 365,
}
_CADENCE_RE = re.compile(r"(?:every\s+)?(\d+)?\s*([a-z]*)")
_ACCEPTED = "use days (14, 14d, 14 days), weeks (2w, 3 weeks), months (1m, month), quarterly, or years (yearly, 1y)"


def parse_cadence(text: str) -> int:
    """Parse a cadence as typed by a person into whole days (1..3650).

    A month is 30 days and a quarter 91 (13 weeks), so cadences stay whole
    days and are stable across calendar months.
    """
    cleaned = " ".join(str(text).lower().split())
    days = _ADVERBS.get(cleaned)
    if days is None:
        match = _CADENCE_RE.fullmatch(cleaned)
        if not cleaned or match is None:
            raise ValueError(f"cannot read cadence {text!r}: {_ACCEPTED}")
        number, unit = match.groups()
        if (number is None and not unit) or (unit and unit not in _UNIT_DAYS):
            raise ValueError(f"cannot read cadence {text!r}: {_ACCEPTED}")
        days = int(number or 1) * _UNIT_DAYS[unit or "d"]
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise ValueError(f"cadence {text!r} is {days} days; it must be 1 to {MAX_CADENCE_DAYS} days; {_ACCEPTED}")
    return days
