"""The same places and trips through the three front doors: the CLI (`goodwill where`, `places`,
`places confirm`, `geocode`, `trip --plan`), the browser (/places/, /trip/) and the API
(/where, /places, /geocode, /trip): one service answers each, so the answers agree."""

from __future__ import annotations

import json

import pytest

from goodwill.models import NextStep, Person
from tests.doors import api, web  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

TRIP = ("Chicago", "2026-12-01", "2026-12-03", "30mi")


@pytest.fixture
def network(cli, me):
    for name, place in (
        ("Bo Evanston", "Evanston, IL"),
        ("Cy Oak Park", "Oak Park, IL"),
        ("Di Skokie", "Skokie, IL"),
        ("Pat Portland", "Portland"),
        ("Ray Portland", "Portland"),
        ("Sue Portland", "Portland"),
    ):
        assert cli("add", name, "--location", place).exit_code == 0
    cli("add", "Dee Placeless")
    return {p.name: p for p in Person.objects.filter(owner=me)}


def test_where_is_the_same_at_every_door(cli, web, api, network):  # noqa: F811
    by_cli = json.loads(cli("where", "--json").stdout)
    by_api = api("get", "/where").json()
    assert by_api["unplaced"] == by_cli["unplaced"] == 1
    for key in ("metros", "regions", "countries"):
        assert [[row["name"], row["people"]] for row in by_api[key]] == by_cli[key]
    page = web.get("/places/").content.decode()
    for name, count in by_cli["metros"]:
        assert f'{name}</a></td><td data-label="people">{count}<' in page
    assert "1 person has no place yet" in page


def test_places_and_geocode_agree(cli, web, api, network):  # noqa: F811
    by_cli = json.loads(cli("places", "--unresolved", "--json").stdout)
    by_api = api("get", "/places", {"unresolved": "true"}).json()["items"]
    assert [(r["name"], r["place"], r["alternatives"]) for r in by_cli] == [
        (r["person"]["name"], r["place"], r["alternatives"]) for r in by_api
    ]
    page = web.get("/places/").content.decode()
    assert all(f'value="{alt}"' in page for alt in by_cli[0]["alternatives"])
    understood = json.loads(cli("geocode", "Portland", "--json").stdout)
    assert api("get", "/geocode", {"place": "Portland"}).json() == understood
    trip_page = web.get("/trip/", {"place": "Portland", "start": "2026-12-01"}).content.decode()
    assert f"<strong>{understood['place']['label']}</strong>" in trip_page


def test_a_place_confirmed_at_each_door_ends_the_same(cli, web, api, network):  # noqa: F811
    pat, ray, sue = network["Pat Portland"], network["Ray Portland"], network["Sue Portland"]
    assert cli("places", "confirm", "Pat Portland", "Portland, ME").exit_code == 0
    assert web.post(f"/places/{ray.pk}/confirm", {"other": "Portland, ME"}).status_code == 303
    assert api("post", f"/places/{sue.pk}/confirm", {"place": "Portland, ME"}).status_code == 200
    settled = {
        (p.geo_status, p.place_label, p.location) for p in Person.objects.filter(pk__in=[pat.pk, ray.pk, sue.pk])
    }
    assert settled == {("confirmed", "Portland, Maine, United States", "Portland, ME")}


def test_a_trip_planned_at_each_door_adds_the_same_kind_of_step(cli, web, api, network):  # noqa: F811
    place, start, end, within = TRIP
    by_cli = json.loads(cli("trip", place, "--from", start, "--to", end, "--within", within, "--json").stdout)
    by_api = api("get", "/trip", {"place": place, "from": start, "to": end, "within": within}).json()
    assert [(v["name"], v["why"]) for v in by_cli["visits"]] == [
        (v["person"]["name"], v["why"]) for v in by_api["visits"]
    ]
    page = web.get("/trip/", {"place": place, "start": start, "end": end, "within": within}).content.decode()
    assert all(v["name"] in page for v in by_cli["visits"]) and "Pat Portland" not in page

    bo, cy, di = network["Bo Evanston"], network["Cy Oak Park"], network["Di Skokie"]
    assert cli("trip", place, "--from", start, "--within", within, "--plan", "Bo Evanston").exit_code == 0
    web.post("/trip/plan", {"place": place, "start": start, "within": within, "person": [str(cy.pk)]})
    api("post", "/trip/plan", {"place": place, "from": start, "within": within, "person_ids": [di.pk]})
    steps = {s.person_id: (s.text, str(s.due_on), s.status) for s in NextStep.objects.all()}
    assert steps == {
        bo.pk: ("meet Bo Evanston in Chicago", start, "open"),
        cy.pk: ("meet Cy Oak Park in Chicago", start, "open"),
        di.pk: ("meet Di Skokie in Chicago", start, "open"),
    }
