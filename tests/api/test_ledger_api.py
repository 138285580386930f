"""The referral ledger over the API."""

from __future__ import annotations


def test_record_given_and_received_and_read_the_sheet(as_alice, network):
    jane, sam = network["jane"].pk, network["sam"].pk
    given = as_alice.post(
        "/ledger/entries",
        {
            "person_id": jane,
            "kind": "referral",
            "direction": "given",
            "amount": 2500,
            "currency": "usd",
            "description": "  Sent  Bob ",
        },
    )
    assert given.status_code == 201, given.content
    entry = given.json()
    assert (entry["amount"], entry["currency"], entry["status"], entry["description"]) == (
        "2500.00",
        "USD",
        "pending",
        "Sent Bob",
    )
    business = as_alice.post(
        "/ledger/entries",
        {
            "person_id": jane,
            "kind": "business",
            "direction": "received",
            "amount": "12000.5",
            "currency": "EUR",
            "source_id": sam,
            "on": "2026-11-02",
        },
    )
    assert business.status_code == 201 and business.json()["source"]["name"] == "Sam Lee"
    sheet = as_alice.get("/ledger").json()
    assert (sheet["total_given"], sheet["total_received"], sheet["total_equity"]) == (3, 3, 0)
    assert sheet["value_given"] == {"USD": "2500.00"} and sheet["value_received"] == {"EUR": "12000.50"}
    assert [s["person"]["name"] for s in sheet["lead_sources"]] == ["Sam Lee"]
    assert sheet["by_quarter"][-1] == {"quarter": "2026-Q4", "given": 3, "received": 3}
    only_sam = as_alice.get("/ledger", {"person_id": sam}).json()
    assert only_sam["people"] == []
    listed = as_alice.get("/ledger/entries", {"person_id": jane}).json()
    assert listed["count"] == 2 and listed["items"][0]["kind"] == "referral"  # newest first


def test_won_lost_and_remove(as_alice, network):
    jane = network["jane"].pk
    entry = as_alice.post("/ledger/entries", {"person_id": jane, "kind": "lead", "direction": "received"}).json()
    won = as_alice.post(f"/ledger/entries/{entry['id']}/status", {"status": "won", "amount": 900, "currency": "GBP"})
    assert won.json()["status"] == "won" and won.json()["amount"] == "900.00"
    assert as_alice.get(f"/ledger/entries/{entry['id']}").json()["currency"] == "GBP"
    assert as_alice.delete(f"/ledger/entries/{entry['id']}").status_code == 204
    assert as_alice.get(f"/ledger/entries/{entry['id']}").status_code == 404


def test_ledger_mistakes_are_one_line_400s(as_alice, network):
    from goodwill.models import Exchange

    jane = network["jane"].pk
    for body, words in [
        ({"kind": "advice", "direction": "given", "amount": 10, "currency": "USD"}, "carries no amount"),
        ({"kind": "referral", "direction": "given", "amount": "€10", "currency": "USD"}, "is in EUR, not USD"),
        ({"kind": "referral", "direction": "given", "amount": 10, "currency": "XYZ"}, "ISO 4217"),
        ({"kind": "referral", "direction": "given", "on": "2027-01-01"}, "in the future"),
        ({"kind": "referral", "direction": "given", "amount": -5, "currency": "USD"}, "amount"),
        ({"kind": "gift", "direction": "given"}, "kind"),
        ({"kind": "advice", "direction": "given", "status": "won"}, "only referrals and leads"),
    ]:
        response = as_alice.post("/ledger/entries", {"person_id": jane, **body})
        assert response.status_code == 400, (body, response.content)
        assert words in response.json()["detail"]
    assert Exchange.objects.count() == 0
