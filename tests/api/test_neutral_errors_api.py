"""The API says what is wrong in a request, never which CLI flag to type."""

from __future__ import annotations


def test_an_error_names_no_cli_flag(as_alice, network):
    response = as_alice.post(
        "/interactions",
        {
            "kind": "email",
            "summary": "Hi",
            "person_ids": [network["jane"].pk],
            "awaiting_reply": True,
            "next_steps": [],
        },
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "only an inbound call, email or message can await a reply" in detail and "--" not in detail
