"""Settings, "Calendar feed": the address under GOODWILL_BASE_URL with Copy, Rotate and Turn off,
and the warning when no calendar cloud can reach it. Owner, outsider and anonymous."""

from __future__ import annotations

import html

import pytest

from goodwill.services.accounts import settings_for


@pytest.fixture(autouse=True)
def _local_base(monkeypatch):
    monkeypatch.delenv("GOODWILL_BASE_URL", raising=False)


def page(client, **headers) -> str:
    response = client.get("/settings/", **headers)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def feed_path(token: str) -> str:
    return f"/feed/{token}.ics"


def test_the_page_shows_the_address_under_the_base_url_with_copy(network, as_alice, alice, monkeypatch):
    from goodwill.services.feed import feed_url

    monkeypatch.setenv("GOODWILL_BASE_URL", "https://goodwill.example-firm.com")
    token = feed_url(alice).url.rsplit("/", 1)[1].removesuffix(".ics")
    body = page(as_alice)
    assert f'<code id="feed-url">https://goodwill.example-firm.com/feed/{token}.ics</code>' in body
    assert 'data-copy="feed-url"' in body
    assert f'href="webcal://goodwill.example-firm.com/feed/{token}.ics"' in body
    assert f"https://goodwill.example-firm.com/feed/{token}.ics?events=1" in body
    assert "Rotate" in body and "Turn off" in body
    assert "can't reach" not in body


def test_a_loopback_base_warns_and_names_the_address_the_page_came_in_on(network, as_alice, alice, settings):
    from goodwill.services.feed import feed_url

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "crm.example-firm.com", "127.0.0.1"]

    feed_url(alice)
    body = page(as_alice)
    assert "calendar clouds (Google, Outlook.com, iCloud) can't reach 127.0.0.1" in body
    assert "set GOODWILL_BASE_URL to the address the server is reached at" in body
    # Reached through a real name: that name is the likely GOODWILL_BASE_URL.
    body = page(as_alice, HTTP_HOST="crm.example-firm.com")
    assert "This page was reached at <code>http://crm.example-firm.com</code>" in body
    body = page(as_alice, HTTP_HOST="127.0.0.1:8000")
    assert "This page was reached at" not in body


def test_rotate_makes_the_old_address_404_and_the_new_one_serve(network, as_alice, alice, client):
    from goodwill.services.feed import feed_url

    feed_url(alice)
    old = settings_for(alice).feed_token
    response = as_alice.post("/settings/feed", {"action": "regenerate"})
    assert response.status_code == 303
    new = settings_for(alice).feed_token
    assert new != old
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(new)).status_code == 200
    body = page(as_alice)
    assert f"http://127.0.0.1:8000/feed/{new}.ics" in body and old not in body


def test_turn_off_and_on_again(network, as_alice, alice, client):
    as_alice.post("/settings/feed", {"action": "regenerate"})
    token = settings_for(alice).feed_token
    assert as_alice.post("/settings/feed", {"action": "off"}).status_code == 303
    assert client.get(feed_path(token)).status_code == 404
    body = page(as_alice)
    assert "The feed is off." in body and "/feed/" not in body.split('id="h-feed"')[1]
    as_alice.post("/settings/feed", {"action": "regenerate"})
    assert settings_for(alice).feed_token not in ("", token)


def test_a_bad_base_url_is_said_and_the_rest_of_the_page_works(network, as_alice, alice, monkeypatch):
    from goodwill.services.feed import feed_url

    feed_url(alice)
    monkeypatch.setenv("GOODWILL_BASE_URL", "goodwill.example-firm.com")
    body = page(as_alice)
    assert '"goodwill.example-firm.com" is not a web address' in body and "Circles and cadences" in body
    token = settings_for(alice).feed_token
    as_alice.post("/settings/feed", {"action": "regenerate"})
    assert settings_for(alice).feed_token == token  # nothing rotated under a bad address
    assert "is not a web address" in page(as_alice)


def test_an_outsider_sees_only_their_own_feed_and_changes_only_it(network, as_alice, alice, as_charlie, charlie):
    as_alice.post("/settings/feed", {"action": "regenerate"})
    token = settings_for(alice).feed_token
    assert token not in page(as_charlie)
    assert "The feed is off." in page(as_charlie)
    as_charlie.post("/settings/feed", {"action": "regenerate"})
    as_charlie.post("/settings/feed", {"action": "off"})
    assert settings_for(alice).feed_token == token
    assert settings_for(charlie).feed_token == ""


def test_anonymous_is_sent_to_login_and_changes_nothing(network, anonymous, as_alice, alice):
    as_alice.post("/settings/feed", {"action": "regenerate"})
    token = settings_for(alice).feed_token
    response = anonymous.get("/settings/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    for action in ("regenerate", "off"):
        response = anonymous.post("/settings/feed", {"action": action})
        assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert settings_for(alice).feed_token == token


def test_rotate_and_off_refuse_get(network, as_alice, alice):
    as_alice.post("/settings/feed", {"action": "regenerate"})
    token = settings_for(alice).feed_token
    assert as_alice.get("/settings/feed").status_code == 405
    assert settings_for(alice).feed_token == token
