"""The referral balance sheet: value given to and received from people, with lead sources."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal, Union

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Day, Id, Input, Limit, Offset
from goodwill.api.people import get_person
from goodwill.api.shapes import PersonRef

router = Router(tags=["ledger"])

Kind = Literal["referral", "lead", "introduction", "information", "advice", "favour", "business"]
Money = dict[str, str]  # currency → amount, e.g. {"USD": "25000.00"}; never converted
# A number, or text as people write it ("25k", "$25,000", "€1.2m"): read by the same parser as the CLI.
AmountIn = Union[Annotated[Decimal, Field(ge=0, lt=Decimal("1e12"))], Annotated[str, Chars(60)]]  # noqa: UP007 - read by pydantic
AMOUNT_HELP = (
    '25000, or as written: "25k", "1.2m", "$25,000", "€1.2m", "25 000"; '
    "without a currency it is in your default currency (see /settings)"
)


class PersonLine(Schema):
    person: PersonRef
    given: int = Field(description="Points given: business and referrals 3, leads and introductions 2, the rest 1")
    received: int
    equity: int = Field(description="given − received")
    given_count: int
    received_count: int
    given_value: Money
    received_value: Money
    last_on: date | None


class LeadSource(Schema):
    person: PersonRef
    deals: int
    value: Money


class QuarterRow(Schema):
    quarter: str
    given: int
    received: int


class SheetOut(Schema):
    total_given: int
    total_received: int
    total_equity: int
    value_given: Money
    value_received: Money
    people: list[PersonLine] = Field(description="Highest equity first")
    people_count: int
    i_owe: list[PersonLine] = Field(description="People I received much from and gave less back")
    lead_sources: list[LeadSource]
    by_quarter: list[QuarterRow]
    default_currency: str = Field(description="The currency of amounts written without one (a setting)")


class SheetParams(Schema):
    person_id: Id | None = Field(None, description="Only the balance with this person")
    people_limit: int = Field(50, ge=0, le=500)


class EntryOut(Schema):
    id: int
    person: PersonRef
    kind: str
    direction: str
    occurred_on: date
    description: str
    amount: str | None
    currency: str
    status: str
    source: PersonRef | None
    introduction_id: int | None
    created_at: datetime


class EntryPage(Schema):
    count: int
    items: list[EntryOut]


class EntryFilters(Schema):
    person_id: Id | None = None
    limit: Limit = 50
    offset: Offset = 0


class EntryIn(Input):
    person_id: Id
    kind: Kind
    direction: Literal["given", "received"]
    on: Day | None = Field(None, description="When (default today); not in the future")
    description: Annotated[str, Chars(500)] = ""
    amount: AmountIn | None = Field(None, description="For referrals, leads and business: " + AMOUNT_HELP)
    currency: Annotated[str, Chars(10)] = Field(
        "", description="ISO 4217, e.g. USD; default: the one written with the amount, else your default currency"
    )
    status: Literal["", "pending", "won", "lost"] = Field("", description="Referrals and leads; they start pending")
    source_id: Id | None = Field(None, description="Business received: who the lead came from")


class StatusIn(Input):
    status: Literal["pending", "won", "lost"]
    amount: AmountIn | None = Field(None, description=AMOUNT_HELP)
    currency: Annotated[str, Chars(10)] = Field(
        "", description="ISO 4217; default: the entry's, else your default currency"
    )


def _money(values: dict) -> dict[str, str]:
    return {currency: f"{amount:.2f}" for currency, amount in values.items()}


def _line(line) -> dict:
    return {
        "person": {"id": line.person_id, "name": line.name},
        "given": line.given,
        "received": line.received,
        "equity": line.equity,
        "given_count": line.given_count,
        "received_count": line.received_count,
        "given_value": _money(line.given_value),
        "received_value": _money(line.received_value),
        "last_on": line.last_on,
    }


def entry_out(row) -> dict:
    return {
        "id": row.pk,
        "person": {"id": row.person_id, "name": row.person.name},
        "kind": row.kind,
        "direction": row.direction,
        "occurred_on": row.occurred_on,
        "description": row.description,
        "amount": f"{row.amount:.2f}" if row.amount is not None else None,
        "currency": row.currency,
        "status": row.status,
        "source": {"id": row.source_id, "name": row.source.name} if row.source_id else None,
        "introduction_id": row.introduction_id,
        "created_at": row.created_at,
    }


def _entry(owner, entry_id: int):
    from goodwill.models import Exchange

    return Exchange.objects.select_related("person", "source").get_owned(owner, entry_id)


@router.get("", response={200: SheetOut, **ERRORS}, summary="The balance sheet")
def sheet(request, params: Query[SheetParams]):
    """Value given and received, in points and in money per currency, with lead sources and the trend by quarter."""
    from goodwill import clock
    from goodwill.queries.ledger import balance_sheet
    from goodwill.services.ledger import default_currency

    owner = request.auth
    person = get_person(owner, params.person_id) if params.person_id else None
    result = balance_sheet(owner, clock.today(), person=person)
    return {
        "total_given": result.total_given,
        "total_received": result.total_received,
        "total_equity": result.total_equity,
        "value_given": _money(result.value_given),
        "value_received": _money(result.value_received),
        "people": [_line(p) for p in result.people[: params.people_limit]],
        "people_count": len(result.people),
        "i_owe": [_line(p) for p in result.i_owe],
        "lead_sources": [
            {"person": {"id": s.person_id, "name": s.name}, "deals": s.deals, "value": _money(s.value)}
            for s in result.lead_sources
        ],
        "by_quarter": [{"quarter": q.quarter, "given": q.given, "received": q.received} for q in result.by_quarter],
        "default_currency": default_currency(owner),
    }


@router.get("/entries", response={200: EntryPage, **ERRORS}, summary="Ledger entries, newest first")
def list_entries(request, filters: Query[EntryFilters]):
    from goodwill.models import Exchange

    owner = request.auth
    rows = Exchange.objects.filter(owner=owner).select_related("person", "source").order_by("-occurred_on", "-id")
    if filters.person_id:
        rows = rows.filter(person=get_person(owner, filters.person_id))
    page = list(rows[filters.offset : filters.offset + filters.limit])
    return {"count": rows.count(), "items": [entry_out(r) for r in page]}


@router.post("/entries", response={201: EntryOut, **ERRORS}, summary="Record value given or received")
def create_entry(request, payload: EntryIn):
    from goodwill.services.ledger import add_exchange

    owner = request.auth
    person = get_person(owner, payload.person_id)
    source = get_person(owner, payload.source_id) if payload.source_id else None
    row = add_exchange(
        owner,
        person,
        payload.kind,
        payload.direction,
        on=payload.on,
        description=payload.description,
        amount=payload.amount,
        currency=payload.currency,
        status=payload.status,
        source=source,
    )
    return Status(201, entry_out(_entry(owner, row.pk)))


@router.get("/entries/{entry_id}", response={200: EntryOut, **ERRORS}, summary="One ledger entry")
def read_entry(request, entry_id: Id):
    return entry_out(_entry(request.auth, entry_id))


@router.post(
    "/entries/{entry_id}/status", response={200: EntryOut, **ERRORS}, summary="A referral or lead was won or lost"
)
def entry_status(request, entry_id: Id, payload: StatusIn):
    from goodwill.services.ledger import set_status

    owner = request.auth
    row = set_status(owner, _entry(owner, entry_id), payload.status, amount=payload.amount, currency=payload.currency)
    return entry_out(_entry(owner, row.pk))


@router.delete("/entries/{entry_id}", response={204: None, **ERRORS}, summary="Remove a ledger entry")
def delete_entry(request, entry_id: Id):
    from goodwill.services.ledger import remove_exchange

    remove_exchange(request.auth, _entry(request.auth, entry_id))
    return Status(204, None)
