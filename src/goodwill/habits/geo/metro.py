"""Metro areas: a point belongs to the biggest nearby city, so Cambridge MA and
Somerville count as Boston and Brooklyn counts as New York."""

from __future__ import annotations

import functools
import math

from goodwill.habits.geo.distance import haversine_km
from goodwill.habits.geo.gazetteer import City, gazetteer

METRO_POPULATION = 300_000
METRO_RADIUS_KM = 60.0
_CELL_DEGREES = 1.0  # a grid of 1° cells keeps the nearest-city search local


@functools.lru_cache(maxsize=1)
def _grid() -> dict[tuple[int, int], list[City]]:
    places = gazetteer()
    grid: dict[tuple[int, int], list[City]] = {}
    for row in range(len(places)):
        city = places.city(row)
        if city.population >= METRO_POPULATION:
            grid.setdefault((math.floor(city.lat), math.floor(city.lon)), []).append(city)
    return grid


def metro_of(lat: float, lon: float) -> City | None:
    """The most populous big city within 60 km, or None outside any metro area."""
    cell_lat, cell_lon = math.floor(lat), math.floor(lon)
    best = None
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            lon_cell = (cell_lon + dlon + 180) % 360 - 180
            for city in _grid().get((cell_lat + dlat, lon_cell), ()):
                if haversine_km(lat, lon, city.lat, city.lon) <= METRO_RADIUS_KM:
                    if best is None or city.population > best.population:
                        best = city
    return best
