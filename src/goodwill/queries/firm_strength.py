"""Relationship strength as the firm reads it: the shared score (confidential encounters left
out) for many people at once, for who-knows-whom, warm-introduction paths and key accounts.

The entry points for firm views are `shared_strengths` and `strength_trends`. How they are
kept fast at firm scale (a stored score per person, refreshed when an encounter is logged
and as days pass) lives behind them, so no view computes a network's scores on a request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from goodwill.habits.strength import Strength, strength
from goodwill.models import Person
from goodwill.queries.strength import shared_events

QUARTER = timedelta(days=90)


@dataclass(frozen=True)
class Trend:
    """A tie's shared score now and a quarter ago: a falling tie is going cold."""

    now: Strength
    quarter_ago: float

    @property
    def falling(self) -> bool:
        return self.now.score < self.quarter_ago


def shared_strengths(person_ids: list[int], today: date) -> dict[int, Strength]:
    """Each person's shared score, whoever owns them."""
    return {pk: trend.now for pk, trend in strength_trends(person_ids, today).items()}


def strength_trends(person_ids: list[int], today: date) -> dict[int, Trend]:
    """Each person's shared score today and as it stood 90 days ago (only the encounters
    before then counted)."""
    found = {}
    then = today - QUARTER
    for person in Person.objects.filter(pk__in=person_ids).select_related("owner"):
        events = shared_events(person)
        earlier = [e for e in events if e.day <= then]
        found[person.pk] = Trend(strength(events, today), strength(earlier, then).score if earlier else 0.0)
    return found
