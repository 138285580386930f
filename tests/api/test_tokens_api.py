"""/api/v1/tokens: list my own (never a secret), make one (the token in that answer only),
revoke one, the token in use included (said in the answer). Alice's tokens are hers: bob and
charlie list only their own and get a 404 for hers; the rest of the access table is in
test_access.py."""

from __future__ import annotations

import pytest

from goodwill.models import ApiToken
from goodwill.services.tokens import create_token


def test_make_list_revoke(as_alice, alice, client):
    made = as_alice.post("/tokens", {"name": "nightly export"})
    assert made.status_code == 201, made.content
    new = made.json()
    assert new["name"] == "nightly export" and new["token"].startswith("gw_")
    assert new["starts_with"] == new["token"][:10] and new["revoked_at"] is None
    headers = {"Authorization": f"Bearer {new['token']}"}
    assert client.get("/api/v1/agenda", headers=headers).status_code == 200
    listed = as_alice.get("/tokens")
    assert listed.status_code == 200
    assert [t["name"] for t in listed.json()] == ["nightly export", "tests"]  # newest first
    assert new["token"] not in listed.content.decode() and "token" not in listed.json()[0]
    revoked = as_alice.delete(f"/tokens/{new['id']}")
    assert revoked.status_code == 200, revoked.content
    assert revoked.json()["revoked_at"] is not None
    assert revoked.json()["used_by_this_request"] is False and revoked.json()["warning"] == ""
    assert client.get("/api/v1/agenda", headers=headers).status_code == 401
    assert [t["name"] for t in as_alice.get("/tokens").json()] == ["tests"]
    assert [t["name"] for t in as_alice.get("/tokens", {"all": "true"}).json()] == ["nightly export", "tests"]
    again = as_alice.delete(f"/tokens/{new['id']}")
    assert again.status_code == 400 and "already revoked" in again.json()["detail"]


def test_revoking_the_token_in_use_is_allowed_and_said(as_alice):
    [mine] = as_alice.get("/tokens").json()
    revoked = as_alice.delete(f"/tokens/{mine['id']}")
    assert revoked.status_code == 200
    assert revoked.json()["used_by_this_request"] is True and "no longer works" in revoked.json()["warning"]
    after = as_alice.get("/tokens")
    assert after.status_code == 401 and "Settings → API tokens" in after.json()["detail"]


def test_mistakes_are_400_with_a_detail(as_alice):
    assert as_alice.post("/tokens", {"name": "script"}).status_code == 201
    taken = as_alice.post("/tokens", {"name": "script"})
    assert taken.status_code == 400 and "already have a token" in taken.json()["detail"]
    assert "a token needs a name" in as_alice.post("/tokens", {"name": "  "}).json()["detail"]
    too_long = as_alice.post("/tokens", {"name": "x" * 101})
    assert too_long.status_code == 400 and too_long.json()["detail"].startswith("name:")
    assert as_alice.post("/tokens", {}).status_code == 400
    typo = as_alice.post("/tokens", {"name": "x", "nmae": "y"})
    assert typo.status_code == 422 and "nmae" in typo.json()["detail"]
    assert as_alice.delete("/tokens/4242").status_code == 404
    assert [t["name"] for t in as_alice.get("/tokens").json()] == ["script", "tests"]  # nothing else made


@pytest.mark.parametrize("who", ["as_bob", "as_charlie"])
def test_others_list_only_their_own_and_cannot_revoke_hers(as_alice, alice, request, who):
    hers = create_token(alice, "Jane's sync script").token
    stranger = request.getfixturevalue(who)
    listed = stranger.get("/tokens")
    assert listed.status_code == 200 and [t["name"] for t in listed.json()] == ["tests"]
    assert "Jane" not in listed.content.decode()
    assert all(t["id"] != hers.pk for t in stranger.get("/tokens", {"all": "true"}).json())
    refused = stranger.delete(f"/tokens/{hers.pk}")
    assert refused.status_code == 404 and refused.json()["detail"].startswith("no ")
    assert "Jane" not in refused.content.decode()
    assert ApiToken.objects.get(pk=hers.pk).revoked_at is None


def test_anonymous_gets_401_for_the_list(anonymous, alice, now):
    create_token(alice, "script")
    response = anonymous.get("/tokens")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
