"""Between the neutral ContactRecord of goodwill.formats and Goodwill's people:
the keys that recognise a person, and the fields a record brings."""

from __future__ import annotations

import re

import phonenumbers

from goodwill.formats.contact import ContactRecord, Typed, compose_name, name_from_email

GOODWILL_PREFIX = "X-GOODWILL-"


def norm_email(value: str) -> str:
    return value.strip().lower()


def norm_phone(value: str, region: str) -> str:
    """E.164 when the number is understood; otherwise its digits, so nothing is dropped."""
    try:
        number = phonenumbers.parse(value, region)
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    digits = re.sub(r"[^\d+]", "", value)
    return digits or value.strip().lower()


def norm_url(value: str) -> str:
    """LinkedIn and other links compare without scheme, www, query or trailing slash."""
    text = value.strip().lower()
    scheme = text.find("://")
    if 0 < scheme < 12 and text[:scheme].isalpha():
        text = text[scheme + 3 :]
    return text.removeprefix("www.").split("?", 1)[0].split("#", 1)[0].rstrip("/")


def record_name(record: ContactRecord) -> str:
    name = record.full_name.strip() or compose_name(
        record.prefix, record.given, record.middle, record.family, record.suffix
    )
    if not name and record.emails:
        name = name_from_email(record.emails[0].value)
    if not name:
        name = record.organization.strip()
    return " ".join(name.split())


def record_keys(record: ContactRecord, region: str) -> set[str]:
    """What identifies a person across imports: UID, emails, phones, LinkedIn URL."""
    keys = set()
    uid = goodwill_field(record, "ID") or record.uid
    if uid:
        keys.add(f"uid:{uid.strip()}")
    keys |= {f"email:{norm_email(e.value)}" for e in record.emails if e.value.strip()}
    keys |= {f"phone:{norm_phone(p.value, region)}" for p in record.phones if p.value.strip()}
    if record.linkedin_url:
        keys.add(f"url:{norm_url(record.linkedin_url)}")
    return keys


def record_points(record: ContactRecord, region: str) -> tuple[list[tuple[str, Typed, str]], set[str]]:
    """The record's emails, phones and URLs as (kind, typed, normalized), its LinkedIn
    profile among them, and its keys (as record_keys): each value normalized once."""
    rows = [("email", e, e.value.strip().lower()) for e in record.emails]
    if record.phones:
        rows += [("phone", p, norm_phone(p.value, region) if p.value.strip() else "") for p in record.phones]
    if record.urls:
        rows += [("url", u, norm_url(u.value)) for u in record.urls]
    keys = {f"{kind}:{normalized}" for kind, typed, normalized in rows if kind != "url" and typed.value.strip()}
    if record.linkedin_url:
        linkedin = norm_url(record.linkedin_url)
        keys.add("url:" + linkedin)
        if not any(k == "url" and n == linkedin for k, _, n in rows):
            rows.append(("url", Typed(record.linkedin_url, "linkedin"), linkedin))
    uid = goodwill_field(record, "ID") or record.uid if record.extra else record.uid
    if uid:
        keys.add(f"uid:{uid.strip()}")
    return rows, keys


def goodwill_field(record: ContactRecord, name: str) -> str | None:
    values = record.extra.get(GOODWILL_PREFIX + name)
    return values[0] if values else None


def plain_extra(record: ContactRecord) -> dict[str, list[str]]:
    """Fields with no home, minus Goodwill's own (those map back onto fields)."""
    return {k: v for k, v in record.extra.items() if not k.upper().startswith(GOODWILL_PREFIX)}


# Person.extra keys for record fields Goodwill has no column for; the exporter maps
# them back onto the record, so they round-trip as the fields they were.
NAME_PARTS = {
    "middle": "middle_name",
    "prefix": "name_prefix",
    "suffix": "name_suffix",
    "department": "department",
    "connected_on": "connected_on",
}


def note_paragraphs(texts: list[str]) -> str:
    """A person's notes as one vCard NOTE / CSV cell (oldest first)."""
    return "\n\n".join(texts)
