"""Outbound touches per week, for the momentum chart (one user's, or many users' at once for the firm)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import QuerySet

from goodwill.clock import local_zone
from goodwill.habits.momentum import Momentum, momentum
from goodwill.models import Direction, Interaction
from goodwill.models.base import Owner
from goodwill.models.choices import TOUCH_KINDS
from goodwill.queries.user_settings import settings_for


def _touches(since: date) -> QuerySet[Interaction]:
    """What momentum counts: outbound touches (calls, meetings, emails, messages, events), confidential
    ones included (a number, never their content)."""
    return Interaction.objects.filter(direction=Direction.OUTBOUND, kind__in=TOUCH_KINDS, occurred_at__date__gte=since)


def _since(today: date, weeks: int) -> date:
    return today - timedelta(weeks=weeks + 9)  # the baseline looks back 8 weeks before the window


def touch_momentum(owner: Owner, today: date, weeks: int = 26) -> Momentum:
    moments = _touches(_since(today, weeks)).filter(owner=owner).values_list("occurred_at", flat=True)
    zone = local_zone()
    days = [moment.astimezone(zone).date() for moment in moments]
    return momentum(days, today=today, weeks=weeks, goal=settings_for(owner).weekly_goal)


def touch_days(owner_ids: Iterable[int], today: date, weeks: int = 26) -> dict[int, list[date]]:
    """Many users' touch days at once (one query), for the firm's momentum: {user id: [day per touch]},
    every asked id present. Feed each list to habits.momentum.momentum, as touch_momentum does."""
    ids = list(dict.fromkeys(owner_ids))
    found: dict[int, list[date]] = defaultdict(list)
    if ids:
        zone = local_zone()
        rows = _touches(_since(today, weeks)).filter(owner_id__in=ids).values_list("owner_id", "occurred_at")
        for owner_id, moment in rows.iterator():
            found[owner_id].append(moment.astimezone(zone).date())
    return {owner_id: found.get(owner_id, []) for owner_id in ids}
