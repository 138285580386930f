"""Device passwords for the phone (services.dav_passwords) and what to type into it
(services.dav_info): whose they are, how they are typed, revoked, when they were last used,
and that they open the phone's collections only, never the web app or the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, RequestFactory

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import DavPassword
from goodwill.services.dav_passwords import (
    add_device_password,
    check_device_password,
    device_passwords,
    get_device_password,
    revoke_device_password,
    user_for_device_password,
)

pytestmark = pytest.mark.django_db


def _login_request():
    return RequestFactory().get("/dav/", REMOTE_ADDR="203.0.113.7")


def test_a_new_password_opens_only_its_owners_collections(alice, bob, now):
    new = add_device_password(alice, "  iPhone  ")
    assert new.device.name == "iPhone" and new.plain.count("-") == 3 and len(new.plain) == 19
    assert new.device.hint == new.plain[-4:] and new.plain not in new.device.password_hash
    assert user_for_device_password("alice", new.plain) == alice
    assert user_for_device_password("bob", new.plain) is None
    assert user_for_device_password("alice", "wrong-pass-word-here") is None


@pytest.mark.parametrize("typed", ["upper", "spaces", "no dashes", "all of it"])
def test_a_password_typed_on_a_phone_still_matches(alice, now, typed):
    plain = add_device_password(alice, "iPhone").plain
    compact = plain.replace("-", "")
    forms = {
        "upper": plain.upper(),
        "spaces": plain.replace("-", " "),
        "no dashes": compact,
        "all of it": " " + " ".join(compact[i : i + 2] for i in range(0, 16, 2)).upper() + " ",
    }
    assert user_for_device_password("alice", forms[typed]) == alice


def test_a_password_one_character_off_is_refused(alice, now):
    plain = add_device_password(alice, "iPhone").plain
    assert user_for_device_password("alice", plain[:-1]) is None
    assert user_for_device_password("alice", plain + "x") is None


def test_another_users_passwords_are_neither_listed_nor_revocable(alice, bob, now):
    mine = add_device_password(alice, "iPhone").device
    add_device_password(bob, "Pixel")
    assert [d.name for d in device_passwords(alice)] == ["iPhone"]
    assert [d.name for d in device_passwords(bob)] == ["Pixel"]
    with pytest.raises(NotFound):
        revoke_device_password(bob, mine.pk)
    with pytest.raises(InvalidInput, match='no device password called "iPhone"'):
        revoke_device_password(bob, "iPhone")
    mine.refresh_from_db()
    assert mine.revoked_at is None


def test_a_revoked_password_is_refused_and_listed_only_with_all(alice, now):
    new = add_device_password(alice, "iPhone")
    revoked = revoke_device_password(alice, "iphone")  # by name, in any case
    assert revoked.pk == new.device.pk and revoked.revoked_at == now
    assert user_for_device_password("alice", new.plain) is None
    assert check_device_password("alice", new.plain, _login_request()) is None
    assert device_passwords(alice) == []
    assert [d.pk for d in device_passwords(alice, include_revoked=True)] == [new.device.pk]
    with pytest.raises(InvalidInput, match="already revoked"):
        revoke_device_password(alice, f"#{new.device.pk}")
    # The name is free again once revoked, and the name then means the working one (on PostgreSQL too).
    again = add_device_password(alice, "iPhone")
    assert get_device_password(alice, "iPhone").pk == again.device.pk
    assert revoke_device_password(alice, "iPhone").pk == again.device.pk


def test_names_must_be_given_short_and_not_taken(alice, now):
    add_device_password(alice, "iPhone")
    with pytest.raises(InvalidInput, match="already have a password"):
        add_device_password(alice, "IPHONE")
    with pytest.raises(InvalidInput, match="device's name"):
        add_device_password(alice, "   ")
    with pytest.raises(InvalidInput, match="at most 60"):
        add_device_password(alice, "x" * 61)


def test_last_used_is_written_at_most_once_a_minute(alice, set_now, now):
    plain = add_device_password(alice, "iPhone").plain

    def last_used():
        return DavPassword.objects.get(owner=alice).last_used_at

    assert last_used() is None
    assert user_for_device_password("alice", plain) == alice
    assert last_used() == now
    set_now((now + timedelta(seconds=59)).isoformat())
    user_for_device_password("alice", plain)
    assert last_used() == now  # a phone syncing every few seconds writes nothing more
    later = now + timedelta(minutes=1)
    set_now(later.isoformat())
    user_for_device_password("alice", plain)
    assert last_used() == later


def test_an_inactive_user_is_refused(alice, now):
    plain = add_device_password(alice, "iPhone").plain
    alice.is_active = False
    alice.save()
    assert user_for_device_password("alice", plain) is None


def test_check_goes_through_django_authenticate(alice, now):
    plain = add_device_password(alice, "iPhone").plain
    assert check_device_password("alice", plain, _login_request()) == alice
    assert check_device_password("alice", "not-the-pass-word", _login_request()) is None


def test_five_wrong_passwords_lock_the_device_login_out(alice, now):
    plain = add_device_password(alice, "iPhone").plain
    for _ in range(5):
        assert check_device_password("alice", "wrong-wron-gwro-ngwr", _login_request()) is None
    assert check_device_password("alice", plain, _login_request()) is None  # locked for 15 minutes


def test_a_device_password_never_logs_into_the_web(alice, now):
    plain = add_device_password(alice, "iPhone").plain
    client = Client()
    response = client.post("/login/", {"username": "alice", "password": plain})
    assert response.status_code == 200 and b"Wrong user name or password" in response.content
    assert client.get("/people/").status_code == 302  # still not logged in


def test_a_device_password_never_logs_into_the_web_even_with_a_login_password(alice, now):
    alice.set_password("correct horse battery")
    alice.save()
    plain = add_device_password(alice, "iPhone").plain
    response = Client().post("/login/", {"username": "alice", "password": plain})
    assert b"Wrong user name or password" in response.content


def test_a_device_password_never_opens_the_api(alice, now):
    plain = add_device_password(alice, "iPhone").plain
    for header in (f"Bearer {plain}", f"Bearer alice:{plain}"):
        response = Client().get("/api/v1/agenda", headers={"Authorization": header})
        assert response.status_code == 401
    import base64

    basic = base64.b64encode(f"alice:{plain}".encode()).decode()
    assert Client().get("/api/v1/agenda", headers={"Authorization": f"Basic {basic}"}).status_code == 401


# What to type into the phone (services.dav_info).


def test_addresses_on_loopback_say_a_phone_cannot_reach_them(alice, now):
    from goodwill.services.dav_info import dav_addresses

    found = dav_addresses(alice)
    assert found.server == "http://127.0.0.1:8000/dav/"
    assert found.username == "alice"
    assert found.contacts == "http://127.0.0.1:8000/dav/alice/contacts/"
    assert found.tasks == "http://127.0.0.1:8000/dav/alice/tasks/"
    assert found.dates == "http://127.0.0.1:8000/dav/alice/dates/"
    assert found.reachable_from_phone is False
    assert "a phone can't reach it" in found.warning and "Thunderbird" in found.warning


def test_addresses_behind_https_are_reachable(alice, now, monkeypatch):
    from goodwill.services.dav_info import dav_addresses

    monkeypatch.setenv("GOODWILL_BASE_URL", "https://crm.example.com/")
    found = dav_addresses(alice)
    assert found.server == "https://crm.example.com/dav/"
    assert found.contacts == "https://crm.example.com/dav/alice/contacts/"
    assert found.reachable_from_phone is True and found.warning == ""


def test_plain_http_elsewhere_is_refused_to_phones_and_says_so(alice, now, monkeypatch):
    from goodwill.services.dav_info import dav_addresses

    monkeypatch.setenv("GOODWILL_BASE_URL", "http://crm.example.com")
    found = dav_addresses(alice)
    assert found.reachable_from_phone is False and "plain http" in found.warning and "HTTPS" in found.warning


def test_an_email_as_user_name_stays_readable_in_the_paths(db, now, monkeypatch):
    from django.contrib.auth import get_user_model

    from goodwill.services.dav_info import dav_addresses

    monkeypatch.setenv("GOODWILL_BASE_URL", "https://crm.example.com")
    user = get_user_model().objects.create_user(username="ann.lee@firm.com")
    found = dav_addresses(user)
    assert found.username == "ann.lee@firm.com"
    assert found.contacts == "https://crm.example.com/dav/ann.lee@firm.com/contacts/"


def test_a_base_url_that_is_not_a_web_address_is_one_clear_error(alice, now, monkeypatch):
    from goodwill.services.dav_info import dav_addresses

    monkeypatch.setenv("GOODWILL_BASE_URL", "crm.example.com")
    with pytest.raises(InvalidInput, match="not a web address"):
        dav_addresses(alice)
