"""Fold place names to a comparable key: no case, no accents, no punctuation.

The stdlib only (no Unidecode, which is GPL): NFKD strips the combining
accents, and a short table covers the Latin letters that do not decompose
(habits.name_words, shared with names).
"""

from __future__ import annotations

import re
import unicodedata

from goodwill.habits.name_words import APOSTROPHES as _APOSTROPHES  # "O'Fallon" = "OFallon"
from goodwill.habits.name_words import LATIN_LETTERS as _LETTERS

# Punctuation other than apostrophes separates words.
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
