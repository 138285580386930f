"""Outbound touches per week, for the momentum chart (one user's, or many users' at once for the firm)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.db import connection

from goodwill.clock import local_zone, start_of_day
from goodwill.habits.momentum import Momentum, momentum
from goodwill.models import Direction
from goodwill.models.base import Owner
from goodwill.models.choices import TOUCH_KINDS
from goodwill.queries.user_settings import settings_for

# What momentum counts: outbound touches (calls, meetings, emails, messages, events),
# confidential ones included (a number, never their content), counted per owner and quarter
# hour of UTC by the database. Each quarter's local day is worked out here, as every other
# local day is (every zone's offset is a whole number of quarter hours). Reading each touch as
# a datetime and testing its day in SQL (occurred_at__date, a Python function per row on
# SQLite) took 5.6 s of CPU at 100,000 people, whose last 35 weeks hold 279,000 touches.
# The partial index interaction_outbound_touch holds these touches alone, by owner and time.
# Its condition is written here as it is there, in constants: a database uses a partial index
# only when it sees the query's own condition imply the index's, which a bound parameter
# never does; then no row of the interaction table is read.
# (Equalities joined by OR, not IN: PostgreSQL writes an IN list back as an array of another
# type than it was given, and the schema snapshot must read back as it was made.)
_TOUCHES = f"direction = '{Direction.OUTBOUND.value}' AND ({' OR '.join(f'kind = {k!r}' for k in sorted(TOUCH_KINDS))})"
_QUARTERS = {
    "sqlite": f"""
        SELECT owner_id, substr(occurred_at, 1, 13), CAST(substr(occurred_at, 15, 2) AS INTEGER) / 15, COUNT(*)
        FROM goodwill_interaction
        WHERE owner_id IN ({{owners}}) AND occurred_at >= %s AND {_TOUCHES}
        GROUP BY 1, 2, 3
    """,
    "postgresql": f"""
        SELECT owner_id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'),
               floor(extract(minute FROM occurred_at AT TIME ZONE 'UTC') / 15)::int, COUNT(*)
        FROM goodwill_interaction
        WHERE owner_id = ANY(%s) AND occurred_at >= %s AND {_TOUCHES}
        GROUP BY 1, 2, 3
    """,
}


def _since(today: date, weeks: int) -> date:
    return today - timedelta(weeks=weeks + 9)  # the baseline looks back 8 weeks before the window


def touch_momentum(owner: Owner, today: date, weeks: int = 26) -> Momentum:
    days = touch_days([owner.pk], today, weeks)[owner.pk]
    return momentum(days, today=today, weeks=weeks, goal=settings_for(owner).weekly_goal)


def touch_days(owner_ids: Iterable[int], today: date, weeks: int = 26) -> dict[int, list[date]]:
    """Many users' touch days at once (one query), for the firm's momentum: {user id: [day per touch]},
    every asked id present. Feed each list to habits.momentum.momentum, as touch_momentum does."""
    ids = list(dict.fromkeys(owner_ids))
    found: dict[int, list[date]] = defaultdict(list)
    if ids:
        zone = local_zone()
        since = connection.ops.adapt_datetimefield_value(start_of_day(_since(today, weeks)))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(_QUARTERS["postgresql"], [ids, since])
            else:
                cursor.execute(_QUARTERS["sqlite"].format(owners=", ".join(["%s"] * len(ids))), [*ids, since])
            rows = cursor.fetchall()
        for owner_id, hour, quarter, count in rows:
            moment = datetime.strptime(hour, "%Y-%m-%d %H").replace(minute=15 * int(quarter), tzinfo=UTC)
            found[owner_id].extend([moment.astimezone(zone).date()] * count)
    return {owner_id: found.get(owner_id, []) for owner_id in ids}
