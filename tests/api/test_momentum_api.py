"""GET /momentum: my outbound touches per week, as `goodwill momentum --json` and the Momentum
page give them (queries.momentum)."""

from __future__ import annotations

import json

import pytest

from tests.doors import api, jane, web  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def test_the_api_gives_the_same_weeks_as_the_cli_and_the_page(api, cli, web, jane):  # noqa: F811
    cli("log", "call", "Jane Doe", "Caught up", "--next", "none")
    answer = api("get", "/momentum", {"weeks": 8})
    assert answer.status_code == 200
    body = answer.json()
    by_cli = json.loads(cli("momentum", "--weeks", "8", "--json").stdout)
    assert body == by_cli
    assert len(body["weeks"]) == 8 and body["this_week"] == 1 and body["weeks"][-1]["count"] == 1
    page = web.get("/momentum/", {"weeks": 8}).content.decode()
    assert f"{body['goal']}" in page


@pytest.mark.parametrize("weeks", [3, 105, "many"])
def test_a_span_outside_four_to_104_weeks_is_a_clear_400(api, weeks):  # noqa: F811
    answer = api("get", "/momentum", {"weeks": weeks})
    assert answer.status_code == 400 and "weeks" in answer.json()["detail"]
