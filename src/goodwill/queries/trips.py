"""Trip planning: who to see where I am going, overdue first, with ideas."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from goodwill.errors import InvalidInput
from goodwill.models.base import Owner
from goodwill.queries.near import near, resolve_point
from goodwill.queries.rhythm import state_of

if TYPE_CHECKING:
    from goodwill.models import Person


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
    visits: list[Visit]

    @property
    def city(self) -> str:
        """The place's first part, as meetings name it ("meet Jane in Chicago")."""
        return self.place.split(",")[0]


def _ideas_for(owner: Owner, person: Person) -> list[str]:
    """Ideas for bringing value, where that feature exists (goodwill.queries.ideas)."""
    try:
        from goodwill.queries.ideas import ideas_for
    except ImportError:
        return []
    return [idea.text for idea in ideas_for(owner, person)[:3]]


def trip_plan(owner: Owner, place: str, start: date, end: date, radius_km: float) -> TripPlan:
    if end < start:
        raise InvalidInput(
            f"the trip ends ({end}) before it starts ({start}); give the last day there", code="trip-ends-first"
        )
    lat, lon, label = resolve_point(owner, place)
    visits = []
    for nearby in near(owner, lat, lon, radius_km):
        person = nearby.person
        state = state_of(person, start)
        if state.status == "overdue":
            why = f"{state.ratio:.1f}× overdue"
        elif state.status == "due":
            why = "due for a touch"
        else:
            why = f"last touch {state.days_since} days ago" if state.days_since is not None else "never contacted"
        visits.append(
            Visit(person.pk, person.name, nearby.distance_km, state.status, state.ratio, why, _ideas_for(owner, person))
        )
    rank = {"overdue": 0, "due": 1, "snoozed": 3}
    visits.sort(key=lambda v: (rank.get(v.status, 2), -v.ratio, v.distance_km))
    return TripPlan(place=label, start=start, end=end, visits=visits)
