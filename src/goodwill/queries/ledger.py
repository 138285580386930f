"""The referral balance sheet, read side: per person, for the network, lead sources, and by quarter.

Equity counts value in points, so advice and business sit on one scale:
business and referrals 3, leads and introductions 2, advice, information and
favours 1. Amounts are summed per currency and never converted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from goodwill.models import Exchange, Person
from goodwill.models.base import Owner
from goodwill.queries.compiled_records import CompiledRecords

POINTS = {"business": 3, "referral": 3, "lead": 2, "introduction": 2, "advice": 1, "information": 1, "favour": 1}
OWE_MIN_RECEIVED = 2  # "I received much": at least this many points
QUARTERS = 8


@dataclass
class PersonBalance:
    person_id: int
    name: str
    given: int = 0  # points
    received: int = 0
    given_count: int = 0
    received_count: int = 0
    given_value: dict[str, Decimal] = field(default_factory=dict)  # currency → amount (won or unstated)
    received_value: dict[str, Decimal] = field(default_factory=dict)
    last_on: date | None = None

    @property
    def equity(self) -> int:
        return self.given - self.received


def in_positive_equity(given: int, received: int) -> bool:
    """The balance sheet's verdict: in positive equity when at least as much was given as received (points)."""
    return given >= received


@dataclass
class Tally:
    """Exchanges counted as a balance line counts them, for anything that is not one person: a
    professional, a team or a lead source across the firm (queries.firm_ledger)."""

    given: int = 0  # points
    received: int = 0
    given_count: int = 0
    received_count: int = 0
    given_value: dict[str, Decimal] = field(default_factory=dict)  # currency → amount (won or unstated)
    received_value: dict[str, Decimal] = field(default_factory=dict)
    last_on: date | None = None

    @property
    def equity(self) -> int:
        return self.given - self.received

    @property
    def positive(self) -> bool:
        return in_positive_equity(self.given, self.received)


@dataclass
class LeadSource:
    person_id: int
    name: str
    deals: int
    value: dict[str, Decimal]


@dataclass
class QuarterRow:
    quarter: str
    given: int
    received: int


@dataclass
class BalanceSheet:
    people: list[PersonBalance]
    total_given: int
    total_received: int
    total_equity: int
    i_owe: list[PersonBalance]
    lead_sources: list[LeadSource]
    by_quarter: list[QuarterRow]
    value_given: dict[str, Decimal]
    value_received: dict[str, Decimal]


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _add(bucket: dict[str, Decimal], row: Exchange) -> None:
    if row.amount is not None and row.status != "lost":
        bucket[row.currency] = bucket.get(row.currency, Decimal("0")) + row.amount


def _counts(row: Exchange) -> bool:
    return row.status != "lost"  # a lost referral was still given, but counts for nothing


def tally(line: PersonBalance | Tally, row: Exchange) -> int:
    """Count one exchange on a line (points, count and value on its side; rows come oldest first,
    so the last one counted is the latest); returns the points it counted for."""
    points = POINTS[row.kind] if _counts(row) else 0
    if row.direction == "given":
        line.given += points
        line.given_count += 1
        _add(line.given_value, row)
    else:
        line.received += points
        line.received_count += 1
        _add(line.received_value, row)
    line.last_on = row.occurred_on
    return points


_PERSON_ROWS = CompiledRecords(
    Exchange,
    lambda owner_id, person_id: Exchange.objects.filter(owner_id=owner_id, person_id=person_id).order_by(
        "occurred_on", "id"
    ),
)


def person_exchanges(owner: Owner, person: Person) -> list[Exchange]:
    """Everything exchanged with them, oldest first; compiled once, for the ideas on every
    Person page built (their balance, and the leads still pending)."""
    return _PERSON_ROWS.records(owner_id=owner.pk, person_id=person.pk)


def person_balance(owner: Owner, person: Person, rows: list[Exchange] | None = None) -> PersonBalance | None:
    """The person's line of the balance sheet (balance_sheet's with person=), None when nothing
    was exchanged; from `rows` when the caller read person_exchanges already."""
    line = None
    for row in person_exchanges(owner, person) if rows is None else rows:
        line = line or PersonBalance(person.pk, person.name)
        tally(line, row)
    return line


def balance_sheet(owner: Owner, today: date, *, person: Person | None = None) -> BalanceSheet:
    rows = Exchange.objects.filter(owner=owner).select_related("person", "source").order_by("occurred_on", "id")
    if person is not None:
        rows = rows.filter(person=person)
    people: dict[int, PersonBalance] = {}
    sources: dict[int, LeadSource] = {}
    quarters: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    value_given: dict[str, Decimal] = {}
    value_received: dict[str, Decimal] = {}
    for row in rows:
        line = people.setdefault(row.person_id, PersonBalance(row.person_id, row.person.name))
        points = tally(line, row)
        if row.direction == "given":
            _add(value_given, row)
            quarters[_quarter(row.occurred_on)][0] += points
        else:
            _add(value_received, row)
            quarters[_quarter(row.occurred_on)][1] += points
        # Lead sources: business received, credited to who sent it; referrals and leads received and won.
        credited = None
        if row.direction == "received" and row.kind == "business":
            credited = row.source or row.person
        elif row.direction == "received" and row.kind in ("referral", "lead") and row.status == "won":
            credited = row.person
        if credited is not None:
            source = sources.setdefault(credited.pk, LeadSource(credited.pk, credited.name, 0, {}))
            source.deals += 1
            _add(source.value, row)
    lines = sorted(people.values(), key=lambda p: (-p.equity, p.name))
    owe = sorted(
        (p for p in lines if p.received >= OWE_MIN_RECEIVED and p.equity < 0), key=lambda p: (p.equity, p.name)
    )
    top_sources = sorted(sources.values(), key=lambda s: (-s.deals, -sum(s.value.values(), Decimal(0)), s.name))[:10]
    wanted = []
    year, q = today.year, (today.month - 1) // 3 + 1
    for _ in range(QUARTERS):
        wanted.append(f"{year}-Q{q}")
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
    trend = [QuarterRow(label, *quarters.get(label, [0, 0])) for label in reversed(wanted)]
    given = sum(p.given for p in lines)
    received = sum(p.received for p in lines)
    return BalanceSheet(
        people=lines,
        total_given=given,
        total_received=received,
        total_equity=given - received,
        i_owe=owe,
        lead_sources=top_sources,
        by_quarter=trend,
        value_given=value_given,
        value_received=value_received,
    )


def entries(owner: Owner, *, person: Person | None = None, limit: int | None = None) -> list[Exchange]:
    rows = Exchange.objects.filter(owner=owner).select_related("person", "source")
    if person is not None:
        rows = rows.filter(person=person)
    return list(rows[:limit] if limit else rows)


def pending(owner: Owner, *, limit: int = 50) -> list[Exchange]:
    """Referrals and leads still waiting to be won or lost, oldest first (the balance sheet offers won/lost)."""
    return list(
        Exchange.objects.filter(owner=owner, status="pending")
        .select_related("person")
        .order_by("occurred_on", "id")[:limit]
    )
