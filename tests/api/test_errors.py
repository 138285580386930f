"""Every mistake in a request is a JSON 4xx with a one-line `detail`, never a 500."""

from __future__ import annotations

import pytest


def test_malformed_json_is_400(as_alice, network):
    response = as_alice.client.post(
        "/api/v1/people", "{not json", content_type="application/json", headers=as_alice._headers()
    )
    assert response.status_code == 400
    assert "\n" not in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/people/0",
        "/people/-1",
        "/people/abc",
        "/people/99999999999999999999999",
        "/steps/1e3",
    ],
)
def test_ids_out_of_range_are_400_not_500(as_alice, network, path):
    response = as_alice.get(path)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(("person_id", "step_id"))


@pytest.mark.parametrize(
    "body",
    [
        {"name": "nul\x00byte"},
        {"name": "Ann", "tags": ["İ" * 60]},  # lower-cased it would not fit the column
        {"name": "Ann", "cadence_days": 10**12},
        {"name": "Ann", "introduced_by_id": 2**64},
    ],
)
def test_values_the_database_would_refuse_are_400(as_alice, network, body):
    response = as_alice.post("/people", body)
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_extreme_dates_are_400(as_alice, network, when):
    response = as_alice.post(
        "/interactions",
        {"kind": "call", "person_ids": [network["jane"].pk], "summary": "x", "next_steps": [], "when": when},
    )
    assert response.status_code == 400
    assert "when" in response.json()["detail"]


def test_a_naive_time_is_the_users_local_time(as_alice, network):
    response = as_alice.post(
        "/interactions",
        {
            "kind": "call",
            "person_ids": [network["jane"].pk],
            "summary": "x",
            "next_steps": [],
            "when": "2026-11-22T15:00:00",
        },
    )
    assert response.status_code == 201
    assert response.json()["interaction"]["occurred_at"] == "2026-11-22T15:00:00Z"  # the test zone is UTC


def test_wrong_method_is_405(as_alice, network):
    assert as_alice.client.delete("/api/v1/people", headers=as_alice._headers()).status_code == 405


def test_several_problems_are_still_one_line(as_alice, network):
    response = as_alice.post("/steps", {"text": "", "ball": "nobody"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "\n" not in detail and "more problem" in detail
