"""Turning a trip plan into next steps: "meet X in Chicago" on the first day there."""

from __future__ import annotations

from django.db import transaction

from goodwill.errors import InvalidInput
from goodwill.models import NextStep, Person
from goodwill.queries.trips import TripPlan
from goodwill.services.people import resolve_person
from goodwill.services.steps import add_step


@transaction.atomic
def plan_meetings(owner, plan: TripPlan, names: list[str]) -> list[NextStep]:
    """One next step per person named (name, email or #id), each of whom must be near the trip's place."""
    if not names:
        raise InvalidInput("nobody to meet; choose people from the trip's list", code="nobody-to-meet")
    from goodwill.queries.near import near_ids

    nearby = {pk for pk, _ in near_ids(owner, plan.latitude, plan.longitude, plan.radius_km)}
    steps = []
    for name in names:
        person: Person = resolve_person(owner, name)
        if person.pk not in nearby:
            raise InvalidInput(f"{person.name} is not near {plan.place}", code="not-near")
        steps.append(add_step(owner, person, f"meet {person.name} in {plan.city}", due=plan.start))
    return steps
