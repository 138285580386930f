"""The iCalendar writer, read back by two independent parsers (icalendar and vobject)."""

import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.formats.ical_feed import Alarm, Entry, escape_text, fold, write_calendar

STAMP = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ODD = 'Zoë O\'Neil, PhD; "the boss"\nline two \\ back\\slash 🎉👩‍👩‍👧 ' + "long " * 40


def calendar(*entries, **kw) -> str:
    return write_calendar(list(entries), stamp=STAMP, **kw)


def event(**kw) -> Entry:
    return Entry(
        **{
            "kind": "event",
            "uid": "goodwill-touch-1-7@goodwill",
            "day": date(2026, 11, 30),
            "summary": "Touch base: Jane Doe",
            **kw,
        }
    )


def todo(**kw) -> Entry:
    return Entry(
        **{
            "kind": "todo",
            "uid": "goodwill-step-todo-1-9@goodwill",
            "day": date(2026, 11, 27),
            "summary": "I owe Jane Doe: send the deck",
            "priority": 5,
            **kw,
        }
    )


def physical_lines(text: str) -> list[bytes]:
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "bare CR"
    return data.split(b"\r\n")[:-1]


def test_structure_required_properties_and_crlf():
    text = calendar(event(description="Every 30 days."), todo())
    lines = [line.decode() for line in physical_lines(text)]
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Goodwill//Goodwill reminders feed 1.0//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert lines[-1] == "END:VCALENDAR"
    assert "DTSTART;VALUE=DATE:20261130" in lines and "DTEND;VALUE=DATE:20261201" in lines
    assert "DUE;VALUE=DATE:20261127" in lines and "STATUS:NEEDS-ACTION" in lines
    assert lines.count("DTSTAMP:20261123T090000Z") == 2
    assert "TRIGGER:PT9H" in lines and "TRIGGER;RELATED=END:PT9H" in lines


def test_icalendar_reads_it_back():
    cal = icalendar.Calendar.from_ical(calendar(event(description="Every 30 days."), todo()))
    (ev,), (td,) = cal.walk("VEVENT"), cal.walk("VTODO")
    assert str(cal["PRODID"]).startswith("-//Goodwill") and str(cal["VERSION"]) == "2.0"
    assert ev["DTSTART"].dt == date(2026, 11, 30) and ev["DTEND"].dt == date(2026, 12, 1)
    assert str(ev["UID"]) == "goodwill-touch-1-7@goodwill" and ev["DTSTAMP"].dt == STAMP
    assert ev.walk("VALARM")[0]["TRIGGER"].dt == timedelta(hours=9)
    assert td["DUE"].dt == date(2026, 11, 27) and int(td["PRIORITY"]) == 5
    assert td.walk("VALARM")[0]["TRIGGER"].params["RELATED"] == "END"


def test_vobject_reads_it_back():
    cal = vobject.readOne(calendar(event(description="Every 30 days."), todo()))
    assert cal.vevent.dtstart.value == date(2026, 11, 30)
    assert cal.vevent.valarm.trigger.value == timedelta(hours=9)
    assert cal.vtodo.due.value == date(2026, 11, 27)
    assert cal.vtodo.summary.value == "I owe Jane Doe: send the deck"


def test_escaping_of_odd_text_survives_both_parsers():
    text = calendar(event(summary=ODD, description=ODD, categories=("a,b", "c;d")))
    expected = ODD
    assert str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["SUMMARY"]) == expected
    parsed = vobject.readOne(text)
    assert parsed.vevent.summary.value == expected and parsed.vevent.description.value == expected
    assert escape_text("a,b;c\\d\r\ne\rf\x07") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_lines_fold_at_75_octets_without_splitting_characters():
    text = calendar(event(summary="é" * 100 + "🎉" * 50, description="x" * 500))
    for line in physical_lines(text):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole UTF-8
    assert fold("a" * 75) == ["a" * 75]
    assert fold("a" * 76) == ["a" * 75, " a"]
    assert [len(part.encode()) for part in fold("🎉" * 40)] == [72, 73, 17]


def test_no_alarm_and_duplicate_uids():
    assert "VALARM" not in calendar(event(alarm=None))
    assert "TRIGGER:-P1DT15H" in calendar(event(alarm=Alarm(offset=-timedelta(hours=39))))
    with pytest.raises(ValueError, match="duplicate UID"):
        calendar(event(), event())


def test_an_empty_calendar_is_still_valid_for_both_parsers():
    text = calendar()
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []
    assert vobject.readOne(text).prodid.value.startswith("-//Goodwill")


# Text as users type it: punctuation calendars treat specially, newlines, emoji, long lines.
odd_text = (
    st.lists(
        st.one_of(
            st.sampled_from(list(",;:\\\"'\n\r\t \x85\u2028") + ["🎉", "👩‍👩‍👧", "é", "漢", "\r\n", "x" * 80]),
            st.characters(blacklist_categories=("Cs",)),
        ),
        min_size=1,
        max_size=120,
    )
    .map("".join)
    .filter(lambda s: s.strip())
)


def _expected(value: str) -> str:
    value = re.sub("\r\n|[\r\x85\u2028\u2029]", "\n", value)
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value)


@settings(max_examples=150, deadline=None)
@given(summary=odd_text, description=odd_text, name=odd_text)
def test_any_text_round_trips_through_both_parsers(summary, description, name):
    text = calendar(event(summary=summary, description=description), todo(summary=name), name=name)
    for line in physical_lines(text):
        assert len(line) <= 75
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal.walk("VEVENT")[0]["SUMMARY"]) == _expected(summary)
    assert str(cal.walk("VEVENT")[0]["DESCRIPTION"]) == _expected(description)
    assert str(cal.walk("VTODO")[0]["SUMMARY"]) == _expected(name)
    parsed = vobject.readOne(text)
    assert parsed.vevent.summary.value == _expected(summary)
    assert parsed.vevent.description.value == _expected(description)
    assert parsed.vtodo.summary.value == _expected(name)


def test_yearly_events_repeat_every_year_and_a_leap_day_falls_on_28_february():
    from dateutil.rrule import rrulestr

    text = calendar(
        event(day=date(2027, 7, 17), yearly=True),
        event(uid="goodwill-birthday-1-8@goodwill", day=date(2027, 2, 28), yearly=True, leap_day=True),
    )
    cal = icalendar.Calendar.from_ical(text)
    plain, leap = cal.walk("VEVENT")
    assert plain["RRULE"].to_ical() == b"FREQ=YEARLY"
    starts = {}
    for component in (plain, leap):
        start = datetime.combine(component["DTSTART"].dt, datetime.min.time())
        rule = rrulestr(component["RRULE"].to_ical().decode(), dtstart=start)
        starts[str(component["UID"])] = [d.date() for d in rule[:3]]
    assert starts["goodwill-touch-1-7@goodwill"] == [date(2027, 7, 17), date(2028, 7, 17), date(2029, 7, 17)]
    assert starts["goodwill-birthday-1-8@goodwill"] == [date(2027, 2, 28), date(2028, 2, 29), date(2029, 2, 28)]
    assert vobject.readOne(text).vevent.rrule.value == "FREQ=YEARLY"
