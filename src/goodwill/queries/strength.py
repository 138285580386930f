"""One person's relationship strength in the owner's own network (the formula: habits/strength.py).

Four queries, each aggregated by day in SQL: interactions, introductions made, referrals, promises kept.
Every encounter counts, confidential ones too: the score and its parts are shown only to the owner,
and they name counts, never what was said.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
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


def shared_events(person: Person) -> list[Event]:
    """The encounters colleagues' scores are built from: confidential ones left out, so not
    even their number leaves the owner (queries.firm_access)."""
    return _events(person.owner, person, confidential=False)


def shared_strength(person: Person, today: date) -> Strength:
    return strength(shared_events(person), today)


def _events(owner: Owner, person: Person, *, confidential: bool = True) -> list[Event]:
    zone = local_zone()
    events: list[Event] = []
    encounters = Interaction.objects.filter(
        owner=owner,
        participants=person,
        kind__in=(InteractionKind.MEETING, InteractionKind.CALL, InteractionKind.EMAIL),
    )
    if not confidential:
        encounters = encounters.exclude(confidentiality=Confidentiality.CONFIDENTIAL)
    interactions = (
        encounters.annotate(day=TruncDate("occurred_at", tzinfo=zone))
        .values("kind", "direction", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in interactions:
        kind = row["kind"]
        if kind == InteractionKind.EMAIL:
            kind = "email_in" if row["direction"] == Direction.INBOUND else "email_out"
        events.append(Event(kind, row["day"], row["n"]))
    intros = (
        Introduction.objects.filter(owner=owner, status__in=Introduction.MADE_STATUSES)
        .filter(Q(person_a=person) | Q(person_b=person))
        .annotate(day=TruncDate(Coalesce("introduced_at", "updated_at"), tzinfo=zone))
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    events += [Event("introduction", row["day"], row["n"]) for row in intros]
    referrals = (
        Exchange.objects.filter(owner=owner, person=person, kind="referral")
        .values("occurred_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    events += [Event("referral", row["occurred_on"], row["n"]) for row in referrals]
    promises = NextStep.objects.filter(owner=owner, person=person, status=StepStatus.DONE, ball=Ball.MINE)
    if not confidential:
        promises = promises.exclude(interaction__confidentiality=Confidentiality.CONFIDENTIAL)
    kept = (
        promises.annotate(day=TruncDate(Coalesce("closed_at", "created_at"), tzinfo=zone))
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    events += [Event("promise_kept", row["day"], row["n"]) for row in kept]
    return events


def strength_fields(result: Strength) -> dict[str, object]:
    """The score as every door gives it (`goodwill show --json`, the API's person)."""
    return {
        "score": result.score,
        "parts": [{"kind": p.kind, "count": p.count, "points": round(p.points, 2)} for p in result.parts],
        "last_met": result.last_met,
        "explain": result.explain(),
    }
