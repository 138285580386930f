"""A person's relationship strength reads their encounters, intros, referrals and kept promises."""

from __future__ import annotations

from datetime import timedelta

import pytest

from goodwill.errors import NotFound
from goodwill.models import Exchange, Introduction
from goodwill.queries.strength import person_strength
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person
from goodwill.services.steps import add_step, complete_step


def _log(owner, person, kind, when, direction="outbound"):
    log_interaction(owner, LogRequest(kind=kind, people=[person], summary=kind, direction=direction, when=when))


@pytest.mark.django_db
def test_strength_counts_each_kind_of_encounter_with_its_weight(alice, now):
    dana = add_person(alice, PersonFields(name="Dana"))
    other = add_person(alice, PersonFields(name="Priya"))
    today = now.date()
    _log(alice, dana, "meeting", now - timedelta(days=21))
    _log(alice, dana, "meeting", now - timedelta(days=21, hours=2))  # same day: aggregated, still two meetings
    _log(alice, dana, "call", now - timedelta(hours=1))
    for direction in ("inbound", "inbound", "outbound"):
        _log(alice, dana, "email", now - timedelta(hours=2), direction)
    _log(alice, dana, "note", now)  # a note to self is no encounter
    _log(alice, other, "meeting", now)  # someone else's meeting
    Introduction.objects.create(
        owner=alice,
        person_a=dana,
        person_b=other,
        why="both in fintech",
        status="met",
        created_at=now,
        updated_at=now,
        introduced_at=now,
    )
    Introduction.objects.create(
        owner=alice, person_a=other, person_b=dana, why="not yet", status="proposed", created_at=now, updated_at=now
    )
    Exchange.objects.create(
        owner=alice, person=dana, kind="referral", direction="received", occurred_on=today, created_at=now
    )
    Exchange.objects.create(
        owner=alice, person=dana, kind="advice", direction="given", occurred_on=today, created_at=now
    )
    complete_step(alice, add_step(alice, dana, "Send the deck"))
    add_step(alice, dana, "Still open")
    complete_step(alice, add_step(alice, dana, "Their deck", ball="theirs"))

    s = person_strength(alice, dana, today)

    assert [p.text for p in s.parts] == [
        "2 meetings",
        "1 call",
        "1 reciprocated email",
        "1 introduction",
        "1 referral",
        "1 promise kept",
    ]
    assert s.last_met == today - timedelta(days=21)
    assert s.explain().endswith("last met 3 weeks ago")
    fresh = 2 + 1 + 3 + 3 + 1  # call, email, intro, referral, promise: all today
    meetings = 2 * 3 * (0.75 * (1 - 21 / 730) + 0.25 * (1 - 21 / 2190))
    assert s.score == round(1 + fresh + meetings)


@pytest.mark.django_db
def test_a_new_person_scores_one(alice, now):
    nobody = add_person(alice, PersonFields(name="Nobody"))
    s = person_strength(alice, nobody, now.date())
    assert (s.score, s.explain()) == (1, "no encounters yet")


@pytest.mark.django_db
def test_another_owners_person_is_not_found(alice, bob, now):
    dana = add_person(alice, PersonFields(name="Dana"))
    with pytest.raises(NotFound):
        person_strength(bob, dana, now.date())
