"""formats.ical_tasks: Goodwill's VTODOs read back as written, and the shapes phones send."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.formats.errors import FormatError
from goodwill.formats.ical_tasks import CANCELLED, COMPLETED, NEEDS_ACTION, STATUSES, Task, read_task, write_task

DATA = Path(__file__).parent.parent / "data" / "dav_tasks"

# Words a user might type on a phone: any printable text, TEXT's special characters, non-ASCII.
words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=300,
).filter(lambda s: s.split())


@given(
    summary=words,
    due=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    status=st.sampled_from(STATUSES),
    description=st.text(max_size=200),
)
def test_a_task_reads_back_as_written(summary, due, status, description):
    task = Task(uid="goodwill-step-7@goodwill", summary=summary, due=due, status=status, description=description)
    back = read_task(write_task(task))
    assert back.uid == task.uid
    assert back.summary == " ".join(summary.split())  # runs of space are one, as a step's text is
    assert back.due == due
    assert back.status == status
    assert back.description.replace("\r\n", "\n") == description.replace("\r\n", "\n").replace("\r", "\n")


def test_the_text_is_stable_and_folded_for_phones():
    task = Task(
        uid="goodwill-step-7@goodwill",
        summary="Schick Zoë die Wanderkarte, die mit den Höhenlinien — Zoë Müller-Lüdenscheidt",
        due=date(2026, 11, 27),
        modified=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
        priority=1,
        url="http://127.0.0.1:8000/people/3/",
    )
    text = write_task(task)
    assert text == write_task(task)  # no clock inside: an unchanged step keeps its ETag
    lines = text.split("\r\n")
    assert "DUE;VALUE=DATE:20261127" in lines
    assert "DTSTAMP:20261120T100000Z" in lines and "PRIORITY:1" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    assert text.count("BEGIN:VTODO") == 1 and text.endswith("END:VCALENDAR\r\n")


def test_ios_reminders_completed():
    task = read_task((DATA / "ios_completed.ics").read_text())
    assert task.done and task.status == COMPLETED and task.percent == 100
    assert task.completed == datetime(2026, 11, 24, 8, 15, 2, tzinfo=UTC)
    assert (task.uid, task.summary, task.due) == (
        "goodwill-step-12@goodwill",
        "Send the trail map — Jane Doe",
        date(2026, 11, 27),
    )


def test_ios_reminder_at_a_time_is_due_on_its_own_zones_day():
    task = read_task((DATA / "ios_new_tzid.ics").read_text())
    # 23:30 in Berlin is 22:30 UTC: still the 30th either way, and never the UTC day after.
    assert task.due == date(2026, 11, 30)
    assert task.summary == "Call Jane about the offsite" and not task.done and task.status == NEEDS_ACTION


def test_tasks_org_through_davx5_completed():
    task = read_task((DATA / "tasksorg_completed.ics").read_text())
    assert task.done and task.priority == 0 and task.description == "Jane Doe"


def test_jtx_new_task():
    task = read_task((DATA / "jtx_new_nobody.ics").read_text())
    assert task.uid.endswith("@at.techbee.jtx") and task.due == date(2026, 12, 1) and not task.done
    assert task.percent == 0


@pytest.mark.parametrize(
    ("lines", "done", "cancelled"),
    [
        (["STATUS:NEEDS-ACTION", "PERCENT-COMPLETE:100"], True, False),
        (["COMPLETED:20261124T081502Z"], True, False),
        (["STATUS:IN-PROCESS", "PERCENT-COMPLETE:40"], False, False),
        (["STATUS:CANCELLED"], False, True),
        (["STATUS:WHATEVER"], False, False),
    ],
)
def test_every_way_of_saying_done(lines, done, cancelled):
    text = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VTODO", "UID:u1", "SUMMARY:Call Jane", *lines]
        + ["END:VTODO", "END:VCALENDAR", ""]
    )
    task = read_task(text)
    assert (task.done, task.cancelled) == (done, cancelled)
    assert task.status != "WHATEVER"
    assert CANCELLED in STATUSES


@pytest.mark.parametrize(
    "text",
    [
        "not a calendar at all",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nSUMMARY:no uid\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
    ],
)
def test_what_is_not_a_task_is_a_format_error(text):
    with pytest.raises(FormatError):
        read_task(text)
