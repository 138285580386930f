"""Columns every address book names alike, whatever the client: "Email Home",
"Work E-mail", "E-mail 2", "Home Phone", "Phone Video", "Home Mobile", "Display
Name", "Full Name". A column a source does not map itself is tried against these
before it is kept as a custom field, so an export Goodwill has never seen still
gives its emails and phones to mail, duplicates and pass-on drafts."""

from __future__ import annotations

import re
from functools import lru_cache

# Words that say which kind of address or number it is.
_KINDS = {
    "home": "home",
    "personal": "home",
    "private": "home",
    "work": "work",
    "business": "work",
    "office": "work",
    "other": "other",
    "main": "main",
    "company": "company",
    "video": "video",
    "car": "car",
    "assistant": "assistant",
    "school": "school",
    "iphone": "iphone",
    "callback": "callback",
    "radio": "radio",
}
# Words that say nothing about the kind.
_NOISE = {
    "address",
    "number",
    "no",
    "value",
    "secondary",
    "alternate",
    "alt",
    "additional",
    "voice",
    "internet",
    "smtp",
    "addr",
    "the",
    "of",
}
_PREFERRED = {"primary", "preferred", "pref", "default"}
_EMAIL = {"email", "mail"}
_PHONE = {"phone", "telephone", "tel", "mobile", "cell", "cellphone", "cellular", "fax", "pager"}
_FULL_NAME = {("display", "name"), ("full", "name"), ("name",), ("contact", "name"), ("displayname",), ("fullname",)}
_SPLIT = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=16384)  # a header may have up to 10,000 columns (csv/read.py, MAX_COLUMNS)
def generic_target(column: str) -> str | None:
    """The field spec (as --map takes it) for a column named in a common way, or None.

    "Email Home" -> "email:home", "Primary Email" -> "email:other:pref", "Phone
    Video" -> "phone:video", "Home Mobile" -> "phone:mobile", "Display Name" ->
    "full_name". A numbered repeat ("Email (2)", "Work Phone 2") maps as its name
    does. Anything with a word these patterns do not know ("E-mail Type", "Phone
    Ext.", "Email Display Name") is None: better kept than guessed."""
    text = column.strip().lower().replace("e-mail", "email").replace("e mail", "email")
    words = [w for w in _SPLIT.split(text) if w and not w.isdigit()]
    if not words or len(words) > 4:
        return None
    if tuple(words) in _FULL_NAME:
        return "full_name"
    email = [w for w in words if w in _EMAIL]
    phone = [w for w in words if w in _PHONE]
    if bool(email) == bool(phone):  # neither, or "Email Phone": not ours to guess
        return None
    rest = [w for w in words if w not in _EMAIL and w not in _PHONE and w not in _NOISE]
    if any(w not in _KINDS and w not in _PREFERRED for w in rest):
        return None
    kinds = [_KINDS[w] for w in rest if w in _KINDS]
    preferred = any(w in _PREFERRED for w in rest)
    if len(set(kinds)) > 1:
        return None
    kind = kinds[0] if kinds else ""
    if email:
        return "email" + (f":{kind or 'other'}" if kind or preferred else "") + (":pref" if preferred else "")
    if {"mobile", "cell", "cellphone", "cellular"} & set(words):
        return "phone:mobile"
    if "fax" in words:
        return f"phone:{kind} fax" if kind in ("home", "work") else "phone:fax"
    if "pager" in words:
        return "phone:pager"
    if preferred and not kind:
        return "phone:main"
    return f"phone:{kind}" if kind else "phone"
