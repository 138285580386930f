"""Issue 16's "done means", in one story against the live server: a user makes a device
password in Settings, adds the account with the server's address, their name and that
password, sees their network, edits a contact on the "phone" and sees the edit in Goodwill,
ticks off a reminder and sees the step done. The phone is played by real clients: vdirsyncer
for the address book, the caldav library for the reminders."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.dav.vdirsyncer import configure

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_phone_added_with_a_settings_password_syncs_contacts_and_reminders(alice, dav_base, tmp_path, now):
    from django.test import Client

    from goodwill.models import NextStep, Person, StepStatus
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.steps import add_step

    jane = add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"], how_met="a conference"))
    add_step(alice, jane, "send Jane the deck", due=date(2026, 12, 10))

    # Settings makes the password and shows it once.
    browser = Client()
    browser.force_login(alice)
    page = browser.post("/settings/dav/passwords", {"name": "iPhone"}).content.decode()
    password = re.search(r"\b[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\b", page)[0]

    # The address book: the network arrives, an edit made there comes back to the person.
    phone = configure(tmp_path / "phone", dav_base, "alice", password)
    phone.discover()
    phone.sync()
    ((name, card),) = phone.files().items()
    assert "FN:Jane Doe" in card and "jane@example.com" in card
    (phone.vdir / name).write_text(card.replace("FN:Jane Doe", "FN:Jane Doe\r\nTITLE:Chief Financial Officer"))
    phone.sync()
    jane = Person.objects.get(pk=jane.pk)
    assert jane.title == "Chief Financial Officer"
    assert jane.how_met == "a conference"  # what a card can't hold is kept

    # The reminders: ticking one off marks the step done.
    from caldav.davclient import DAVClient

    with DAVClient(url=dav_base + "/dav/", username="alice", password=password, timeout=30) as client:
        (reminders,) = [c for c in client.principal().calendars() if str(c.url).rstrip("/").endswith("/tasks")]
        (deck,) = [t for t in reminders.todos() if "send Jane the deck" in str(t.icalendar_component["summary"])]
        deck.complete()
    assert NextStep.objects.get(owner=alice, text="send Jane the deck").status == StepStatus.DONE
