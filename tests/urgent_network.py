"""Alice's network with something urgent of each kind at the pinned Monday 09:00 UTC:

- Jane: an email received Friday 15:00 with a one-day window, so her reply goes late today
  at 15:00; and my promise "send the deck", due today.
- Omar: a confidential call Friday 14:00 awaiting my reply (late today), and a promise from
  a confidential encounter due today.
- Priya: a meeting at 09:40 today, and I owe her the budget (an open step).
Also what is not urgent: a reply whose window ends tomorrow, a promise due tomorrow, one on a
soft date, a meeting in three hours, and a meeting within the hour with nothing open."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

MONDAY = date(2026, 11, 23)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    from datetime import UTC

    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def meeting(owner, title: str, starts_at: datetime, people, *, key: str = ""):
    from goodwill import clock
    from goodwill.models import CaptureKind, CaptureSource, UpcomingMeeting

    source, _ = CaptureSource.objects.get_or_create(
        # Paused: the meetings are made here, and no scheduler in a test fetches the calendar.
        owner=owner,
        kind=CaptureKind.ICS,
        name="work calendar",
        defaults={"created_at": clock.now(), "paused": True},
    )
    row = UpcomingMeeting.objects.create(
        owner=owner, source=source, key=key or f"{title}@test", title=title, starts_at=starts_at
    )
    row.people.set(people)
    return row


def build(owner) -> dict:
    from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.steps import add_step

    jane = add_person(owner, PersonFields(name="Jane Doe"))
    omar = add_person(owner, PersonFields(name="Omar Thompson"))
    priya = add_person(owner, PersonFields(name="Priya Laurent"))
    sam = add_person(owner, PersonFields(name="Sam Lee"))
    olga = add_person(owner, PersonFields(name="Olga Berg"))  # nothing open with her
    friday = MONDAY - timedelta(days=3)
    log_interaction(
        owner,
        LogRequest(
            kind="email",
            people=[jane],
            summary="Re: budget",
            direction="inbound",
            awaiting_reply=True,
            when=_at(friday, 15),
        ),
    )
    log_interaction(
        owner,
        LogRequest(
            kind="call",
            people=[omar],
            summary="Told me about the merger",
            body="The merger closes in March",
            direction="inbound",
            awaiting_reply=True,
            confidentiality="confidential",
            when=_at(friday, 14),
            next_steps=[StepRequest("ask Globex about the merger terms", due=MONDAY)],
        ),
    )
    # Not urgent: received this morning, due tomorrow.
    log_interaction(
        owner,
        LogRequest(
            kind="email",
            people=[sam],
            summary="Lunch next week?",
            direction="inbound",
            awaiting_reply=True,
            when=_at(MONDAY, 7),
        ),
    )
    deck = add_step(owner, jane, "send the deck", due=MONDAY)
    add_step(owner, jane, "call about the lease", due=MONDAY + timedelta(days=1))
    add_step(owner, sam, "send the photos soon", due=MONDAY, firm=False)
    add_step(owner, jane, "what she owes me", due=MONDAY, ball="theirs")
    add_step(owner, priya, "bring the budget")
    soon = meeting(owner, "Budget review", _at(MONDAY, 9, 40), [priya])
    later = meeting(owner, "Planning", _at(MONDAY, 12), [priya])
    idle = meeting(owner, "Coffee", _at(MONDAY, 9, 30), [olga])
    return {
        "jane": jane,
        "omar": omar,
        "priya": priya,
        "sam": sam,
        "olga": olga,
        "deck": deck,
        "soon": soon,
        "later": later,
        "idle": idle,
    }


@pytest.fixture
def urgent_net(alice, now):
    return build(alice)
