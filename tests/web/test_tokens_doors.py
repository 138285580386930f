"""API tokens at the three doors, over one service (services.tokens): a token made at any door
is listed and revoked at the others, and a browser-only user can make one and use the API."""

from __future__ import annotations

import json
import re

import pytest

from tests.doors import api, web  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _names_on_settings(web) -> list[str]:  # noqa: F811
    section = web.get("/settings/").content.decode().split('id="api-tokens"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<th scope="row">([^<]+)</th>', section)


def _cli_names(cli) -> list[str]:
    return [t["name"] for t in json.loads(cli("token", "list", "--json").stdout)]


def test_made_in_the_browser_works_and_every_door_lists_it(web, cli, api, client):  # noqa: F811
    page = web.post("/settings/api-tokens", {"name": "browser script"}).content.decode()
    plain = re.search(r'<code id="api-new-token">([^<]+)</code>', page).group(1)
    assert client.get("/api/v1/agenda", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
    assert _cli_names(cli) == ["browser script", "tests"]
    assert [t["name"] for t in api("get", "/tokens").json()] == ["browser script", "tests"]
    assert _names_on_settings(web) == ["browser script", "tests"]


def test_made_at_the_cli_is_revoked_in_the_browser(web, cli, api, client):  # noqa: F811
    made = json.loads(cli("token", "add", "laptop script", "--json").stdout)
    assert "laptop script" in _names_on_settings(web)
    assert web.post(f"/settings/api-tokens/{made['id']}/revoke").status_code == 303
    assert client.get("/api/v1/agenda", headers={"Authorization": f"Bearer {made['token']}"}).status_code == 401
    assert "laptop script" not in _cli_names(cli)
    assert "laptop script" not in [t["name"] for t in api("get", "/tokens").json()]


def test_made_by_the_api_is_revoked_at_the_cli(web, cli, api, client):  # noqa: F811
    made = api("post", "/tokens", {"name": "ci job"}).json()
    assert "ci job" in _names_on_settings(web) and "ci job" in _cli_names(cli)
    assert cli("token", "revoke", str(made["id"])).exit_code == 0
    assert client.get("/api/v1/agenda", headers={"Authorization": f"Bearer {made['token']}"}).status_code == 401
    assert "ci job" not in _names_on_settings(web)


def test_each_door_refuses_a_taken_name_in_the_same_words(web, cli, api):  # noqa: F811
    said = 'you already have a token called "tests"'
    assert said in cli("token", "add", "tests").output
    assert said in api("post", "/tokens", {"name": "tests"}).json()["detail"]
    refused = web.post("/settings/api-tokens", {"name": "tests"})
    assert refused.status_code == 400 and said.replace('"', "&quot;") in refused.content.decode()
