"""The circles and their rhythms, with how many active people are in each: what `goodwill
circles`, Settings and GET /api/v1/circles list."""

from __future__ import annotations

from dataclasses import dataclass

from goodwill.models.base import Owner


@dataclass(frozen=True)
class CircleRow:
    id: int
    name: str
    ideal_days: int  # a touch every this many days
    max_days: int  # overdue after this many
    people: int  # active (not archived) people in it


def circles(owner: Owner) -> list[CircleRow]:
    from django.db.models import Count, Q

    from goodwill.models import Circle

    rows = Circle.objects.filter(owner=owner).annotate(
        people=Count("person", filter=Q(person__archived_at__isnull=True))
    )
    return [CircleRow(c.pk, c.name, c.ideal_days, c.max_days, c.people) for c in rows]
