"""People's places as the front doors list them: every placed person, the places that need a
decision (unknown or ambiguous) with the other places their text could be, the people without a
place, and what a place text is understood as. Offline geocoding only (goodwill.habits.geo)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from goodwill.models import Person
from goodwill.models.base import Owner

if TYPE_CHECKING:
    from goodwill.habits.geo import GeocodeResult

# Person.geo_status values (services.places sets them).
RESOLVED, AMBIGUOUS, UNRESOLVED, CONFIRMED = "resolved", "ambiguous", "unresolved", "confirmed"
NEEDS_A_DECISION = (UNRESOLVED, AMBIGUOUS)

Which = Literal["all", "unresolved", "unplaced"]


@dataclass
class PlaceRow:
    id: int
    name: str
    location: str  # the text they were placed from ("" when placed from an address)
    place: str | None  # what it was understood as; None when unknown
    status: str  # resolved, ambiguous, unresolved, confirmed ("" when there is nothing to place)
    precision: str | None
    alternatives: list[str] = field(default_factory=list)  # an ambiguous place's other readings


@dataclass
class PlaceList:
    count: int  # every row that fits; `rows` holds one page of them
    rows: list[PlaceRow]


def geocode_of(person: Person) -> GeocodeResult | None:
    """What a person's place text reads as: their location, else their first address; None
    when there is nothing to place. services.places.locate stores it; here it is only read."""
    from goodwill.habits.geo import geocode, geocode_parts

    if person.location.strip():
        return geocode(person.location)
    address = person.addresses.first() if person.pk else None
    if address is None:
        return None
    return geocode_parts(
        address=address.street,
        city=address.city,
        region=address.region,
        postal_code=address.postal_code,
        country=address.country,
    )


def alternatives(person: Person) -> list[str]:
    """The other places an ambiguous place could be, most populous first (empty for any other)."""
    if person.geo_status != AMBIGUOUS:
        return []
    result = geocode_of(person)
    return [place.label() for place in result.alternatives] if result is not None else []


def places(owner: Owner, which: Which = "all", *, limit: int | None = None, offset: int = 0) -> PlaceList:
    """Active people's places, as `goodwill places` lists them: "all" is everyone with a place
    text or address, "unresolved" those that need a decision, "unplaced" everyone without a
    point (no place text at all, or one the data does not know)."""
    people = Person.objects.filter(owner=owner, archived_at__isnull=True)
    if which == "unplaced":
        people = people.filter(latitude__isnull=True).order_by("name", "pk")
    else:
        people = people.exclude(location="", geo_status="")
        if which == "unresolved":
            people = people.filter(geo_status__in=NEEDS_A_DECISION)
        people = people.order_by("geo_status", "name", "pk")
    count = people.count()
    page = people[offset : offset + limit] if limit is not None else people[offset:]
    rows = [
        PlaceRow(
            id=p.pk,
            name=p.name,
            location=p.location,
            place=p.place_label or None,
            status=p.geo_status,
            precision=p.geo_precision or None,
            alternatives=alternatives(p),
        )
        for p in page
    ]
    return PlaceList(count, rows)


@dataclass
class PlaceFound:
    name: str
    region: str | None
    country: str
    country_name: str
    latitude: float
    longitude: float
    precision: str
    timezone: str | None
    postal_code: str | None
    label: str


@dataclass
class Understood:
    """What a place text resolves to, offline: `goodwill geocode`'s answer."""

    query: str
    resolved: bool
    place: PlaceFound | None
    ambiguous: bool
    alternatives: list[str]


def understand(text: str) -> Understood:
    from goodwill.habits.geo import geocode

    result = geocode(text)
    p = result.place
    found = (
        None
        if p is None
        else PlaceFound(
            name=p.name,
            region=p.region,
            country=p.country,
            country_name=p.country_name,
            latitude=p.lat,
            longitude=p.lon,
            precision=p.precision,
            timezone=p.timezone,
            postal_code=p.postal_code,
            label=p.label(),
        )
    )
    return Understood(text, p is not None, found, result.ambiguous, [a.label() for a in result.alternatives])
