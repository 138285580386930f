"""Logging over the API: the same use case as `goodwill log`."""

from __future__ import annotations


def log(api, **body):
    body.setdefault("kind", "call")
    body.setdefault("summary", "Caught up")
    return api.post("/interactions", body)


def test_a_log_needs_its_next_step_or_an_explicit_none(as_alice, network):
    jane = network["jane"].pk
    missing = log(as_alice, person_ids=[jane])
    assert missing.status_code == 400 and "next_steps" in missing.json()["detail"]
    none = log(as_alice, person_ids=[jane], next_steps=[])
    assert none.status_code == 201 and none.json()["steps"] == []


def test_log_with_steps_both_ways_resets_rhythm_and_closes_replies(as_alice, network):
    jane = network["jane"].pk
    response = log(
        as_alice,
        kind="email",
        person_ids=[jane, jane],
        summary="Answered about the lease",
        next_steps=[
            {"text": "send the lease", "due": "2026-11-27"},
            {"text": "sign it", "ball": "theirs", "due": "2026-12-01", "firm": False},
        ],
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["replies_closed"] == 1
    assert [(s["text"], s["ball"], s["firm"]) for s in data["steps"]] == [
        ("send the lease", "mine", True),
        ("sign it", "theirs", False),
    ]
    assert data["interaction"]["people"] == [{"id": jane, "name": "Jane Doe"}]
    person = as_alice.get(f"/people/{jane}").json()
    assert person["rhythm"]["days_since"] == 0
    assert as_alice.get("/agenda").json()["replies_owed"] == []


def test_promises_in_the_note_are_suggested_recorded_or_ignored(as_alice, network):
    jane = network["jane"].pk
    note = "Great lunch. I'll send you the deck by friday."
    suggested = log(as_alice, person_ids=[jane], summary=note, next_steps=[]).json()
    assert suggested["steps"] == []
    assert [(p["text"], p["due"], p["ball"]) for p in suggested["promises_found"]] == [
        ("send the deck", "2026-11-27", "mine")
    ]
    recorded = log(as_alice, person_ids=[jane], summary=note, next_steps=[], promises="record").json()
    assert recorded["promises_found"] == []
    assert [(s["text"], s["promise"]) for s in recorded["steps"]] == [("send the deck", True)]
    assert recorded["steps"][0]["source_sentence"].startswith("I'll send you the deck")
    ignored = log(as_alice, person_ids=[jane], summary=note, next_steps=[], promises="ignore").json()
    assert ignored["promises_found"] == [] and ignored["steps"] == []


def test_bad_logs_are_400_and_write_nothing(as_alice, network):
    from goodwill.models import Interaction

    jane = network["jane"].pk
    before = Interaction.objects.count()
    for body, words in [
        ({"kind": "fax", "person_ids": [jane], "next_steps": []}, "kind"),
        ({"person_ids": [], "next_steps": []}, "person_ids"),
        ({"person_ids": [jane], "summary": "  ", "next_steps": []}, "the note is empty"),
        ({"person_ids": [jane], "next_steps": [], "awaiting_reply": True}, "inbound"),
        ({"person_ids": [jane], "next_steps": [], "when": "2027-01-01T10:00:00Z"}, "in the future"),
        ({"person_ids": [jane], "next_steps": [{"text": " "}]}, "needs words"),
        ({"person_ids": [jane, 999999], "next_steps": []}, "no person with id 999999"),
    ]:
        response = log(as_alice, **body)
        assert response.status_code in (400, 404), (body, response.content)
        assert words in response.json()["detail"], response.json()
    assert Interaction.objects.count() == before


def test_a_persons_interactions_newest_first_with_paging(as_alice, network):
    jane = network["jane"].pk
    page = as_alice.get(f"/people/{jane}/interactions", {"limit": 1}).json()
    assert page["count"] == 2
    assert [i["summary"] for i in page["items"]] == ["Asked about the lease"]
    assert page["items"][0]["awaiting_reply"] is True
