"""One person's relationship strength in the owner's own network (the formula: habits/strength.py).

Four queries, each aggregated by day in SQL: interactions, introductions made, referrals, promises kept.
Every encounter counts, confidential ones too: the score and its parts are shown only to the owner,
and they name counts, never what was said.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import Count, F, Q
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


def person_strength(owner: Owner, person: Person, today: date) -> Strength:
    person.check_owner(owner)
    return strength(_events(owner, person), today)


def person_strengths(owner: Owner, person_ids: Iterable[int], today: date) -> dict[int, Strength]:
    """`person_strength` for many of the owner's people at once (four grouped queries);
    people not the owner's are left out."""
    ids = list(Person.objects.filter(owner=owner, pk__any_of=list(person_ids)).values_list("pk", flat=True))
    found: dict[int, list[Event]] = {pk: [] for pk in ids}
    if ids:
        for pk, event in _event_rows(ids, owner, confidential=True):
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
    return [event for _, event in _event_rows([person.pk], owner, confidential=confidential)]


def _event_rows(person_ids: Iterable[int], owner: Owner | None, *, confidential: bool) -> Iterator[tuple[int, Event]]:
    """(person id, events of one kind on one day) for these people: the one rule for what counts.

    Each encounter is the person's owner's own: with `owner` given, that owner's; without,
    each person's owner (many owners at once, for the firm)."""
    zone = local_zone()
    ids = set(person_ids)  # a set: Django walks a list's every item (a refresh chunk is 2,000)
    if owner is not None:
        mine = Q(owner=owner)
        ours_through = Q(interaction__owner=owner)
    else:
        mine = Q(owner_id=F("person__owner_id"))
        ours_through = Q(interaction__owner_id=F("person__owner_id"))
    through = Interaction.participants.through.objects.filter(
        ours_through,
        person_id__any_of=ids,
        interaction__kind__in=(InteractionKind.MEETING, InteractionKind.CALL, InteractionKind.EMAIL),
    )
    if not confidential:
        through = through.exclude(interaction__confidentiality=Confidentiality.CONFIDENTIAL)
    interactions = (
        through.annotate(day=TruncDate("interaction__occurred_at", tzinfo=zone))
        .values("person_id", "interaction__kind", "interaction__direction", "day")  # type: ignore[misc]
        .annotate(n=Count("interaction_id"))
        .order_by()
    )
    for row in interactions:
        kind = row["interaction__kind"]
        if kind == InteractionKind.EMAIL:
            kind = "email_in" if row["interaction__direction"] == Direction.INBOUND else "email_out"
        yield row["person_id"], Event(kind, row["day"], row["n"])
    # An introduction counts for both people it joined (each side once, as person_a or person_b).
    for side in ("person_a", "person_b"):
        side_is_mine = Q(owner=owner) if owner is not None else Q(owner_id=F(f"{side}__owner_id"))
        intros = (
            Introduction.objects.filter(
                side_is_mine, status__in=Introduction.MADE_STATUSES, **{f"{side}_id__any_of": ids}
            )
            .annotate(day=TruncDate(Coalesce("introduced_at", "updated_at"), tzinfo=zone))
            .values(f"{side}_id", "day")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in intros:
            yield row[f"{side}_id"], Event("introduction", row["day"], row["n"])
    referrals = (
        Exchange.objects.filter(mine, person_id__any_of=ids, kind="referral")
        .values("person_id", "occurred_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in referrals:
        yield row["person_id"], Event("referral", row["occurred_on"], row["n"])
    promises = NextStep.objects.filter(mine, person_id__any_of=ids, status=StepStatus.DONE, ball=Ball.MINE)
    if not confidential:
        promises = promises.exclude(interaction__confidentiality=Confidentiality.CONFIDENTIAL)
    kept = (
        promises.annotate(day=TruncDate(Coalesce("closed_at", "created_at"), tzinfo=zone))
        .values("person_id", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in kept:
        yield row["person_id"], Event("promise_kept", row["day"], row["n"])


def strength_fields(result: Strength) -> dict[str, object]:
    """The score as every door gives it (`goodwill show --json`, the API's person)."""
    return {
        "score": result.score,
        "parts": [{"kind": p.kind, "count": p.count, "points": round(p.points, 2)} for p in result.parts],
        "last_met": result.last_met,
        "explain": result.explain(),
    }
