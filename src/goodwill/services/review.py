"""The weekly review: record that it was done (its actions reuse the other services)."""

from __future__ import annotations

from goodwill import clock
from goodwill.models import WeeklyReview


def record_review(owner, reviewed: int) -> WeeklyReview:
    return WeeklyReview.objects.create(owner=owner, done_at=clock.now(), reviewed=reviewed)
