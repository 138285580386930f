"""The API takes kinds as people say them and gives the word back as kind_label."""

from __future__ import annotations


def test_lunch_is_a_meeting_with_its_word_kept(as_alice, network):
    jane = network["jane"].pk
    response = as_alice.post(
        "/interactions", {"kind": "Lunch", "person_ids": [jane], "summary": "Talked shop", "next_steps": []}
    )
    assert response.status_code == 201, response.content
    interaction = response.json()["interaction"]
    assert (interaction["kind"], interaction["kind_label"]) == ("meeting", "lunch")
    listed = as_alice.get(f"/people/{jane}/interactions").json()["items"][0]
    assert (listed["kind"], listed["kind_label"]) == ("meeting", "lunch")
    plain = as_alice.post(
        "/interactions", {"kind": "call", "person_ids": [jane], "summary": "Rang", "next_steps": []}
    ).json()["interaction"]
    assert (plain["kind"], plain["kind_label"]) == ("call", "")


def test_an_unknown_kind_is_refused_naming_the_kinds(as_alice, network):
    from goodwill.models import Interaction

    response = as_alice.post(
        "/interactions", {"kind": "fax", "person_ids": [network["jane"].pk], "summary": "Sent", "next_steps": []}
    )
    assert response.status_code == 400 and "lunch, coffee" in response.json()["detail"]
    assert not Interaction.objects.filter(summary="Sent").exists()


def test_promises_suggested_by_a_log_are_recorded_later_once(as_alice, network):
    from goodwill.models import Interaction, NextStep

    jane = network["jane"].pk
    logged = as_alice.post(
        "/interactions",
        {
            "kind": "coffee",
            "person_ids": [jane],
            "next_steps": [],
            "summary": "Coffee. I'll send you the deck by friday. She'll send me her CV.",
        },
    ).json()
    assert [p["text"] for p in logged["promises_found"]] == ["send the deck", "send her CV"]
    pk = logged["interaction"]["id"]
    first = as_alice.post(f"/interactions/{pk}/promises", {"numbers": [2]})
    assert first.status_code == 201, first.content
    assert [(s["text"], s["ball"]) for s in first.json()["steps"]] == [("send her CV", "theirs")]
    every = as_alice.post(f"/interactions/{pk}/promises", {}).json()
    assert [s["text"] for s in every["steps"]] == ["send the deck"] and every["already_recorded"] == 1
    assert NextStep.objects.filter(interaction_id=pk).count() == 2
    assert Interaction.objects.filter(kind_label="coffee").count() == 1
    bad = as_alice.post(f"/interactions/{pk}/promises", {"numbers": [5]})
    assert bad.status_code == 400 and "not one of 1 to 2" in bad.json()["detail"]
