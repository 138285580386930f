"""A page never tells a user to type a command: a service's error shows in its own words."""

from __future__ import annotations


def test_an_error_on_the_log_form_names_no_cli_flag(network, as_alice):
    jane = network["jane"]
    response = as_alice.post(
        "/log/",
        {
            "person": f"Jane Doe (#{jane.pk})",
            "kind": "email",
            "summary": "Hi there",
            "awaiting_reply": "1",
            "skip_next": "1",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "only an inbound call, email or message can await a reply" in body and "--inbound" not in body
