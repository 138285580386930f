"""ContactRecords out as CSV in Google Contacts' current layout, which Google, Outlook
and most CRMs import, and which read_contacts reads back to the same records."""

from __future__ import annotations

import base64
import csv
from collections.abc import Iterable
from typing import TextIO

from ..contact import Address, ContactRecord, Typed
from ..kinds import label_for_kind
from ..photos import sniff_media_type
from .sources import EXTRA_PREFIX, GOOGLE_MULTI, GOOGLE_SOURCE

_ADDRESS_PARTS = (
    ("Formatted", "label"),
    ("Street", "street"),
    ("City", "city"),
    ("PO Box", "po_box"),
    ("Region", "region"),
    ("Postal Code", "postal_code"),
    ("Country", "country"),
    ("Extended Address", "extended"),
)
_SCALARS = (
    ("Name", "full_name"),
    ("First Name", "given"),
    ("Middle Name", "middle"),
    ("Last Name", "family"),
    ("Name Prefix", "prefix"),
    ("Name Suffix", "suffix"),
    ("Nickname", "nickname"),
    ("Organization Name", "organization"),
    ("Organization Title", "title"),
    ("Organization Department", "department"),
    ("Birthday", "birthday"),
    ("Notes", "note"),
    ("LinkedIn URL", "linkedin_url"),
    ("Connected On", "connected_on"),
    ("UID", "uid"),
    ("Rev", "rev"),
)
_TYPED = (("E-mail", "emails"), ("Phone", "phones"), ("Website", "urls"))


def write_csv(records: Iterable[ContactRecord], stream: TextIO) -> None:
    """Write a header and one row per record. Open the stream with newline=""."""
    records = list(records)  # the columns depend on the widest record
    counts = {
        attr: max([1] + [len(getattr(r, attr)) for r in records]) for attr in ("emails", "phones", "urls", "addresses")
    }
    header = [column for column, _ in _SCALARS] + ["Labels", "Photo"]
    for what, attr in _TYPED:
        for n in range(1, counts[attr] + 1):
            header += [f"{what} {n} - Label", f"{what} {n} - Value"]
    for n in range(1, counts["addresses"] + 1):
        header += [f"Address {n} - Label"] + [f"Address {n} - {part}" for part, _ in _ADDRESS_PARTS]
    extras: dict[str, str] = {}  # extra key -> column
    for record in records:
        for key in record.extra:
            if key not in extras:
                # A clash: a column the reader of this layout would not keep as a custom field (one
                # of Google's, a numbered one, a common name it guesses: "E-MAIL", "Work Phone"), or
                # one that already carries the prefix it strips.
                clash = key.startswith(EXTRA_PREFIX) or not GOOGLE_SOURCE.unmapped([key])
                extras[key] = EXTRA_PREFIX + key if clash else key
    header += list(extras.values())
    writer = csv.writer(stream)
    writer.writerow(header)
    for record in records:
        writer.writerow(_row(record, counts, extras))


def _row(record: ContactRecord, counts: dict[str, int], extras: dict[str, str]) -> list[str]:
    row = [getattr(record, attr) or "" for _, attr in _SCALARS]
    row += [GOOGLE_MULTI.join(record.tags), _photo(record)]
    for _, attr in _TYPED:
        items: list[Typed] = getattr(record, attr)
        for n in range(counts[attr]):
            row += [_label(items[n].kind, items[n].preferred), items[n].value] if n < len(items) else ["", ""]
    for n in range(counts["addresses"]):
        address: Address | None = record.addresses[n] if n < len(record.addresses) else None
        row.append(_label(address.kind, address.preferred) if address else "")
        row += [getattr(address, attr) if address else "" for _, attr in _ADDRESS_PARTS]
    row += [GOOGLE_MULTI.join(record.extra.get(key, [])) for key in extras]
    return row


def _label(kind: str, preferred: bool) -> str:
    # Google marks the primary entry with "* ".
    return ("* " if preferred else "") + label_for_kind(kind)


def _photo(record: ContactRecord) -> str:
    photo = record.photo
    if photo is None:
        return ""
    if photo.data is None:
        return photo.uri or ""
    media_type = photo.media_type or sniff_media_type(photo.data)
    return f"data:{media_type};base64,{base64.b64encode(photo.data).decode('ascii')}"
