"""Outbound touches per week, for the momentum chart."""

from __future__ import annotations

from datetime import date, timedelta

from goodwill.clock import local_zone
from goodwill.habits.momentum import Momentum, momentum
from goodwill.models import Direction, Interaction
from goodwill.models.base import Owner
from goodwill.models.choices import TOUCH_KINDS
from goodwill.queries.user_settings import settings_for


def touch_momentum(owner: Owner, today: date, weeks: int = 26) -> Momentum:
    since = today - timedelta(weeks=weeks + 9)  # the baseline looks back 8 weeks before the window
    moments = Interaction.objects.filter(
        owner=owner,
        direction=Direction.OUTBOUND,
        kind__in=TOUCH_KINDS,
        occurred_at__date__gte=since,
    ).values_list("occurred_at", flat=True)
    zone = local_zone()
    days = [moment.astimezone(zone).date() for moment in moments]
    return momentum(days, today=today, weeks=weeks, goal=settings_for(owner).weekly_goal)
