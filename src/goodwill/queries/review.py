"""The weekly review queue: the most neglected connections first."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from goodwill.models.base import Owner
from goodwill.queries.rhythm import DuePerson, describe_due, most_overdue

if TYPE_CHECKING:
    from goodwill.queries.ideas import Idea

REVIEW_SIZE = 12


def review_queue(owner: Owner, today: date, limit: int = REVIEW_SIZE) -> list[DuePerson]:
    return describe_due(owner, most_overdue(owner, today, limit), today)


def review_ideas(owner: Owner, queue: list[DuePerson], today: date, per_person: int = 3) -> dict[int, list[Idea]]:
    """How to bring value to each person in the queue (goodwill.queries.ideas), a few each."""
    from goodwill.models import Person
    from goodwill.queries.ideas import ideas_for

    people = Person.objects.in_bulk([row.person_id for row in queue])
    return {pid: ideas_for(owner, person, today)[:per_person] for pid, person in people.items()}
