"""Local login (the CLI's user, no password) is for a single-user machine only:
never for a request relayed by a proxy, never for a Host that is not loopback,
and never once anybody can log in with a password. Each condition alone turns
it off. (`test_proxy.py` proves it through a real nginx.)"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

LOCAL = {"REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1:8000"}

pytestmark = pytest.mark.usefixtures("now")


def _get(**meta):
    return Client(**{**LOCAL, **meta}).get("/")


def _is_local(response, me) -> bool:
    return response.status_code == 200 and response.wsgi_request.owner == me


def _sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.fixture
def me(db):
    from goodwill.services.accounts import local_user

    return local_user()


@override_settings(GOODWILL_LOCAL_LOGIN=True)
@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "localhost:5000", "LocalHost:80", "[::1]", "[::1]:8000"]
)
def test_a_loopback_host_with_no_login_yet_is_the_local_user(me, host):
    assert _is_local(_get(HTTP_HOST=host), me)


@override_settings(GOODWILL_LOCAL_LOGIN=True)
@pytest.mark.parametrize(
    "header,value",
    [
        ("HTTP_X_FORWARDED_FOR", "203.0.113.9"),
        ("HTTP_X_FORWARDED_PROTO", "https"),
        ("HTTP_X_FORWARDED_HOST", "goodwill.example.com"),
        ("HTTP_X_REAL_IP", "203.0.113.9"),
        ("HTTP_FORWARDED", "for=203.0.113.9;proto=https"),
        ("HTTP_X_FORWARDED_FOR", "127.0.0.1"),  # even one that claims to be local
    ],
)
def test_a_request_relayed_by_a_proxy_must_log_in(me, header, value):
    assert _sent_to_login(_get(**{header: value}))


@override_settings(GOODWILL_LOCAL_LOGIN=True, ALLOWED_HOSTS=["*"])
@pytest.mark.parametrize(
    "host",
    [
        "goodwill.example.com",
        "goodwill.example.com:443",
        "192.168.1.5:8000",
        "127.0.0.1.nip.io",
        "localhost.example.com",
    ],
)
def test_a_host_other_than_loopback_must_log_in(me, host):
    assert _sent_to_login(_get(HTTP_HOST=host))


@override_settings(GOODWILL_LOCAL_LOGIN=True)
def test_once_a_login_exists_local_login_is_off(me, cli):
    assert _is_local(_get(), me)
    result = cli("user", "add", "dana", "--password-stdin", input="a long enough secret\n")
    assert result.exit_code == 0, result.output
    assert _sent_to_login(_get())
    login = Client(**LOCAL).get("/login/")
    assert login.status_code == 200 and b'name="password"' in login.content


@override_settings(GOODWILL_LOCAL_LOGIN=True)
def test_a_login_given_to_the_local_user_counts_too(me):
    me.set_password("a long enough secret")
    me.save()
    assert _sent_to_login(_get())
    client = Client(**LOCAL)
    assert client.post("/login/", {"username": "me", "password": "a long enough secret"}).status_code == 302
    assert _is_local(client.get("/"), me)


@override_settings(GOODWILL_LOCAL_LOGIN=True)
def test_htmx_calls_are_sent_to_the_login_page_too(me):
    response = _get(HTTP_X_FORWARDED_FOR="203.0.113.9", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].startswith("/login/")


@override_settings(GOODWILL_LOCAL_LOGIN=True)
def test_the_api_has_no_local_user(me):
    """The API takes only a token, from loopback too."""
    response = Client(**LOCAL).get("/api/v1/people")
    assert response.status_code == 401
