"""The weekly review queue: the most neglected connections first."""
from __future__ import annotations

from datetime import date

from goodwill.queries.rhythm import DuePerson, describe_due, due_people

REVIEW_SIZE = 12


def review_queue(owner, today: date, limit: int = REVIEW_SIZE) -> list[DuePerson]:
    people = due_people(owner, today).select_related("circle")[:limit]
    return describe_due(owner, people, today)
