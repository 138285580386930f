"""The Capture section of Settings: set up a calendar, run it now, pause, resume and remove
it; confirm or dismiss an offered promise. Only the owner can; anyone else gets a 404, and
a visitor who is not logged in is sent to the login page."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest

from goodwill.models import CaptureSource, ImportBatch, Interaction, NextStep
from goodwill.services.capture_sources import add_calendar_source
from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
from goodwill.services.people import PersonFields, add_person
from goodwill.services.promise_offers import offer_promise, pending_offers
from tests.capture_servers import calendar, event, ics_server  # noqa: F401 - the fixture


def test_set_up_and_run_a_calendar_from_settings(alice, as_alice, now, ics_server):
    add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"]))
    ics_server.text = calendar(event("past-1", now - timedelta(days=1), "Coffee", "jane@example.com"))
    page = as_alice.get("/settings/").content.decode()
    assert "Capture" in page and "No sources yet." in page

    added = as_alice.post(
        "/settings/capture/calendar", {"name": "Work", "url": ics_server.url, "every": "20"}, follow=True
    )
    body = html.unescape(added.content.decode())
    assert '"Work" is set up; it is read every 20 minutes. Nothing was fetched yet.' in body
    assert "not run yet" in body and "private-abc123" not in body and ics_server.requests == 0
    source = CaptureSource.objects.get(owner=alice)

    ran = html.unescape(as_alice.post(f"/settings/capture/{source.pk}/run", follow=True).content.decode())
    assert "Read it now: 1 meeting(s) logged" in ran and Interaction.objects.filter(owner=alice).count() == 1

    paused = as_alice.post(f"/settings/capture/{source.pk}/pause", follow=True).content.decode()
    assert "is paused" in paused and "Resume" in paused
    as_alice.post(f"/settings/capture/{source.pk}/resume")
    assert not CaptureSource.objects.get(pk=source.pk).paused
    as_alice.post(f"/settings/capture/{source.pk}/remove")
    assert not CaptureSource.objects.exists()


def test_a_mistake_is_one_line_on_the_page(alice, as_alice, now):
    answer = as_alice.post(
        "/settings/capture/mail",
        {"name": "Mail", "host": "imap.example.com", "user": "ann", "password": ""},
        follow=True,
    )
    assert "no password for the IMAP login" in answer.content.decode()
    answer = as_alice.post(
        "/settings/capture/calendar", {"name": "Cal", "url": "http://example.com/c.ics"}, follow=True
    )
    assert "unencrypted" in answer.content.decode()
    assert not CaptureSource.objects.exists()


@pytest.fixture
def offered(alice, now):
    jane = add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"]))
    email = log_interaction(alice, LogRequest(kind="email", people=[jane], summary="Deck")).interaction
    batch = ImportBatch.objects.create(owner=alice, source="imap", filename="imap://x", created_at=now)
    return offer_promise(alice, batch, jane, StepRequest(text="send the deck"), email)


def test_an_offered_promise_is_confirmed_from_settings(alice, as_alice, offered):
    page = as_alice.get("/settings/").content.decode()
    assert "Promises found in your sent mail" in page and "To Jane Doe: send the deck" in page
    as_alice.post(f"/settings/capture/offers/{offered.pk}/accept")
    assert list(NextStep.objects.filter(owner=alice).values_list("text", flat=True)) == ["send the deck"]
    assert pending_offers(alice) == []


def _actions(source_id: int, offer_id: int) -> list[str]:
    return [
        *(f"/settings/capture/{source_id}/{verb}" for verb in ("run", "check", "pause", "resume", "remove")),
        f"/settings/capture/offers/{offer_id}/accept",
        f"/settings/capture/offers/{offer_id}/dismiss",
    ]


def test_nobody_else_can_touch_a_source_or_an_offer(alice, bob, as_charlie, as_user, anonymous, now, offered):
    source = add_calendar_source(alice, "Alices diary", "https://calendar.example.com/private-abc123/c.ics")
    for client in (as_charlie, as_user(bob)):
        page = client.get("/settings/").content.decode()
        assert "Alices diary" not in page and "Jane Doe" not in page and "No sources yet." in page
        for url in _actions(source.pk, offered.pk):
            assert client.post(url).status_code == 404, url
    for url in _actions(source.pk, offered.pk):
        response = anonymous.post(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    for url in ("/settings/capture/mail", "/settings/capture/calendar"):
        assert anonymous.post(url, {"name": "X", "url": "https://example.com/c.ics"}).status_code == 302
    source.refresh_from_db()
    assert source.last_run_at is None and not source.paused
    assert CaptureSource.objects.count() == 1 and len(pending_offers(alice)) == 1
    assert as_charlie.get(f"/settings/capture/{source.pk}/remove").status_code in (404, 405)


def test_a_failed_run_shows_its_reason_on_the_page(alice, as_alice, now, ics_server):
    ics_server.login = ("ann", "right")
    source = add_calendar_source(alice, "Diary", ics_server.url, user="ann", password="wrong")
    answer = html.unescape(as_alice.post(f"/settings/capture/{source.pk}/run", follow=True).content.decode())
    assert "answered 401 (Unauthorized); check the login and password" in answer
    page = html.unescape(as_alice.get("/settings/").content.decode())
    assert "Mon 23 Nov, 09:00: " in page and "answered 401" in page
