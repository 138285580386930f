"""Double opt-in introductions over the API."""

from __future__ import annotations


def test_the_double_opt_in_from_proposal_to_business(as_alice, network):
    from goodwill.models import Exchange

    jane, sam = network["jane"].pk, network["sam"].pk
    proposed = as_alice.post("/introductions", {"person_a_id": jane, "person_b_id": sam, "why": "both love golf."})
    assert proposed.status_code == 201
    intro = proposed.json()
    assert intro["status"] == "asked_a" and intro["next"] == "waiting for Jane Doe's answer"
    assert intro["draft"].startswith("Hi Jane,") and "Sam Lee" in intro["draft"]
    out_of_turn = as_alice.post(f"/introductions/{intro['id']}/answer", {"side": "b", "answer": "yes"})
    assert out_of_turn.status_code == 400 and "double opt-in" in out_of_turn.json()["detail"]
    asked_b = as_alice.post(f"/introductions/{intro['id']}/answer", {"side": "a", "answer": "yes"}).json()
    assert asked_b["status"] == "asked_b" and asked_b["draft"].startswith("Hi Sam,")
    made = as_alice.post(f"/introductions/{intro['id']}/answer", {"side": "b", "answer": "yes"}).json()
    assert made["status"] == "introduced" and made["draft"].startswith("Subject: Introduction")
    assert Exchange.objects.filter(kind="introduction", direction="given").count() == 2
    met = as_alice.post(f"/introductions/{intro['id']}/outcome", {"outcome": "met", "note": "coffee"}).json()
    assert met["status"] == "met" and met["outcome_note"] == "coffee"
    done = as_alice.post(f"/introductions/{intro['id']}/outcome", {"outcome": "business"}).json()
    assert done["status"] == "business" and done["follow_up_on"] is None
    board = as_alice.get("/introductions").json()
    assert [(c["status"], [i["id"] for i in c["items"]]) for c in board] == [("business", [intro["id"]])]


def test_declined_and_duplicates_and_self(as_alice, network):
    jane, sam = network["jane"].pk, network["sam"].pk
    intro = as_alice.post("/introductions", {"person_a_id": jane, "person_b_id": sam, "why": "golf"}).json()
    twice = as_alice.post("/introductions", {"person_a_id": sam, "person_b_id": jane, "why": "golf again"})
    assert twice.status_code == 400 and "already under way" in twice.json()["detail"]
    itself = as_alice.post("/introductions", {"person_a_id": jane, "person_b_id": jane, "why": "x"})
    assert itself.status_code == 400 and "themselves" in itself.json()["detail"]
    declined = as_alice.post(f"/introductions/{intro['id']}/answer", {"side": "a", "answer": "no"}).json()
    assert declined["status"] == "declined" and declined["declined_by"] == "a"
    too_soon = as_alice.post(f"/introductions/{intro['id']}/outcome", {"outcome": "met"})
    assert too_soon.status_code == 400


def test_follow_ups_and_later(as_alice, network, set_now):
    jane, sam = network["jane"].pk, network["sam"].pk
    intro = as_alice.post("/introductions", {"person_a_id": jane, "person_b_id": sam, "why": "golf"}).json()
    assert as_alice.get("/introductions/follow-ups").json() == []
    set_now("2026-11-27T09:00:00+00:00")
    assert [i["id"] for i in as_alice.get("/introductions/follow-ups").json()] == [intro["id"]]
    later = as_alice.post(f"/introductions/{intro['id']}/later", {"follow_up_on": "2026-12-03"})
    assert later.json()["follow_up_on"] == "2026-12-03"
    assert as_alice.get("/introductions/follow-ups").json() == []
    past = as_alice.post(f"/introductions/{intro['id']}/later", {"follow_up_on": "2026-11-01"})
    assert past.status_code == 400


def test_suggestions_match_a_need_to_an_offer_and_skip_confidential(as_alice, alice, network, now):
    from goodwill.models import ProfileEntry

    def entry(person, kind, text, level="shareable"):
        ProfileEntry.objects.create(
            owner=alice, person=person, kind=kind, text=text, confidentiality=level, created_at=now
        )

    entry(network["jane"], "need", "a tax accountant")
    entry(network["sam"], "offer", "tax accounting for small firms")
    found = as_alice.get("/introductions/suggestions").json()
    assert [(s["needs"]["name"], s["offers"]["name"]) for s in found] == [("Jane Doe", "Sam Lee")]
    ProfileEntry.objects.filter(kind="need").update(confidentiality="confidential")
    assert as_alice.get("/introductions/suggestions").json() == []
