"""The daily digest's content: every section, in order, nothing confidential, empty when nothing is due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.web.conftest import network  # noqa: F401 (fixture)

SECRET = "Told me about the merger"


@pytest.fixture
def full(alice, network, now):  # noqa: F811
    """Alice's network with one of everything the digest shows."""
    from goodwill.models import CaptureSource, UpcomingMeeting
    from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.steps import add_step

    jane, omar = network["jane"], network["omar"]
    add_step(alice, omar, "send him the article", due=date(2026, 11, 22), source_sentence="I'll send you the article")
    # A step from a confidential encounter: due today, its words stay out of the digest.
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[omar],
            summary=SECRET,
            body="the details",
            confidentiality="confidential",
            when=now - timedelta(days=1),
            next_steps=[StepRequest("ask about the merger terms", due=date(2026, 11, 23))],
        ),
    )
    # A meeting yesterday with no next step, with someone who has no open step.
    lena = add_person(alice, PersonFields(name="Lena Park"))
    log_interaction(
        alice,
        LogRequest(kind="meeting", people=[lena], summary="Coffee", when=now - timedelta(hours=20), next_steps=[]),
    )
    # A meeting this afternoon with Jane, whose step is open.
    source = CaptureSource.objects.create(owner=alice, kind="ics", name="work", created_at=now)
    meeting = UpcomingMeeting.objects.create(
        owner=alice, source=source, key="m1", title="Quarterly", starts_at=now.replace(hour=15)
    )
    meeting.people.set([jane])
    return network | {"lena": lena}


def sections(digest) -> dict:
    return {s.key: s for s in digest.sections}


def test_sections_come_in_the_briefs_order(alice, full, now):
    from goodwill.queries.digest import digest_for

    digest = digest_for(alice, now=now)
    assert [s.key for s in digest.sections] == [
        "replies",
        "steps",
        "promises",
        "people",
        "theirs",
        "intros",
        "dates",
        "meetings",
        "after",
        "phone",  # tasks made on the phone that name nobody (issue 16)
    ]
    found = sections(digest)
    assert [r.text for r in found["replies"].rows] == ["Jane Doe: Asked for the deck"]
    assert found["replies"].rows[0].actions == ("replied",)
    assert "Jane Doe: mail her the trail map" in [r.text for r in found["steps"].rows]
    assert [r.text for r in found["promises"].rows] == ["Omar Thompson: send him the article"]
    assert found["promises"].rows[0].detail == "1 day late"
    assert "Priya Laurent" in [r.text for r in found["people"].rows]
    assert [r.text for r in found["theirs"].rows] == ["Omar Thompson owes you: send the contract"]
    assert [r.text for r in found["meetings"].rows] == [
        "You meet Jane Doe at 15:00: you owe them “mail her the trail map”"
    ]
    assert [r.text for r in found["after"].rows] == ["What's next with Lena Park after Sunday's meeting?"]
    assert not digest.is_empty
    assert digest.counts().startswith("1 reply owed, 2 steps due, 1 promise due")


def test_confidential_content_never_appears(alice, full, now):
    from goodwill.queries.digest import WITHHELD_STEP, digest_for
    from goodwill.services.digest import render_digest

    digest = digest_for(alice, now=now)
    rendered = render_digest(alice, digest)
    for text in (rendered.text, rendered.html, rendered.subject):
        assert "merger" not in text and "the details" not in text
        assert "Secretly interviewing" not in text
    assert any(r.text == f"Omar Thompson: {WITHHELD_STEP}" for r in sections(digest)["steps"].rows)


def test_replies_going_late_come_first(alice, network, now):  # noqa: F811
    from goodwill.queries.digest import digest_for
    from goodwill.services.interactions import LogRequest, log_interaction

    omar = network["omar"]
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[omar],
            summary="Older question",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(days=9),
            next_steps=[],
        ),
    )
    rows = sections(digest_for(alice, now=now))["replies"].rows
    assert [r.text for r in rows] == ["Omar Thompson: Older question", "Jane Doe: Asked for the deck"]
    assert rows[0].late


def test_a_user_with_nothing_due_gets_an_empty_digest(bob, now):
    from goodwill.queries.digest import digest_for

    digest = digest_for(bob, now=now)
    assert digest.is_empty
    assert digest.counts() == "nothing due"


def test_dates_are_in_the_users_zone(alice, full, now):
    """At 23:30 UTC on Monday it is Tuesday in Tokyo, and the 15:00 UTC meeting is at midnight there."""
    from goodwill.models import ReachSettings
    from goodwill.queries.digest import digest_for

    ReachSettings.objects.create(user=alice, time_zone="Asia/Tokyo")
    digest = digest_for(alice, now=now.replace(hour=23, minute=30))
    assert digest.today == date(2026, 11, 24)
    assert digest.zone == "Asia/Tokyo"
    assert [r.text for r in sections(digest)["meetings"].rows] == [
        "You meet Jane Doe at 00:00: you owe them “mail her the trail map”"
    ]


def test_the_digest_and_its_settings_write_nothing(db, now):
    """A read never writes: a user with no settings rows gets the defaults, unsaved."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goodwill.models import ReachSettings
    from goodwill.queries.digest import digest_for
    from goodwill.services.digest import digest_settings

    dora = get_user_model().objects.create_user(username="dora")
    with CaptureQueriesContext(connection) as ctx:
        assert digest_for(dora, now=now).is_empty
        shown = digest_settings(dora)
    assert [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))] == []
    assert not ReachSettings.objects.filter(user=dora).exists()
    assert (shown["on"], shown["at"], shown["days"]) == (False, "07:30", "mon-fri")
