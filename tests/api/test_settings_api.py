"""My settings over the API, as `goodwill config` and the Settings page have them: the signature drafts are signed
with (issue 12), checked the same way, and each user's own; a share answers with the address and a mailto: link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit


def test_read_and_change_the_signature(as_alice, alice):
    data = as_alice.get("/settings").json()
    assert data["signature"] == "" and data["signed_as"] == "alice" and data["weekly_goal"] == 5
    changed = as_alice.patch("/settings", {"signature": "  Alice Adams,  Adams & Co ", "weekly_goal": 7})
    assert changed.status_code == 200, changed.content
    assert changed.json()["signature"] == "Alice Adams, Adams & Co" and changed.json()["weekly_goal"] == 7
    assert as_alice.patch("/settings", {"signature": ""}).json()["signed_as"] == "alice"


def test_bad_values_change_nothing(as_alice, alice):
    too_long = as_alice.patch("/settings", {"weekly_goal": 9, "signature": "x" * 201})
    assert too_long.status_code == 400 and "keep it to 200" in too_long.json()["detail"]
    assert as_alice.get("/settings").json()["weekly_goal"] == 5  # all or nothing
    typo = as_alice.patch("/settings", {"signatur": "Alice"})
    assert typo.status_code in (400, 422) and "signatur" in typo.json()["detail"]


def test_each_user_has_their_own(as_alice, as_charlie):
    as_alice.patch("/settings", {"signature": "Alice Adams"})
    assert as_charlie.get("/settings").json()["signature"] == ""


def test_a_share_answers_with_the_address_and_a_signed_mailto(as_alice, alice, network):
    as_alice.patch("/settings", {"signature": "Alice Adams"})
    jane = network["jane"]
    response = as_alice.post("/pass-on", {"text": "Austin jazz festival lineup", "person_ids": [jane.pk]})
    assert response.status_code == 201, response.content
    (sent,) = response.json()
    assert sent["draft"].endswith("Best,\nAlice Adams")
    link = urlsplit(sent["mailto"])
    assert sent["email"] and link.path == sent["email"]
    assert parse_qs(link.query) == {"subject": ["Austin jazz festival lineup"], "body": [sent["draft"]]}
