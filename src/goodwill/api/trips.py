"""Who to see on a trip, and the meetings chosen as next steps: `goodwill trip` (and `--plan`)
over the API. Thin over queries.trips and services.trips, as the CLI is."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Day, Id, Input, Limit, Offset
from goodwill.api.shapes import PersonRef, StepOut

router = Router(tags=["trips"])

PLACE = '"home", a city ("Chicago"), "Austin, TX", a ZIP or an address'
RADIUS = 'The radius: "50mi" (default), "80km" (miles when no unit)'


class TripParams(Schema):
    place: Annotated[str, Chars(300, min_length=1)] = Field(description=PLACE)
    start: Day = Field(alias="from", description="The first day there")
    end: Day | None = Field(None, alias="to", description="The last day there (default: the first)")
    within: Annotated[str, Chars(40)] = Field("50mi", description=RADIUS)
    limit: Limit = Field(20, description="Visits listed, each with its ideas (the rest are counted)")
    offset: Offset = 0


class VisitOut(Schema):
    person: PersonRef
    distance_km: float
    distance_mi: float
    status: str = Field(description="ok, due, overdue or snoozed on the first day there")
    ratio: float = Field(description="Gap so far over the cadence, e.g. 2.3 for 2.3× overdue")
    why: str = Field(description='Why see them: "2.3× overdue", "due for a touch", "last touch 40 days ago"')
    ideas: list[str] = Field(description="A few ideas for bringing value to them")


class TripOut(Schema):
    place: str = Field(description="The place, as it was understood")
    start: date
    end: date
    count: int = Field(description="Everyone within the radius; `visits` holds one page of them")
    latitude: float = Field(description="The point the trip was planned around")
    longitude: float
    radius_km: float
    visits: list[VisitOut] = Field(description="Overdue first, then due, then the rest, nearest first")


def _plan(owner, place: str, start: date, end: date | None, within: str, *, limit: int = 0, offset: int = 0):
    from goodwill.api.near import radius_km
    from goodwill.queries.trips import trip_plan

    return trip_plan(owner, place, start, end or start, radius_km(within), limit=limit, offset=offset)


@router.get("/trip", response={200: TripOut, **ERRORS}, summary="Who to see on a trip")
def trip(request, params: Query[TripParams]):
    """Active people within the radius of where I am going: overdue first, with why and ideas."""
    from goodwill.habits.geo import KM_PER_MILE

    plan = _plan(
        request.auth, params.place, params.start, params.end, params.within, limit=params.limit, offset=params.offset
    )
    return {
        "place": plan.place,
        "start": plan.start,
        "end": plan.end,
        "count": plan.count,
        "latitude": plan.latitude,
        "longitude": plan.longitude,
        "radius_km": plan.radius_km,
        "visits": [
            {
                "person": {"id": v.person_id, "name": v.name},
                "distance_km": round(v.distance_km, 1),
                "distance_mi": round(v.distance_km / KM_PER_MILE, 1),
                "status": v.status,
                "ratio": round(v.ratio, 3),
                "why": v.why,
                "ideas": v.ideas,
            }
            for v in plan.visits
        ],
    }


class TripPlanIn(Input):
    place: Annotated[str, Chars(300, min_length=1)] = Field(description=PLACE)
    start: Day = Field(alias="from", description="The first day there: the meetings' due date")
    end: Day | None = Field(None, alias="to", description="The last day there")
    within: Annotated[str, Chars(40)] = Field("50mi", description=RADIUS)
    person_ids: list[Id] = Field(description="Whom to meet: people on the trip's list", max_length=500)


class TripPlanOut(Schema):
    place: str
    steps: list[StepOut] = Field(description='One "meet NAME in CITY" next step each, due on the first day there')


@router.post("/trip/plan", response={201: TripPlanOut, **ERRORS}, summary="Add meetings on a trip as next steps")
def plan(request, payload: TripPlanIn):
    """As `goodwill trip PLACE --from D --plan NAME`: all or nothing; someone not near the place is a 400."""
    from goodwill import clock
    from goodwill.api.shapes import step_out
    from goodwill.services.trips import plan_meetings

    trip_plan = _plan(request.auth, payload.place, payload.start, payload.end, payload.within)
    steps = plan_meetings(request.auth, trip_plan, [f"#{pk}" for pk in payload.person_ids])
    today = clock.today()
    return Status(201, {"place": trip_plan.place, "steps": [step_out(step, today, renegotiations=0) for step in steps]})
