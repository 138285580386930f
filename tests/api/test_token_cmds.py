"""`goodwill token ...` and `goodwill feed ...`."""

from __future__ import annotations

import json


def test_token_add_list_revoke(cli, client):
    added = cli("token", "add", "laptop script", "--json")
    assert added.exit_code == 0, added.output
    token = json.loads(added.output)
    assert token["token"].startswith("gw_")
    response = client.get("/api/v1/agenda", headers={"Authorization": f"Bearer {token['token']}"})
    assert response.status_code == 200
    listed = cli("token", "list")
    assert "laptop script" in listed.output and token["token"][:10] in listed.output
    assert token["token"] not in listed.output  # never shown again
    assert cli("token", "revoke", str(token["id"])).exit_code == 0
    assert client.get("/api/v1/agenda", headers={"Authorization": f"Bearer {token['token']}"}).status_code == 401
    assert "No API tokens" in cli("token", "list").output
    assert "laptop script" in cli("token", "list", "--all").output


def test_token_mistakes_exit_2(cli):
    assert cli("token", "add", " ").exit_code == 2
    assert cli("token", "revoke", "abc").exit_code == 2
    assert cli("token", "revoke", "4242").exit_code == 2


def test_feed_url_regenerate_revoke(cli, client):
    first = cli("feed", "url").output.splitlines()[0]
    assert first.startswith("http://127.0.0.1:8000/feed/") and first.endswith(".ics")
    assert cli("feed", "url").output.splitlines()[0] == first  # stable until regenerated
    path = first.removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    new = json.loads(cli("feed", "regenerate", "--json", "--base", "https://crm.example.com/").output)["url"]
    assert new.startswith("https://crm.example.com/feed/") and new.removeprefix("https://crm.example.com") != path
    assert client.get(path).status_code == 404
    assert cli("feed", "revoke").exit_code == 0
    assert client.get(new.removeprefix("https://crm.example.com")).status_code == 404
    again = cli("feed", "revoke")
    assert again.exit_code == 2 and "already off" in again.output
    assert cli("feed", "url", "--base", "crm.example.com").exit_code == 2
