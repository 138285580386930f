"""Web test helpers: alice's small network, and a logged-in client per user."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client


@pytest.fixture
def network(alice, now):
    """Alice's people: Jane (a reply owed, an overdue step, notes of each
    confidentiality), Omar (theirs to chase), Priya (never contacted: overdue).
    Dated before the pinned Monday."""
    from goodwill.models import Person
    from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person

    long_ago = now - timedelta(days=200)
    jane = add_person(
        alice,
        PersonFields(
            name="Jane Doe",
            organization="Acme",
            emails=["jane@example.com"],
            tags=["austin"],
            location="Austin, TX",
            circle="close",
        ),
    )
    omar = add_person(alice, PersonFields(name="Omar Thompson", circle="network"))
    priya = add_person(alice, PersonFields(name="Priya Laurent", circle="inner"))  # never contacted: overdue
    Person.objects.filter(pk__in=[jane.pk, omar.pk, priya.pk]).update(created_at=long_ago)
    from goodwill.services.rhythm import refresh

    for person in Person.objects.filter(pk=priya.pk):
        refresh(person)
    jane.refresh_from_db()
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[jane],
            summary="Talked about her move",
            when=long_ago,
            next_steps=[StepRequest("mail her the trail map", due=date(2026, 11, 20))],
        ),
    )
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[jane],
            summary="Asked for the deck",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(days=3),
            next_steps=[],
        ),
    )
    log_interaction(
        alice,
        LogRequest(
            kind="meeting",
            people=[omar],
            summary="Lunch",
            when=now - timedelta(days=10),
            next_steps=[StepRequest("send the contract", due=date(2026, 11, 21), ball="theirs")],
        ),
    )
    add_note(alice, jane, "Loves trail running", "shareable")
    add_note(alice, jane, "Secretly interviewing at Globex", "confidential")
    add_note(alice, jane, "Prefers mornings", "private")
    jane.refresh_from_db()
    omar.refresh_from_db()
    priya.refresh_from_db()
    return {"jane": jane, "omar": omar, "priya": priya}


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_alice(alice):
    return _client(alice)


@pytest.fixture
def as_charlie(charlie):
    return _client(charlie)


@pytest.fixture
def anonymous(db):
    return Client()


@pytest.fixture
def as_user():
    return _client
