"""Fold place names to a comparable key: no case, no accents, no punctuation.

The stdlib only (no Unidecode, which is GPL): NFKD strips the combining
accents, and a short table covers the Latin letters that do not decompose.
"""

from __future__ import annotations

import re
import unicodedata

# Latin letters with no NFKD decomposition, as people type them in ASCII.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
        "ŀ": "l",
        "Ŀ": "l",
        "ŧ": "t",
        "Ŧ": "t",
    }
)
# Apostrophes join ("O'Fallon" = "OFallon"); other punctuation separates.
_APOSTROPHES = str.maketrans("", "", "'’‘`´ʻʼ")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Abbreviations that start a place name ("St. Louis" = "Saint Louis").
_LEADING = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def fold(text: str) -> str:
    """Return the matching key of `text`: "São Paulo" -> "sao paulo"."""
    if not text.isascii():
        # After NFKD the accents are separate marks; dropping non-ASCII removes
        # them (and any non-Latin script, which the gazetteer does not index).
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = text.encode("ascii", "ignore").decode("ascii")
    return " ".join(_NON_WORD.sub(" ", text.lower().translate(_APOSTROPHES)).split())


def place_key(text: str) -> str:
    """Like fold(), and expand a leading St/Ste/Ft/Mt of a place name."""
    key = fold(text)
    head, _, rest = key.partition(" ")
    if rest and head in _LEADING:
        return f"{_LEADING[head]} {rest}"
    return key


def is_latin(text: str) -> bool:
    """True when `text` is written in Latin script (worth indexing)."""
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())
