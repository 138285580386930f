"""`goodwill replies` lists the same replies owed as the agenda, with their age."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from goodwill.queries.replies import replies_view
from goodwill.queries.today import ReplyOwed, agenda
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person


def test_a_reply_owed_reads_the_same_in_both_places_with_its_age(alice, now):
    tomo = add_person(alice, PersonFields(name="Tomo", location="Tokyo"))
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[tomo],
            summary="Asked about the offsite",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(hours=3),
        ),
    )
    [owed] = replies_view(alice, now=now).owed
    [row] = agenda(alice, now=now).replies_owed
    for name in (f.name for f in dataclasses.fields(ReplyOwed)):
        assert getattr(owed, name) == getattr(row, name), name
    assert owed.local_time is not None and owed.local_time.hour == 18  # 09:00 UTC is 18:00 in Tokyo
    assert owed.age_hours == pytest.approx(3) and not owed.overdue
