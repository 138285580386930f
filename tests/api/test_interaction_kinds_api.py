"""The API takes kinds as people say them and gives the word back as kind_label."""
from __future__ import annotations


def test_lunch_is_a_meeting_with_its_word_kept(as_alice, network):
    jane = network["jane"].pk
    response = as_alice.post("/interactions", {"kind": "Lunch", "person_ids": [jane], "summary": "Talked shop",
                                               "next_steps": []})
    assert response.status_code == 201, response.content
    interaction = response.json()["interaction"]
    assert (interaction["kind"], interaction["kind_label"]) == ("meeting", "lunch")
    listed = as_alice.get(f"/people/{jane}/interactions").json()["items"][0]
    assert (listed["kind"], listed["kind_label"]) == ("meeting", "lunch")
    plain = as_alice.post("/interactions", {"kind": "call", "person_ids": [jane], "summary": "Rang",
                                            "next_steps": []}).json()["interaction"]
    assert (plain["kind"], plain["kind_label"]) == ("call", "")


def test_an_unknown_kind_is_refused_naming_the_kinds(as_alice, network):
    from goodwill.models import Interaction

    response = as_alice.post("/interactions", {"kind": "fax", "person_ids": [network["jane"].pk], "summary": "Sent",
                                               "next_steps": []})
    assert response.status_code == 400 and "lunch, coffee" in response.json()["detail"]
    assert not Interaction.objects.filter(summary="Sent").exists()
