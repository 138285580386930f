"""Who is due for a touch: one indexed range scan, ranked by how overdue relative to cadence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import ExpressionWrapper, F, FloatField, Q, QuerySet, Value, Window
from django.db.models.functions import Cast, RowNumber

from goodwill.clock import day_number, local_zone
from goodwill.habits.cadence import Rhythm, TouchState, touch_state
from goodwill.models import Interaction, Person
from goodwill.models.base import Owner
from goodwill.models.choices import TOUCH_KINDS


@dataclass
class DuePerson:
    person_id: int
    name: str
    circle: str | None
    state: TouchState
    last_kind: str | None
    last_summary: str | None
    last_at: datetime | None
    local_time: datetime | None = None  # theirs, when their place is known


def due_people(owner: Owner, today: date) -> QuerySet[Person]:
    """Active, unsnoozed people whose due day has come, most overdue (relative to cadence) first."""
    today_n = day_number(today)
    # Float arithmetic throughout: a bare 1.0 is `numeric` on PostgreSQL, several times slower to divide and sort.
    late_by = Cast(Value(today_n) - F("due_day") + F("rhythm_days"), FloatField())
    ratio = ExpressionWrapper(late_by / Cast(F("rhythm_days"), FloatField()), output_field=FloatField())
    return (
        Person.objects.filter(owner=owner, archived_at__isnull=True, due_day__lte=today_n)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
        .annotate(ratio=ratio)
        .order_by("-ratio", "name")
    )


def overdue_q(today: date, prefix: str = "") -> Q:
    """People past their maximum gap and not snoozed, from the rhythm cache (touch_state's
    "overdue" in SQL): anchor + max ≤ today, where due_day = anchor + ideal. `prefix` reaches
    the person through a relation ("person__" from a row that points at them)."""
    return Q(
        **{f"{prefix}due_day__lte": day_number(today) + F(f"{prefix}rhythm_days") - F(f"{prefix}rhythm_max_days")}
    ) & (Q(**{f"{prefix}snoozed_until__isnull": True}) | Q(**{f"{prefix}snoozed_until__lte": today}))


def most_overdue(owner: Owner, today: date, limit: int) -> list[Person]:
    """The first `limit` of due_people, in order.

    Ids are ranked first, from the person_due index alone (it covers the filter
    and the ratio); only the winners' rows are read. Sorting whole rows would read
    every due person's row, which is most of the cost at 100,000 people."""
    ids = list(due_people(owner, today).values_list("id", flat=True)[:limit])
    rows = Person.objects.filter(id__in=ids).select_related("circle").in_bulk()
    return [rows[pk] for pk in ids]


def state_of(person: Person, today: date) -> TouchState:
    last = person.last_touch_at.astimezone(local_zone()).date() if person.last_touch_at else None
    return touch_state(
        Rhythm(ideal_days=person.rhythm_days, max_days=person.rhythm_max_days),
        last_touch=last,
        since=person.created_at.astimezone(local_zone()).date(),
        today=today,
        snoozed_until=person.snoozed_until,
    )


def last_touch(owner: Owner, person_id: int) -> Interaction | None:
    return last_touches(owner, [person_id]).get(person_id)


def last_touches(owner: Owner, person_ids: list[int]) -> dict[int, Interaction]:
    """Each person's latest touch, in one query (a window ranks each person's touches)."""
    if not person_ids:
        return {}
    ranked = (
        Interaction.objects.filter(owner=owner, participants__id__in=person_ids, kind__in=TOUCH_KINDS)
        .annotate(
            person_id=F("participants__id"),
            rank=Window(
                RowNumber(), partition_by=F("participants__id"), order_by=[F("occurred_at").desc(), F("id").desc()]
            ),
        )
        .filter(rank=1)
        .only("kind", "summary", "occurred_at", "confidentiality")
    )
    return {row.person_id: row for row in ranked}


def describe_due(owner: Owner, people: Iterable[Person], today: date) -> list[DuePerson]:
    from goodwill.clock import now
    from goodwill.queries.near import local_time, my_zone
    from goodwill.queries.privacy import listed_summary

    moment, mine = now(), my_zone(owner)
    latest = last_touches(owner, [person.pk for person in people])
    rows = []
    for person in people:
        last = latest.get(person.pk)
        rows.append(
            DuePerson(
                person_id=person.pk,
                name=person.name,
                circle=person.circle.name if person.circle else None,
                state=state_of(person, today),
                last_kind=last.kind if last else None,
                last_summary=listed_summary(last) if last else None,
                last_at=last.occurred_at if last else None,
                local_time=local_time(person.timezone, moment, mine),
            )
        )
    return rows
