"""Relationship strength as the firm reads it: the shared score (confidential encounters left
out) for many people at once, for who-knows-whom, warm-introduction paths and key accounts.

The entry points for firm views are `shared_strengths` and `strength_trends`. They read the
stored score (models.PersonStrength, kept by services.firm_strength: refreshed for a person
when an encounter with them changes, which database triggers mark in goodwill.strength_stale,
and for everyone each day as scores decay). A row that is missing, marked stale, or computed
on another day than the one asked for is computed here in memory for those people only
(reads never write), with the batched event reader: a few grouped queries, not a network's
worth of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import FilteredRelation, Q, QuerySet

from goodwill.habits.strength import Part, Strength, strength
from goodwill.models import Person, PersonStrength
from goodwill.queries.strength import shared_events_many, strength_fields

QUARTER = timedelta(days=90)


@dataclass(frozen=True)
class Trend:
    """A tie's shared score now and a quarter ago: a falling tie is going cold."""

    now: Strength
    quarter_ago: float

    @property
    def falling(self) -> bool:
        return self.now.score < self.quarter_ago


def shared_strengths(person_ids: Iterable[int], today: date) -> dict[int, Strength]:
    """Each person's shared score, whoever owns them."""
    return {pk: trend.now for pk, trend in strength_trends(person_ids, today).items()}


def strength_trends(person_ids: Iterable[int], today: date) -> dict[int, Trend]:
    """Each person's shared score today and as it stood 90 days ago (only the encounters
    before then counted). People who don't exist are left out."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    found = {}
    fresh = _fresh(ids, today).values_list("person_id", "score", "score_quarter_ago", "parts", "last_met")
    for pk, score, quarter_ago, parts, last_met in fresh:
        found[pk] = Trend(stored_strength(score, parts, last_met, today), quarter_ago)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        existing = list(Person.objects.filter(pk__any_of=set(missing)).values_list("pk", flat=True))
        found.update(computed_trends(existing, today))
    return found


def shared_scores(person_ids: Iterable[int], today: date) -> dict[int, tuple[int, bool]]:
    """Each person's shared score and whether it is falling, without the parts: what a page
    that counts thousands of ties reads (the key relationships page). Rows that are not fresh
    are computed, as strength_trends does."""
    ids = list(dict.fromkeys(person_ids))
    found: dict[int, tuple[int, bool]] = {}
    for pk, score, quarter_ago in _fresh(ids, today).values_list("person_id", "score", "score_quarter_ago"):
        found[pk] = (int(score), int(score) < quarter_ago)  # as Trend.falling reads a stored row
    missing = [pk for pk in ids if pk not in found]
    if missing:
        found.update({pk: (t.now.score, t.falling) for pk, t in strength_trends(missing, today).items()})
    return found


def fresh_q(today: date, prefix: str = "") -> Q:
    """The one rule for a stored score that can be read as it is: not marked stale, computed
    today. `prefix` reaches it from another model ("stored_strength__", "person__"…)."""
    return Q(**{f"{prefix}stale": False, f"{prefix}computed_on": today})


def fresh_relation(today: date) -> FilteredRelation:
    """A person's stored score, only when fresh: joined in the same read as the person
    (annotate(fresh=…); `fresh__isnull=True` then means "score it here")."""
    return FilteredRelation("stored_strength", condition=fresh_q(today, "stored_strength__"))


def _fresh(ids: list[int], today: date) -> QuerySet[PersonStrength]:
    """The stored rows of these people that can be read as they are."""
    return PersonStrength.objects.filter(fresh_q(today), person_id__any_of=set(ids))


def computed_trends(person_ids: list[int], today: date) -> dict[int, Trend]:
    """The trends computed from the encounters (what the stored rows hold, as of `today`)."""
    then = today - QUARTER
    found = {}
    for pk, events in shared_events_many(person_ids).items():
        earlier = [e for e in events if e.day <= then]
        found[pk] = Trend(strength(events, today), strength(earlier, then).score if earlier else 0.0)
    return found


def stored_parts(result: Strength) -> list[dict[str, object]]:
    """A score's parts as a PersonStrength row keeps them (queries.strength.strength_fields)."""
    parts = strength_fields(result)["parts"]
    assert isinstance(parts, list)
    return parts


def stored_strength(score: float, parts: list[dict[str, object]], last_met: date | None, today: date) -> Strength:
    return Strength(
        score=int(score),
        parts=[Part(str(p["kind"]), int(str(p["count"])), float(str(p["points"]))) for p in parts],
        last_met=last_met,
        today=today,
    )
