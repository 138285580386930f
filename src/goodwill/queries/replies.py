"""Replies owed, with their age against the response window, and how fast I answer:
per month, the median and mean hours to reply and the share answered in the window."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from goodwill import clock
from goodwill.habits.workdays import reply_deadlines
from goodwill.models import Interaction
from goodwill.models.base import Owner
from goodwill.queries.compiled import Compiled
from goodwill.queries.today import ReplyOwed, replies_owed
from goodwill.queries.user_settings import settings_for

MONTHS_SHOWN = 12

# Everything that awaited my reply since a day, answered or not: read from the partial covering
# index interaction_awaited (migration 0028), compiled once (queries.compiled).
_AWAITED = Compiled(
    lambda owner_id, since: (
        Interaction.objects.filter(owner_id=owner_id, awaiting_reply=True, occurred_at__gte=since)
        .order_by()  # summed, not listed: no order to keep, so no index is chosen for one
        .values_list("occurred_at", "replied_at")
    )
)


@dataclass
class OwedRow(ReplyOwed):
    """A reply owed as `goodwill replies` lists it: the agenda's row, with its age."""

    # Keyword-only: ReplyOwed ends with a default (local_time), and these come after it.
    age_hours: float = field(kw_only=True)
    overdue: bool = field(kw_only=True)  # past the response window


@dataclass
class MonthStats:
    month: str  # "2026-11"
    answered: int
    median_hours: float | None
    mean_hours: float | None
    within_window: float | None  # share of answered and overdue ones answered in the window
    unanswered_late: int  # still open and past the window


@dataclass
class RepliesView:
    now: datetime
    response_window_days: int
    owed: list[OwedRow]
    months: list[MonthStats]
    overall: MonthStats


def _row(reply: ReplyOwed, now: datetime) -> OwedRow:
    return OwedRow(
        **asdict(reply),
        age_hours=max(0.0, (now - reply.received_at).total_seconds() / 3600),
        overdue=reply.days_late > 0,
    )


def _month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _stats(label: str, hours: list[float], within: int, late_open: int) -> MonthStats:
    judged = len(hours) + late_open
    return MonthStats(
        month=label,
        answered=len(hours),
        median_hours=statistics.median(hours) if hours else None,
        mean_hours=statistics.fmean(hours) if hours else None,
        within_window=within / judged if judged else None,
        unanswered_late=late_open,
    )


def response_stats(
    owner: Owner, now: datetime, window_days: int, months: int = MONTHS_SHOWN
) -> tuple[list[MonthStats], MonthStats]:
    """Per month of receipt (oldest first), over everything that awaited my reply."""
    zone = clock.local_zone()
    first = clock.start_of_day(_month_start(now.astimezone(zone).date(), months - 1))
    rows = _AWAITED.rows(owner_id=owner.pk, since=first)
    buckets: dict[tuple[int, int], tuple[list[float], list[int]]] = {}
    all_hours, all_within, all_late = [], 0, 0
    deadline_of = reply_deadlines(window_days)
    for received, replied in rows:
        local = received.astimezone(zone)
        hours, counts = buckets.setdefault((local.year, local.month), ([], [0, 0]))
        deadline = deadline_of(local)
        if replied is not None:
            taken = max(0.0, (replied - received).total_seconds() / 3600)
            hours.append(taken)
            all_hours.append(taken)
            if replied <= deadline:
                counts[0] += 1
                all_within += 1
        elif deadline < now:
            counts[1] += 1
            all_late += 1
    result = [
        _stats(f"{year:04d}-{month:02d}", hours, counts[0], counts[1])
        for (year, month), (hours, counts) in sorted(buckets.items())
    ]
    return result, _stats("all", all_hours, all_within, all_late)


def replies_view(owner: Owner, *, now: datetime | None = None, months: int = MONTHS_SHOWN) -> RepliesView:
    now = now or clock.now()
    window = settings_for(owner).response_window_days
    owed = [_row(reply, now) for reply in replies_owed(owner, now, window)]
    owed.sort(key=lambda r: r.received_at)
    per_month, overall = response_stats(owner, now, window, months)
    return RepliesView(now=now, response_window_days=window, owed=owed, months=per_month, overall=overall)
