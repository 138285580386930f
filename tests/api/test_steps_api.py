"""Steps and promises over the API: list both ways, add, close, renegotiate, keeping record."""

from __future__ import annotations

import pytest


@pytest.fixture
def steps(alice, network):
    from goodwill.models import NextStep

    jane = network["jane"]
    return {s.text: s.pk for s in NextStep.objects.filter(person=jane)}


def texts(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [s["text"] for s in response.json()["items"]]


def test_list_mine_theirs_overdue(as_alice, network, steps):
    assert texts(as_alice.get("/steps")) == ["intro to her lawyer", "send the article"]
    assert texts(as_alice.get("/steps", {"whose": "mine"})) == ["send the article"]
    assert texts(as_alice.get("/steps", {"whose": "theirs"})) == ["intro to her lawyer"]
    assert texts(as_alice.get("/steps", {"overdue": "true"})) == ["intro to her lawyer", "send the article"]
    assert texts(as_alice.get("/steps", {"person_id": network["sam"].pk})) == []
    assert texts(as_alice.get("/steps", {"promises_only": "true"})) == []
    assert as_alice.get("/steps", {"whose": "nobody"}).status_code == 400


def test_add_a_step_and_read_it(as_alice, network):
    response = as_alice.post("/steps", {"person_id": network["sam"].pk, "text": "book the golf", "due": "2026-12-02"})
    assert response.status_code == 201
    step = response.json()
    assert step["person"]["name"] == "Sam Lee" and step["ball"] == "mine" and step["overdue"] is False
    assert as_alice.get(f"/steps/{step['id']}").json()["text"] == "book the golf"
    assert as_alice.get("/steps/999999").status_code == 404


def test_done_drop_release_broken_close_once(as_alice, steps):
    mine, theirs = steps["send the article"], steps["intro to her lawyer"]
    assert as_alice.post(f"/steps/{mine}/done").json()["status"] == "done"
    again = as_alice.post(f"/steps/{mine}/drop")
    assert again.status_code == 400 and "already done" in again.json()["detail"]
    assert as_alice.post(f"/steps/{theirs}/release").json()["status"] == "released"
    assert texts(as_alice.get("/steps")) == []
    assert texts(as_alice.get("/steps", {"status": "done"})) == ["send the article"]
    assert texts(as_alice.get("/steps", {"status": "all"})) == ["intro to her lawyer", "send the article"]


def test_broken_and_drop(as_alice, steps):
    assert as_alice.post(f"/steps/{steps['send the article']}/broken").json()["status"] == "broken"
    assert as_alice.post(f"/steps/{steps['intro to her lawyer']}/drop").json()["status"] == "dropped"


def test_renegotiate_keeps_the_old_date_in_history(as_alice, steps):
    step = steps["send the article"]
    response = as_alice.post(f"/steps/{step}/renegotiate", {"due": "2026-12-04", "firm": False})
    data = response.json()
    assert data["due_on"] == "2026-12-04" and data["firm"] is False and data["renegotiations"] == 1
    assert data["overdue"] is False
    bad = as_alice.post(f"/steps/{step}/renegotiate", {"due": "04/12/2026"})
    assert bad.status_code == 400 and "due" in bad.json()["detail"]
    as_alice.post(f"/steps/{step}/done")
    closed = as_alice.post(f"/steps/{step}/renegotiate", {"due": "2026-12-05"})
    assert closed.status_code == 400 and "only open steps" in closed.json()["detail"]


def test_keeping_record(as_alice, steps, set_now):
    as_alice.post(f"/steps/{steps['send the article']}/done")
    record = as_alice.get("/promises/stats").json()
    assert record["overall"]["due"] == 1 and record["overall"]["kept_late"] == 1
    assert record["overall"]["share_on_time"] == 0.0
    assert record["by_person"][0]["label"] == "Jane Doe"


def test_find_promises_writes_nothing(as_alice, network):
    from goodwill.models import NextStep

    before = NextStep.objects.count()
    found = as_alice.post(
        "/promises/find",
        {
            "text": "She said she will send me the contract next week.",
            "person_ids": [network["jane"].pk],
            "direction": "outbound",
        },
    )
    assert found.status_code == 200
    assert [(p["ball"], p["why"]) for p in found.json()] == [("theirs", "their side: 'She said she will'")]
    assert NextStep.objects.count() == before


def test_reopen_undoes_done_exactly(as_alice, alice):
    from goodwill.services.people import PersonFields, add_person

    jane = add_person(alice, PersonFields(name="Jane Doe"))
    step = as_alice.post(
        "/steps", {"person_id": jane.pk, "text": "send the deck", "due": "2026-11-27", "firm": False}
    ).json()
    done = as_alice.post(f"/steps/{step['id']}/done").json()
    assert done["status"] == "done"
    reopened = as_alice.post(f"/steps/{step['id']}/reopen")
    assert reopened.status_code == 200
    assert reopened.json() == step
    again = as_alice.post(f"/steps/{step['id']}/reopen")
    assert again.status_code == 400 and "nothing to undo" in again.json()["detail"]
