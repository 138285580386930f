"""Key relationships and departures through the front doors: CLI, web and API agree."""

from __future__ import annotations

from tests.firm.conftest import api_client, web_client


def test_cli_accounts_and_account(firm, cli):
    result = cli("firm", "accounts", "--as", "pat")
    assert result.exit_code == 0, result.output
    assert "Acme (key client): 2 colleagues, strongest alice → Priya Patel" in result.output
    result = cli("firm", "account", "add", "Globex", "--kind", "target", "--note", "Win them", "--as", "pat")
    assert result.exit_code == 0 and "is now a key target" in result.output
    result = cli("firm", "account", "show", str(firm["ids"]["acme_account"]), "--as", "pat", "--json")
    assert result.exit_code == 0
    import json

    shown = json.loads(result.output)
    assert [t["colleague"] for t in shown["ties"]] == ["alice", "pat"]
    assert "leaving" not in result.output  # the confidential meeting's summary never shows


def test_cli_errors_are_one_line_with_exit_2(firm, cli):
    result = cli("firm", "account", "add", "ACME", "--as", "pat")
    assert result.exit_code == 2 and "already a key account" in result.output
    assert "Traceback" not in result.output
    result = cli("firm", "account", "show", "abc", "--as", "pat")
    assert result.exit_code == 2 and "not a key account id" in result.output
    result = cli("firm", "accounts", "--as", "alice")  # a member
    assert result.exit_code == 2


def test_cli_handover_handovers_and_depart(firm, cli):
    from goodwill.models import Person

    priya = str(firm["priya"].pk)
    result = cli("firm", "handover", "--to", "bob", "--person", priya, "--note", "Call her", "--as", "alice")
    assert result.exit_code == 0, result.output
    assert "Handed Priya Patel to bob." in result.output
    assert Person.objects.filter(owner=firm["users"]["teammate"], name="Priya Patel").exists()
    result = cli("firm", "handovers", "--as", "bob")
    assert "alice → bob: Priya Patel at Acme — Call her" in result.output
    result = cli("firm", "depart", "alice", "--as", "ada")
    assert result.exit_code == 0 and "alice has left the firm" in result.output
    result = cli("firm", "depart", "bob", "--as", "pat")
    assert result.exit_code == 2


def test_web_accounts_mark_and_detail(firm):
    client = web_client(firm["users"]["partner"])
    page = client.get("/firm/accounts/").content.decode()
    assert "Acme" in page and "alice → Priya Patel" in page
    response = client.post("/firm/accounts/", {"name": "Globex", "kind": "target", "note": "Win"})
    assert response.status_code == 303
    response = client.post("/firm/accounts/", {"name": "ACME Inc", "kind": "client"})
    assert response.status_code == 400 and "already a key account" in response.content.decode()
    detail = client.get(f"/firm/accounts/{firm['ids']['acme_account']}/").content.decode()
    assert "alice" in detail and "Priya Patel" in detail and "3 meetings" in detail
    assert "leaving Acme" not in detail
    assert "goodwill firm" not in detail.lower()  # a page never tells the user to type a command


def test_web_handover_by_alice_and_departure_by_the_admin(firm):
    from goodwill.models import Handover

    alice = web_client(firm["users"]["owner"])
    page = alice.get("/firm/handover/").content.decode()
    assert f'value="{firm["priya"].pk}"' in page
    response = alice.post("/firm/handover/", {"recipient": "bob", "person": [firm["priya"].pk], "note": "Call her"})
    assert response.status_code == 303
    assert Handover.objects.get().recipient == firm["users"]["teammate"]
    response = alice.post("/firm/handover/", {"recipient": "bob", "person": [], "note": "Call her"})
    assert response.status_code == 400 and "no person given" in response.content.decode()
    admin = web_client(firm["users"]["admin"])
    page = admin.get("/firm/handover/?leaver=alice").content.decode()
    assert "alice's people at key accounts" in page
    response = admin.post("/firm/departures/", {"login": "alice"})
    assert response.status_code == 303
    firm["users"]["owner"].refresh_from_db()
    assert not firm["users"]["owner"].is_active
    response = admin.post("/firm/departures/", {"login": "ada"})
    assert response.status_code == 400 and "your own departure" in response.content.decode()


def test_api_accounts_and_handover(firm):
    pat = api_client(firm["users"]["partner"])
    listed = pat.get("/firm/accounts").json()
    assert listed[0]["name"] == "Acme" and listed[0]["strongest"]["colleague"] == "alice"
    detail = pat.get(f"/firm/accounts/{firm['ids']['acme_account']}").json()
    assert [t["colleague"] for t in detail["ties"]] == ["alice", "pat"]
    response = pat.post("/firm/accounts", {"name": "acme, inc."})
    assert response.status_code == 400 and "already a key account" in response.json()["detail"]
    response = pat.post("/firm/accounts", {"name": "Initech", "kind": "friend"})
    assert response.status_code == 400
    alice = api_client(firm["users"]["owner"])
    response = alice.post("/firm/handovers", {"to": "nobody", "person_ids": [firm["priya"].pk], "note": "x"})
    assert response.status_code == 404 and "nobody" in response.json()["detail"]
    response = alice.post("/firm/handovers", {"to": "bob", "person_ids": [firm["priya"].pk], "note": "Call her"})
    assert response.status_code == 201 and response.json()[0]["person"] == "Priya Patel"
    bobs = api_client(firm["users"]["teammate"]).get("/firm/handovers").json()
    assert bobs[0]["to_person_id"] is not None
