"""Where people are and what a place is understood as: `goodwill where`, `goodwill places`
(and `places confirm`) and `goodwill geocode` over the API. Thin over queries.{near,places}
and services.places, as the CLI is; offline geocoding only."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Input, Limit, Offset
from goodwill.api.shapes import PersonRef

router = Router(tags=["places"])


class CountOut(Schema):
    name: str
    people: int


class WhereOut(Schema):
    metros: list[CountOut] = Field(
        description="Metro areas, most people first (the biggest city of 300,000+ within 60 km)"
    )
    regions: list[CountOut]
    countries: list[CountOut]
    unplaced: int = Field(description="Active people with no place, or one the data does not know")


@router.get("/where", response={200: WhereOut, **ERRORS}, summary="How many people by metro area, region and country")
def where(request):
    from goodwill.queries.near import where as where_counts

    counts = where_counts(request.auth)

    def rows(pairs: list[tuple[str, int]]) -> list[dict]:
        return [{"name": name, "people": n} for name, n in pairs]

    return {
        "metros": rows(counts.metros),
        "regions": rows(counts.regions),
        "countries": rows(counts.countries),
        "unplaced": counts.unplaced,
    }


class PlaceParams(Schema):
    unresolved: bool = Field(False, description="Only places that need a decision: unknown or ambiguous")
    unplaced: bool = Field(False, description="Only people without a place (none given, or unknown)")
    limit: Limit = 50
    offset: Offset = 0


class PlaceRowOut(Schema):
    person: PersonRef
    location: str = Field(description='The text they were placed from ("" when placed from an address)')
    place: str | None = Field(description="What it was understood as; null when unknown")
    status: str = Field(description='resolved, ambiguous, unresolved, confirmed ("" when there is nothing to place)')
    precision: str | None = Field(description="address, postal_code, city, region or country")
    alternatives: list[str] = Field(description="An ambiguous place's other readings, each a place to confirm")


class PlacePage(Schema):
    count: int
    items: list[PlaceRowOut]


def _row(row) -> dict:
    return {
        "person": {"id": row.id, "name": row.name},
        "location": row.location,
        "place": row.place,
        "status": row.status,
        "precision": row.precision,
        "alternatives": row.alternatives,
    }


@router.get("/places", response={200: PlacePage, **ERRORS}, summary="People's places")
def places(request, params: Query[PlaceParams]):
    """Everyone with a place text or address, the places that need a decision (`unresolved`), or
    the people without a place (`unplaced`); as `goodwill places`."""
    from goodwill.errors import InvalidInput
    from goodwill.queries.places import Which
    from goodwill.queries.places import places as place_rows

    if params.unresolved and params.unplaced:
        raise InvalidInput("choose unresolved or unplaced, not both")
    which: Which = "unresolved" if params.unresolved else "unplaced" if params.unplaced else "all"
    found = place_rows(request.auth, which, limit=params.limit, offset=params.offset)
    return {"count": found.count, "items": [_row(row) for row in found.rows]}


class ConfirmIn(Input):
    place: Annotated[str, Chars(300)] | None = Field(
        None, description='A clearer place ("Portland, ME", or one of `alternatives`); left out: keep the one chosen'
    )


@router.post("/places/{person_id}/confirm", response={200: PlaceRowOut, **ERRORS}, summary="Settle a person's place")
def confirm(request, person_id: int, payload: ConfirmIn):
    """Accept the place chosen for an ambiguous one, or give a clearer place; as `goodwill places confirm`."""
    from goodwill.queries.people import owned_person
    from goodwill.queries.places import PlaceRow
    from goodwill.services.places import confirm_place

    person = confirm_place(request.auth, owned_person(request.auth, person_id), (payload.place or "").strip() or None)
    return _row(
        PlaceRow(
            id=person.pk,
            name=person.name,
            location=person.location,
            place=person.place_label or None,
            status=person.geo_status,
            precision=person.geo_precision or None,
        )
    )


class GeocodeParams(Schema):
    place: Annotated[str, Chars(300, min_length=1)] = Field(description='"Austin, TX", "São Paulo", "78701", "NYC"')


class PlaceFoundOut(Schema):
    name: str
    region: str | None
    country: str = Field(description="ISO 3166-1 alpha-2")
    country_name: str
    latitude: float
    longitude: float
    precision: str = Field(description="address, postal_code, city, region or country")
    timezone: str | None = Field(description="IANA time zone")
    postal_code: str | None
    label: str = Field(description="One line for people: the place as every door shows it")


class UnderstoodOut(Schema):
    query: str
    resolved: bool
    place: PlaceFoundOut | None = Field(description="null: unresolved; an unknown place is never guessed")
    ambiguous: bool = Field(description="Several places fit; the most populous was chosen")
    alternatives: list[str] = Field(description="The other places it could be, most populous first")


@router.get("/geocode", response={200: UnderstoodOut, **ERRORS}, summary="What a place is understood as, offline")
def geocode(request, params: Query[GeocodeParams]):
    """As `goodwill geocode --json`: the place, its point, precision and time zone, or unresolved."""
    from goodwill.queries.places import understand

    return understand(params.place)
