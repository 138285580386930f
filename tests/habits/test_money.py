"""Amounts as people write them: one pure parser for the CLI, the web and the API."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.money import MAX_AMOUNT, MoneyError, parse_money

D = Decimal


@pytest.mark.parametrize(
    "text,amount,currency",
    [
        ("25000", D("25000"), None),
        ("25k", D("25000"), None),
        ("25K", D("25000"), None),
        ("1.2m", D("1200000"), None),
        ("1.2M", D("1200000"), None),
        ("$25,000", D("25000"), "USD"),
        ("€1.2m", D("1200000"), "EUR"),
        ("25 000", D("25000"), None),
        ("25\u00a0000 €", D("25000"), "EUR"),
        ("25 000 EUR", D("25000"), "EUR"),
        ("USD 25k", D("25000"), "USD"),
        ("25k usd", D("25000"), "USD"),
        ("£3k", D("3000"), "GBP"),
        ("US$ 3k", D("3000"), "USD"),
        ("CA$5", D("5"), "CAD"),
        ("1,234,567.89", D("1234567.89"), None),
        ("1.234.567,89", D("1234567.89"), None),
        ("1,5m", D("1500000"), None),
        ("12,50", D("12.50"), None),
        ("25'000", D("25000"), None),
        ("25_000", D("25000"), None),
        ("2.5 million", D("2500000"), None),
        ("3bn", D("3000000000"), None),
        ("5 grand", D("5000"), None),
        ("1250.505", D("1250.50"), None),  # cents: banker's rounding, as the ledger always did
        ("0", D("0"), None),
        (".5k", D("500"), None),
        ("25k.", D("25000"), None),
    ],
)
def test_amounts_as_people_write_them(text, amount, currency):
    money = parse_money(text)
    assert (money.amount, money.currency) == (amount, currency)


def test_a_bare_dollar_sign_is_the_default_dollar():
    assert parse_money("$5k", default="CAD").currency == "CAD"
    assert parse_money("$5k", default="EUR").currency == "USD"
    assert parse_money("$5k").currency == "USD"


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "no amount given"),
        ("lots", "is not an amount"),
        ("-5", "cannot be negative"),
        ("$-5", "cannot be negative"),
        ("1.2.3", "is not an amount"),
        ("25,00,000", "is not an amount"),
        ("25 xyz", '"xyz" in "25 xyz" is not a currency'),
        ("€5 USD", "names two currencies (EUR, USD)"),
        ("1e5", "is not a currency"),
        ("1,000,000,000,000", "too large"),
        ("1000bn", "too large"),
        ("9" * 70, "too long"),
    ],
)
def test_bad_amounts_are_one_line_errors(text, message):
    with pytest.raises(MoneyError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        parse_money(text)
    assert "\n" not in str(caught.value)


amounts = st.decimals(min_value=0, max_value=D("999999999999.99"), places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_plain_and_grouped_numbers_read_back_exactly(value):
    assert parse_money(str(value)).amount == value
    assert parse_money(f"{value:,.2f}").amount == value
    assert parse_money(f"{value:,.2f}".replace(",", " ")).amount == value


@given(
    st.integers(min_value=0, max_value=999_999),
    st.sampled_from([("k", 3), ("m", 6)]),
    st.sampled_from(["", "$", "€", "£"]),
)
def test_scales_and_symbols(n, scale, symbol):
    suffix, power = scale
    value = D(n) * D(10) ** power
    if value >= MAX_AMOUNT:
        with pytest.raises(MoneyError, match="too large"):
            parse_money(f"{symbol}{n}{suffix}")
        return
    money = parse_money(f"{symbol}{n}{suffix}")
    assert money.amount == value
    assert money.currency == {"": None, "$": "USD", "€": "EUR", "£": "GBP"}[symbol]


@given(st.text(max_size=80))
def test_any_text_is_an_amount_or_one_line_error(text):
    try:
        money = parse_money(text)
    except MoneyError as exc:
        assert "\n" not in str(exc) or "\n" in text
    else:
        assert D(0) <= money.amount < MAX_AMOUNT
        assert money.amount == money.amount.quantize(D("0.01"))
