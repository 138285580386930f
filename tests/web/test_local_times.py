"""Each person's "HH:MM there" on the web is their clock, not the server's (issue 12)."""

from __future__ import annotations

from datetime import timedelta

from goodwill.models import Person
from goodwill.services.accounts import settings_for
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person


def _due_in(owner, name: str, zone: str, now) -> Person:
    person = add_person(owner, PersonFields(name=name, circle="inner"))
    log_interaction(
        owner,
        LogRequest(
            kind="call", people=[person], summary=f"catch-up with {name}", when=now - timedelta(days=60), next_steps=[]
        ),
    )
    Person.objects.filter(pk=person.pk).update(timezone=zone)
    return person


def test_today_shows_each_persons_own_clock(alice, as_alice, now):
    # The user lives in New York (04:00 there); the server's clock reads 09:00 UTC.
    prefs = settings_for(alice)
    prefs.home_timezone = "America/New_York"
    prefs.save()
    _due_in(alice, "Lena Pacific", "America/Los_Angeles", now)
    _due_in(alice, "Liam London", "Europe/London", now)
    _due_in(alice, "Taro Tokyo", "Asia/Tokyo", now)
    body = as_alice.get("/").content.decode()
    assert "01:00 there" in body  # Los Angeles, UTC−8 in November
    assert "09:00 there" in body  # London, UTC+0
    assert "18:00 there" in body  # Tokyo, UTC+9
    assert body.count(" there") >= 3


def test_replies_owed_show_the_senders_clock(alice, as_alice, now):
    person = add_person(alice, PersonFields(name="Taro Tokyo"))
    Person.objects.filter(pk=person.pk).update(timezone="Asia/Tokyo")
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[person],
            summary="Asked for the deck",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(hours=2),
            next_steps=[],
        ),
    )
    body = as_alice.get("/").content.decode()
    assert "18:00 there" in body and "09:00 there" not in body
