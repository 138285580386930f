"""Set up in Settings, captured on the next scheduled run, without a command: a user adds a
mailbox (dovecot) and a CalDAV calendar (Radicale) through the web page, the scheduler ticks,
a worker runs both, and the touches, the reply owed, the promise offered and the meetings are
there; ticking again within the sources' rhythm runs nothing, and a paused source is not run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from goodwill.jobs import scheduler
from goodwill.jobs.worker import run_once
from goodwill.models import CaptureSource, Interaction, JobRun, JobStatus, NextStep, UpcomingMeeting
from goodwill.services.people import PersonFields, add_person
from goodwill.services.promise_offers import pending_offers
from tests.capture_servers import CALDAV_PASSWORD, CALDAV_USER, event, radicale  # noqa: F401 - the fixture
from tests.services.test_mail_sync import PASSWORD, USER, dovecot, mail  # noqa: F401 - the fixtures


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_settings_then_the_next_run_captures_mail_and_meetings(alice, now, dovecot, radicale):  # noqa: F811
    jane = add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"]))
    dovecot.deliver(
        mail(
            "Jane Doe <jane@example.com>",
            USER,
            "Budget",
            "Can you look at it?",
            "<j1@example.com>",
            "Fri, 20 Nov 2026 10:00:00 +0000",
        ),
        mail(
            USER,
            "Jane Doe <jane@example.com>",
            "Deck",
            "I'll send you the deck by Friday.",
            "<a1@example.test>",
            "Sat, 21 Nov 2026 10:00:00 +0000",
        ),
    )
    work = radicale.make_calendar()
    radicale.put(
        work,
        event("past-1", now - timedelta(days=1), "Coffee with Jane", "jane@example.com"),
        event("ahead-1", now + timedelta(hours=5), "Deck review", "jane@example.com"),
    )
    web = Client()
    web.force_login(alice)
    web.post(
        "/settings/capture/mail",
        {
            "name": "Inbox",
            "host": "127.0.0.1",
            "port": str(dovecot.port),
            "security": "plain",
            "user": USER,
            "password": PASSWORD,
            "every": "15",
        },
    )
    web.post(
        "/settings/capture/calendar",
        {"name": "Work", "url": str(work.url), "caldav": "1", "user": CALDAV_USER, "password": CALDAV_PASSWORD},
    )
    assert CaptureSource.objects.filter(owner=alice).count() == 2
    assert not Interaction.objects.exists()  # set up: nothing read yet

    runs = [r for r in scheduler.tick(now) if r.kind == "capture"]
    assert len(runs) == 2
    run_once("test-worker")
    for run in runs:
        run.refresh_from_db()
        assert run.status == JobStatus.DONE, run.error
    assert Interaction.objects.get(owner=alice, external_id="mail:j1@example.com").awaiting_reply  # a reply owed
    assert Interaction.objects.filter(owner=alice, external_id="ics:past-1", kind="meeting").exists()
    jane.refresh_from_db()
    assert jane.last_touch_at == now - timedelta(days=1)  # the meeting, the latest touch
    assert [o.text for o in pending_offers(alice)] == ["send the deck"] and not NextStep.objects.exists()
    assert list(UpcomingMeeting.objects.values_list("title", flat=True)) == ["Deck review"]

    # Five minutes on, within their 15: nothing runs again, nothing is logged twice.
    assert [r for r in scheduler.tick(now + timedelta(minutes=5)) if r.kind == "capture"] == []
    # A paused source is not run on its next slot; the other is, and logs nothing new.
    web.post(f"/settings/capture/{CaptureSource.objects.get(name='Work').pk}/pause")
    later = [r for r in scheduler.tick(now + timedelta(minutes=16)) if r.kind == "capture"]
    assert [r.source.name for r in later] == ["Inbox"]
    run_once("test-worker")
    assert Interaction.objects.filter(owner=alice).count() == 3
    assert JobRun.objects.filter(kind="capture", status=JobStatus.DONE).count() == 3
