"""Offline geocoding and distances: pure logic, no Django, no network.

Importing this package reads no data; the gazetteer (about 0.25 s) loads on
the first geocode call and is kept for the process. See docs/geo.md.
"""

from goodwill.habits.geo.distance import (
    KM_PER_MILE,
    BoundingBox,
    bounding_box,
    haversine_km,
    parse_distance,
)
from goodwill.habits.geo.geocode import geocode, geocode_parts
from goodwill.habits.geo.models import PRECISIONS, GeocodeResult, Place

__all__ = [
    "KM_PER_MILE",
    "PRECISIONS",
    "BoundingBox",
    "GeocodeResult",
    "Place",
    "bounding_box",
    "geocode",
    "geocode_parts",
    "haversine_km",
    "parse_distance",
]
