"""The page that places tasks made on the phone: owner, another user, anonymous; and the digest's section."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from goodwill.models import NextStep, PhoneTask
from goodwill.queries.phone_tasks import PHONE_TASKS_PATH
from goodwill.services.people import PersonFields, add_person


@pytest.fixture
def gift(alice, now):
    return PhoneTask.objects.create(owner=alice, uid="g1", text="buy a gift", due_on=date(2026, 12, 1), created_at=now)


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe"))


def test_the_digest_links_to_the_page():
    assert reverse("web:phone-tasks") == PHONE_TASKS_PATH


def test_the_owner_sees_her_tasks_and_places_one(as_alice, gift, jane):
    page = as_alice.get("/phone/tasks/")
    assert page.status_code == 200 and "buy a gift" in page.content.decode()
    response = as_alice.post(f"/phone/tasks/{gift.pk}/assign", {"person": f"Jane Doe (#{jane.pk})"}, follow=True)
    assert "is a next step with Jane Doe now" in response.content.decode()
    step = NextStep.objects.get(owner=gift.owner, text="buy a gift")
    assert (step.person, step.due_on) == (jane, date(2026, 12, 1))
    assert "no-phone-tasks" in as_alice.get("/phone/tasks/").content.decode()


def test_a_name_nobody_has_is_a_message_and_nothing_changes(as_alice, gift, jane):
    response = as_alice.post(f"/phone/tasks/{gift.pk}/assign", {"person": "Nobody Known"}, follow=True)
    assert "no person called &quot;Nobody Known&quot;" in response.content.decode()
    gift.refresh_from_db()
    assert gift.step is None and gift.closed_at is None


def test_the_owner_dismisses_one(as_alice, gift):
    as_alice.post(f"/phone/tasks/{gift.pk}/dismiss")
    gift.refresh_from_db()
    assert gift.closed_at is not None and gift.step is None


def test_another_user_gets_404_and_an_empty_page(as_charlie, charlie, gift, jane):
    assert "buy a gift" not in as_charlie.get("/phone/tasks/").content.decode()
    assert as_charlie.post(f"/phone/tasks/{gift.pk}/dismiss").status_code == 404
    assert as_charlie.post(f"/phone/tasks/{gift.pk}/assign", {"person": f"#{jane.pk}"}).status_code == 404
    # Her own person's id doesn't help either: the task is still alice's and untouched.
    mine = add_person(charlie, PersonFields(name="Carl"))
    assert as_charlie.post(f"/phone/tasks/{gift.pk}/assign", {"person": f"#{mine.pk}"}).status_code == 404
    gift.refresh_from_db()
    assert gift.closed_at is None


def test_anonymous_is_sent_to_login_and_changes_nothing(anonymous, gift):
    response = anonymous.get("/phone/tasks/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert anonymous.post(f"/phone/tasks/{gift.pk}/dismiss").status_code == 302
    gift.refresh_from_db()
    assert gift.closed_at is None


def test_the_digest_asks_whom_a_phone_task_is_for_only_while_one_is_open(alice, gift, monkeypatch, now):
    from goodwill.services.digest import preview_digest

    monkeypatch.setenv("GOODWILL_BASE_URL", "https://goodwill.example.com")
    digest = preview_digest(alice)
    assert "FROM YOUR PHONE: WHOM IS THIS FOR?" in digest.text and "- buy a gift" in digest.text
    link = f"https://goodwill.example.com/phone/tasks/#task-{gift.pk}"
    assert f"Whom is it for?: {link}" in digest.text and f'href="{link}"' in digest.html
    assert "1 task from your phone" in digest.subject
    gift.closed_at = now
    gift.save()
    again = preview_digest(alice)
    assert "From your phone" not in again.html and "buy a gift" not in again.text
