"""GET /circles and PATCH /circles/{name}: `goodwill circles` and `circles set` over the API."""

from __future__ import annotations

import json

import pytest

from goodwill.models import Circle, Person
from goodwill.services.people import PersonFields, add_person
from tests.doors import api  # noqa: F401 - fixture


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe", circle="close"))


def test_the_list_is_what_the_cli_lists_with_each_circles_people(api, cli, me):  # noqa: F811
    cli("add", "Jane Doe", "--circle", "close")
    answer = api("get", "/circles")
    listed = answer.json()
    assert answer.status_code == 200 and next(c for c in listed if c["name"] == "close")["people"] == 1
    by_cli = json.loads(cli("circles", "--json").stdout)
    assert [{k: c[k] for k in ("name", "ideal_days", "max_days", "people")} for c in listed] == by_cli
    cli("circles", "set", "close", "3w")
    assert next(c for c in api("get", "/circles").json() if c["name"] == "close")["ideal_days"] == 21


def test_a_new_cadence_reschedules_the_circle_as_circles_set_does(as_alice, alice, jane):
    before = Person.objects.get(pk=jane.pk).due_day
    answer = as_alice.patch("/circles/close", {"cadence_days": 7})
    assert answer.status_code == 200 and answer.json()["ideal_days"] == 7 and answer.json()["people"] == 1
    assert Person.objects.get(pk=jane.pk).due_day != before  # everyone in it rescheduled


@pytest.mark.parametrize(
    "path,body,status,word",
    [
        ("/circles/nope", {"cadence_days": 7}, 400, "nope"),
        ("/circles/close", {"cadence_days": 0}, 400, "cadence_days"),
        ("/circles/close", {"cadence": 7}, 422, "cadence"),
    ],
)
def test_mistakes_are_one_line_and_change_nothing(as_alice, alice, jane, path, body, status, word):
    before = list(Circle.objects.filter(owner=alice).values_list("name", "ideal_days"))
    answer = as_alice.patch(path, body)
    assert answer.status_code == status and word in answer.json()["detail"]
    assert list(Circle.objects.filter(owner=alice).values_list("name", "ideal_days")) == before


@pytest.mark.parametrize("who", ["as_bob", "as_charlie"])
def test_a_teammate_or_outsider_sees_and_changes_only_their_own_circles(request, who, alice, jane):
    stranger = request.getfixturevalue(who)
    theirs = stranger.get("/circles").json()
    assert {c["name"] for c in theirs} >= {"close"} and all(c["people"] == 0 for c in theirs)
    alices = Circle.objects.get(owner=alice, name="close").ideal_days
    assert stranger.patch("/circles/close", {"cadence_days": 3}).status_code == 200
    assert Circle.objects.get(owner=alice, name="close").ideal_days == alices


def test_anonymous_gets_401(anonymous):
    assert anonymous.get("/circles").status_code == 401
    assert anonymous.patch("/circles/close", {"cadence_days": 7}).status_code == 401
