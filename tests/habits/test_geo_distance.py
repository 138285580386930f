"""Distances, radius boxes and "100mi": a box-then-haversine search must equal
a brute-force haversine scan, near the poles and the antimeridian too."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from goodwill.habits.geo import KM_PER_MILE, bounding_box, haversine_km, parse_distance

lats = st.floats(min_value=-90, max_value=90, allow_nan=False)
lons = st.floats(min_value=-180, max_value=180, allow_nan=False)
radii = st.floats(min_value=0, max_value=25_000, allow_nan=False)


def test_known_distances():
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(344, abs=2)  # London-Paris
    assert haversine_km(40.7128, -74.0060, 34.0522, -118.2437) == pytest.approx(3936, abs=10)
    assert haversine_km(0, 179.5, 0, -179.5) == pytest.approx(111.2, abs=0.5)  # across 180
    assert haversine_km(90, 0, 90, 123) == pytest.approx(0, abs=1e-6)  # the pole is one point
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-9)


@given(lats, lons, lats, lons)
def test_haversine_is_symmetric_and_non_negative(lat1, lon1, lat2, lon2):
    d = haversine_km(lat1, lon1, lat2, lon2)
    assert d >= 0
    assert d == pytest.approx(haversine_km(lat2, lon2, lat1, lon1), abs=1e-9)
    assert d <= math.pi * 6371.0088 + 1e-6


def _destination(lat, lon, bearing_deg, km):
    """The point `km` from (lat, lon) on `bearing_deg`: to aim at the circle's edge."""
    r = km / 6371.0088
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2))
    lon2 = (math.degrees(l2) + 540) % 360 - 180
    return max(-90.0, min(90.0, math.degrees(p2))), lon2


@settings(max_examples=500)
@given(lats, lons, radii, lats, lons)
def test_every_point_within_radius_is_inside_the_box(lat, lon, radius, plat, plon):
    assume(haversine_km(lat, lon, plat, plon) <= radius)
    assert bounding_box(lat, lon, radius).contains(plat, plon)


@settings(max_examples=500)
@given(lats, lons, st.floats(min_value=0.01, max_value=5000), st.floats(0, 360), st.floats(0, 1))
def test_points_near_the_circle_edge_are_inside_the_box(lat, lon, radius, bearing, fraction):
    plat, plon = _destination(lat, lon, bearing, radius * fraction)
    if haversine_km(lat, lon, plat, plon) <= radius:
        assert bounding_box(lat, lon, radius).contains(plat, plon)


@settings(max_examples=200)
@given(
    lats,
    lons,
    radii,
    st.lists(st.tuples(lats, lons), max_size=60),
)
def test_box_then_haversine_equals_brute_force(lat, lon, radius, points):
    box = bounding_box(lat, lon, radius)
    brute = [p for p in points if haversine_km(lat, lon, *p) <= radius]
    boxed = [p for p in points if box.contains(*p) and haversine_km(lat, lon, *p) <= radius]
    assert boxed == brute


@given(lats, lons, radii)
def test_box_is_well_formed(lat, lon, radius):
    box = bounding_box(lat, lon, radius)
    assert -90 <= box.min_lat <= lat <= box.max_lat <= 90
    assert -180 <= box.min_lon <= 180 and -180 <= box.max_lon <= 180
    for low, high in box.lon_ranges:
        assert -180 <= low <= high <= 180


def test_box_across_the_antimeridian_has_two_ranges():
    box = bounding_box(-18.14, 178.44, 200)  # Suva, Fiji
    assert box.min_lon > box.max_lon
    assert box.lon_ranges[:2] == ((box.min_lon, 180.0), (-180.0, box.max_lon))
    assert box.contains(-18.0, -179.8) and box.contains(-18.0, 179.9)
    assert not box.contains(-18.0, 170.0)


def test_box_that_holds_a_pole_spans_every_longitude():
    box = bounding_box(89.5, 10, 100)
    assert (box.max_lat, box.min_lon, box.max_lon) == (90.0, -180.0, 180.0)
    assert box.contains(89.9, -170)


def test_box_is_tight_where_it_can_be():
    min_lat, max_lat, min_lon, max_lon = bounding_box(0, 0, 111.195)  # about 1 degree
    assert (min_lat, max_lat, min_lon, max_lon) == pytest.approx((-1, 1, -1, 1), abs=1e-3)
    wide = bounding_box(60, 0, 111.195)
    assert wide.max_lon == pytest.approx(2.0, abs=0.01)  # 1/cos(60°)


def test_box_touching_the_antimeridian_lists_both_signs():
    box = bounding_box(0, 170, 1112)  # a hair over 10 degrees: reaches 180
    assert box.contains(0, 180.0) and box.contains(0, -180.0)


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf])
def test_box_rejects_bad_radius(bad):
    with pytest.raises(ValueError):
        bounding_box(0, 0, bad)


@pytest.mark.parametrize(
    ("text", "km"),
    [
        ("100mi", 100 * KM_PER_MILE),
        ("160km", 160),
        ("100 miles", 100 * KM_PER_MILE),
        ("50", 50 * KM_PER_MILE),
        ("1 mile", KM_PER_MILE),
        ("2.5 KM", 2.5),
        (" 10 kilometres ", 10),
        ("10 kilometers", 10),
        ("0mi", 0),
        ("1,000 mi", 1000 * KM_PER_MILE),
        (".5mi", 0.5 * KM_PER_MILE),
    ],
)
def test_parse_distance(text, km):
    assert parse_distance(text) == pytest.approx(km)


@pytest.mark.parametrize("text", ["", "mi", "-5mi", "100 furlongs", "100m", "1e3km", "ten miles", "100 mi km"])
def test_parse_distance_rejects_with_one_line_naming_text_and_forms(text):
    with pytest.raises(ValueError) as err:
        parse_distance(text)
    message = str(err.value)
    assert "\n" not in message and repr(text) in message
    assert "100mi" in message and "160km" in message


def test_range_ending_on_the_antimeridian_also_lists_its_twin():
    from goodwill.habits.geo import BoundingBox

    assert (-180.0, -180.0) in BoundingBox(0, 1, 160.0, 180.0).lon_ranges
    assert (180.0, 180.0) in BoundingBox(0, 1, -180.0, -170.0).lon_ranges


@pytest.mark.parametrize("text", ["20041km", "12500 miles", "1" + "0" * 400])
def test_parse_distance_refuses_a_radius_beyond_the_earth(text):
    """Past half the circumference, and a number too long to be finite: one line, no traceback later."""
    with pytest.raises(ValueError) as err:
        parse_distance(text)
    assert "at most 20,040 km" in str(err.value) and "\n" not in str(err.value)


def test_parse_distance_accepts_the_whole_world():
    assert parse_distance("20040km") == 20040
