"""Who is near a point: a bounding box on the (owner, latitude, longitude) index,
then exact great-circle distance. And where people are, by metro, region, country."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q

from goodwill.clock import day_number
from goodwill.errors import InvalidInput
from goodwill.models import Person
from goodwill.models.base import Owner
from goodwill.queries.user_settings import settings_for


@dataclass
class Nearby:
    person: Person
    distance_km: float


def near_ids(
    owner: Owner, lat: float, lon: float, radius_km: float, *, circle: str | None = None, due_on: date | None = None
) -> list[tuple[int, float]]:
    """(person id, km) within the radius, nearest first: the box narrows on the
    index, haversine decides, and only three numbers per candidate leave the database."""
    from goodwill.habits.geo import bounding_box, haversine_km  # here: only the places commands load geo

    box = bounding_box(lat, lon, radius_km)
    lon_filter = Q()
    for low, high in box.lon_ranges:
        lon_filter |= Q(longitude__gte=low, longitude__lte=high)
    people = Person.objects.filter(
        owner=owner, archived_at__isnull=True, latitude__gte=box.min_lat, latitude__lte=box.max_lat
    ).filter(lon_filter)
    if circle:
        people = people.filter(circle__name__iexact=circle) if len(circle) <= 320 else people.none()
    if due_on:
        people = people.filter(due_day__lte=day_number(due_on))
    found = []
    for pk, plat, plon in people.values_list("pk", "latitude", "longitude"):
        distance = haversine_km(lat, lon, plat, plon)  # type: ignore[arg-type]  # the box filter needs both
        if distance <= radius_km:
            found.append((pk, distance))
    found.sort(key=lambda row: (row[1], row[0]))
    return found


def near(owner: Owner, lat: float, lon: float, radius_km: float, **filters: Any) -> list[Nearby]:
    found = near_ids(owner, lat, lon, radius_km, **filters)
    people = Person.objects.select_related("circle", "organization").in_bulk([pk for pk, _ in found])
    return [Nearby(people[pk], distance) for pk, distance in found]


@dataclass
class WhereCounts:
    metros: list[tuple[str, int]]
    regions: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    unplaced: int


def where(owner: Owner) -> WhereCounts:
    """People counted by metro area, region and country (from their geocoded place)."""
    from goodwill.habits.geo.gazetteer import gazetteer
    from goodwill.habits.geo.metro import metro_of

    metros: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    places = gazetteer()
    people = Person.objects.filter(owner=owner, archived_at__isnull=True)
    unplaced = people.filter(latitude__isnull=True).count()
    # People placed alike (a city's centre) are counted together: the metro is looked up once
    # per distinct place, not per person (92,000 look-ups took a second at 100,000 people).
    rows = (
        people.filter(latitude__isnull=False)
        .values_list("latitude", "longitude", "place_label", "region", "country")
        .annotate(people=Count("id"))
        .order_by()
    )
    for lat, lon, label, region, country, n in rows:
        metro = metro_of(lat, lon)
        country_name = places.country_name(country)
        if metro:
            metros[
                f"{metro.name}, {places.region_name(metro.country, metro.code) or places.country_name(metro.country)}"
            ] += n
        else:
            # No big city nearby: the town itself is the metro ("Fort Collins, Colorado").
            metros[", ".join(label.split(", ")[:2]) if label else "elsewhere"] += n
        regions[f"{region}, {country_name}" if region else country_name] += n
        countries[country_name] += n
    return WhereCounts(_most_first(metros), _most_first(regions), _most_first(countries), unplaced)


def _most_first(counts: Counter[str]) -> list[tuple[str, int]]:
    """The most people first; ties by name, so the order never hangs on how rows came."""
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def home_point(owner: Owner) -> tuple[float, float, str]:
    prefs = settings_for(owner)
    if prefs.home_latitude is None or prefs.home_longitude is None:
        raise InvalidInput('no home base yet; set your home first, e.g. "Boise, ID"', code="no-home")
    return prefs.home_latitude, prefs.home_longitude, prefs.home


def resolve_point(owner: Owner, text: str) -> tuple[float, float, str]:
    """A place given on the command line ("home", a city, a ZIP) → its point and label."""
    if text.strip().lower() == "home":
        return home_point(owner)
    from goodwill.habits.geo import geocode

    result = geocode(text)
    if result.place is None:
        raise InvalidInput(f'cannot place "{text}"; try a city with its region or country, or a ZIP code')
    return result.place.lat, result.place.lon, result.place.label()
