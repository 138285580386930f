"""Where people are, their places, what a place is understood as, and trips, over the API:
the answers of `goodwill where`, `places`, `places confirm`, `geocode` and `trip --plan`."""

from __future__ import annotations

import pytest

from goodwill.models import NextStep


@pytest.fixture
def placed(alice, now):
    from goodwill.services.people import PersonFields, add_person

    return {
        "bo": add_person(alice, PersonFields(name="Bo Evanston", location="Evanston, IL")),
        "cy": add_person(alice, PersonFields(name="Cy Oak Park", location="Oak Park, IL")),
        "pat": add_person(alice, PersonFields(name="Pat Portland", location="Portland")),
        "nox": add_person(alice, PersonFields(name="Nox Nowhere", location="Xyzzyville")),
        "dee": add_person(alice, PersonFields(name="Dee Placeless")),
    }


def test_where_counts_metros_regions_countries_and_the_unplaced(as_alice, placed):
    data = as_alice.get("/where").json()
    assert data["metros"][0] == {"name": "Chicago, Illinois", "people": 2}
    assert {"name": "Illinois, United States", "people": 2} in data["regions"]
    assert data["countries"] == [{"name": "United States", "people": 3}]
    assert data["unplaced"] == 2


def test_places_all_unresolved_and_unplaced(as_alice, placed):
    everyone = as_alice.get("/places").json()
    assert everyone["count"] == 4 and "Dee Placeless" not in str(everyone)
    unresolved = as_alice.get("/places", {"unresolved": "true"}).json()
    names = [row["person"]["name"] for row in unresolved["items"]]
    assert unresolved["count"] == 2 and names == ["Pat Portland", "Nox Nowhere"]
    pat = unresolved["items"][0]
    assert pat["status"] == "ambiguous" and pat["place"] == "Portland, Oregon, United States"
    assert "Portland, Maine, United States" in pat["alternatives"]
    nox = unresolved["items"][1]
    assert nox["status"] == "unresolved" and nox["place"] is None and nox["alternatives"] == []
    unplaced = as_alice.get("/places", {"unplaced": "true", "limit": 1}).json()
    assert unplaced["count"] == 2 and [r["person"]["name"] for r in unplaced["items"]] == ["Dee Placeless"]
    both = as_alice.get("/places", {"unplaced": "true", "unresolved": "true"})
    assert both.status_code == 400 and "not both" in both.json()["detail"]


def test_confirm_keeps_the_chosen_place_or_takes_a_clearer_one(as_alice, placed):
    pat = placed["pat"]
    kept = as_alice.post(f"/places/{pat.pk}/confirm", {})
    assert kept.status_code == 200, kept.content
    assert kept.json()["status"] == "confirmed" and kept.json()["place"] == "Portland, Oregon, United States"
    moved = as_alice.post(f"/places/{pat.pk}/confirm", {"place": "Portland, Maine, United States"}).json()
    assert moved["place"] == "Portland, Maine, United States" and moved["location"] == "Portland, Maine, United States"
    unknown = as_alice.post(f"/places/{placed['nox'].pk}/confirm", {"place": "Qwertyburg"})
    assert unknown.status_code == 400 and unknown.json()["detail"].startswith('cannot place "Qwertyburg"')
    nothing = as_alice.post(f"/places/{placed['nox'].pk}/confirm", {})
    assert nothing.status_code == 400 and "has no place to confirm" in nothing.json()["detail"]
    typo = as_alice.post(f"/places/{pat.pk}/confirm", {"palce": "Boise"})
    assert typo.status_code == 422 and 'did you mean "place"' in typo.json()["detail"]


def test_geocode_answers_as_the_cli_does(as_alice, cli):
    import json

    answer = as_alice.get("/geocode", {"place": "Cambridge"}).json()
    assert answer == json.loads(cli("geocode", "Cambridge", "--json").stdout)
    assert answer["ambiguous"] and answer["place"]["timezone"] == "Europe/London"
    unresolved = as_alice.get("/geocode", {"place": "Xyzzyville"}).json()
    assert unresolved["resolved"] is False and unresolved["place"] is None
    assert as_alice.get("/geocode", {"place": ""}).status_code == 400


def test_trip_lists_visits_and_plan_adds_the_meetings(as_alice, placed):
    trip = as_alice.get("/trip", {"place": "Chicago", "from": "2026-12-01", "to": "2026-12-03"}).json()
    assert trip["place"] == "Chicago, Illinois, United States" and trip["end"] == "2026-12-03"
    assert {v["person"]["name"] for v in trip["visits"]} == {"Bo Evanston", "Cy Oak Park"}
    visit = trip["visits"][0]
    assert visit["why"] == "never contacted" and visit["distance_mi"] < 50
    bo = placed["bo"]
    planned = as_alice.post("/trip/plan", {"place": "Chicago", "from": "2026-12-01", "person_ids": [bo.pk]})
    assert planned.status_code == 201, planned.content
    (step,) = planned.json()["steps"]
    assert step["text"] == "meet Bo Evanston in Chicago" and step["due_on"] == "2026-12-01"
    assert step["person"] == {"id": bo.pk, "name": "Bo Evanston"}


@pytest.mark.parametrize(
    "params,message",
    [
        ({"place": "Xyzzyville", "from": "2026-12-01"}, 'cannot place "Xyzzyville"'),
        ({"place": "Chicago", "from": "someday"}, "from: "),
        ({"place": "Chicago"}, "from: "),
        ({"place": "Chicago", "from": "2026-12-01", "to": "2026-11-30"}, "the trip ends (2026-11-30) before it starts"),
        ({"place": "Chicago", "from": "2026-12-01", "within": "far"}, "within: not a distance"),
        ({"place": "Chicago", "from": "2099-12-01"}, "from: "),
    ],
)
def test_bad_trip_input_is_one_line(as_alice, placed, params, message):
    response = as_alice.get("/trip", params)
    assert response.status_code == 400 and message in response.json()["detail"], response.content


def test_a_plan_is_all_or_nothing(as_alice, placed):
    far = as_alice.post(
        "/trip/plan", {"place": "Chicago", "from": "2026-12-01", "person_ids": [placed["bo"].pk, placed["pat"].pk]}
    )
    assert (
        far.status_code == 400 and far.json()["detail"] == "Pat Portland is not near Chicago, Illinois, United States"
    )
    nobody = as_alice.post("/trip/plan", {"place": "Chicago", "from": "2026-12-01", "person_ids": []})
    assert nobody.status_code == 400 and "nobody to meet" in nobody.json()["detail"]
    assert not NextStep.objects.exists()


def test_strangers_see_none_of_alices_places_and_plan_nothing_with_her_people(as_bob, as_charlie, placed):
    for stranger in (as_bob, as_charlie):
        assert stranger.get("/where").json() == {"metros": [], "regions": [], "countries": [], "unplaced": 0}
        assert stranger.get("/places").json() == {"count": 0, "items": []}
        assert stranger.get("/trip", {"place": "Chicago", "from": "2026-12-01"}).json()["visits"] == []
        confirm = stranger.post(f"/places/{placed['pat'].pk}/confirm", {})
        assert confirm.status_code == 404 and "Pat" not in confirm.content.decode()
        plan = stranger.post("/trip/plan", {"place": "Chicago", "from": "2026-12-01", "person_ids": [placed["bo"].pk]})
        assert plan.status_code == 404 and "Bo" not in plan.content.decode()
    assert not NextStep.objects.exists()
