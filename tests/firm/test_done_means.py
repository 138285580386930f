"""Issue 17's "done means" through the CLI and the API (the browser's is tests/e2e/test_firm.py):
two professionals on one server, each with their own network and sharing, find who knows a
target, ask for and make a warm introduction, and a partner sees the key-relationship and
momentum views. Charlie (another team) asks alice, who knows Priya at Acme."""

from __future__ import annotations

import json

from goodwill.models import Introduction, IntroRequest, KeyAccount
from tests.firm.conftest import api_client


def _alices_tie(humans: list[dict]) -> dict:
    (priya,) = [h for h in humans if h["name"] == "Priya Patel"]
    (tie,) = [t for t in priya["ties"] if t["colleague"] == "alice"]
    return tie


def _nothing_marked_yet() -> None:
    """The access tables' fixture marks Acme already: these walk the marking too."""
    KeyAccount.objects.all().delete()


def test_through_the_cli(firm, cli):
    _nothing_marked_yet()
    assert cli("firm", "share", "last_met", "--circle", "close", "--as", "alice").exit_code == 0
    assert cli("firm", "share-momentum", "on", "--as", "alice").exit_code == 0
    found = cli("firm", "who", "priya@acme.test", "--json", "--as", "charlie")
    assert found.exit_code == 0, found.output
    tie = _alices_tie(json.loads(found.output))
    assert tie["last_met"] and "leaving Acme" not in found.output
    asked = cli("firm", "ask", "alice", str(tie["person_id"]), "--reason", "Tax work at Acme", "--as", "charlie")
    assert asked.exit_code == 0, asked.output
    request = IntroRequest.objects.get(requester=firm["users"]["outsider"])
    accepted = cli("firm", "request", "accept", str(request.pk), "--as", "alice")
    assert accepted.exit_code == 0, accepted.output
    request.refresh_from_db()
    intro = Introduction.objects.get(pk=request.introduction_id, owner=firm["users"]["owner"])
    assert intro.person_a_id == firm["priya"].pk or intro.person_b_id == firm["priya"].pk

    assert cli("firm", "account", "add", "Acme", "--kind", "client", "--as", "pat").exit_code == 0
    accounts = cli("firm", "accounts", "--json", "--as", "pat")
    assert accounts.exit_code == 0 and "alice" in accounts.output, accounts.output
    momentum = cli("firm", "momentum", "--as", "pat")
    assert momentum.exit_code == 0 and "alice" in momentum.output
    assert cli("firm", "momentum", "--as", "bob").exit_code == 2  # partners only


def test_through_the_api(firm):
    _nothing_marked_yet()
    alice, charlie, pat = (api_client(firm["users"][r]) for r in ("owner", "outsider", "partner"))
    assert (
        alice.put(
            "/firm/sharing", {"circles": [{"name": "close", "level": "last_met"}], "share_momentum": True}
        ).status_code
        == 200
    )
    tie = _alices_tie(charlie.get("/firm/who", {"q": "Priya Patel"}).json())
    assert tie["last_met"]
    made = charlie.post(
        "/firm/requests",
        {"colleague_id": tie["colleague_id"], "target_id": tie["person_id"], "reason": "Tax work at Acme"},
    )
    assert made.status_code == 201, made.content
    accepted = alice.post(f"/firm/requests/{made.json()['id']}/answer", {"action": "accept"})
    assert accepted.status_code == 200, accepted.content
    account = pat.post("/firm/accounts", {"name": "Acme", "kind": "client"})
    assert account.status_code == 201, account.content
    shown = pat.get(f"/firm/accounts/{account.json()['id']}")
    assert shown.status_code == 200 and "alice" in shown.content.decode()
    assert "leaving Acme" not in shown.content.decode()
    momentum = pat.get("/firm/momentum").json()
    assert "alice" in json.dumps(momentum)
