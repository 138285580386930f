"""Who is near a place, over the API: nearest first, with distances, filters and paging."""

from __future__ import annotations

import pytest


@pytest.fixture
def placed(alice, now):
    from goodwill.services.accounts import settings_for
    from goodwill.services.people import PersonFields, add_person

    people = {
        "ann": add_person(alice, PersonFields(name="Ann Meridian", location="Meridian, ID", circle="inner")),
        "bo": add_person(alice, PersonFields(name="Bo Nampa", location="Nampa, ID")),
        "cy": add_person(alice, PersonFields(name="Cy Denver", location="Denver, CO")),
        "dee": add_person(alice, PersonFields(name="Dee Nowhere")),
    }
    prefs = settings_for(alice)
    prefs.home, prefs.home_latitude, prefs.home_longitude = "Boise, ID", 43.6135, -116.2035
    prefs.save()
    return people


def test_people_near_a_city_nearest_first_with_distances(as_alice, placed):
    response = as_alice.get("/near", {"place": "Boise, ID", "within": "100mi"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["place"].startswith("Boise") and data["count"] == 2
    assert data["within_km"] == pytest.approx(160.934, abs=0.01)
    assert [p["person"]["name"] for p in data["people"]] == ["Ann Meridian", "Bo Nampa"]
    ann = data["people"][0]
    assert ann["place"].startswith("Meridian") and ann["circle"] == "inner"
    assert 10 < ann["distance_km"] < 25 and ann["distance_mi"] == pytest.approx(ann["distance_km"] / 1.609344, abs=0.1)
    assert data["people"][1]["distance_km"] > ann["distance_km"]


def test_home_radius_in_km_filters_and_paging(as_alice, placed):
    wide = as_alice.get("/near", {"place": "home", "within": "1200km"}).json()
    assert [p["person"]["name"] for p in wide["people"]] == ["Ann Meridian", "Bo Nampa", "Cy Denver"]
    assert "Dee" not in str(wide)  # no place, not counted
    inner = as_alice.get("/near", {"place": "home", "within": "1200km", "circle": "inner"}).json()
    assert [p["person"]["name"] for p in inner["people"]] == ["Ann Meridian"]
    page = as_alice.get("/near", {"place": "home", "within": "1200km", "limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and [p["person"]["name"] for p in page["people"]] == ["Bo Nampa"]
    due = as_alice.get("/near", {"place": "home", "within": "1200km", "due": "true"}).json()
    assert due["count"] == 0  # all just added: nobody is due yet


@pytest.mark.parametrize(
    "params,message",
    [
        ({"place": "Xyzzyville"}, 'cannot place "Xyzzyville"'),
        ({"place": "Boise, ID", "within": "far"}, "within: not a distance"),
        ({"place": "Boise, ID", "within": "99999mi"}, "at most 20,040 km"),
        ({"place": "Boise, ID", "within": "9" * 400}, "within: String should have at most 40 characters"),
        ({"place": ""}, "place"),
        ({}, "place"),
    ],
)
def test_bad_places_and_radii_say_what_is_wrong(as_alice, placed, params, message):
    response = as_alice.get("/near", params)
    assert response.status_code == 400 and message in response.json()["detail"], response.content


def test_home_needs_a_home_base(as_charlie, placed):
    response = as_charlie.get("/near", {"place": "home"})
    assert response.status_code == 400 and "no home base yet" in response.json()["detail"]


def test_the_whole_world(as_alice, placed):
    everyone = as_alice.get("/near", {"place": "Boise, ID", "within": "20000km"}).json()
    assert everyone["count"] == 3
