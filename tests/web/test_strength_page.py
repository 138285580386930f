"""The person page says how strong the relationship is, and why; only to its owner."""

from __future__ import annotations

from datetime import timedelta

from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person


def test_the_owner_sees_the_strength_and_its_reasons(alice, as_alice, as_charlie, anonymous, now):
    dana = add_person(alice, PersonFields(name="Dana"))
    for days in (21, 40):
        log_interaction(
            alice, LogRequest(kind="meeting", people=[dana], summary="Coffee", when=now - timedelta(days=days))
        )
    body = as_alice.get(f"/people/{dana.pk}/").content.decode()
    assert "Relationship strength <strong>7</strong> — 2 meetings, last met 3 weeks ago" in body
    assert as_charlie.get(f"/people/{dana.pk}/").status_code == 404
    assert anonymous.get(f"/people/{dana.pk}/").status_code == 302
