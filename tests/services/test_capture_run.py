"""run_source against real servers the tests start on 127.0.0.1: an ICS address (a stdlib
http.server thread), a CalDAV calendar (Radicale) and a mailbox (dovecot). A past meeting is
logged once, the run is undoable, meetings ahead become UpcomingMeeting rows, a paused
source reads nothing, and promises in sent mail are offered, not recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from goodwill.errors import InvalidInput
from goodwill.models import CaptureSource, ImportBatch, Interaction, NextStep, UpcomingMeeting
from goodwill.services.capture import check_source, run_source
from goodwill.services.capture_sources import add_calendar_source, add_imap_source, pause_source
from goodwill.services.contacts_import.undo import undo_import
from goodwill.services.people import PersonFields, add_person
from goodwill.services.promise_offers import accept_offer, dismiss_offer, pending_offers
from tests.capture_servers import CALDAV_PASSWORD, CALDAV_USER, event, ics_server, radicale  # noqa: F401
from tests.services.test_mail_sync import PASSWORD, USER, dovecot, mail  # noqa: F401


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"]))


def _meetings(now):
    return [
        event("past-1", now - timedelta(days=2), "Coffee with Jane", "jane@example.com", "ann@example.com"),
        event("past-stranger", now - timedelta(days=1), "Dentist", "desk@dentist.example"),
        event("past-cancelled", now - timedelta(days=3), "Lunch", "jane@example.com", status="CANCELLED"),
        event("past-old", now - timedelta(days=60), "Old meeting", "jane@example.com"),
        event("ahead-1", now + timedelta(hours=6), "Deck review", "jane@example.com"),
        event("ahead-far", now + timedelta(days=5), "Next week", "jane@example.com"),
    ]


def test_an_ics_address_logs_past_meetings_once_and_keeps_those_ahead(alice, jane, now, ics_server):
    from tests.capture_servers import calendar

    ics_server.text = calendar(*_meetings(now))
    source = add_calendar_source(alice, "Calendar", ics_server.url)
    assert ics_server.requests == 0  # setting up fetches nothing

    outcome = run_source(source)
    assert outcome.summary == "1 meeting(s) logged, 1 meeting(s) ahead with people you know"
    logged = Interaction.objects.get(owner=alice)
    assert (logged.kind, logged.summary, logged.external_id) == ("meeting", "Coffee with Jane", "ics:past-1")
    jane.refresh_from_db()
    assert jane.last_touch_at == now - timedelta(days=2)  # the touch resets her rhythm
    ahead = UpcomingMeeting.objects.get(owner=alice)
    assert (ahead.title, ahead.starts_at, list(ahead.people.all())) == ("Deck review", now + timedelta(hours=6), [jane])
    source.refresh_from_db()
    assert source.last_run_at == now and source.last_ok_at == now and source.last_error == ""
    assert source.last_summary == outcome.summary

    again = run_source(source)  # idempotent: nothing new, the row ahead kept (its id too), not doubled
    assert again.summary.startswith("no new meetings to log")
    assert Interaction.objects.filter(owner=alice).count() == 1
    assert list(UpcomingMeeting.objects.filter(owner=alice).values_list("pk", flat=True)) == [ahead.pk]
    assert ImportBatch.objects.filter(owner=alice).count() == 1  # a run that logged nothing keeps no batch

    undo_import(alice, ImportBatch.objects.get(owner=alice).pk)
    assert not Interaction.objects.filter(owner=alice).exists()


def test_a_meeting_ahead_that_moves_or_is_cancelled_changes_on_the_next_run(alice, jane, now, ics_server):
    from tests.capture_servers import calendar

    ics_server.text = calendar(event("ahead-1", now + timedelta(hours=6), "Deck review", "jane@example.com"))
    source = add_calendar_source(alice, "Calendar", ics_server.url)
    run_source(source)
    assert UpcomingMeeting.objects.filter(owner=alice).count() == 1
    ics_server.text = calendar(event("ahead-1", now + timedelta(hours=8), "Deck review (moved)", "jane@example.com"))
    run_source(source)
    moved = UpcomingMeeting.objects.get(owner=alice)
    assert (moved.title, moved.starts_at) == ("Deck review (moved)", now + timedelta(hours=8))
    ics_server.text = calendar(
        event("ahead-1", now + timedelta(hours=6), "Deck review", "jane@example.com", status="CANCELLED")
    )
    run_source(source)
    assert not UpcomingMeeting.objects.filter(owner=alice).exists()


def test_a_paused_source_reads_nothing(alice, jane, now, ics_server):
    source = add_calendar_source(alice, "Calendar", ics_server.url)
    pause_source(alice, source.pk)
    outcome = run_source(source)
    assert outcome.skipped and ics_server.requests == 0
    assert CaptureSource.objects.get(pk=source.pk).last_run_at is None


def test_a_failed_run_is_kept_on_the_source_and_raised(alice, now, ics_server):
    ics_server.login = ("ann", "right")
    source = add_calendar_source(alice, "Calendar", ics_server.url, user="ann", password="wrong")
    with pytest.raises(InvalidInput, match="answered 401.*check the login and password"):
        run_source(source)
    source.refresh_from_db()
    assert source.last_run_at == now and source.last_ok_at is None and "401" in source.last_error
    assert "private-abc123" not in source.last_error  # the address's token is not shown

    from goodwill.services.capture_sources import remove_source

    remove_source(alice, source.pk)
    assert run_source(source).skipped  # removed since it was queued: nothing to do


def test_a_login_to_an_ics_address_works(alice, jane, now, ics_server):
    from tests.capture_servers import calendar

    ics_server.login = ("ann", "right")
    ics_server.text = calendar(*_meetings(now))
    source = add_calendar_source(alice, "Calendar", ics_server.url, user="ann", password="right")
    assert check_source(alice, source.pk) == "read the calendar: 6 event(s)"
    assert not Interaction.objects.exists()  # the check writes nothing
    run_source(source)
    assert Interaction.objects.filter(owner=alice).count() == 1


def test_a_caldav_calendar_logs_past_meetings_once(alice, jane, now, radicale):
    calendar_obj = radicale.make_calendar()
    radicale.put(calendar_obj, *_meetings(now))
    source = add_calendar_source(
        alice, "Work", str(calendar_obj.url), user=CALDAV_USER, password=CALDAV_PASSWORD, kind="caldav"
    )
    outcome = run_source(source)
    assert outcome.summary == "1 meeting(s) logged, 1 meeting(s) ahead with people you know"
    assert list(Interaction.objects.filter(owner=alice).values_list("external_id", flat=True)) == ["ics:past-1"]
    assert list(UpcomingMeeting.objects.filter(owner=alice).values_list("title", flat=True)) == ["Deck review"]

    assert run_source(source).summary.startswith("no new meetings to log")
    assert Interaction.objects.filter(owner=alice).count() == 1

    batch = ImportBatch.objects.get(owner=alice)
    undo_import(alice, batch.pk)
    assert not Interaction.objects.filter(owner=alice).exists()


def test_a_wrong_caldav_password_is_one_line(alice, now, radicale):
    calendar_obj = radicale.make_calendar()
    source = add_calendar_source(alice, "Work", str(calendar_obj.url), user=CALDAV_USER, password="nope", kind="caldav")
    with pytest.raises(InvalidInput, match="refused the login for ann; check the login and the password"):
        run_source(source)


def _imap_source(owner, dovecot):  # noqa: F811
    return add_imap_source(
        owner, "Mail", "127.0.0.1", USER, PASSWORD, port=dovecot.port, security="plain", every_minutes=5
    )


def test_mail_logs_touches_and_replies_owed_and_offers_promises(alice, jane, now, dovecot):  # noqa: F811
    dovecot.deliver(
        mail(
            "Jane Doe <jane@example.com>",
            USER,
            "Budget",
            "Can you look at the budget?",
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
    source = _imap_source(alice, dovecot)
    outcome = run_source(source)
    assert outcome.summary == "2 new message(s), 2 logged, 1 reply(ies) owed, 1 promise(s) to confirm"
    assert Interaction.objects.get(owner=alice, external_id="mail:j1@example.com").awaiting_reply
    jane.refresh_from_db()
    assert jane.last_touch_at is not None
    assert not NextStep.objects.filter(owner=alice).exists()  # offered, never recorded silently
    [offer] = pending_offers(alice)
    assert (offer.person_name, offer.text) == ("Jane Doe", "send the deck")
    assert offer.due is not None and offer.due.isoformat() == "2026-11-27"

    assert run_source(source).summary == "no new mail"  # idempotent
    assert Interaction.objects.filter(owner=alice).count() == 2 and len(pending_offers(alice)) == 1

    step = accept_offer(alice, offer.id)
    assert (step.person, step.text, step.interaction.external_id) == (jane, "send the deck", "mail:a1@example.test")
    assert pending_offers(alice) == []
    undo_import(alice, ImportBatch.objects.get(owner=alice, source="imap").pk)
    assert not NextStep.objects.filter(owner=alice).exists()  # undoing the sync takes the accepted step too


def test_an_offer_can_be_dismissed_and_is_only_its_owners(alice, bob, jane, now, dovecot):  # noqa: F811
    from goodwill.errors import NotFound

    dovecot.deliver(
        mail(
            USER,
            "Jane Doe <jane@example.com>",
            "Deck",
            "I'll send you the deck by Friday.",
            "<a1@example.test>",
            "Sat, 21 Nov 2026 10:00:00 +0000",
        )
    )
    run_source(_imap_source(alice, dovecot))
    [offer] = pending_offers(alice)
    assert pending_offers(bob) == []
    for action in (accept_offer, dismiss_offer):
        with pytest.raises(NotFound):
            action(bob, offer.id)
    dismiss_offer(alice, offer.id)
    assert pending_offers(alice) == [] and not NextStep.objects.exists()


def test_a_wrong_mail_password_is_kept_as_the_last_error(alice, now, dovecot):  # noqa: F811
    source = add_imap_source(alice, "Mail", "127.0.0.1", USER, "wrong", port=dovecot.port, security="plain")
    with pytest.raises(InvalidInput, match="refused the login"):
        run_source(source)
    source.refresh_from_db()
    assert "refused the login" in source.last_error and source.last_ok_at is None


def test_a_caldav_servers_address_reads_each_of_my_calendars(alice, jane, now, radicale):
    work, home = radicale.make_calendar("work"), radicale.make_calendar("home")
    radicale.put(work, event("w-1", now - timedelta(days=1), "Budget", "jane@example.com"))
    weekly = event("h-1", now - timedelta(days=20), "Weekly run", "jane@example.com").replace(
        "END:VEVENT", "RRULE:FREQ=WEEKLY;COUNT=10\r\nEND:VEVENT"
    )
    radicale.put(home, weekly)
    source = add_calendar_source(alice, "All", radicale.url, user=CALDAV_USER, password=CALDAV_PASSWORD, kind="caldav")
    run_source(source)
    keys = sorted(Interaction.objects.filter(owner=alice).values_list("external_id", flat=True))
    # The weekly run's occurrences in the last 14 days, each logged once by its own date.
    assert keys == ["ics:h-1@2026-11-10T09:00:00+00:00", "ics:h-1@2026-11-17T09:00:00+00:00", "ics:w-1"]
    run_source(source)
    assert Interaction.objects.filter(owner=alice).count() == 3


def test_an_ics_address_never_follows_a_redirect_to_plain_http():
    import urllib.request

    from goodwill.services.calendar_fetch import _NoDowngrade

    request = urllib.request.Request("https://calendar.example.com/private-abc123/c.ics")
    with pytest.raises(InvalidInput, match="redirects to an unencrypted address; nothing was read"):
        _NoDowngrade().redirect_request(request, None, 302, "Found", {}, "http://calendar.example.com/c.ics")
    moved = _NoDowngrade().redirect_request(request, None, 302, "Found", {}, "https://other.example.com/c.ics")
    assert moved.full_url == "https://other.example.com/c.ics"
