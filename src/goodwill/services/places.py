"""Where people are: offline geocoding on save and import, home base, and
confirming ambiguous places. Queries over places live in goodwill.queries.near."""

from __future__ import annotations

from django.db import transaction

from goodwill.errors import InvalidInput
from goodwill.habits.geo import GeocodeResult, Place, geocode, geocode_parts
from goodwill.models import Person

# Reads: they live in queries (queries.trips uses them); named here too, for the front doors.
from goodwill.queries.near import home_point as home_point
from goodwill.queries.near import resolve_point as resolve_point
from goodwill.queries.places import AMBIGUOUS, CONFIRMED, RESOLVED, UNRESOLVED, geocode_of
from goodwill.services.accounts import settings_for_update

GEO_FIELDS = ["latitude", "longitude", "geo_precision", "geo_status", "timezone", "place_label", "region", "country"]


def _apply_result(person: Person, result: GeocodeResult) -> None:
    place = result.place
    if place is None:
        _clear(person)
        person.geo_status = UNRESOLVED
        return
    person.place_label, person.region, person.country = place.label(), place.region or "", place.country
    person.latitude, person.longitude = place.lat, place.lon
    person.geo_precision = place.precision
    person.timezone = place.timezone or ""
    person.geo_status = AMBIGUOUS if result.ambiguous else RESOLVED


def _clear(person: Person) -> None:
    person.latitude = person.longitude = None
    person.geo_precision = person.geo_status = person.timezone = ""
    person.place_label = person.region = person.country = ""


def locate(person: Person) -> GeocodeResult | None:
    """Geocode a person from their location text, else their first address.
    Sets the fields without saving; None when there is nothing to geocode."""
    result = geocode_of(person)
    if result is None:
        _clear(person)
        return None
    _apply_result(person, result)
    return result


def locate_address(
    person: Person, street: str, city: str, region: str, postal_code: str, country: str
) -> GeocodeResult:
    """Geocode an address before the person is saved (imports)."""
    result = geocode_parts(address=street, city=city, region=region, postal_code=postal_code, country=country)
    _apply_result(person, result)
    return result


@transaction.atomic
def relocate(owner, person: Person) -> GeocodeResult | None:
    result = locate(person)
    person.save(update_fields=GEO_FIELDS)
    return result


@transaction.atomic
def confirm_place(owner, person: Person, text: str | None = None) -> Person:
    """Accept the chosen place for an ambiguous one, or give a clearer place."""
    if text:
        result = geocode(text)
        if result.place is None:
            raise InvalidInput(f'cannot place "{text}"; add a region or country, e.g. "Portland, OR"')
        person.location = text.strip()
        _apply_result(person, result)
    elif person.latitude is None:
        raise InvalidInput(f'{person.name} has no place to confirm; give one, e.g. "Portland, OR"')
    person.geo_status = CONFIRMED
    person.save(update_fields=GEO_FIELDS + ["location"])
    return person


@transaction.atomic
def set_home(owner, text: str) -> Place:
    result = geocode(text)
    if result.place is None:
        raise InvalidInput(f'cannot place "{text}"; try a city with its region, e.g. "Boise, ID", or a ZIP code')
    prefs = settings_for_update(owner)
    prefs.home = text.strip()
    prefs.home_latitude, prefs.home_longitude = result.place.lat, result.place.lon
    prefs.home_timezone = result.place.timezone or ""
    prefs.save()
    return result.place
