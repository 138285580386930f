"""Great-circle distance, the bounding box of a radius, and "100mi" parsing.

A radius search is bounding_box() on an index (cheap, a little too wide) and
then haversine_km() on what the box let through (exact). The box is never too
narrow, so the two steps find exactly what a brute-force haversine scan finds.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
KM_PER_MILE = 1.609344
# Widen the box by a hair so rounding never drops a point that lies exactly
# on the circle (1e-9 rad is about 6 mm).
_PAD_RAD = 1e-9


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat = p2 - p1
    dlon = math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, a))))


class BoundingBox(NamedTuple):
    """Degrees. Unpacks as (min_lat, max_lat, min_lon, max_lon).

    Longitudes are in [-180, 180]. When the box crosses the antimeridian,
    min_lon > max_lon (the GeoJSON convention); `lon_ranges` then gives the
    two plain intervals to put in a query. A box that reaches a pole spans
    every longitude: (-180, 180).
    """

    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    @property
    def lon_ranges(self) -> tuple[tuple[float, float], ...]:
        """Closed [low, high] intervals within [-180, 180]: OR them in a query.

        -180 and 180 are one meridian: a box that touches one also lists the
        other, so a point stored either way is found.
        """
        if self.min_lon <= self.max_lon:
            ranges = [(self.min_lon, self.max_lon)]
        else:
            ranges = [(self.min_lon, 180.0), (-180.0, self.max_lon)]
        lows = {low for low, _ in ranges}
        highs = {high for _, high in ranges}
        if 180.0 in highs and -180.0 not in lows:
            ranges.append((-180.0, -180.0))
        if -180.0 in lows and 180.0 not in highs:
            ranges.append((180.0, 180.0))
        return tuple(ranges)

    def contains(self, lat: float, lon: float) -> bool:
        if not self.min_lat <= lat <= self.max_lat:
            return False
        return any(low <= lon <= high for low, high in self.lon_ranges)


def bounding_box(lat: float, lon: float, radius_km: float) -> BoundingBox:
    """The smallest lat/lon box that holds every point within `radius_km`.

    Longitude bounds come from the circle's widest point (not its centre's
    latitude), so the box stays correct at high latitudes.
    """
    if not (radius_km >= 0 and math.isfinite(radius_km)):
        raise ValueError(f"radius must be a finite distance >= 0, not {radius_km!r}")
    if not (-90 <= lat <= 90 and math.isfinite(lon)):
        raise ValueError(f"not a coordinate: {lat!r}, {lon!r}")
    r = radius_km / EARTH_RADIUS_KM + _PAD_RAD
    phi = math.radians(lat)
    low, high = phi - r, phi + r
    if low <= -math.pi / 2 or high >= math.pi / 2 or r >= math.pi:
        # The circle holds a pole: every longitude is in reach.
        return BoundingBox(max(-90.0, math.degrees(low)), min(90.0, math.degrees(high)), -180.0, 180.0)
    # Widest longitude reach of the circle (Matuschek's formula).
    dlon = math.degrees(math.asin(min(1.0, math.sin(r) / math.cos(phi))))
    west, east = _wrap(lon - dlon), _wrap(lon + dlon)
    if west == 180.0:
        west = -180.0  # -180 and 180 are one meridian; start the range at -180
    if east == -180.0:
        east = 180.0
    return BoundingBox(math.degrees(low), math.degrees(high), west, east)


def _wrap(lon: float) -> float:
    """Into [-180, 180], keeping 180 as 180."""
    wrapped = (lon + 180.0) % 360.0 - 180.0
    return 180.0 if wrapped == -180.0 and lon > 0 else wrapped


# Half the earth's circumference: any radius past it already holds the whole world.
MAX_RADIUS_KM = 20_040.0

_DISTANCE = re.compile(
    r"""^\s*(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*
    (?P<unit>mi|miles?|km|kms|kilomet(?:er|re)s?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_distance(text: str) -> float:
    """ "100mi", "160km", "100 miles", "50" (miles) -> kilometres."""
    match = _DISTANCE.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not a distance: {text!r} (use e.g. 100mi, 160km, 100 miles, or 50 for miles)")
    number = float(match["number"].replace(",", ""))
    unit = (match["unit"] or "mi").lower()
    km = number if unit.startswith("k") else number * KM_PER_MILE
    if not math.isfinite(km) or km > MAX_RADIUS_KM:
        raise ValueError(
            f"{text.strip()} is farther than anywhere on Earth; "
            f"at most {MAX_RADIUS_KM:,.0f} km (half way round) already covers everyone"
        )
    return km
