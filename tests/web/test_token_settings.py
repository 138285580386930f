"""Settings' "API tokens": make one (shown once, on a page nobody keeps, and it opens the API),
the list without any secret, revoke (the API refuses it from then on), and a refused name
as one line on the page with a 400. Alice's tokens are hers: bob and charlie get a 404 and see
none of them, anonymous visitors the login page, and nothing changes."""

from __future__ import annotations

import re

import pytest

from goodwill.models import ApiToken
from goodwill.services.tokens import create_token


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def _agenda(client, plain: str) -> int:
    return client.get("/api/v1/agenda", headers={"Authorization": f"Bearer {plain}"}).status_code


def test_make_shows_the_token_once_and_it_opens_the_api(as_alice, alice, now):
    response = as_alice.post("/settings/api-tokens", {"name": "laptop script"})
    assert response.status_code == 200
    body = response.content.decode()
    plain = re.search(r'<code id="api-new-token">(gw_[A-Za-z0-9_-]+)</code>', body).group(1)
    assert "You won't see this token again" in body and 'data-copy="api-new-token"' in body
    assert "http://testserver/api/v1/agenda" in body  # the example, without the token in it
    assert "no-store" in response["Cache-Control"]
    assert _agenda(as_alice, plain) == 200
    # Nowhere else: not in a message kept for the next page, not on Settings.
    settings_page = as_alice.get("/settings/").content.decode()
    assert "laptop script" in settings_page and plain not in settings_page
    assert plain[:10] + "…" in settings_page and "23 Nov, 09:00" in settings_page  # last used just now


def test_the_list_shows_name_start_and_dates_never_the_token(as_alice, alice, now):
    new = create_token(alice, "nightly export")
    create_token(alice, "old one")
    ApiToken.objects.filter(name="old one").update(revoked_at=now)
    page = as_alice.get("/settings/").content.decode()
    section = page.split('id="api-tokens"', 1)[1].split("</section>", 1)[0]
    assert "nightly export" in section and "never" in section and "23 Nov 2026" in section
    assert new.plain not in page and new.token.key_hash not in page
    assert "old one" not in section  # revoked tokens are gone from the list
    assert "can't be undone" in section  # the revoke button says what it does first


def test_revoke_and_the_api_refuses_it(as_alice, alice, now):
    new = create_token(alice, "laptop script")
    revoked = as_alice.post(f"/settings/api-tokens/{new.token.pk}/revoke")
    assert revoked.status_code == 303 and revoked["Location"] == "/settings/#api-tokens"
    followed = as_alice.get("/settings/")
    assert 'Revoked the API token "laptop script"' in _messages(followed)
    assert "No API tokens yet." in followed.content.decode()
    assert _agenda(as_alice, new.plain) == 401
    again = as_alice.post(f"/settings/api-tokens/{new.token.pk}/revoke")
    assert again.status_code == 400 and "already revoked" in again.content.decode()


@pytest.mark.parametrize(
    "name,says",
    [
        ("   ", "a token needs a name"),
        ("x" * 101, "at most 100 characters"),
        ("laptop script", "you already have a token called"),
    ],
)
def test_a_refused_name_is_one_line_on_the_page(as_alice, alice, now, name, says):
    existing = create_token(alice, "laptop script")
    response = as_alice.post("/settings/api-tokens", {"name": name})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="token-error"' in body and says in body and 'aria-invalid="true"' in body
    assert existing.plain not in body and 'id="api-new-token"' not in body
    assert ApiToken.objects.filter(owner=alice).count() == 1


@pytest.fixture
def alices_token(alice, now):
    return create_token(alice, "Jane's sync script")


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_nobody_else_can_revoke_or_see_alices_tokens(alices_token, as_user, request, who):
    client = as_user(request.getfixturevalue(who))
    response = client.post(f"/settings/api-tokens/{alices_token.token.pk}/revoke")
    assert response.status_code == 404 and "Jane" not in response.content.decode()
    assert ApiToken.objects.get(pk=alices_token.token.pk).revoked_at is None
    page = client.get("/settings/").content.decode()
    assert "Jane&#x27;s sync script" not in page and "No API tokens yet." in page
    assert alices_token.token.prefix not in page


@pytest.mark.parametrize(
    "url,data", [("/settings/api-tokens", {"name": "x"}), ("/settings/api-tokens/{pk}/revoke", {})]
)
def test_anonymous_is_sent_to_login_and_changes_nothing(alices_token, anonymous, url, data):
    response = anonymous.post(url.format(pk=alices_token.token.pk), data)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert ApiToken.objects.count() == 1 and ApiToken.objects.get().revoked_at is None


def test_actions_refuse_get(alices_token, as_alice):
    assert as_alice.get("/settings/api-tokens").status_code == 405
    assert as_alice.get(f"/settings/api-tokens/{alices_token.token.pk}/revoke").status_code == 405
    assert ApiToken.objects.get().revoked_at is None


def test_posts_need_the_csrf_token(alice, alices_token):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post("/settings/api-tokens", {"name": "script"}).status_code == 403
    assert client.post(f"/settings/api-tokens/{alices_token.token.pk}/revoke").status_code == 403
    assert ApiToken.objects.count() == 1 and ApiToken.objects.get().revoked_at is None
