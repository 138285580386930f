"""Trip planning: who to see where I am going, overdue first, with ideas."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from goodwill.errors import InvalidInput
from goodwill.models.base import Owner
from goodwill.queries.near import near_ids, resolve_point
from goodwill.queries.rhythm import state_of

if TYPE_CHECKING:
    from goodwill.models import Person

# A trip lists its best visits with ideas and counts the rest: a city can hold thousands of
# people, and each one's ideas cost a Person page's ranking (30 s for 5,000 at 100,000 people).
VISITS_LISTED = 20


@dataclass
class Visit:
    person_id: int
    name: str
    distance_km: float
    status: str
    ratio: float
    why: str
    ideas: list[str] = field(default_factory=list)


@dataclass
class TripPlan:
    place: str
    start: date
    end: date
    visits: list[Visit]  # the page of the ranking asked for (the best first), with ideas
    count: int  # everyone within the radius
    latitude: float  # the point and radius the trip was planned around
    longitude: float
    radius_km: float

    @property
    def city(self) -> str:
        """The place's first part, as meetings name it ("meet Jane in Chicago")."""
        return self.place.split(",")[0]


def _ideas_for(owner: Owner, person: Person) -> list[str]:
    from goodwill.queries.ideas import ideas_for

    return [idea.text for idea in ideas_for(owner, person)[:3]]


def trip_plan(
    owner: Owner,
    place: str,
    start: date,
    end: date,
    radius_km: float,
    *,
    limit: int = VISITS_LISTED,
    offset: int = 0,
) -> TripPlan:
    """Everyone within the radius ranked (overdue first, then due, then the rest; the most
    overdue and the nearest first), and `limit` of them from `offset` with why and ideas."""
    from goodwill.models import Person

    if end < start:
        raise InvalidInput(
            f"the trip ends ({end}) before it starts ({start}); give the last day there", code="trip-ends-first"
        )
    lat, lon, label = resolve_point(owner, place)
    found = near_ids(owner, lat, lon, radius_km)
    # Ranking needs only each person's rhythm; the ideas are worked out for the page shown.
    people = Person.objects.select_related("circle").in_bulk([pk for pk, _ in found])
    visits = []
    for pk, distance in found:
        person = people[pk]
        state = state_of(person, start)
        if state.status == "overdue":
            why = f"{state.ratio:.1f}× overdue"
        elif state.status == "due":
            why = "due for a touch"
        else:
            why = f"last touch {state.days_since} days ago" if state.days_since is not None else "never contacted"
        visits.append(Visit(pk, person.name, distance, state.status, state.ratio, why))
    rank = {"overdue": 0, "due": 1, "snoozed": 3}
    visits.sort(key=lambda v: (rank.get(v.status, 2), -v.ratio, v.distance_km))
    shown = visits[offset : offset + limit]
    for visit in shown:
        visit.ideas = _ideas_for(owner, people[visit.person_id])
    return TripPlan(label, start, end, shown, len(visits), lat, lon, radius_km)
