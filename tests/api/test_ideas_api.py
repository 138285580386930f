"""Ideas over the API: for one person, and across the most neglected people."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest


@pytest.fixture
def world(alice, network, now):
    from goodwill.models import Person
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.profiles import add_entry

    jane = network["jane"]
    ben = add_person(alice, PersonFields(name="Ben Baker", title="Fractional CFO"))
    add_entry(alice, jane, "need", "a fractional CFO")
    add_entry(alice, ben, "offer", "fractional CFO services")
    # Olga: last seen 300 days ago (told in confidence), so the most neglected; she needs a CFO too.
    olga = add_person(alice, PersonFields(name="Olga Berg", circle="close"))
    Person.objects.filter(pk=olga.pk).update(created_at=now - timedelta(days=400))
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[olga],
            summary="Her divorce",
            confidentiality="confidential",
            when=now - timedelta(days=300),
        ),
    )
    add_entry(alice, olga, "need", "a part-time CFO")
    return {"jane": jane, "ben": ben, "sam": network["sam"], "olga": Person.objects.get(pk=olga.pk)}


def test_ideas_for_a_person(as_alice, world):
    response = as_alice.get(f"/people/{world['jane'].pk}/ideas")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["person"] == {"id": world["jane"].pk, "name": "Jane Doe"}
    kinds = [i["kind"] for i in data["ideas"]]
    assert kinds[:2] == ["promise", "reply"]  # what I owe first
    assert data["ideas"][0]["text"].startswith("Keep your promise: send the article")
    intro = next(i for i in data["ideas"] if i["kind"] == "introduce")
    assert intro["text"] == "Introduce them to Ben Baker" and "fractional CFO" in intro["why"]
    assert intro["action"]["kind"] == "propose-intro" and intro["action"]["why"] == "a fractional CFO"
    assert intro["action"]["person"] == {"id": world["jane"].pk, "name": "Jane Doe"}
    assert intro["action"]["other"] == {"id": world["ben"].pk, "name": "Ben Baker"}
    promise = data["ideas"][0]["action"]
    assert promise["kind"] == "close-step" and as_alice.post(f"/steps/{promise['step']}/done").status_code == 200
    assert "goodwill " not in response.content.decode()  # the API says what to do, not what to type


def test_a_confidential_reply_owed_is_an_idea_without_its_words(as_alice, world, now):
    from goodwill.services.interactions import LogRequest, log_interaction

    log_interaction(
        world["jane"].owner,
        LogRequest(
            kind="email",
            people=[world["jane"]],
            summary="Asked about the merger terms",
            direction="inbound",
            awaiting_reply=True,
            confidentiality="confidential",
            when=now - timedelta(hours=1),
        ),
    )
    text = json.dumps(as_alice.get(f"/people/{world['jane'].pk}/ideas").json())
    assert "merger" not in text and "Answer their email: [confidential]" in text


def test_ideas_across_the_most_neglected(as_alice, world):
    response = as_alice.get("/ideas", {"limit": 5, "per_person": 2})
    assert response.status_code == 200, response.content
    rows = response.json()
    assert [r["person"]["name"] for r in rows] == ["Olga Berg"]  # Jane wrote three days ago, Sam had coffee
    olga = rows[0]
    assert olga["status"] == "overdue" and olga["days_since"] == 300 and olga["circle"] == "close"
    assert olga["last_summary"] == "[confidential]" and "divorce" not in response.content.decode()
    assert [i["text"] for i in olga["ideas"]] == ["Introduce them to Ben Baker"]
    from goodwill.services.steps import add_step

    add_step(world["olga"].owner, world["olga"], "send her the CFO shortlist")
    first = as_alice.get("/ideas", {"per_person": 1}).json()[0]["ideas"]
    assert [i["kind"] for i in first] == ["promise"]  # what I owe comes first, and per_person cuts


def test_archived_person_has_no_ideas_page(as_alice, world):
    from goodwill.services.people import archive_person

    archive_person(world["sam"].owner, world["sam"])
    response = as_alice.get(f"/people/{world['sam'].pk}/ideas")
    assert response.status_code == 404


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 51}, {"per_person": 0}, {"limit": "many"}])
def test_bad_bounds_say_so(as_alice, world, params):
    response = as_alice.get("/ideas", params)
    assert response.status_code == 400 and next(iter(params)) in response.json()["detail"]
