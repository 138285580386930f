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


def test_a_ledger_mistake_names_no_cli_flag(network, as_alice):
    response = as_alice.post(
        "/ledger/add",
        {"person": f"Jane Doe (#{network['jane'].pk})", "kind": "referral", "direction": "given", "currency": "EUR"},
    )
    body = response.content.decode()
    assert "a currency without an amount" in body and "--amount" not in body


def test_an_introduction_without_a_reason_names_no_cli_flag(network, as_alice):
    jane, omar = network["jane"], network["omar"]
    response = as_alice.post("/intros/propose", {"a": f"#{jane.pk}", "b": f"#{omar.pk}", "why": "  "})
    body = response.content.decode()
    assert "say why they should meet" in body and "--why" not in body
