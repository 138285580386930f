"""The weekly review queue: the most neglected connections first."""
from __future__ import annotations

from datetime import date

from goodwill.queries.rhythm import DuePerson, describe_due, most_overdue

REVIEW_SIZE = 12


def review_queue(owner, today: date, limit: int = REVIEW_SIZE) -> list[DuePerson]:
    return describe_due(owner, most_overdue(owner, today, limit), today)
