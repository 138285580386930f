"""Told in confidence: on the person's own page when asked for, and nowhere else in the API."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

SECRET_NOTE = "Leaving Acme in March"
SECRET_TALK = "Told me about the merger"


@pytest.fixture
def secrets(alice, network, now):
    from goodwill.models import Person
    from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
    from goodwill.services.notes import add_note

    jane = network["jane"]
    add_note(alice, jane, SECRET_NOTE, "confidential")
    # A confidential, inbound email that awaits a reply: it lands on the agenda.
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[jane],
            summary=SECRET_TALK,
            body="the details",
            direction="inbound",
            awaiting_reply=True,
            confidentiality="confidential",
            when=now - timedelta(hours=2),
            next_steps=[StepRequest(text="think it over")],
        ),
    )
    # Someone due for a touch whose last touch was confidential.
    olga = Person.objects.create(owner=alice, name="Olga", created_at=now - timedelta(days=400), updated_at=now)
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[olga],
            summary=SECRET_TALK + " (Olga)",
            confidentiality="confidential",
            when=now - timedelta(days=300),
        ),
    )
    return jane


def everything_but_the_page(api, jane) -> str:
    answers = [
        api.get("/people"),
        api.get("/people", {"q": "jane"}),
        api.get("/search", {"q": "acme"}),
        api.get("/agenda", {"people_limit": 100}),
        api.get("/steps", {"status": "all"}),
        api.get(f"/people/{jane.pk}/interactions"),
        api.get(f"/people/{jane.pk}"),
        api.get("/promises/stats"),
    ]
    for answer in answers:
        assert answer.status_code == 200, answer.content
    return json.dumps([a.json() for a in answers])


def test_confidential_content_stays_out_of_lists_search_and_agenda(as_alice, secrets):
    seen = everything_but_the_page(as_alice, secrets)
    assert SECRET_NOTE not in seen
    assert "merger" not in seen and "the details" not in seen
    assert "[confidential]" in seen  # it is shown that something was said in confidence


def test_agenda_withholds_confidential_summaries(as_alice, secrets):
    agenda = as_alice.get("/agenda", {"people_limit": 100}).json()
    owed = [r for r in agenda["replies_owed"] if r["person_id"] == secrets.pk]
    assert [r["summary"] for r in owed] == ["Asked about the lease", "[confidential]"]
    olga = [p for p in agenda["people_due"] if p["name"] == "Olga"]
    assert olga and olga[0]["last_summary"] == "[confidential]"


def test_the_persons_own_page_shows_them_only_when_asked(as_alice, secrets):
    plain = as_alice.get(f"/people/{secrets.pk}").json()
    assert SECRET_NOTE not in json.dumps(plain)
    assert plain["confidential_withheld"] == 2  # one note, one encounter
    full = as_alice.get(f"/people/{secrets.pk}", {"confidential": "true"}).json()
    assert full["confidential_withheld"] == 0
    assert {"text": SECRET_NOTE, "confidentiality": "confidential"}.items() <= [
        n for n in full["notes"] if n["confidentiality"] == "confidential"
    ][0].items()
    talk = [i for i in full["timeline"] if i["confidentiality"] == "confidential"][0]
    assert talk["summary"] == SECRET_TALK and talk["body"] == "the details" and talk["withheld"] is False


def test_the_outsider_never_sees_them(as_charlie, secrets):
    response = as_charlie.get(f"/people/{secrets.pk}", {"confidential": "true"})
    assert response.status_code == 404
    assert SECRET_NOTE not in response.content.decode()


def test_writing_a_confidential_note_does_not_echo_it(as_alice, network):
    response = as_alice.post(
        f"/people/{network['jane'].pk}/notes", {"text": "Pregnant, not announced", "confidentiality": "confidential"}
    )
    assert response.status_code == 201
    assert response.json()["text"] == "[confidential]"
    assert "Pregnant" not in response.content.decode()
