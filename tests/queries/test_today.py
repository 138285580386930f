from datetime import date, timedelta

import pytest

from goodwill.queries.today import agenda
from goodwill.services import rhythm
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person, snooze_person
from goodwill.services.review import record_review
from goodwill.services.steps import add_step


def person(owner, name, circle="network", days_ago=None, now=None):
    p = add_person(owner, PersonFields(name=name, circle=circle))
    if days_ago is not None:
        log_interaction(
            owner,
            LogRequest(kind="meeting", people=[p], summary=f"coffee with {name}", when=now - timedelta(days=days_ago)),
        )
        p.refresh_from_db()
    return p


def test_agenda_sections_in_order(alice, now):
    jane = person(alice, "Jane Doe", "inner", days_ago=40, now=now)  # 40/14 = 2.9×
    sam = person(alice, "Sam Lee", "close", days_ago=35, now=now)  # 35/30 = 1.2×
    person(alice, "Fresh Face", "close", days_ago=3, now=now)
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[sam],
            summary="Asked about Q3",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(days=4),
        ),
    )
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[sam],
            summary="Left voicemail",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(hours=1),
        ),
    )
    add_step(alice, jane, "send the article", due=date(2026, 11, 20))
    add_step(alice, jane, "next month thing", due=date(2026, 12, 20))
    add_step(alice, sam, "send me the contract", due=date(2026, 11, 22), ball="theirs")

    result = agenda(alice)
    # Replies owed: oldest first; Thursday's email is a business day late, the fresh call is not.
    assert [r.summary for r in result.replies_owed] == ["Asked about Q3", "Left voicemail"]
    assert result.replies_owed[0].days_late > 0 >= result.replies_owed[1].days_late
    assert [s.text for s in result.my_steps] == ["send the article"]
    assert result.my_steps[0].days_late == 3
    # Sam's inbound messages count as touches, so only Jane is due.
    assert [p.name for p in result.people_due] == ["Jane Doe"]
    due = result.people_due[0]
    assert due.state.status == "overdue" and due.state.ratio == pytest.approx(40 / 14, abs=0.01)
    assert due.last_kind == "meeting" and due.last_summary == "coffee with Jane Doe"
    assert [s.text for s in result.their_steps] == ["send me the contract"]
    assert result.review_done_this_week is False


def test_people_due_ranked_relative_to_cadence(alice, now):
    person(alice, "Inner Ida", "inner", days_ago=20, now=now)  # 1.43×
    person(alice, "Outer Otto", "outer", days_ago=700, now=now)  # 1.92×
    person(alice, "Network Nia", "network", days_ago=100, now=now)  # 1.11×
    names = [p.name for p in agenda(alice).people_due]
    assert names == ["Outer Otto", "Inner Ida", "Network Nia"]


def test_snoozed_and_archived_people_are_not_due(alice, now):
    jane = person(alice, "Jane Doe", "inner", days_ago=40, now=now)
    snooze_person(alice, jane, date(2026, 12, 1))
    gone = person(alice, "Gone Gail", "inner", days_ago=40, now=now)
    gone.archived_at = now
    gone.save()
    assert agenda(alice).people_due_total == 0


def test_snooze_ends(alice, now, set_now):
    jane = person(alice, "Jane Doe", "inner", days_ago=40, now=now)
    snooze_person(alice, jane, date(2026, 11, 25))
    set_now("2026-11-25T09:00:00+00:00")
    assert [p.name for p in agenda(alice).people_due] == ["Jane Doe"]


def test_never_contacted_counts_from_when_added(alice, now, set_now):
    person(alice, "New Ned", "inner")
    assert agenda(alice).people_due_total == 0
    set_now("2026-12-08T09:00:00+00:00")
    [row] = agenda(alice).people_due
    assert row.last_at is None and row.state.days_since is None


def test_review_nudge_clears_for_the_week(alice, now, set_now):
    record_review(alice, 3)
    assert agenda(alice).review_done_this_week is True
    set_now("2026-11-30T09:00:00+00:00")  # next Monday
    assert agenda(alice).review_done_this_week is False


def test_agenda_shows_only_the_owners_network(alice, bob, charlie, now):
    jane = person(alice, "Jane Doe", "inner", days_ago=40, now=now)
    add_step(alice, jane, "send the article", due=date(2026, 11, 20))
    log_interaction(
        alice, LogRequest(kind="email", people=[jane], summary="Q3?", direction="inbound", awaiting_reply=True)
    )
    for other in (bob, charlie):
        result = agenda(other)
        assert not (result.replies_owed or result.my_steps or result.people_due or result.their_steps)


def test_rhythm_cache_matches_a_recount(alice, now):
    jane = person(alice, "Jane Doe", "inner", days_ago=10, now=now)
    cached = (jane.last_touch_at, jane.due_day)
    rhythm.recount_last_touch(jane)
    assert (jane.last_touch_at, jane.due_day) == cached


def test_agenda_shows_one_screen_of_steps_with_the_totals(alice, now):
    from goodwill.queries import today as today_module

    jane = person(alice, "Jane Doe", "inner", days_ago=3, now=now)
    for n in range(today_module.STEPS_SHOWN + 5):
        add_step(alice, jane, f"overdue {n:02d}", due=date(2026, 10, 1) + timedelta(days=n))
    add_step(alice, jane, "later", due=date(2026, 12, 20))
    result = agenda(alice)
    assert len(result.my_steps) == today_module.STEPS_SHOWN and result.my_steps_total == today_module.STEPS_SHOWN + 5
    assert result.my_steps[0].text == "overdue 00"  # the oldest first
    assert result.their_steps == [] and result.their_steps_total == 0


def test_confidences_never_reach_the_agenda(alice, now):
    """A confidential encounter shows as said in confidence, never what was said."""
    jane = person(alice, "Jane Doe", "inner")
    log_interaction(
        alice,
        LogRequest(
            kind="meeting",
            people=[jane],
            summary="Told me she is leaving Acme",
            confidentiality="confidential",
            when=now - timedelta(days=40),
        ),
    )
    sam = person(alice, "Sam Lee", "close")
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[sam],
            summary="Health scare, asked for a call back",
            direction="inbound",
            awaiting_reply=True,
            confidentiality="confidential",
            when=now - timedelta(hours=2),
        ),
    )
    result = agenda(alice)
    due = {row.name: row for row in result.people_due}
    assert due["Jane Doe"].last_kind == "meeting" and due["Jane Doe"].last_summary == "[confidential]"
    assert [r.summary for r in result.replies_owed] == ["[confidential]"]
