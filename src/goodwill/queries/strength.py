"""One person's relationship strength in the owner's own network (the formula: habits/strength.py).

Four queries, each aggregated by day in SQL: interactions, introductions made, referrals, promises kept.
Every encounter counts, confidential ones too: the score and its parts are shown only to the owner,
and they name counts, never what was said.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, tzinfo
from typing import Any

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate

from goodwill.clock import local_zone
from goodwill.habits.strength import Event, Strength, strength
from goodwill.models import (
    Ball,
    Confidentiality,
    Direction,
    Exchange,
    Interaction,
    InteractionKind,
    Introduction,
    NextStep,
    Person,
    StepStatus,
)
from goodwill.models.base import Owner
from goodwill.queries.compiled import Compiled, padded


def person_strength(owner: Owner, person: Person, today: date) -> Strength:
    person.check_owner(owner)
    return strength(_events(owner, person), today)


def person_strengths(owner: Owner, person_ids: Iterable[int], today: date) -> dict[int, Strength]:
    """`person_strength` for many of the owner's people at once (four grouped queries);
    people not the owner's are left out."""
    ids = list(Person.objects.filter(owner=owner, pk__any_of=list(person_ids)).values_list("pk", flat=True))
    found: dict[int, list[Event]] = {pk: [] for pk in ids}
    rows = _event_rows(ids, owner, confidential=True) if len(ids) > FEW else _few_event_rows(owner.pk, ids, True)
    for pk, event in rows:
        found[pk].append(event)
    return {pk: strength(events, today) for pk, events in found.items()}


def shared_events(person: Person) -> list[Event]:
    """The encounters colleagues' scores are built from: confidential ones left out, so not
    even their number leaves the owner (queries.firm_access)."""
    return _events(person.owner, person, confidential=False)


def shared_events_many(person_ids: Iterable[int]) -> dict[int, list[Event]]:
    """`shared_events` for many people at once, whoever owns them: four grouped queries per
    call, not four per person (the firm's stored strength is refreshed with it)."""
    ids = list(person_ids)
    found: dict[int, list[Event]] = {pk: [] for pk in ids}
    if ids:
        for pk, event in _event_rows(ids, None, confidential=False):
            found[pk].append(event)
    return found


def shared_strength(person: Person, today: date) -> Strength:
    return strength(shared_events(person), today)


def _events(owner: Owner, person: Person, *, confidential: bool = True) -> list[Event]:
    """One person's events, through compile-once SQL (a Person page reads them for every page built)."""
    return [event for _, event in _few_event_rows(owner.pk, [person.pk], confidential)]


def _few_event_rows(owner_id: int, person_ids: list[int], confidential: bool) -> Iterator[tuple[int, Event]]:
    """_event_rows for a handful of one owner's people (a page's person, a firm answer's own
    ties), through compile-once SQL: the ids padded, so a few SQL shapes serve every count."""
    inputs = {
        "owner_id": owner_id,
        "person_ids": padded(person_ids),
        "zone": local_zone(),
        "confidential": confidential,
    }
    for *row, source in _FEW.rows(**inputs):
        yield from _as_events(source, [row if source == "encounter" else (row[0], row[3], row[4])])


def _event_rows(person_ids: Iterable[int], owner: Owner | None, *, confidential: bool) -> Iterator[tuple[int, Event]]:
    """(person id, events of one kind on one day) for these people, each as their owner's own:
    with `owner` given, that owner's; without, each person's owner (many owners at once, for the firm)."""
    ids = set(person_ids)  # a set: Django walks a list's every item (a refresh chunk is 2,000)
    for name, queryset in _event_queries(
        owner.pk if owner is not None else None, {"__any_of": ids}, local_zone(), confidential
    ).items():
        yield from _as_events(name, queryset)


def _event_queries(
    owner_id: int | None, people: dict[str, Any], zone: tzinfo, confidential: bool
) -> dict[str, QuerySet[Any, Any]]:
    """The one rule for what counts: grouped rows of (person id, [kind, direction,] day, count).

    `people` is the lookup on each person column: {"__any_of": ids} (the ORM's way) or {"__in": ids}
    (_FEW, whose ids are markers when it compiles);
    `owner_id` None: each person's own owner (the firm)."""

    def person(field: str) -> dict[str, Any]:
        return {f"{field}{lookup}": value for lookup, value in people.items()}

    def mine(side: str = "person") -> Q:
        return Q(owner_id=owner_id) if owner_id is not None else Q(owner_id=F(f"{side}__owner_id"))

    ours_through = (
        Q(interaction__owner_id=owner_id) if owner_id is not None else Q(interaction__owner_id=F("person__owner_id"))
    )
    through = Interaction.participants.through.objects.filter(
        ours_through,
        **person("person_id"),
        interaction__kind__in=(InteractionKind.MEETING, InteractionKind.CALL, InteractionKind.EMAIL),
    )
    if not confidential:
        through = through.exclude(interaction__confidentiality=Confidentiality.CONFIDENTIAL)
    queries: dict[str, QuerySet[Any, Any]] = {
        "encounter": through.annotate(day=TruncDate("interaction__occurred_at", tzinfo=zone))  # type: ignore[misc]
        .values_list("person_id", "interaction__kind", "interaction__direction", "day")
        .annotate(n=Count("interaction_id"))
        .order_by()
    }
    # An introduction counts for both people it joined (each side once, as person_a or person_b).
    for side in ("person_a", "person_b"):
        queries[side] = (
            Introduction.objects.filter(mine(side), status__in=Introduction.MADE_STATUSES, **person(f"{side}_id"))
            .annotate(day=TruncDate(Coalesce("introduced_at", "updated_at"), tzinfo=zone))
            .values_list(f"{side}_id", "day")
            .annotate(n=Count("id"))
            .order_by()
        )
    queries["referral"] = (
        Exchange.objects.filter(mine(), kind="referral", **person("person_id"))
        .values_list("person_id", "occurred_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    promises = NextStep.objects.filter(mine(), status=StepStatus.DONE, ball=Ball.MINE, **person("person_id"))
    if not confidential:
        promises = promises.exclude(interaction__confidentiality=Confidentiality.CONFIDENTIAL)
    queries["promise_kept"] = (
        promises.annotate(day=TruncDate(Coalesce("closed_at", "created_at"), tzinfo=zone))
        .values_list("person_id", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    return queries


def _as_events(name: str, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, Event]]:
    for row in rows:
        if name != "encounter":
            pid, day, n = row
            yield pid, Event("introduction" if name in ("person_a", "person_b") else name, day, n)
            continue
        pid, kind, direction, day, n = row
        if kind == InteractionKind.EMAIL:
            kind = "email_in" if direction == Direction.INBOUND else "email_out"
        yield pid, Event(kind, day, n)


def _few(owner_id: int, person_ids: list[int], zone: tzinfo, confidential: bool) -> QuerySet[Any, Any]:
    """_event_queries' reads as one statement (UNION ALL; each a round trip on PostgreSQL):
    rows of (person id, kind, direction, day, count, which read), kind and direction empty
    but for encounters."""
    reads: list[QuerySet[Any, Any]] = []
    for name, queryset in _event_queries(owner_id, {"__in": person_ids}, zone, confidential).items():
        if name == "encounter":
            reads.append(queryset.annotate(source=Value(name)))
            continue
        columns: list[str] = [*queryset.query.values_select, *queryset.query.annotation_select]
        person, day, count = columns
        empty = Value(None, output_field=CharField())
        reads.append(
            queryset.annotate(kind=empty, direction=empty, source=Value(name)).values_list(
                person, "kind", "direction", day, count, "source"
            )
        )
    together: QuerySet[Any, Any] = reads[0].union(*reads[1:], all=True)
    return together


_FEW = Compiled(_few, shape=("zone",))
FEW = 16  # up to this many people are read through _FEW; more (the firm's refresh) through the ORM


def strength_fields(result: Strength) -> dict[str, object]:
    """The score as every door gives it (`goodwill show --json`, the API's person)."""
    return {
        "score": result.score,
        "parts": [{"kind": p.kind, "count": p.count, "points": round(p.points, 2)} for p in result.parts],
        "last_met": result.last_met,
        "explain": result.explain(),
    }
