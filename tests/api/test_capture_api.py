"""/api/v1/capture: set up, list, run, pause and remove sources; the offered promises."""

from __future__ import annotations

from datetime import timedelta

from goodwill.models import CaptureSource, Interaction, UpcomingMeeting
from goodwill.services.people import PersonFields, add_person
from tests.capture_servers import calendar, event, ics_server  # noqa: F401 - the fixture


def test_a_calendar_source_through_the_api(as_alice, alice, now, ics_server):
    add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"]))
    ics_server.text = calendar(
        event("past-1", now - timedelta(days=1), "Coffee", "jane@example.com"),
        event("ahead-1", now + timedelta(hours=2), "Deck review", "jane@example.com"),
    )
    made = as_alice.post(
        "/capture/sources",
        {"kind": "ics", "name": "Calendar", "url": ics_server.url, "user": "ann", "password": "pw-123"},
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["kind"] == "ics" and body["last_run_at"] is None and ics_server.requests == 0
    assert "pw-123" not in made.content.decode() and "private-abc123" not in made.content.decode()
    source_id = body["id"]

    ran = as_alice.post(f"/capture/sources/{source_id}/run")
    assert ran.status_code == 200, ran.content
    assert ran.json()["summary"] == "1 meeting(s) logged, 1 meeting(s) ahead with people you know"
    assert ran.json()["source"]["last_ok_at"] is not None
    assert Interaction.objects.count() == 1 and UpcomingMeeting.objects.count() == 1

    paused = as_alice.patch(f"/capture/sources/{source_id}", {"paused": True})
    assert paused.status_code == 200 and paused.json()["paused"] is True
    refused = as_alice.post(f"/capture/sources/{source_id}/run")
    assert refused.status_code == 400 and "is paused" in refused.json()["detail"]

    assert [s["name"] for s in as_alice.get("/capture/sources").json()] == ["Calendar"]
    assert as_alice.delete(f"/capture/sources/{source_id}").status_code == 204
    assert not CaptureSource.objects.exists() and not UpcomingMeeting.objects.exists()


def test_a_source_that_cannot_work_is_a_400_with_one_line(as_alice, now):
    response = as_alice.post(
        "/capture/sources", {"kind": "imap", "name": "Mail", "host": "imap.example.com", "user": "ann"}
    )
    assert response.status_code == 400 and response.json()["detail"] == "no password for the IMAP login"
    response = as_alice.post("/capture/sources", {"kind": "ics", "name": "Cal", "url": "http://example.com/c.ics"})
    assert response.status_code == 400 and "unencrypted" in response.json()["detail"]
    assert not CaptureSource.objects.exists()
