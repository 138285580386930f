"""`goodwill calendar` and the feed behind it, read back with icalendar and vobject."""

import os
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import vobject

from goodwill.queries.calendar import build_feed
from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person, archive_person, snooze_person
from goodwill.services.steps import add_step

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def fails(result, *words):
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output, result.output
    for word in words:
        assert word in result.output, result.output


def by_summary(text: str) -> dict:
    cal = icalendar.Calendar.from_ical(text)
    return {str(c["SUMMARY"]): c for c in cal.walk() if c.name in ("VEVENT", "VTODO")}


@pytest.fixture
def network(me, now):
    jane = add_person(me, PersonFields(name="Jane Doe", cadence_days=14))
    log_interaction(me, LogRequest(kind="call", people=[jane], summary="Budget call", when=NOW - timedelta(days=10)))
    sam = add_person(me, PersonFields(name="Sam Lee, Jr.", cadence_days=30))
    log_interaction(me, LogRequest(kind="email", people=[sam], summary="Intro", when=NOW - timedelta(days=100)))
    add_step(me, jane, "send the deck", due=date(2026, 11, 27))
    add_step(me, jane, "send her CV", due=date(2026, 11, 24), ball="theirs")
    add_step(me, sam, "lunch", due=date(2026, 11, 20), ball="both", firm=False)  # overdue
    add_step(me, jane, "far away", due=date(2027, 6, 1))
    add_step(me, jane, "someday")  # no date: not in a calendar
    far = add_person(me, PersonFields(name="Far Future", cadence_days=365))
    log_interaction(me, LogRequest(kind="call", people=[far], summary="x", when=NOW - timedelta(days=1)))
    return jane, sam


def test_touch_dates_steps_and_promises(cli, network):
    text = ok(cli("calendar", "--days", "14"))
    entries = by_summary(text)
    assert set(entries) == {
        "Touch base: Jane Doe",
        "Touch base: Sam Lee, Jr.",
        "I owe Jane Doe: send the deck",
        "Jane Doe owes me: send her CV",
        "With Sam Lee, Jr. (we agreed): lunch",
    }
    jane = entries["Touch base: Jane Doe"]
    assert jane.name == "VEVENT" and jane["DTSTART"].dt == date(2026, 11, 27)
    assert jane.walk("VALARM") and "every 14 days" in str(jane["DESCRIPTION"])
    overdue_touch = entries["Touch base: Sam Lee, Jr."]
    assert overdue_touch["DTSTART"].dt == date(2026, 11, 23)  # overdue: today
    deck = entries["I owe Jane Doe: send the deck"]
    assert deck.name == "VTODO" and deck["DUE"].dt == date(2026, 11, 27) and deck.walk("VALARM")
    lunch = entries["With Sam Lee, Jr. (we agreed): lunch"]
    assert lunch["DUE"].dt == date(2026, 11, 20) and int(lunch["PRIORITY"]) == 1
    # The independent parser agrees.
    parsed = vobject.readOne(text)
    assert {e.summary.value for e in parsed.vevent_list} == {"Touch base: Jane Doe", "Touch base: Sam Lee, Jr."}
    assert {t.summary.value for t in parsed.vtodo_list} == {
        "I owe Jane Doe: send the deck",
        "Jane Doe owes me: send her CV",
        "With Sam Lee, Jr. (we agreed): lunch",
    }
    assert all(t.valarm.trigger.value == timedelta(hours=9) for t in parsed.vtodo_list)


def test_days_window(cli, network):
    assert "Touch base: Jane Doe" not in by_summary(ok(cli("calendar", "--days", "3")))
    assert "I owe Jane Doe: far away" in by_summary(ok(cli("calendar", "--days", "366")))


def test_uids_are_stable_across_runs_and_follow_the_record(cli, me, network, set_now):
    jane, _ = network
    first = {str(c["SUMMARY"]): str(c["UID"]) for c in by_summary(ok(cli("calendar"))).values()}
    assert len(set(first.values())) == len(first)
    set_now("2026-11-25T09:00:00+00:00")
    log_interaction(
        me, LogRequest(kind="call", people=[jane], summary="Caught up", when=datetime(2026, 11, 24, 15, tzinfo=UTC))
    )
    second = by_summary(ok(cli("calendar")))
    assert {s: str(c["UID"]) for s, c in second.items()} == first
    # The touch date moved with the new touch; same UID, so a subscriber updates it in place.
    assert second["Touch base: Jane Doe"]["DTSTART"].dt == date(2026, 12, 8)


def test_events_only_for_calendars_that_ignore_todos(cli, network):
    text = ok(cli("calendar", "--events-only"))
    cal = icalendar.Calendar.from_ical(text)
    assert cal.walk("VTODO") == []
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert events["I owe Jane Doe: send the deck"]["DTSTART"].dt == date(2026, 11, 27)
    assert events["With Sam Lee, Jr. (we agreed): lunch"]["DTSTART"].dt == date(2026, 11, 23)
    assert len(vobject.readOne(text).vevent_list) == 5


def test_nothing_confidential_in_the_feed(cli, me, network):
    jane, _ = network
    log_interaction(
        me,
        LogRequest(
            kind="meeting",
            people=[jane],
            summary="She is leaving Acme for Stripe",
            body="Salary talk",
            confidentiality="confidential",
            next_steps=[StepRequest("ask Stripe's CFO about her offer", date(2026, 11, 26))],
        ),
    )
    add_note(me, jane, "Going through a divorce", "confidential")
    add_step(me, jane, "send the article", due=date(2026, 11, 25), source_sentence="I'll send you the Stripe article.")
    text = ok(cli("calendar"))
    for secret in ("Stripe", "Acme", "Salary", "divorce", "offer", "Budget call"):
        assert secret not in text
    assert "I owe Jane Doe: a next step (told in confidence: see Goodwill)" in by_summary(text)
    promise = by_summary(text)["I owe Jane Doe: send the article"]
    assert "Promise" in str(promise["DESCRIPTION"])


def test_archived_and_snoozed_people_are_left_out(cli, me, network):
    jane, sam = network
    archive_person(me, sam)
    snooze_person(me, jane, date(2027, 2, 1))
    entries = by_summary(ok(cli("calendar")))
    assert not any("Touch base" in s for s in entries)
    assert not any("Sam Lee" in s for s in entries)


def test_out_file_is_crlf_utf8_and_private(cli, network, tmp_path):
    target = tmp_path / "goodwill.ics"
    out = ok(cli("calendar", "--out", str(target), "--days", "14"))
    assert "2 touch date(s) and 3 step(s)" in out
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert oct(os.stat(target).st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir()] == ["goodwill.ics"]  # no temp file left behind


def test_bad_input(cli, network, tmp_path):
    fails(cli("calendar", "--days", "0"), "--days")
    fails(cli("calendar", "--days", "400"), "--days")
    fails(cli("calendar", "--out", str(tmp_path / "missing" / "x.ics")), "does not exist")
    fails(cli("calendar", "--out", str(tmp_path)), "folder")


def test_feed_isolation(me, bob, charlie, network):
    add_person(bob, PersonFields(name="Bob's Contact", cadence_days=1))
    client = add_person(bob, PersonFields(name="Bob's Client"))
    add_step(bob, client, "bob's secret step", due=date(2026, 11, 24))
    mine = build_feed(me)
    assert "Bob's Contact" not in mine and "bob's secret step" not in mine
    for other in (bob, charlie):
        assert "Jane Doe" not in build_feed(other)
    assert "bob's secret step" in build_feed(bob)


def test_birthdays_and_important_dates_are_yearly_events(cli, me):
    from goodwill.models import ImportantDate, Note
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person

    jane = add_person(me, PersonFields(name="Jane Doe", birthday="1985-12-02"))
    add_note(me, jane, "Secretly interviewing at Globex", "confidential")
    leap = add_person(me, PersonFields(name="Leap Lena", birthday="--02-29"))
    ImportantDate.objects.create(owner=me, person=jane, label="wedding anniversary", month=12, day=20, year=2015)
    text = cli("calendar", "--days", "120").output
    cal = icalendar.Calendar.from_ical(text)
    yearly = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT") if "RRULE" in e}
    assert set(yearly) == {"Birthday: Jane Doe", "Jane Doe: wedding anniversary", "Birthday: Leap Lena"}
    assert yearly["Birthday: Jane Doe"]["DTSTART"].dt == date(2026, 12, 2)
    assert yearly["Birthday: Jane Doe"]["RRULE"].to_ical() == b"FREQ=YEARLY"
    assert yearly["Birthday: Leap Lena"]["DTSTART"].dt == date(2027, 2, 28)
    assert "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\n" in text  # on the 28th in years without a 29th
    assert "2 December" in str(yearly["Birthday: Jane Doe"]["DESCRIPTION"])
    for secret in ("Globex", "1985", "--12-02", "--02-29"):
        assert secret not in text
    assert Note.objects.filter(person=jane).exists()
    # Stable UIDs: the same date is the same event on every read.
    assert text.count(f"UID:goodwill-birthday-{me.pk}-{jane.pk}@goodwill") == 1
    assert f"goodwill-birthday-{me.pk}-{leap.pk}@goodwill" in text
    # Outside the window: not in the feed.
    assert "Birthday: Leap Lena" not in cli("calendar", "--days", "30").output
