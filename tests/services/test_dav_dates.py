"""services.dav_dates: the phone's read-only calendar of dates and planned touches."""

from datetime import UTC, date, datetime, timedelta

import icalendar

from goodwill.services.dav_dates import date_items
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def _events(items):
    out = {}
    for href, uid, text in items:
        [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
        assert str(event["UID"]) == uid and href.endswith(".ics") and "@" not in href
        assert "METHOD:" not in text  # a stored CalDAV object carries no METHOD (RFC 4791 4.1)
        out[str(event["SUMMARY"])] = event
    return out


def test_birthdays_yearly_and_touches_on_their_day(alice, bob, now):
    jane = add_person(alice, PersonFields(name="Jane Doe", birthday="1985-12-02", cadence_days=14))
    log_interaction(alice, LogRequest(kind="call", people=[jane], summary="Budget", when=NOW - timedelta(days=10)))
    far = add_person(alice, PersonFields(name="Far Future", cadence_days=365))
    log_interaction(alice, LogRequest(kind="call", people=[far], summary="x", when=NOW - timedelta(days=1)))
    add_person(bob, PersonFields(name="Bob's Friend", birthday="1990-01-05"))
    events = _events(date_items(alice))
    assert set(events) == {"Birthday: Jane Doe", "Touch base: Jane Doe"}  # Far is not due in 30 days; Bob's are Bob's
    birthday = events["Birthday: Jane Doe"]
    assert birthday["DTSTART"].dt == date(2026, 12, 2) and birthday["RRULE"]["FREQ"] == ["YEARLY"]
    assert "1985" not in birthday.to_ical().decode()  # no year: an age stays in Goodwill
    assert events["Touch base: Jane Doe"]["DTSTART"].dt == date(2026, 11, 27)


def test_hrefs_and_texts_are_stable_across_calls(alice, now):
    add_person(alice, PersonFields(name="Jane Doe", birthday="--02-29"))
    first, second = date_items(alice), date_items(alice)
    assert first == second and len(first) == 1
    text = first[0][2]
    assert "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" in text  # a leap-day birthday every year
