"""Profiles over the API: needs, interests and offers; industry, role and place; suggestions
from notes; confidential entries only when asked for."""

from __future__ import annotations

import json

SECRET = "a buyer for her company"


def test_add_read_close_and_remove_entries(as_alice, network):
    jane = network["jane"].pk
    need = as_alice.post(
        f"/people/{jane}/profile",
        {"kind": "need", "text": "a fractional CFO", "since": "2026-10-01", "confidentiality": "shareable"},
    )
    assert need.status_code == 201, need.content
    assert need.json()["since"] == "2026-10-01" and need.json()["person"]["name"] == "Jane Doe"
    offer = as_alice.post(f"/people/{jane}/profile", {"kind": "offer", "text": "Texas real estate law"}).json()
    assert offer["confidentiality"] == "private" and offer["since"] is None
    today_need = as_alice.post(f"/people/{jane}/profile", {"kind": "need", "text": "office space"}).json()
    assert today_need["since"] == "2026-11-23"  # a need is dated today unless told otherwise
    profile = as_alice.get(f"/people/{jane}/profile").json()
    assert [(e["kind"], e["text"]) for e in profile["entries"]] == [
        ("need", "office space"),
        ("need", "a fractional CFO"),
        ("offer", "Texas real estate law"),
    ]
    closed = as_alice.post(f"/profile/entries/{need.json()['id']}/close")
    assert closed.status_code == 200 and closed.json()["active"] is False and closed.json()["closed_on"] == "2026-11-23"
    assert as_alice.post(f"/profile/entries/{need.json()['id']}/close").status_code == 400  # already closed
    open_now = [e["text"] for e in as_alice.get(f"/people/{jane}/profile").json()["entries"]]
    assert "a fractional CFO" not in open_now
    history = [e["text"] for e in as_alice.get(f"/people/{jane}/profile", {"closed": "true"}).json()["entries"]]
    assert "a fractional CFO" in history
    assert as_alice.delete(f"/profile/entries/{offer['id']}").status_code == 204
    assert as_alice.delete(f"/profile/entries/{offer['id']}").status_code == 404


def test_confidential_entries_only_when_asked(as_alice, network):
    jane = network["jane"].pk
    written = as_alice.post(
        f"/people/{jane}/profile", {"kind": "need", "text": SECRET, "confidentiality": "confidential"}
    )
    assert written.status_code == 201 and written.json()["text"] == "[confidential]"
    plain = as_alice.get(f"/people/{jane}/profile")
    assert SECRET not in plain.content.decode() and plain.json()["confidential_withheld"] == 1
    full = as_alice.get(f"/people/{jane}/profile", {"confidential": "true"}).json()
    assert [e["text"] for e in full["entries"]] == [SECRET] and full["confidential_withheld"] == 0
    # Nor does it feed pass-on reasons, introductions or ideas.
    elsewhere = [
        as_alice.get("/pass-on", {"text": "buyer company acquisition", "limit": 100}),
        as_alice.get("/introductions/suggestions"),
        as_alice.get(f"/people/{jane}/ideas"),
        as_alice.get("/ideas"),
        as_alice.get(f"/people/{jane}"),
    ]
    assert SECRET not in json.dumps([a.json() for a in elsewhere])


def test_industry_role_and_location(as_alice, network):
    jane = network["jane"].pk
    response = as_alice.patch(
        f"/people/{jane}/profile", {"industry": "Real estate", "role": "Managing partner", "location": "Austin, TX"}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["industry"], data["role"], data["location"]) == ("Real estate", "Managing partner", "Austin, TX")
    assert data["place"].startswith("Austin")
    only_industry = as_alice.patch(f"/people/{jane}/profile", {"industry": "Law"}).json()
    assert (only_industry["industry"], only_industry["role"]) == ("Law", "Managing partner")  # the rest stays
    nothing = as_alice.patch(f"/people/{jane}/profile", {})
    assert nothing.status_code == 400 and nothing.json()["detail"].startswith("nothing to set")


def test_suggestions_from_notes_are_added_only_when_accepted(as_alice, network):
    from goodwill.services.notes import add_note

    jane = network["jane"]
    add_note(jane.owner, jane, "She is looking for a board seat.", "private")
    add_note(jane.owner, jane, "Told me she is looking for a buyer quietly.", "confidential")
    found = as_alice.get(f"/people/{jane.pk}/profile/suggestions").json()
    assert {(s["kind"], s["text"]) for s in found} == {("interest", "jazz"), ("need", "a board seat")}
    assert "buyer" not in json.dumps(found)  # confidential notes are never read
    assert as_alice.get(f"/people/{jane.pk}/profile").json()["entries"] == []
    board = next(s for s in found if s["text"] == "a board seat")
    added = as_alice.post(f"/people/{jane.pk}/profile/suggestions/accept", {"numbers": [board["number"]]})
    assert added.status_code == 201 and [(e["kind"], e["text"]) for e in added.json()] == [("need", "a board seat")]
    wrong = as_alice.post(f"/people/{jane.pk}/profile/suggestions/accept", {"numbers": [99]})
    assert wrong.status_code == 400 and "no suggestion number 99" in wrong.json()["detail"]


def test_bad_entries_say_what_is_wrong(as_alice, network):
    jane = network["jane"].pk
    cases = [
        ({"kind": "wish", "text": "x"}, "kind"),
        ({"kind": "need", "text": "   "}, "a profile entry needs words"),
        ({"kind": "need", "text": "x" * 301}, "text"),
        ({"kind": "need", "text": "a CFO", "since": "2027-01-01"}, "in the future"),
        ({"kind": "need", "text": "a CFO", "confidentiality": "secret"}, "confidentiality"),
    ]
    for body, message in cases:
        response = as_alice.post(f"/people/{jane}/profile", body)
        assert response.status_code == 400 and message in response.json()["detail"], (body, response.content)
    as_alice.post(f"/people/{jane}/profile", {"kind": "need", "text": "a CFO"})
    twice = as_alice.post(f"/people/{jane}/profile", {"kind": "need", "text": "A CFO"})
    assert twice.status_code == 400 and "already has the need" in twice.json()["detail"]


def test_another_users_entry_is_not_there(as_alice, as_charlie, network):
    entry = as_alice.post(f"/people/{network['jane'].pk}/profile", {"kind": "interest", "text": "sailing"}).json()
    for call in (
        lambda: as_charlie.post(f"/profile/entries/{entry['id']}/close"),
        lambda: as_charlie.delete(f"/profile/entries/{entry['id']}"),
    ):
        response = call()
        assert response.status_code == 404 and "sailing" not in response.content.decode()
    assert as_alice.get(f"/people/{network['jane'].pk}/profile").json()["entries"][0]["active"] is True
