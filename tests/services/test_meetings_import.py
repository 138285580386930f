"""Past meetings from an .ics file: logged once per meeting with the attendees I
know (by email), a dry run by default, undoable, and never another user's people."""

from pathlib import Path

import pytest

from goodwill.errors import InvalidInput
from goodwill.models import ImportBatch, Interaction, Person
from goodwill.services.contacts_import import undo_import
from goodwill.services.meetings_import import import_meetings
from goodwill.services.people import PersonFields, add_person

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Outlook-like//EN
BEGIN:VEVENT
UID:040000008200E00074C5B7101A82E008-board
DTSTAMP:20261101T090000Z
DTSTART:20261110T150000Z
DTEND:20261110T160000Z
SUMMARY:Board prep
ORGANIZER;CN=Me:mailto:me@example.com
ATTENDEE;CN=Jane Doe;PARTSTAT=ACCEPTED:mailto:JANE@example.com
ATTENDEE;CN=Sam Lee:mailto:sam@example.com
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20261101T090000Z
DTSTART;VALUE=DATE:20261105
SUMMARY:Lunch, no UID
ATTENDEE:mailto:jane@example.com
END:VEVENT
BEGIN:VEVENT
UID:future-1
DTSTAMP:20261101T090000Z
DTSTART:20261201T150000Z
SUMMARY:Next month
ATTENDEE:mailto:jane@example.com
END:VEVENT
BEGIN:VEVENT
UID:stranger-1
DTSTAMP:20261101T090000Z
DTSTART:20261102T150000Z
SUMMARY:Someone else
ATTENDEE:mailto:nobody@example.org
END:VEVENT
BEGIN:VEVENT
UID:cancelled-1
DTSTAMP:20261101T090000Z
DTSTART:20261103T150000Z
STATUS:CANCELLED
SUMMARY:Called off
ATTENDEE:mailto:jane@example.com
END:VEVENT
BEGIN:VEVENT
UID:no-start
DTSTAMP:20261101T090000Z
SUMMARY:Broken
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def ics(tmp_path) -> Path:
    path = tmp_path / "meetings.ics"
    path.write_text(CALENDAR.replace("\n", "\r\n"), encoding="utf-8")
    return path


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"]))


def test_dry_run_then_apply_logs_past_meetings_with_known_attendees(alice, jane, ics):
    dry = import_meetings(alice, [ics])
    assert (dry.logged, dry.future, dry.no_known_attendee, dry.cancelled) == (2, 1, 1, 1)
    assert len(dry.problems) == 1 and "no-start" in dry.problems[0]
    assert not Interaction.objects.filter(owner=alice).exists()
    assert not ImportBatch.objects.filter(owner=alice).exists()

    report = import_meetings(alice, [ics], apply=True)
    assert report.logged == 2 and report.applied
    board = Interaction.objects.get(owner=alice, summary="Board prep")
    assert board.kind == "meeting" and list(board.participants.all()) == [jane]
    assert board.occurred_at.isoformat() == "2026-11-10T15:00:00+00:00"
    jane.refresh_from_db()
    assert jane.last_touch_at == board.occurred_at


def test_importing_the_same_calendar_again_changes_nothing(alice, jane, ics):
    import_meetings(alice, [ics], apply=True)
    again = import_meetings(alice, [ics], apply=True)
    assert again.logged == 0 and again.unchanged == 2  # with a UID, and without one
    assert Interaction.objects.filter(owner=alice).count() == 2


def test_undo_removes_the_meetings_and_the_rhythm_forgets_them(alice, jane, ics):
    report = import_meetings(alice, [ics], apply=True)
    undo_import(alice, report.batch_id)
    assert not Interaction.objects.filter(owner=alice).exists()
    jane.refresh_from_db()
    assert jane.last_touch_at is None


def test_attendees_match_only_the_importers_people(alice, bob, charlie, jane, ics):
    add_person(charlie, PersonFields(name="Sam Lee", emails=["sam@example.com"]))
    report = import_meetings(bob, [ics], apply=True)
    assert report.logged == 0 and report.no_known_attendee == 3
    import_meetings(alice, [ics], apply=True)
    board = Interaction.objects.get(owner=alice, summary="Board prep")
    assert list(board.participants.values_list("owner__username", flat=True)) == ["alice"]
    assert not Interaction.objects.filter(owner__in=[bob, charlie]).exists()


@pytest.mark.parametrize(
    "content", [b"\x00\x01\x02binary\xff" * 50, b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMM", b"not a calendar at all"]
)
def test_a_broken_calendar_is_one_line_error_and_writes_nothing(alice, jane, tmp_path, content):
    path = tmp_path / "broken.ics"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as error:
        import_meetings(alice, [path], apply=True)
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    assert not Interaction.objects.filter(owner=alice).exists()
    assert Person.objects.filter(owner=alice).count() == 1
