"""The firm's balance sheet: per professional and per team, by lead source with unshared names
hidden, departed professionals left out; partners only at every door."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest

from tests.firm.conftest import api_client, make_user, web_client


@pytest.fixture
def ledger(firm, now):
    """alice (Advisory): a referral given to Priya (3), business received from Priya sent by Quinn
    (3, 10,000 USD), advice received from Zed, whom she does not share (1): given 3, received 4.
    bob (Advisory): an introduction given to Sam (2). dan (Tax) has left: a referral given (3)."""
    from goodwill import clock
    from goodwill.models import Member, SharingRule
    from goodwill.services.ledger import add_exchange
    from goodwill.services.people import PersonFields, add_person

    alice, bob = firm["users"]["owner"], firm["users"]["teammate"]
    today = now.date()
    quinn = add_person(alice, PersonFields(name="Quinn Adams"))
    zed = add_person(alice, PersonFields(name="Zed Secret"))
    SharingRule.objects.create(owner=alice, person=zed, level="nothing")
    add_exchange(alice, firm["priya"], "referral", "given", on=today - timedelta(days=40))
    add_exchange(
        alice,
        firm["priya"],
        "business",
        "received",
        on=today - timedelta(days=20),
        amount="10k",
        currency="USD",
        source=quinn,
    )
    add_exchange(alice, zed, "advice", "received", on=today - timedelta(days=5))
    add_exchange(bob, firm["sam"], "introduction", "given", on=today - timedelta(days=3))
    dan = make_user("dan", teams=("Tax",))
    olga = add_person(dan, PersonFields(name="Olga Left"))
    add_exchange(dan, olga, "referral", "given", amount="5000", currency="EUR", status="won")
    Member.objects.filter(user=dan).update(departed_at=clock.now())
    return {"quinn": quinn, "zed": zed, "dan": dan}


def test_per_professional_and_team_totals(firm, ledger, now):
    from goodwill.queries.firm_ledger import firm_balance

    sheet = firm_balance(firm["users"]["partner"], now.date())
    lines = {p.professional.login: p.balance for p in sheet.professionals}
    assert "dan" not in lines  # departed: left out, with their exchanges
    alice, bob = lines["alice"], lines["bob"]
    assert (alice.given, alice.received, alice.equity, alice.positive) == (3, 4, -1, False)
    assert alice.received_value == {"USD": Decimal("10000.00")}
    assert (bob.given, bob.received, bob.positive) == (2, 0, True)
    assert [p.professional.login for p in sheet.professionals][:1] == ["bob"]  # highest equity first
    teams = {t.team.name: t for t in sheet.teams}
    assert (teams["Advisory"].members, teams["Advisory"].balance.given, teams["Advisory"].balance.received) == (2, 5, 4)
    assert teams["Advisory"].balance.positive
    assert (teams["Tax"].members, teams["Tax"].balance.given) == (2, 0)  # pat and charlie; dan has left
    assert (sheet.total.given, sheet.total.received) == (5, 4)
    assert sheet.total.given_value == {} and "EUR" not in sheet.total.given_value


def test_the_personal_rule(firm, ledger, now):
    """A professional's line is their own balance sheet's totals."""
    from goodwill.queries.firm_ledger import firm_balance
    from goodwill.queries.ledger import balance_sheet

    alice = firm["users"]["owner"]
    own = balance_sheet(alice, now.date())
    (line,) = [
        p.balance
        for p in firm_balance(firm["users"]["admin"], now.date()).professionals
        if p.professional.login == "alice"
    ]
    assert (line.given, line.received, line.equity) == (own.total_given, own.total_received, own.total_equity)
    assert line.received_value == own.value_received


def test_sources_hide_unshared_names(firm, ledger, now):
    from goodwill.queries.firm_ledger import firm_balance

    sheet = firm_balance(firm["users"]["partner"], now.date())
    by_name = {s.name: s for s in sheet.sources}
    assert set(by_name) == {"Priya Patel", "Quinn Adams", "a contact of alice", "Sam Ortiz"}
    assert by_name["Quinn Adams"].balance.received == 3  # business received is credited to who sent it
    assert by_name["Priya Patel"].balance.given == 3 and by_name["Priya Patel"].balance.received == 0
    hidden = by_name["a contact of alice"]
    assert hidden.person_id is None and not hidden.shown and hidden.balance.received == 1  # counted all the same
    assert "Zed" not in repr([(s.name, s.person_id) for s in sheet.sources])
    assert sheet.sources[0].balance.given + sheet.sources[0].balance.received == 3


def test_team_filter(firm, ledger, now):
    from goodwill.queries.firm_ledger import firm_balance

    tax = firm_balance(firm["users"]["partner"], now.date(), team=firm["ids"]["tax_team"])
    assert tax.team.name == "Tax" and [t.team.name for t in tax.teams] == ["Tax"]
    assert {p.professional.login for p in tax.professionals} == {"pat", "charlie"}
    assert tax.total.given == 0 and tax.sources == []


@pytest.mark.parametrize("role", ["owner", "teammate", "outsider"])
def test_members_get_not_found(firm, now, role):
    from goodwill.errors import NotFound
    from goodwill.queries.firm_ledger import firm_balance

    with pytest.raises(NotFound):
        firm_balance(firm["users"][role], now.date())


def test_web_page(firm, ledger):
    response = web_client(firm["users"]["partner"]).get("/firm/balance/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-login="alice"' in page and 'data-login="dan"' not in page
    assert "a contact of alice" in page and "Zed" not in page and "Olga" not in page
    assert "Quinn Adams" in page and "10000.00 USD" in page
    assert "goodwill " not in page.replace("goodwill.css", "")
    advisory = web_client(firm["users"]["partner"]).get("/firm/balance/", {"team": "Advisory"}).content.decode()
    assert 'data-login="pat"' not in advisory and 'data-login="bob"' in advisory


def test_api(firm, ledger):
    partner = api_client(firm["users"]["partner"])
    response = partner.get("/firm/balance")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["total"]["given"], body["total"]["received"], body["total"]["positive"]) == (5, 4, True)
    alice = next(p for p in body["professionals"] if p["professional"]["login"] == "alice")
    assert alice["balance"]["received_value"] == {"USD": "10000.00"} and alice["balance"]["positive"] is False
    hidden = next(s for s in body["sources"] if not s["shown"])
    assert hidden == hidden | {"name": "a contact of alice", "person_id": None}
    assert "Zed" not in response.content.decode()
    assert partner.get("/firm/balance", {"team": "Tax"}).json()["team"]["name"] == "Tax"
    assert api_client(firm["users"]["teammate"]).get("/firm/balance").status_code == 404


def test_cli(firm, ledger, cli):
    result = cli("firm", "balance", "--as", "pat")
    assert result.exit_code == 0, result.output
    assert "a contact of alice" in result.output and "Zed" not in result.output
    assert "10,000.00 USD" in result.output
    data = json.loads(cli("firm", "balance", "--as", "ada", "--team", "Advisory", "--json").output)
    assert {p["professional"]["login"] for p in data["professionals"]} == {"alice", "bob"}
    assert data["total"]["received_value"] == {"USD": "10000.00"} and data["total"]["positive"] is True
    denied = cli("firm", "balance", "--as", "bob")
    assert denied.exit_code == 2 and "partners" in denied.output


def test_ones_own_contacts_are_named_to_oneself(firm, ledger, now):
    from goodwill.models import Member
    from goodwill.queries.firm_ledger import firm_balance

    alice = firm["users"]["owner"]
    Member.objects.filter(user=alice).update(role="partner")
    names = {s.name for s in firm_balance(alice, now.date()).sources}
    assert "Zed Secret" in names and "a contact of alice" not in names
