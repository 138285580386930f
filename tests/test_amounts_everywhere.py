"""Ledger amounts as people write them, and the default currency, through the CLI, the web and the API."""

import json

import pytest

from goodwill.models import Exchange, UserSettings
from goodwill.services.accounts import settings_for
from tests.doors import Api, api, jane, web  # noqa: F401 (fixtures)


def _last():
    row = Exchange.objects.order_by("-id").first()
    return str(row.amount), row.currency


@pytest.mark.parametrize(
    "written,stored",
    [
        ("25k", ("25000.00", "USD")),
        ("1.2m", ("1200000.00", "USD")),
        ("$25,000", ("25000.00", "USD")),
        ("€1.2m", ("1200000.00", "EUR")),
        ("25 000", ("25000.00", "USD")),
    ],
)
def test_the_cli_reads_amounts_as_written(cli, jane, written, stored):
    result = cli("ledger", "add", "Jane", "referral", "--amount", written)
    assert result.exit_code == 0, result.output
    assert _last() == stored


def test_the_web_form_reads_amounts_as_written(web, jane):
    response = web.post(
        "/ledger/add",
        {"person": "Jane Doe", "kind": "business", "direction": "received", "amount": "€1.2m", "currency": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert _last() == ("1200000.00", "EUR")


def test_the_api_reads_amounts_as_written(api, jane):
    response = api(
        "post", "/ledger/entries", {"person_id": jane.pk, "kind": "referral", "direction": "given", "amount": "25k"}
    )
    assert response.status_code == 201, response.content
    assert (response.json()["amount"], response.json()["currency"]) == ("25000.00", "USD")
    numeric = api(
        "post", "/ledger/entries", {"person_id": jane.pk, "kind": "lead", "direction": "given", "amount": 900}
    )
    assert (numeric.json()["amount"], numeric.json()["currency"]) == ("900.00", "USD")


def test_the_same_bad_amount_gets_the_same_message_everywhere(cli, web, api, jane):
    message = '"25 xyz" is not a currency'
    result = cli("ledger", "add", "Jane", "referral", "--amount", "25 xyz")
    assert result.exit_code == 2 and message in result.output and len(result.output.strip().splitlines()) == 1
    page = web.post("/ledger/add", {"person": "Jane Doe", "kind": "referral", "direction": "given", "amount": "25 xyz"})
    assert page.status_code == 400 and message.replace('"', "&quot;") in page.content.decode()
    answer = api(
        "post", "/ledger/entries", {"person_id": jane.pk, "kind": "referral", "direction": "given", "amount": "25 xyz"}
    )
    assert answer.status_code == 400 and message in answer.json()["detail"]
    assert not Exchange.objects.exists()


# The default currency: set from each door, used when an amount names none, shown on the sheet.


def test_the_cli_sets_the_default_currency_and_the_sheet_shows_it(cli, jane, me):
    assert cli("config", "set", "currency", "eur").exit_code == 0
    assert settings_for(me).default_currency == "EUR"
    assert json.loads(cli("config", "show", "--json").output)["currency"] == "EUR"
    cli("ledger", "add", "Jane", "referral", "--amount", "25k")
    assert _last() == ("25000.00", "EUR")
    assert "Amounts written without a currency are in EUR" in cli("ledger").output
    assert json.loads(cli("ledger", "--json").output)["default_currency"] == "EUR"
    # A "$" still means dollars, whatever the default.
    cli("ledger", "add", "Jane", "lead", "--amount", "$5k")
    assert _last() == ("5000.00", "USD")


def test_a_bad_currency_setting_is_one_line(cli, me):
    result = cli("config", "set", "currency", "euros")
    assert result.exit_code == 2
    assert result.output.strip() == 'error: "euros" is not an ISO 4217 currency code; use e.g. USD, EUR, GBP'
    assert settings_for(me).default_currency == "USD"


def test_the_web_settings_page_sets_the_default_currency(web, jane, me):
    page = web.get("/settings/").content.decode()
    assert 'name="currency" value="USD"' in page
    web.post("/settings/preferences", {"currency": "gbp"})
    assert settings_for(me).default_currency == "GBP"
    sheet = web.get("/ledger/").content.decode()
    assert '<span id="default-currency">GBP</span>' in sheet and 'placeholder="GBP"' in sheet
    web.post("/ledger/add", {"person": "Jane Doe", "kind": "referral", "direction": "given", "amount": "3k"})
    assert _last() == ("3000.00", "GBP")


def test_the_api_sets_the_default_currency(api, jane, me):
    assert api("get", "/settings").json()["currency"] == "USD"
    changed = api("patch", "/settings", {"currency": "chf"})
    assert changed.status_code == 200 and changed.json()["currency"] == "CHF"
    assert api("get", "/ledger").json()["default_currency"] == "CHF"
    bad = api("patch", "/settings", {"currency": "francs"})
    assert bad.status_code == 400 and "not an ISO 4217 currency code" in bad.json()["detail"]
    typo = api("patch", "/settings", {"curency": "EUR"})
    assert typo.status_code in (400, 422) and "curency" in typo.json()["detail"]
    assert settings_for(me).default_currency == "CHF"


def test_one_users_default_currency_is_not_anothers(alice, bob, charlie, now):
    Api(alice)("patch", "/settings", {"currency": "EUR"})
    assert Api(bob)("get", "/settings").json()["currency"] == "USD"
    assert Api(charlie)("get", "/settings").json()["currency"] == "USD"
    assert UserSettings.objects.get(user=alice).default_currency == "EUR"
