"""The referral balance sheet: validation, equity, people I owe, lead sources, trend."""

from datetime import date
from decimal import Decimal

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Exchange
from goodwill.queries.ledger import balance_sheet
from goodwill.services.ledger import add_exchange, get_exchange, set_status
from goodwill.services.people import PersonFields, add_person, archive_person


def person(owner, name):
    return add_person(owner, PersonFields(name=name))


@pytest.fixture
def people(alice, now):
    return person(alice, "Gia Giver"), person(alice, "Tom Taker"), person(alice, "Cal Client")


def test_balance_sheet(alice, people, now):
    gia, tom, cal = people
    add_exchange(alice, gia, "referral", "received", amount="12000", currency="usd", status="won", on=date(2026, 8, 3))
    add_exchange(alice, gia, "advice", "received", on=date(2026, 9, 1))
    add_exchange(alice, gia, "information", "given")
    add_exchange(alice, tom, "introduction", "given", on=date(2026, 2, 10))
    add_exchange(alice, tom, "lead", "given", status="lost")
    add_exchange(alice, cal, "business", "received", amount="40000", currency="EUR", source=tom)
    sheet = balance_sheet(alice, date(2026, 11, 23))
    by_name = {p.name: p for p in sheet.people}
    assert (by_name["Gia Giver"].given, by_name["Gia Giver"].received) == (1, 4)
    assert by_name["Tom Taker"].equity == 2  # a lost lead counts for nothing
    assert sheet.total_equity == 1 + 2 - 4 - 3
    assert [p.name for p in sheet.i_owe] == ["Cal Client", "Gia Giver"]  # both -3: by name
    assert [(s.name, s.deals) for s in sheet.lead_sources] == [("Tom Taker", 1), ("Gia Giver", 1)]
    assert next(s for s in sheet.lead_sources if s.name == "Tom Taker").value == {"EUR": Decimal("40000.00")}
    assert sheet.value_received == {"USD": Decimal("12000.00"), "EUR": Decimal("40000.00")}
    quarters = {q.quarter: (q.given, q.received) for q in sheet.by_quarter}
    assert len(sheet.by_quarter) == 8 and quarters["2026-Q3"] == (0, 4) and quarters["2026-Q1"] == (2, 0)


@pytest.mark.parametrize(
    "kw,message",
    [
        (dict(amount="100", currency="XYZ"), "ISO 4217"),
        (dict(amount="-5", currency="USD"), "negative"),
        (dict(amount="lots", currency="USD"), "not an amount"),
        (dict(amount="€100", currency="USD"), "is in EUR, not USD"),
        (dict(status="maybe"), "not a status"),
    ],
)
def test_bad_values_write_nothing(alice, people, kw, message):
    with pytest.raises(InvalidInput, match=message):
        add_exchange(alice, people[0], "referral", "given", **kw)
    assert not Exchange.objects.exists()


def test_other_bad_input(alice, people):
    gia, tom, _ = people
    with pytest.raises(InvalidInput, match="kind of exchange"):
        add_exchange(alice, gia, "bribe", "given")
    with pytest.raises(InvalidInput, match="direction"):
        add_exchange(alice, gia, "advice", "sideways")
    with pytest.raises(InvalidInput, match="no amount"):
        add_exchange(alice, gia, "advice", "given", amount="5", currency="USD")
    with pytest.raises(InvalidInput, match="a source is for business received"):
        add_exchange(alice, gia, "referral", "given", source=tom)
    with pytest.raises(InvalidInput, match="future"):
        add_exchange(alice, gia, "advice", "given", on=date(2027, 1, 1))
    archive_person(alice, tom)
    with pytest.raises(InvalidInput, match="archived"):
        add_exchange(alice, tom, "advice", "given")
    assert not Exchange.objects.exists()


def test_status_changes_and_defaults(alice, people):
    row = add_exchange(alice, people[0], "referral", "given")
    assert row.status == "pending"
    set_status(alice, row, "won", amount="900", currency="GBP")
    row.refresh_from_db()
    assert (row.status, row.amount, row.currency) == ("won", Decimal("900.00"), "GBP")
    with pytest.raises(InvalidInput):
        set_status(alice, row, "great")


def test_isolation(alice, bob, charlie, people):
    row = add_exchange(alice, people[0], "advice", "given")
    for other in (bob, charlie):
        assert balance_sheet(other, date(2026, 11, 23)).people == []
        with pytest.raises(NotFound):
            get_exchange(other, row.pk)
        with pytest.raises(NotFound):
            add_exchange(other, people[0], "advice", "given")
