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
    city = plan.place.split(",")[0]
    nearby = {visit.person_id for visit in plan.visits}
    steps = []
    for name in names:
        person: Person = resolve_person(owner, name)
        if person.pk not in nearby:
            raise InvalidInput(f"{person.name} is not near {plan.place}", code="not-near")
        steps.append(add_step(owner, person, f"meet {person.name} in {city}", due=plan.start))
    return steps
