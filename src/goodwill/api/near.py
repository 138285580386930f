"""Who is near a place: people within a radius, nearest first, with the distance.
Thin over queries.near and services.places, as `goodwill near` is; offline geocoding only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Limit, Offset
from goodwill.api.shapes import PersonRef

if TYPE_CHECKING:
    from goodwill.models import Person

router = Router(tags=["near"])


class NearParams(Schema):
    place: Annotated[str, Chars(300, min_length=1)] = Field(
        description='"home", a city ("Chicago"), "Austin, TX", a ZIP or an address'
    )
    within: Annotated[str, Chars(40)] = Field(
        "100mi", description='The radius: "100mi", "160km", "100 miles" (miles when no unit)'
    )
    circle: Annotated[str, Chars(40)] | None = Field(None, description="Only this circle")
    due: bool = Field(False, description="Only people due for a touch")
    limit: Limit = 50
    offset: Offset = 0


class NearbyOut(Schema):
    person: PersonRef
    place: str = Field(description="Where they are, as placed")
    circle: str | None
    distance_km: float
    distance_mi: float


class NearOut(Schema):
    place: str = Field(description="The place searched around, as it was understood")
    latitude: float
    longitude: float
    within_km: float
    count: int = Field(description="Everyone within the radius; `people` holds one page of them")
    people: list[NearbyOut]


def _circle_name(person: Person) -> str | None:
    return person.circle.name if person.circle is not None else None  # read with select_related


def radius_km(text: str) -> float:
    from goodwill.errors import InvalidInput
    from goodwill.parsing import parse_radius

    try:
        return parse_radius(text)
    except InvalidInput as exc:
        raise InvalidInput(f"within: {exc}") from None


@router.get("/near", response={200: NearOut, **ERRORS}, summary="People near a place, nearest first")
def near(request, params: Query[NearParams]):
    """Active people whose place is within the radius (great-circle distance), nearest first.
    People without a place are not counted; `GET /places?unplaced=true` lists them."""
    from goodwill import clock
    from goodwill.habits.geo import KM_PER_MILE
    from goodwill.models import Person
    from goodwill.queries.near import near_ids
    from goodwill.services.places import resolve_point

    owner = request.auth
    radius = radius_km(params.within)
    lat, lon, label = resolve_point(owner, params.place)
    found = near_ids(owner, lat, lon, radius, circle=params.circle, due_on=clock.today() if params.due else None)
    page = found[params.offset : params.offset + params.limit]
    # Only the page's rows are read: a wide radius can hold thousands of people.
    people = Person.objects.select_related("circle").in_bulk([pk for pk, _ in page])
    return {
        "place": label,
        "latitude": lat,
        "longitude": lon,
        "within_km": round(radius, 3),
        "count": len(found),
        "people": [
            {
                "person": {"id": pk, "name": people[pk].name},
                "place": people[pk].place_label,
                "circle": _circle_name(people[pk]),
                "distance_km": round(km, 1),
                "distance_mi": round(km / KM_PER_MILE, 1),
            }
            for pk, km in page
        ],
    }
