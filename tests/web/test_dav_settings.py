"""Settings' "Phone and other devices": the address and user name to type, the device
passwords with their last use, a new one shown once on a page nobody keeps, and revoke.
Alice's passwords are hers: bob and charlie get a 404 and see none of them, anonymous
visitors the login page, and nothing changes."""

from __future__ import annotations

import re

import pytest

from goodwill.models import DavPassword
from goodwill.services.dav_passwords import add_device_password, user_for_device_password


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_the_section_shows_what_to_type_and_the_passwords(as_alice, alice, now):
    device = add_device_password(alice, "Jane's iPhone").device
    page = as_alice.get("/settings/").content.decode()
    assert 'id="h-phone"' in page
    assert "http://127.0.0.1:8000/dav/" in page and '<code id="dav-username">alice</code>' in page
    assert "http://127.0.0.1:8000/dav/alice/contacts/" in page
    assert "a phone can&#x27;t reach it" in page  # loopback, said plainly
    assert "Jane&#x27;s iPhone" in page and f"…{device.hint}" in page and "never" in page


def test_the_section_shows_last_use(as_alice, alice, now):
    plain = add_device_password(alice, "iPhone").plain
    user_for_device_password("alice", plain)
    page = as_alice.get("/settings/").content.decode()
    assert "23 Nov, 09:00" in page


def test_add_shows_the_password_once_and_nobody_keeps_the_page(as_alice, alice, now):
    response = as_alice.post("/settings/dav/passwords", {"name": "iPhone"})
    assert response.status_code == 200
    body = response.content.decode()
    plain = re.search(r'<code id="dav-new-password">([a-z0-9-]+)</code>', body).group(1)
    assert user_for_device_password("alice", plain) == alice
    assert "will not be shown again" in body and "http://127.0.0.1:8000/dav/" in body
    assert "no-store" in response["Cache-Control"]
    settings_page = as_alice.get("/settings/").content.decode()
    assert "iPhone" in settings_page and plain not in settings_page


def test_a_bad_name_is_said_plainly_and_makes_nothing(as_alice, alice, now):
    add_device_password(alice, "iPhone")
    taken = as_alice.post("/settings/dav/passwords", {"name": "IPHONE"}, follow=True)
    assert "already have a password" in _messages(taken)
    empty = as_alice.post("/settings/dav/passwords", {"name": "  "}, follow=True)
    assert "device's name" in _messages(empty)
    assert DavPassword.objects.filter(owner=alice).count() == 1


def test_a_base_url_that_is_not_a_web_address_still_lets_you_revoke(as_alice, alice, now, monkeypatch):
    device = add_device_password(alice, "iPhone").device
    monkeypatch.setenv("GOODWILL_BASE_URL", "crm.example.com")
    page = as_alice.get("/settings/").content.decode()
    assert "The addresses can't be shown" in page and "iPhone" in page
    refused = as_alice.post("/settings/dav/passwords", {"name": "Pixel"}, follow=True)
    assert "not a web address" in _messages(refused)
    assert not DavPassword.objects.filter(name="Pixel").exists()
    as_alice.post(f"/settings/dav/passwords/{device.pk}/revoke")
    assert DavPassword.objects.get(pk=device.pk).revoked_at is not None


def test_revoke(as_alice, alice, now):
    new = add_device_password(alice, "iPhone")
    revoked = as_alice.post(f"/settings/dav/passwords/{new.device.pk}/revoke", follow=True)
    assert 'Revoked the password for "iPhone"' in _messages(revoked)
    assert user_for_device_password("alice", new.plain) is None
    assert "No device passwords yet." in revoked.content.decode()
    again = as_alice.post(f"/settings/dav/passwords/{new.device.pk}/revoke", follow=True)
    assert "already revoked" in _messages(again)


@pytest.fixture
def alices_device(alice, now):
    return add_device_password(alice, "Jane's iPhone").device


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_nobody_else_can_revoke_or_see_alices_password(alices_device, as_user, request, who):
    client = as_user(request.getfixturevalue(who))
    response = client.post(f"/settings/dav/passwords/{alices_device.pk}/revoke")
    assert response.status_code == 404 and "Jane" not in response.content.decode()
    assert DavPassword.objects.get(pk=alices_device.pk).revoked_at is None
    page = client.get("/settings/").content.decode()
    assert "Jane&#x27;s iPhone" not in page and "No device passwords yet." in page
    assert f"/dav/{who}/contacts/" in page  # their own addresses


@pytest.mark.parametrize(
    "url,data", [("/settings/dav/passwords", {"name": "Pixel"}), ("/settings/dav/passwords/{pk}/revoke", {})]
)
def test_anonymous_is_sent_to_login_and_changes_nothing(alices_device, anonymous, url, data):
    response = anonymous.post(url.format(pk=alices_device.pk), data)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert DavPassword.objects.count() == 1 and DavPassword.objects.get().revoked_at is None


def test_actions_refuse_get(alices_device, as_alice):
    assert as_alice.get("/settings/dav/passwords").status_code == 405
    assert as_alice.get(f"/settings/dav/passwords/{alices_device.pk}/revoke").status_code == 405
    assert DavPassword.objects.get(pk=alices_device.pk).revoked_at is None


def test_posts_need_the_csrf_token(alice, now):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post("/settings/dav/passwords", {"name": "iPhone"}).status_code == 403
    assert not DavPassword.objects.exists()


def test_today_says_when_tasks_from_the_phone_name_nobody(as_alice, alice, now):
    from goodwill.models import PhoneTask
    from goodwill.services.people import PersonFields, add_person

    add_person(alice, PersonFields(name="Jane Doe"))  # past the first-run page
    assert b"phone-tasks-waiting" not in as_alice.get("/").content
    PhoneTask.objects.create(owner=alice, uid="p1", text="buy a gift", created_at=now)
    page = as_alice.get("/").content.decode()
    assert "1 task from your phone names nobody" in page and 'href="/phone/tasks/"' in page
