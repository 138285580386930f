"""Column targets: where a CSV cell goes in a ContactRecord. The same small vocabulary
serves the built-in sources and the user's --map ("Full Name=full_name,E-mail=email")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..contact import Address, ContactRecord, Photo, Typed
from ..dates import is_blank_date, parse_date
from ..errors import MappingError
from ..kinds import kind_from_label
from ..photos import parse_data_uri, sniff_media_type

SCALARS = (
    "full_name",
    "given",
    "middle",
    "family",
    "prefix",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
    "note",
    "linkedin_url",
    "uid",
    "rev",
)
ADDRESS_PARTS = ("street", "city", "region", "postal_code", "country", "po_box", "extended", "label")
ALIASES = {
    "name": "full_name",
    "display_name": "full_name",
    "first_name": "given",
    "first": "given",
    "last_name": "family",
    "last": "family",
    "surname": "family",
    "middle_name": "middle",
    "company": "organization",
    "org": "organization",
    "job_title": "title",
    "position": "title",
    "notes": "note",
    "e-mail": "email",
    "email_address": "email",
    "mobile": "phone:mobile",
    "cell": "phone:mobile",
    "website": "url",
    "web": "url",
    "linkedin": "linkedin_url",
    "categories": "tags",
    "labels": "tags",
    "groups": "tags",
    "state": "region",
    "zip": "postal_code",
    "postcode": "postal_code",
    "province": "region",
    "bday": "birthday",
}


@dataclass(frozen=True)
class Target:
    field: str  # a scalar, "email"/"phone"/"url", "address", "birthday", "connected_on",
    #             "tags", "photo" or "ignore"
    kind: str = "other"
    preferred: bool = False
    part: str = ""  # the address part
    slot: str = ""  # tells apart two addresses of one kind (Google's "Address 2 - ...")


def parse_target(text: str) -> Target:
    """'email', 'email:work', 'phone:mobile:pref', 'address:home.city', 'city', 'ignore'..."""
    spec = text.strip()
    lowered = ALIASES.get(spec.lower().replace(" ", "_"), spec.lower())
    if lowered in SCALARS or lowered in ("birthday", "connected_on", "tags", "photo", "ignore"):
        return Target(lowered)
    if lowered in ADDRESS_PARTS:
        return Target("address", part=lowered)
    field, _, rest = lowered.partition(":")
    field = ALIASES.get(field, field)
    if field in ("email", "phone", "url"):
        kind, _, flag = rest.partition(":")
        if flag not in ("", "pref"):
            raise MappingError(f"'{text}': only ':pref' may follow the kind")
        return Target(field, kind_from_label(kind) if kind else "other", flag == "pref")
    if field == "address":
        kind, _, part = rest.rpartition(".") if "." in rest else ("", "", rest)
        part = ALIASES.get(part, part)
        if part in ADDRESS_PARTS:
            return Target("address", kind_from_label(kind) if kind else "other", part=part)
    raise MappingError(f"unknown field '{text}'; use one of: {', '.join(vocabulary())}")


def vocabulary() -> list[str]:
    return [
        *SCALARS,
        "email[:kind[:pref]]",
        "phone[:kind[:pref]]",
        "url[:kind]",
        "address[:kind].part",
        *ADDRESS_PARTS,
        "birthday",
        "connected_on",
        "tags",
        "photo",
        "ignore",
    ]


def parse_mapping(text: str) -> dict[str, str]:
    """ "Full Name=full_name,E-mail=email" -> {"Full Name": "full_name", "E-mail": "email"}.
    A column name may contain commas if written with a backslash: "Name\\, Title=title"."""
    mapping: dict[str, str] = {}
    for item in re.split(r"(?<!\\),", text):
        if not item.strip():
            continue
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip():
            raise MappingError(f"'{item.strip()}' is not COLUMN=field")
        parse_target(target)  # fail early, with the list of fields
        mapping[column.strip().replace("\\,", ",")] = target.strip()
    if not mapping:
        raise MappingError("it is empty")
    return mapping


@lru_cache(maxsize=4096)
def parse_cell_date(value: str, dayfirst: bool) -> str | None:
    # Exports repeat dates (LinkedIn's "Connected On" on every row): parse each once.
    return parse_date(value, dayfirst=dayfirst)


class RowBuilder:
    """Fills one record from cells; collects per-cell problems as (column, message)."""

    def __init__(self, record: ContactRecord, dayfirst: bool = False):
        self.record = record
        self.dayfirst = dayfirst
        self.problems: list[tuple[str, str]] = []
        self._addresses: dict[str, Address] = {}

    def put(self, column: str, target: Target, value: str) -> None:
        value = value.strip()
        if not value or target.field == "ignore":
            return
        r = self.record
        if target.field in SCALARS:
            current = getattr(r, target.field) or ""
            joiner = "\n" if target.field == "note" else " "
            setattr(r, target.field, f"{current}{joiner}{value}" if current else value)
        elif target.field in ("email", "phone", "url"):
            items = getattr(r, target.field + "s")
            items.append(Typed(value, target.kind, target.preferred))
        elif target.field == "address":
            self.address_part(target, value)
        elif target.field in ("birthday", "connected_on"):
            self.date(column, target.field, value)
        elif target.field == "tags":
            for tag in re.split(r"\s*(?::::|;|,)\s*", value):
                if tag and tag not in r.tags:
                    r.tags.append(tag)
        elif target.field == "photo":
            self.photo(column, value)

    def address_part(self, target: Target, value: str) -> None:
        key = f"{target.kind}#{target.slot}"
        address = self._addresses.get(key)
        if address is None:
            address = self._addresses[key] = Address(target.kind, preferred=target.preferred)
            self.record.addresses.append(address)
        current = getattr(address, target.part)
        setattr(address, target.part, f"{current}\n{value}" if current else value)  # Street 2, 3

    def date(self, column: str, field: str, value: str) -> None:
        if is_blank_date(value):
            return
        parsed = parse_cell_date(value, self.dayfirst)
        if parsed is None:
            self.problems.append(
                (column, f"'{value[:40]}' is not a date; kept as it is (write it as YYYY-MM-DD or --MM-DD)")
            )
            self.record.add_extra(column, value)
            return
        setattr(self.record, field, parsed)

    def photo(self, column: str, value: str) -> None:
        if value[:5].lower() != "data:":
            self.record.photo = Photo("", None, value)
            return
        try:
            media_type, data = parse_data_uri(value)
        except ValueError as exc:
            self.problems.append((column, f"{exc}; kept as it is"))
            self.record.add_extra(column, value)
            return
        self.record.photo = Photo(media_type or sniff_media_type(data), data)
