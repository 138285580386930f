"""The referral balance sheet: value given to and received from people, by hand or by other services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.habits.currencies import clean_currency
from goodwill.habits.money import MAX_AMOUNT, MoneyError, parse_money
from goodwill.models import Exchange, Person

KINDS = tuple(k for k, _ in Exchange.KINDS)
DIRECTIONS = ("given", "received")
STATUSES = ("pending", "won", "lost")
VALUED = ("referral", "lead", "business")  # kinds that can carry an amount
WITH_STATUS = ("referral", "lead")


def default_currency(owner) -> str:
    """The currency of an amount written without one (Settings; USD until changed)."""
    from goodwill.services.accounts import settings_for

    return clean_currency(settings_for(owner).default_currency) or "USD"


def _code(currency: str) -> str:
    if not (currency or "").strip():
        return ""
    code = clean_currency(currency)
    if code is None:
        raise InvalidInput(f'"{currency}" is not an ISO 4217 currency code; use e.g. USD, EUR, GBP')
    return code


def read_amount(owner, amount, currency: str = "", *, fallback: str = "") -> tuple[Decimal | None, str]:
    """An amount as written ("25k", "$25,000", "€1.2m", 1250.5) and its currency: the one given,
    else the one written with the amount, else `fallback`, else the user's default currency."""
    code = _code(currency)
    if amount is None or (isinstance(amount, str) and not amount.strip()):
        return None, code
    if isinstance(amount, str):
        try:
            money = parse_money(amount, default=code or fallback or default_currency(owner))
        except MoneyError as exc:
            raise InvalidInput(str(exc)) from None
        if money.currency and code and money.currency != code:
            raise InvalidInput(f"the amount {amount.strip()} is in {money.currency}, not {code}; give one currency")
        value, written = money.amount, money.currency
    else:
        value, written = Decimal(amount), None
        if not value.is_finite() or value < 0:
            raise InvalidInput(
                "an amount cannot be negative; what went the other way is recorded in the other direction",
                code="negative-amount",
            )
        if value >= MAX_AMOUNT:
            raise InvalidInput(f"{amount} is too large for the ledger (at most 999,999,999,999.99)")
        value = value.quantize(Decimal("0.01"))
    return value, code or written or fallback or default_currency(owner)


def _check(kind: str, direction: str, amount, currency: str, status: str, source, person) -> tuple[str, str]:
    if kind not in KINDS:
        raise InvalidInput(f'"{kind}" is not a kind of exchange; use one of: {", ".join(KINDS)}')
    if direction not in DIRECTIONS:
        raise InvalidInput(f'"{direction}" is not a direction; use given or received')
    code = _code(currency)
    if amount is not None:
        if kind not in VALUED:
            raise InvalidInput(f"a {kind} carries no amount; amounts are for {', '.join(VALUED)}")
        if not code:
            raise InvalidInput("an amount needs its currency, e.g. USD", code="amount-currency")
    elif code:
        raise InvalidInput("a currency without an amount; give the amount too", code="currency-amount")
    if status:
        if status not in STATUSES:
            raise InvalidInput(f'"{status}" is not a status; use pending, won or lost')
        if kind not in WITH_STATUS:
            raise InvalidInput(f"only referrals and leads have a status, not a {kind}")
    if source is not None:
        if not (kind == "business" and direction == "received"):
            raise InvalidInput("a source is for business received: who the lead came from", code="ledger-source")
    return code, status


@transaction.atomic
def add_exchange(
    owner,
    person: Person,
    kind: str,
    direction: str,
    *,
    on: date | None = None,
    description: str = "",
    amount: Decimal | str | None = None,
    currency: str = "",
    status: str = "",
    source: Person | None = None,
    introduction=None,
    share=None,
) -> Exchange:
    """One line of the balance sheet. Referrals and leads start pending when they carry no status."""
    kind, direction = (kind or "").strip().lower(), (direction or "").strip().lower()
    status = (status or "").strip().lower()
    amount, currency = read_amount(owner, amount, currency)
    code, status = _check(kind, direction, amount, currency, status, source, person)
    if kind in WITH_STATUS and not status:
        status = "pending"
    person.check_owner(owner)
    if source is not None:
        source.check_owner(owner)
    if person.archived_at is not None:
        raise InvalidInput(f"{person.name} is archived; restore them first", code="archived")
    day = on or clock.today()
    if day > clock.today():
        raise InvalidInput(f"{day:%Y-%m-%d} is in the future; record what has happened")
    return Exchange.objects.create(
        owner=owner,
        person=person,
        kind=kind,
        direction=direction,
        occurred_on=day,
        description=" ".join((description or "").split())[:500],
        amount=amount,
        currency=code,
        status=status,
        source=source,
        introduction=introduction,
        share=share,
        created_at=clock.now(),
    )


def get_exchange(owner, exchange_id) -> Exchange:
    text = str(exchange_id).strip().lstrip("#")
    if not text.isdecimal():
        raise InvalidInput(f'"{exchange_id}" is not a ledger entry id', code="ledger-entry-id")
    return Exchange.objects.select_related("person").get_owned(owner, text)


@transaction.atomic
def set_status(
    owner, exchange: Exchange, status: str, *, amount: Decimal | str | None = None, currency: str = ""
) -> Exchange:
    """A referral or lead was won or lost (optionally with its value now known)."""
    status = (status or "").strip().lower()
    if amount is not None and str(amount).strip():
        value, code = read_amount(owner, amount, currency, fallback=exchange.currency)
    else:
        value, code = exchange.amount, _code(currency) or exchange.currency
    _check(exchange.kind, exchange.direction, value, code, status, None, exchange.person)
    exchange.status, exchange.amount, exchange.currency = status, value, clean_currency(code) or ""
    exchange.save(update_fields=["status", "amount", "currency"])
    return exchange


@transaction.atomic
def remove_exchange(owner, exchange: Exchange) -> None:
    exchange.delete()
