"""Amounts as people write them: "25k", "1.2m", "$25,000", "€1.2m", "25 000", "USD 25k".

Pure: text in, (amount, currency or None) out, or one MoneyError line.  The
currency comes from a symbol or an ISO 4217 code in the text; without one it is
None and the caller applies the user's default currency.  A bare "$" is the
default currency when that is a dollar, else USD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from goodwill.habits.currencies import clean_currency

__all__ = ["Money", "MoneyError", "parse_money", "MAX_AMOUNT", "EXAMPLES"]

MAX_AMOUNT = Decimal("1e12")  # the ledger keeps 14 digits, two of them cents
MAX_TEXT = 60
EXAMPLES = '25000, 25k, 1.2m, "$25,000", "€1.2m" or "25 000 EUR"'

# Symbols, longest first so "US$" wins over "$".
SYMBOLS = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "MX$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₫": "VND",
    "₱": "PHP",
    "฿": "THB",
    "₴": "UAH",
    "₦": "NGN",
    "zł": "PLN",
    "Kč": "CZK",
    "Fr.": "CHF",
    "$": "$",
}
DOLLARS = frozenset(
    {
        "USD",
        "CAD",
        "AUD",
        "NZD",
        "HKD",
        "SGD",
        "MXN",
        "TWD",
        "BSD",
        "BBD",
        "BZD",
        "BMD",
        "FJD",
        "JMD",
        "KYD",
        "LRD",
        "NAD",
        "SBD",
        "SRD",
        "TTD",
        "XCD",
        "GYD",
        "BND",
        "ZWG",
    }
)
SCALES = {
    "k": 3,
    "K": 3,
    "thousand": 3,
    "grand": 3,
    "m": 6,
    "M": 6,
    "mm": 6,
    "mn": 6,
    "mil": 6,
    "mio": 6,
    "million": 6,
    "millions": 6,
    "b": 9,
    "B": 9,
    "bn": 9,
    "billion": 9,
    "billions": 9,
}
# Spaces people put between thousands: ordinary, no-break, narrow no-break, thin; and ' and _.
GROUP_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(r"(?:[0-9]|\.[0-9])[0-9.,'_" + GROUP_SPACES + r"]*")
_SCALE = re.compile(r"(?i)(thousand|grand|millions?|billions?|mil|mio|mm|mn|bn|[kmb])\.?(?![a-z])")


class MoneyError(ValueError):
    """An amount that cannot be read; the message is one line."""


@dataclass(frozen=True)
class Money:
    amount: Decimal  # at most two decimals, 0 <= amount < MAX_AMOUNT
    currency: str | None  # ISO 4217, or None when the text named none


def _shown(text: str) -> str:
    return text if len(text) <= 30 else text[:27] + "..."


def _digits(raw: str, text: str) -> Decimal:
    """ "25,000.50", "25 000", "25'000", "1,5" → Decimal; a malformed grouping is an error."""
    compact = raw.strip(GROUP_SPACES)
    for space in GROUP_SPACES + "'_":
        compact = compact.replace(space, "," if space in GROUP_SPACES + "'" else "")
    if "," in compact and "." in compact:
        if compact.rfind(",") > compact.rfind("."):
            # 1.234.567,89: dots group, the comma is the decimal point.
            compact = compact.replace(".", "").replace(",", ".") if _grouped(compact.split(",")[0], ".") else "?"
        elif not _grouped(compact.split(".")[0], ","):
            compact = "?"
        else:
            compact = compact.replace(",", "")
    elif "," in compact:
        head, _, tail = compact.rpartition(",")
        if compact.count(",") == 1 and len(tail) in (1, 2) and " " not in raw.strip():
            compact = f"{head}.{tail}"  # a decimal comma: "1,5m", "12,50"
        elif _grouped(compact, ","):
            compact = compact.replace(",", "")
        else:
            compact = "?"
    elif compact.count(".") > 1:
        compact = compact.replace(".", "") if _grouped(compact, ".") else "?"
    try:
        return Decimal(compact)
    except InvalidOperation:
        raise MoneyError(f'"{_shown(text)}" is not an amount; write it like {EXAMPLES}') from None


def _grouped(number: str, sep: str) -> bool:
    """1,234,567: the first group 1-3 digits, every other exactly 3."""
    parts = number.split(sep)
    return (
        len(parts) > 1
        and 1 <= len(parts[0]) <= 3
        and parts[0].isdecimal()
        and all(len(p) == 3 and p.isdecimal() for p in parts[1:])
    )


def _currency(words: list[str], text: str, default: str | None) -> str | None:
    found: set[str] = set()
    for word in words:
        for symbol, code in SYMBOLS.items():
            if word.upper() == symbol.upper() or word == symbol:
                found.add(code)
                break
        else:
            cleaned = clean_currency(word)
            if cleaned is None:
                raise MoneyError(
                    f'"{word}" in "{_shown(text)}" is not a currency; use a symbol or an ISO code such as USD, EUR'
                )
            found.add(cleaned)
    if "$" in found:
        found.discard("$")
        found.add(default if default in DOLLARS else "USD")
    if len(found) > 1:
        raise MoneyError(f'"{_shown(text)}" names two currencies ({", ".join(sorted(found))}); give one')
    return found.pop() if found else None


def parse_money(text: str, *, default: str | None = None) -> Money:
    """Read an amount with an optional currency and scale; `default` only decides what "$" means."""
    if text is None or not str(text).strip():
        raise MoneyError(f"no amount given; write it like {EXAMPLES}")
    text = str(text).strip()
    if len(text) > MAX_TEXT:
        raise MoneyError(f'"{_shown(text)}" is too long for an amount; write it like {EXAMPLES}')
    if text.startswith(("-", "\u2212", "(")) or re.search(r"[$€£¥₹]\s*-", text):
        raise MoneyError(f"an amount cannot be negative ({_shown(text)}); record what went the other way instead")
    number = _NUMBER.search(text)
    if number is None:
        raise MoneyError(f'"{_shown(text)}" is not an amount; write it like {EXAMPLES}')
    value = _digits(number.group(), text)
    rest_after = text[number.end() :]
    scale = _SCALE.match(rest_after.lstrip())
    if scale:
        word = scale.group(1)
        value *= Decimal(10) ** SCALES.get(word, SCALES.get(word.lower(), 0))
        rest_after = rest_after.lstrip()[scale.end() :]
    words = _words(text[: number.start()]) + _words(rest_after)
    currency = _currency(words, text, default)
    if not value.is_finite():
        raise MoneyError(f'"{_shown(text)}" is not an amount; write it like {EXAMPLES}')
    if value >= MAX_AMOUNT:
        raise MoneyError(f"{_shown(text)} is too large for the ledger (at most 999,999,999,999.99)")
    return Money(value.quantize(Decimal("0.01")), currency)


def _words(text: str) -> list[str]:
    """Currency words around the number: "US$", "€", "EUR", "usd"; symbols stuck to letters are split."""
    out = []
    for chunk in text.split():
        for symbol in sorted(SYMBOLS, key=len, reverse=True):
            if chunk != symbol and chunk.upper().startswith(symbol.upper()) and symbol not in ("Fr.",):
                out.append(symbol)
                chunk = chunk[len(symbol) :]
                break
        if chunk:
            out.append(chunk)
    return out
