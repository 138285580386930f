"""/api/v1/dav/tasks: list the phone's tasks that name nobody, assign one to a person, dismiss one."""

from __future__ import annotations

from datetime import date

import pytest

from goodwill.models import NextStep, PhoneTask
from goodwill.services.people import PersonFields, add_person


@pytest.fixture
def gift(alice, now):
    return PhoneTask.objects.create(owner=alice, uid="g1", text="buy a gift", due_on=date(2026, 12, 1), created_at=now)


def test_list_assign_and_it_leaves_the_list(as_alice, alice, gift):
    jane = add_person(alice, PersonFields(name="Jane Doe"))
    listed = as_alice.call("get", "/api/v1/dav/tasks").json()
    assert listed == [
        {"id": gift.pk, "text": "buy a gift", "due_on": "2026-12-01", "created_at": listed[0]["created_at"]}
    ]
    answer = as_alice.call("post", f"/api/v1/dav/tasks/{gift.pk}/assign", {"person_id": jane.pk})
    assert answer.status_code == 200, answer.content
    assert answer.json()["person"]["id"] == jane.pk and answer.json()["text"] == "buy a gift"
    assert NextStep.objects.get(pk=answer.json()["id"]).due_on == date(2026, 12, 1)
    assert as_alice.call("get", "/api/v1/dav/tasks").json() == []
    again = as_alice.call("post", f"/api/v1/dav/tasks/{gift.pk}/dismiss")
    assert again.status_code == 400 and "already answered" in again.json()["detail"]


def test_another_users_person_is_not_found_and_nothing_changes(as_alice, bob, gift):
    bobs = add_person(bob, PersonFields(name="Bo"))
    answer = as_alice.call("post", f"/api/v1/dav/tasks/{gift.pk}/assign", {"person_id": bobs.pk})
    assert answer.status_code == 404
    gift.refresh_from_db()
    assert gift.closed_at is None
