"""Relationship strength as the firm reads it: the shared score (confidential encounters left
out) for many people at once, for who-knows-whom, warm-introduction paths and key accounts.

The one entry point for firm views: `shared_strengths`. How it is kept fast at firm scale
(a stored score per person, refreshed when an encounter is logged and as days pass) lives
behind it, so no view computes a network's scores on a request."""

from __future__ import annotations

from datetime import date

from goodwill.habits.strength import Strength
from goodwill.models import Person
from goodwill.queries.strength import shared_strength


def shared_strengths(person_ids: list[int], today: date) -> dict[int, Strength]:
    """Each person's shared score, whoever owns them."""
    people = Person.objects.filter(pk__in=person_ids).select_related("owner")
    return {person.pk: shared_strength(person, today) for person in people}
