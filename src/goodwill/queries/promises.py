"""Promises both ways, and my keeping record: the share kept on time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from django.db.models import Count, Q, QuerySet

from goodwill.clock import local_zone
from goodwill.models import Ball, NextStep, Person, StepStatus
from goodwill.models.base import Owner

MINE = (Ball.MINE, Ball.BOTH)


def promises(
    owner: Owner,
    today: date,
    *,
    whose: str = "all",
    overdue: bool = False,
    person: Person | None = None,
    status: str = StepStatus.OPEN,
) -> QuerySet[NextStep]:
    rows = NextStep.objects.filter(owner=owner).select_related("person")
    if status != "all":
        rows = rows.filter(status=status)
    if whose == "mine":
        rows = rows.filter(ball__in=MINE)
    elif whose == "theirs":
        rows = rows.filter(ball=Ball.THEIRS)
    if overdue:
        rows = rows.filter(due_on__lt=today)
    if person is not None:
        rows = rows.filter(person=person)
    return rows.annotate(renegotiations=Count("changes", filter=Q(changes__field="due_on"))).order_by(
        "person__name", "due_on", "id"
    )


@dataclass
class KeepingLine:
    label: str  # "2026-11" or a person's name
    due: int  # my promises that came due (released ones left out)
    kept_on_time: int
    kept_late: int
    broken: int
    open_overdue: int

    @property
    def share_on_time(self) -> float | None:
        return self.kept_on_time / self.due if self.due else None


@dataclass
class KeepingRecord:
    overall: KeepingLine
    by_month: list[KeepingLine]
    by_person: list[KeepingLine]


def keeping_record(owner: Owner, today: date, months: int = 12) -> KeepingRecord:
    """My dated promises, counted by the month they fell due. Kept on time means
    done by the end of the (latest agreed) due day; released ones do not count,
    and an open one counts only once its day has passed."""
    rows = (
        NextStep.objects.filter(owner=owner, ball__in=MINE, due_on__isnull=False, due_on__lte=today)
        .exclude(status__in=[StepStatus.RELEASED, StepStatus.DROPPED])
        .exclude(status=StepStatus.OPEN, due_on=today)
        .select_related("person")
        .only("due_on", "status", "closed_at", "person__name")
    )
    overall = KeepingLine("all", 0, 0, 0, 0, 0)
    by_month: dict[str, KeepingLine] = {}
    by_person: dict[str, KeepingLine] = {}
    first_month = _months_back(today, months - 1)
    zone = local_zone()
    for step in rows:
        outcome = _outcome(step, zone)
        month = f"{step.due_on:%Y-%m}"
        name = step.person.name
        lines = [overall, by_person.setdefault(name, KeepingLine(name, 0, 0, 0, 0, 0))]
        if month >= first_month:
            lines.append(by_month.setdefault(month, KeepingLine(month, 0, 0, 0, 0, 0)))
        for line in lines:
            line.due += 1
            setattr(line, outcome, getattr(line, outcome) + 1)
    people = sorted(by_person.values(), key=lambda line: (-line.due, line.label))
    return KeepingRecord(overall=overall, by_month=[by_month[k] for k in sorted(by_month)], by_person=people)


def _outcome(step: NextStep, zone: tzinfo) -> str:
    if step.status == StepStatus.DONE:
        closed = step.closed_at.astimezone(zone).date()  # type: ignore[union-attr]  # a done step has closed_at
        return "kept_on_time" if closed <= step.due_on else "kept_late"  # type: ignore[operator]  # and a due date
    if step.status == StepStatus.BROKEN:
        return "broken"
    return "open_overdue"


def _months_back(today: date, count: int) -> str:
    year, month = today.year, today.month - count
    while month <= 0:
        month += 12
        year -= 1
    return f"{year:04d}-{month:02d}"
