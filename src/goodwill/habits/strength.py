"""Relationship strength that can say why: DotAlign's published formula, adapted to Goodwill.

points = 1 (knowing them at all)
       + 3 per meeting + 2 per call + 1 per reciprocated email
       + 3 per introduction made for or with them + 3 per referral given to or received from them
       + 1 per promise kept to them
Each encounter's points decay from the day it happened: 75 % linearly to zero over 2 years (730 days)
and 25 % over 6 years (2190 days). The decayed points are summed, then
score = max(1, min(100, points)), rounded half up to a whole number 1..100.

Reciprocated emails count the smaller of inbound and outbound: the n-th most recent email in
each direction form a pair, dated by the later of the two (the day the exchange became mutual).
Encounters dated after `today` have not happened yet and count for nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

BASE_POINTS = 1.0
MAX_SCORE = 100
# Points per encounter kind, and the words for a count of them (singular, plural).
WEIGHTS = {
    "meeting": 3.0,
    "call": 2.0,
    "email": 1.0,  # per reciprocated email
    "introduction": 3.0,
    "referral": 3.0,
    "promise_kept": 1.0,
}
NOUNS = {
    "meeting": ("meeting", "meetings"),
    "call": ("call", "calls"),
    "email": ("reciprocated email", "reciprocated emails"),
    "introduction": ("introduction", "introductions"),
    "referral": ("referral", "referrals"),
    "promise_kept": ("promise kept", "promises kept"),
}
# The kinds an Event may have: the scored kinds, with emails split by direction (paired here).
EVENT_KINDS = frozenset(WEIGHTS) - {"email"} | {"email_in", "email_out"}
FAST_SHARE, FAST_DAYS = 0.75, 730
SLOW_SHARE, SLOW_DAYS = 0.25, 2190


@dataclass(frozen=True)
class Event:
    """`count` encounters of one kind on one day (the query aggregates by day)."""

    kind: str  # one of EVENT_KINDS
    day: date
    count: int = 1

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown encounter kind {self.kind!r}; expected one of {sorted(EVENT_KINDS)}")


@dataclass(frozen=True)
class Part:
    kind: str
    count: int
    points: float  # after decay, before the cap

    @property
    def text(self) -> str:
        one, many = NOUNS[self.kind]
        return f"{self.count} {one if self.count == 1 else many}"


@dataclass(frozen=True)
class Strength:
    score: int  # 1..100
    parts: list[Part]  # the kinds that counted, in the order of WEIGHTS
    last_met: date | None  # the last meeting on or before today
    today: date

    def explain(self) -> str:
        """'12 meetings, 8 reciprocated emails, last met 3 weeks ago' (or 'no encounters yet')."""
        words = [part.text for part in self.parts]
        if self.last_met is not None:
            words.append(f"last met {ago((self.today - self.last_met).days)}")
        return ", ".join(words) or "no encounters yet"


def recency(age_days: int) -> float:
    """The share of an encounter's points left after `age_days`: 1.0 on the day, 0.0 after 6 years."""
    age = max(0, age_days)
    return FAST_SHARE * max(0.0, 1 - age / FAST_DAYS) + SLOW_SHARE * max(0.0, 1 - age / SLOW_DAYS)


def strength(events: Iterable[Event], today: date) -> Strength:
    past = [e for e in events if e.day <= today and e.count > 0]
    counted: dict[str, list[date]] = {kind: [] for kind in WEIGHTS}
    for event in past:
        if event.kind in WEIGHTS:
            counted[event.kind].extend([event.day] * event.count)
    counted["email"] = _reciprocated(past)
    parts = []
    for kind, days in counted.items():
        if days:
            points = WEIGHTS[kind] * sum(recency((today - day).days) for day in days)
            parts.append(Part(kind, len(days), points))
    total = BASE_POINTS + sum(part.points for part in parts)
    meetings = counted["meeting"]
    return Strength(
        score=max(1, min(MAX_SCORE, _round_half_up(total))),
        parts=parts,
        last_met=max(meetings) if meetings else None,
        today=today,
    )


def _reciprocated(events: list[Event]) -> list[date]:
    """One day per reciprocated email: the n-th most recent of each direction, paired, on the later day."""
    inbound = sorted((d for e in events if e.kind == "email_in" for d in [e.day] * e.count), reverse=True)
    outbound = sorted((d for e in events if e.kind == "email_out" for d in [e.day] * e.count), reverse=True)
    return [max(a, b) for a, b in zip(inbound, outbound)]


def _round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def ago(days: int) -> str:
    """How long ago, in the largest unit that reads naturally: '3 days ago', '3 weeks ago', '5 months ago'."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 365:
        return f"{days // 30} months ago"
    years = days // 365
    return "1 year ago" if years == 1 else f"{years} years ago"
