"""Who is due for a touch: one indexed range scan, ranked by how overdue relative to cadence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from goodwill.choice_values import TOUCH_KINDS
from goodwill.clock import day_number, local_zone
from goodwill.habits.cadence import Rhythm, TouchState, touch_state
from goodwill.queries.compiled import Compiled, padded, raw_rows, vendor

# Django and the models are imported where a queryset is built: `goodwill today` runs this
# module's reads from their prepared SQL without Django (queries.prepared).
if TYPE_CHECKING:
    from django.db.models import Q, QuerySet

    from goodwill.models import Person
    from goodwill.models.base import Owner


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
    return _due(owner.pk, day_number(today), today)


def _due(owner_id: int, today_n: int, today: date) -> QuerySet[Person]:
    from django.db.models import Q

    from goodwill.models import Person

    return _ranked(
        Person.objects.filter(owner_id=owner_id, archived_at__isnull=True, due_day__lte=today_n).filter(
            Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today)
        ),
        today_n,
    )


def _ranked(people: QuerySet[Person], today_n: int) -> QuerySet[Person]:
    """Most overdue relative to cadence first: (days since the anchor) / rhythm, then by name,
    then by id (two people of one name and ratio come in the same order every time)."""
    from django.db.models import ExpressionWrapper, F, FloatField, Value
    from django.db.models.functions import Cast

    # Float arithmetic throughout: a bare 1.0 is `numeric` on PostgreSQL, several times slower to divide and sort.
    late_by = Cast(Value(today_n) - F("due_day") + F("rhythm_days"), FloatField())
    ratio = ExpressionWrapper(late_by / Cast(F("rhythm_days"), FloatField()), output_field=FloatField())
    return people.annotate(ratio=ratio).order_by("-ratio", "name", "id")


# The agenda's reads, compiled once (queries.compiled): the ranking, the winners' facts, the total.
RANKED = Compiled(
    lambda owner_id, today_n, today, limit: _due(owner_id, today_n, today).values_list("id", flat=True)[:limit],
    shape=("limit",),
)


# The same ranking a rhythm at a time (_ranked_ids). Within one rhythm the ratio falls as
# due_day rises, so each rhythm's most overdue are its first rows on person_rhythm_due; the
# first `limit` of all are among the rhythms' first `limit`, which RANKED_AMONG (or, on
# PostgreSQL, the UNION of OF_RHYTHMS) puts in the ranking's own order (the database's
# collation breaks ties by name, as in RANKED). archived_at (NULL for every row here) leads the
# ORDER BY as it leads the index: PostgreSQL reads `IS NULL` as a condition, not as one value,
# and would otherwise sort every due row.
def _of_rhythm(owner_id: int, today_n: int, today: date, rhythm: int) -> QuerySet[Any]:
    """The due people of one rhythm, most overdue first, in person_rhythm_due's order (with
    their `ratio`, which the stubs can't see on a QuerySet[Person])."""
    return _due(owner_id, today_n, today).filter(rhythm_days=rhythm).order_by("archived_at", "due_day", "name", "id")


OF_RHYTHM = Compiled(
    lambda owner_id, today_n, today, rhythm, limit: _of_rhythm(owner_id, today_n, today, rhythm).values_list(
        "id", flat=True
    )[:limit],
    shape=("limit",),
)


def _of_rhythms(owner_id: int, today_n: int, today: date, rhythms: list[int], limit: int) -> QuerySet[Person, Any]:
    """Every rhythm's first rows and the ranking of them, in one statement: PostgreSQL takes an
    ORDER BY and LIMIT inside each part of a UNION (SQLite doesn't; there OF_RHYTHM runs once
    per rhythm, in-process and cheap, and RANKED_AMONG orders what they found)."""
    first, *rest = [
        _of_rhythm(owner_id, today_n, today, rhythm).values_list("id", "ratio", "name")[:limit] for rhythm in rhythms
    ]
    if not rest:  # one rhythm: its own order is the ranking's
        return first
    return first.union(*rest, all=True).order_by("-ratio", "name", "id")[:limit]


OF_RHYTHMS = Compiled(_of_rhythms, shape=("limit",))


def _ranked_among(ids: list[int], today_n: int, limit: int) -> QuerySet[Person, int]:
    from goodwill.models import Person

    return _ranked(Person.objects.filter(id__in=ids), today_n).values_list("id", flat=True)[:limit]


RANKED_AMONG = Compiled(_ranked_among, shape=("limit",))  # by primary key: the ids are due people of the owner
# An owner's distinct rhythms, smallest first, one index probe each (a loose scan of
# person_rhythm_due; SELECT DISTINCT would read every person); at most MAX_RHYTHMS + 1.
# ORDER BY ... LIMIT 1, not MIN(): PostgreSQL turns MIN() into a probe only when nothing
# comes before the column in the index but values fixed by `=`, and archived_at IS NULL isn't.
# The first probe has the others' range on rhythm_days too (every rhythm is > -1): without one,
# SQLite may take any index that leads with owner and archived_at and sort every person (a new
# index without statistics, person_due_count, on an ANALYZEd file: 115 ms at 100,000 people).
MAX_RHYTHMS = 24  # beyond this many, one ranking of every due person is cheaper
RHYTHMS = """
    WITH RECURSIVE rhythms(days) AS (
        SELECT (SELECT rhythm_days FROM goodwill_person
                WHERE owner_id = %(owner)s AND archived_at IS NULL AND rhythm_days > -1
                ORDER BY archived_at, rhythm_days LIMIT 1)
        UNION ALL
        SELECT (SELECT p.rhythm_days FROM goodwill_person p
                WHERE p.owner_id = %(owner)s AND p.archived_at IS NULL AND p.rhythm_days > r.days
                ORDER BY p.archived_at, p.rhythm_days LIMIT 1)
        FROM rhythms r WHERE r.days IS NOT NULL
    )
    SELECT days FROM rhythms WHERE days IS NOT NULL LIMIT %(most)s
"""


RHYTHM_AT_A_TIME_FROM = 2_000  # due people; fewer, and one sort of them all costs less than a read per rhythm


def _ranked_ids(owner_id: int, today: date, limit: int, due: int | None = None) -> list[int]:
    """The ids of due_people's first `limit`, in order. `due`: how many are due, when the
    caller counted them. At 100,000 people ~22,000 are due, and ranking them all computed and
    sorted every one's ratio (3-4 ms on SQLite); a rhythm at a time reads `limit` rows of
    each of the owner's few rhythms instead."""
    today_n = day_number(today)
    if due is None or due < RHYTHM_AT_A_TIME_FROM:
        return RANKED.rows(owner_id=owner_id, today_n=today_n, today=today, limit=limit)
    rhythms = [days for (days,) in raw_rows(RHYTHMS, {"owner": owner_id, "most": MAX_RHYTHMS + 1})]
    if len(rhythms) > MAX_RHYTHMS:
        return RANKED.rows(owner_id=owner_id, today_n=today_n, today=today, limit=limit)
    if not rhythms:
        return []
    if vendor() == "postgresql":  # one statement, not a round trip per rhythm
        found = OF_RHYTHMS.rows(owner_id=owner_id, today_n=today_n, today=today, rhythms=rhythms, limit=limit)
        return [pk for pk, _ratio, _name in found]
    firsts = [
        pk
        for rhythm in rhythms
        for pk in OF_RHYTHM.rows(owner_id=owner_id, today_n=today_n, today=today, rhythm=rhythm, limit=limit)
    ]
    if len(firsts) <= 1:
        return firsts
    return RANKED_AMONG.rows(ids=padded(firsts), today_n=today_n, limit=limit)


DUE_TOTAL = Compiled(lambda owner_id, today_n, today: _due(owner_id, today_n, today).values_list("id"))
# What describing a due person needs, in _Facts order.
_FACT_FIELDS = (
    "id",
    "name",
    "circle__name",
    "rhythm_days",
    "rhythm_max_days",
    "last_touch_at",
    "created_at",
    "snoozed_until",
    "timezone",
)


def _facts(ids: list[int]) -> QuerySet[Person, tuple[Any, ...]]:
    from goodwill.models import Person

    return Person.objects.filter(id__in=ids).order_by().values_list(*_FACT_FIELDS)


FACTS = Compiled(_facts)


def overdue_q(today: date, prefix: str = "") -> Q:
    """People past their maximum gap and not snoozed, from the rhythm cache (touch_state's
    "overdue" in SQL): anchor + max ≤ today, where due_day = anchor + ideal. `prefix` reaches
    the person through a relation ("person__" from a row that points at them)."""
    from django.db.models import F, Q

    return Q(
        **{f"{prefix}due_day__lte": day_number(today) + F(f"{prefix}rhythm_days") - F(f"{prefix}rhythm_max_days")}
    ) & (Q(**{f"{prefix}snoozed_until__isnull": True}) | Q(**{f"{prefix}snoozed_until__lte": today}))


def most_overdue(owner: Owner, today: date, limit: int) -> list[Person]:
    """The first `limit` of due_people, in order.

    Ids are ranked first, from the person_due index alone (it covers the filter
    and the ratio); only the winners' rows are read. Sorting whole rows would read
    every due person's row, which is most of the cost at 100,000 people."""
    from goodwill.models import Person

    ids = _ranked_ids(owner.pk, today, limit)
    rows = Person.objects.filter(id__in=ids).select_related("circle").in_bulk()
    return [rows[pk] for pk in ids]


def due_total(owner: Owner, today: date) -> int:
    """How many people due_people lists."""
    return DUE_TOTAL.count(owner_id=owner.pk, today_n=day_number(today), today=today)


def most_overdue_described(
    owner: Owner, today: date, limit: int, mine: str | None = None, *, due: int | None = None
) -> list[DuePerson]:
    """describe_due(most_overdue(...)) from plain values: the agenda's path, with no model instances.
    `mine`: my_zone(owner), when the caller has it; `due`: due_total(owner, today), when it has that."""
    ids = _ranked_ids(owner.pk, today, limit, due)
    facts = {row[0]: row for row in FACTS.rows(ids=ids)} if ids else {}
    return _describe(owner, [facts[pk] for pk in ids], today, mine)


def state_of(person: Person, today: date) -> TouchState:
    return _state(
        person.rhythm_days,
        person.rhythm_max_days,
        person.last_touch_at,
        person.created_at,
        person.snoozed_until,
        today,
        local_zone(),
    )


def _state(
    ideal: int,
    most: int,
    last_touch_at: datetime | None,
    created_at: datetime,
    snoozed_until: date | None,
    today: date,
    zone: tzinfo,
) -> TouchState:
    return touch_state(
        Rhythm(ideal_days=ideal, max_days=most),
        last_touch=last_touch_at.astimezone(zone).date() if last_touch_at else None,
        since=created_at.astimezone(zone).date(),
        today=today,
        snoozed_until=snoozed_until,
    )


def _latest_touches(owner_id: int, ids: list[int], kinds: list[str]) -> QuerySet[Any, tuple[Any, ...]]:
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from goodwill.models import Interaction

    return (
        # The owner is tested as `owner_id + 0`, which no index answers: SQLite without planner
        # statistics (a laptop's database is never ANALYZEd) otherwise walks every interaction of the
        # owner on interaction_when (2 ms on the demo, all of them at 100k) rather than these people's links.
        Interaction.objects.alias(owner_unindexed=F("owner_id") + 0)
        .filter(owner_unindexed=owner_id, participants__id__in=ids, kind__in=kinds)
        .annotate(
            person_id=F("participants__id"),
            rank=Window(
                RowNumber(), partition_by=F("participants__id"), order_by=[F("occurred_at").desc(), F("id").desc()]
            ),
        )
        .filter(rank=1)
        .values_list("person_id", "kind", "summary", "occurred_at", "confidentiality")
    )


LATEST = Compiled(_latest_touches)
_TOUCH_KINDS = sorted(TOUCH_KINDS)


def _latest(owner: Owner, person_ids: list[int]) -> list[tuple[int, str, str, datetime, str]]:
    """(person, kind, summary, when, confidentiality) of each one's latest touch."""
    return LATEST.rows(owner_id=owner.pk, ids=person_ids, kinds=_TOUCH_KINDS) if person_ids else []


# (id, name, circle's name, rhythm days, max days, last touch, created, snoozed until, zone): _FACT_FIELDS
_Facts = tuple[int, str, str | None, int, int, datetime | None, datetime, date | None, str]


def describe_due(owner: Owner, people: Iterable[Person], today: date) -> list[DuePerson]:
    facts: list[_Facts] = [
        (
            p.pk,
            p.name,
            p.circle.name if p.circle else None,
            p.rhythm_days,
            p.rhythm_max_days,
            p.last_touch_at,
            p.created_at,
            p.snoozed_until,
            p.timezone,
        )
        for p in people
    ]
    return _describe(owner, facts, today, None)


def _describe(owner: Owner, people: list[_Facts], today: date, mine: str | None) -> list[DuePerson]:
    from goodwill.clock import now
    from goodwill.queries.privacy import summary_shown
    from goodwill.queries.zones import local_time, my_zone

    moment, mine, zone = now(), mine or my_zone(owner), local_zone()
    latest = {row[0]: row for row in _latest(owner, [facts[0] for facts in people])}
    rows = []
    for pk, name, circle, ideal, most, last_touch_at, created_at, snoozed_until, timezone in people:
        last = latest.get(pk)
        rows.append(
            DuePerson(
                person_id=pk,
                name=name,
                circle=circle,
                state=_state(ideal, most, last_touch_at, created_at, snoozed_until, today, zone),
                last_kind=last[1] if last else None,
                last_summary=summary_shown(last[2], last[4]) if last else None,
                last_at=last[3] if last else None,
                local_time=local_time(timezone, moment, mine),
            )
        )
    return rows
