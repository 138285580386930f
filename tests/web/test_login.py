"""The login model: the local user without a password only on loopback and only
when `goodwill serve` allows it; otherwise every page needs a login."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings

from goodwill.cli.serve_cmds import local_login_wanted
from goodwill.hosts import is_loopback_host


@override_settings(GOODWILL_LOCAL_LOGIN=True)
def test_local_user_without_password_on_loopback(db, now):
    from goodwill.services.accounts import local_user

    me = local_user()
    response = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1:8000").get("/")
    assert response.status_code == 200
    assert response.wsgi_request.owner == me
    assert Client(REMOTE_ADDR="::1", HTTP_HOST="[::1]:8000").get("/").status_code == 200


@override_settings(GOODWILL_LOCAL_LOGIN=True)
def test_local_user_never_from_another_machine(db, now):
    response = Client(REMOTE_ADDR="192.168.1.20").get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@override_settings(GOODWILL_LOCAL_LOGIN=False)
def test_without_local_login_even_loopback_must_log_in(db, now):
    assert Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1:8000").get("/").status_code == 302


def test_login_then_logout(alice, now):
    alice.set_password("correct horse battery")
    alice.save()
    client = Client()
    page = client.get("/login/?next=/people/")
    assert page.status_code == 200 and b'name="password"' in page.content
    response = client.post("/login/", {"username": "alice", "password": "correct horse battery", "next": "/people/"})
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert client.get("/people/").status_code == 200
    assert client.post("/logout/").status_code == 302
    assert client.get("/people/").status_code == 302


def test_wrong_password_says_so(alice, now):
    alice.set_password("correct horse battery")
    alice.save()
    response = Client().post("/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200 and b"Wrong user name or password" in response.content


def test_login_never_redirects_off_site(alice, now):
    alice.set_password("correct horse battery")
    alice.save()
    response = Client().post(
        "/login/", {"username": "alice", "password": "correct horse battery", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "host,expected",
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.com", False),
    ],
)
def test_loopback_hosts(host, expected):
    assert is_loopback_host(host) is expected


def test_local_login_decision(monkeypatch):
    monkeypatch.delenv("GOODWILL_LOCAL_LOGIN", raising=False)
    monkeypatch.delenv("GOODWILL_DATABASE_URL", raising=False)
    assert local_login_wanted("127.0.0.1", no_local_login=False, demo=False)
    assert not local_login_wanted("127.0.0.1", no_local_login=True, demo=False)
    assert not local_login_wanted("0.0.0.0", no_local_login=False, demo=False)
    monkeypatch.setenv("GOODWILL_LOCAL_LOGIN", "0")  # turned off in the environment (config)
    assert not local_login_wanted("127.0.0.1", no_local_login=False, demo=False)
    monkeypatch.delenv("GOODWILL_LOCAL_LOGIN")
    # A firm's server (PostgreSQL) never logs anyone in without a password.
    monkeypatch.setenv("GOODWILL_DATABASE_URL", "postgresql://db.example/goodwill")
    assert not local_login_wanted("127.0.0.1", no_local_login=False, demo=False)


def _session_for(user, backend: str, *, expires_in: timedelta = timedelta(days=1)) -> Client:
    """A browser holding a session stored as a login through `backend` would store it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(int(expires_in.total_seconds()))
    store.save()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return client


def test_a_login_reads_its_session_and_user_through_compiled_reads_and_django_rules_hold(alice, now):
    """Issue 18: the session and its user are read by compile-once statements (a fifth of a
    firm server's CPU was Django compiling them); what logs a browser out is still Django's."""
    from goodwill.services.password_backend import PASSWORD_BACKEND

    alice.set_password("correct horse battery")
    alice.save()
    client = Client()
    client.post("/login/", {"username": "alice", "password": "correct horse battery"})
    assert client.session["_auth_user_backend"] == PASSWORD_BACKEND
    for _ in range(3):  # the third request runs the compiled statements
        assert client.get("/people/").status_code == 200
    from goodwill.queries import sessions

    assert sessions._LIVE_SESSION._plans and sessions._USER.compiled._plans
    assert _session_for(alice, PASSWORD_BACKEND).get("/people/").status_code == 200
    expired = _session_for(alice, PASSWORD_BACKEND, expires_in=timedelta(seconds=-1))
    assert expired.get("/people/").status_code == 302
    alice.set_password("a new one, elsewhere")  # another browser changed the password
    alice.save()
    assert client.get("/people/").status_code == 302
    fresh = _session_for(alice, PASSWORD_BACKEND)
    alice.is_active = False
    alice.save()
    assert fresh.get("/people/").status_code == 302


def test_a_login_made_before_the_compiled_backend_stays_a_login(alice, now):
    """Sessions stored before PasswordBackend replaced Django's ModelBackend name Django's: the
    browser stays logged in. A backend the settings don't list is still refused."""
    alice.set_password("correct horse battery")
    alice.save()
    assert _session_for(alice, "django.contrib.auth.backends.ModelBackend").get("/people/").status_code == 200
    assert _session_for(alice, "some.other.Backend").get("/people/").status_code == 302
