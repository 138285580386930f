"""The neutral contact record every reader produces and every writer consumes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Kinds every reader maps onto; anything else is a custom label kept verbatim.
KNOWN_KINDS = ("work", "home", "other", "mobile", "fax", "work fax", "home fax", "pager", "main")


@dataclass(slots=True)
class Typed:
    """An email, phone or URL with its kind ("work", "home", "mobile", ... or a custom label)."""

    value: str
    kind: str = "other"
    preferred: bool = False


@dataclass(slots=True)
class Address:
    kind: str = "other"
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    po_box: str = ""
    extended: str = ""
    label: str = ""  # the formatted, printable address when the source has one
    preferred: bool = False

    def is_empty(self) -> bool:
        return not any(
            (
                self.street,
                self.city,
                self.region,
                self.postal_code,
                self.country,
                self.po_box,
                self.extended,
                self.label,
            )
        )


@dataclass(slots=True)
class Photo:
    """Inline bytes (with their media type) or a URI the source pointed at."""

    media_type: str = ""
    data: bytes | None = None
    uri: str | None = None


@dataclass(slots=True)
class ContactRecord:
    source: str  # "vcard" | "linkedin" | "google" | "outlook" | "thunderbird" | "act" | "csv"
    line: int  # 1-based line where the record starts
    full_name: str = ""
    given: str = ""
    middle: str = ""
    family: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    organization: str = ""
    department: str = ""
    title: str = ""
    emails: list[Typed] = field(default_factory=list)
    phones: list[Typed] = field(default_factory=list)
    urls: list[Typed] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    birthday: str | None = None  # "YYYY-MM-DD", or "--MM-DD" when the year is unknown
    note: str = ""
    tags: list[str] = field(default_factory=list)
    photo: Photo | None = None
    linkedin_url: str | None = None
    connected_on: str | None = None  # ISO date
    uid: str | None = None
    rev: str | None = None
    # Everything with no home, so it can be exported again: unknown CSV columns by
    # header; unknown and X- vCard properties keyed by their head ("item1.X-FOO;TYPE=a")
    # with their raw value; Goodwill's own X-GOODWILL-* fields keyed by name, as text.
    extra: dict[str, list[str]] = field(default_factory=dict)

    def add_extra(self, key: str, value: str) -> None:
        self.extra.setdefault(key, []).append(value)


def compose_name(prefix: str, given: str, middle: str, family: str, suffix: str) -> str:
    """The display name built from name parts, for sources that carry no full name."""
    return " ".join([part for part in (prefix, given, middle, family, suffix) if part])


def name_from_email(address: str) -> str:
    """A person's name as their address suggests it, for a record that has no name:
    "jane.doe@x.com" -> "Jane Doe", "j_smith+news@x.org" -> "J. Smith", "JDOE42@x" ->
    "Jdoe42". The part before "@" only, split at dots, dashes and underscores."""
    local = address.strip().split("@", 1)[0].split("+", 1)[0]
    words = [w for w in re.split(r"[._\-\s]+", local) if w]
    return " ".join(w.upper() + "." if len(w) == 1 and w.isalpha() else w[:1].upper() + w[1:].lower() for w in words)


def linkedin_from(urls: list[Typed], extra: dict[str, list[str]]) -> str | None:
    """The LinkedIn profile a card already carries in a URL or an X-SOCIALPROFILE line."""
    for url in urls:
        if "linkedin.com/" in url.value.lower():
            return url.value
    for key, values in extra.items():
        if key.upper().split(";")[0].split(".")[-1] == "X-SOCIALPROFILE":
            for value in values:
                if "linkedin.com/" in value.lower():
                    return value
    return None
