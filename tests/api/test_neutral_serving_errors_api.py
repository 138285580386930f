"""The serving and map errors over the API say what is wrong, never which CLI flag or command to type."""

from __future__ import annotations

import pytest


def _detail(response) -> str:
    assert response.status_code == 400, response.content
    return response.json()["detail"]


@pytest.mark.parametrize(
    "entry,message",
    [
        ({"currency": "EUR"}, "a currency without an amount"),
        ({"kind": "business", "direction": "given", "source": True}, "a source is for business received"),
    ],
)
def test_ledger_mistakes_name_no_flag(as_alice, network, entry, message):
    jane, sam = network["jane"], network["sam"]
    body = {"person_id": jane.pk, "kind": "referral", "direction": "given", **entry}
    if body.pop("source", None):
        body["source_id"] = sam.pk
    detail = _detail(as_alice.post("/ledger/entries", body))
    assert message in detail and "--" not in detail


def test_pass_on_with_no_words_to_match_names_no_flag(as_alice, network):
    detail = _detail(as_alice.get("/pass-on", {"text": "the and of"}))
    assert "has no words to match on; add a few specific words or tags" in detail and "--tags" not in detail


def test_near_home_without_a_home_names_no_command(as_alice, network):
    detail = _detail(as_alice.get("/near", {"place": "home"}))
    assert "no home base yet" in detail and "goodwill" not in detail
