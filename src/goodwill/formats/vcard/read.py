"""vCard 2.1, 3.0 and 4.0 into ContactRecords, one card at a time.

A tolerant line parser of our own rather than vobject: real exports break strict
parsers (khard's experience), and a bad property must cost one Problem, not the card."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..contact import Address, ContactRecord, Photo, Typed, compose_name, linkedin_from
from ..dates import APPLE_NO_YEAR, parse_date
from ..encoding import Line
from ..errors import Problem
from ..kinds import kind_from_label, kind_from_types
from ..photos import decode_base64, parse_data_uri, sniff_media_type
from .names import COLUMN_PARAM, column_value
from .syntax import (
    LogicalLine,
    Property,
    PropertyError,
    parse_property,
    split_unescaped,
    unescape,
    unfold,
)

GOODWILL_FIELD = "X-GOODWILL-FIELD"  # an extra whose key is no property name (a CSV header)
GOODWILL_CONNECTED_ON = "X-GOODWILL-CONNECTED-ON"
GOODWILL_LINKEDIN = "X-GOODWILL-LINKEDIN-URL"
SINGLE = {"FN", "N", "NICKNAME", "ORG", "TITLE", "BDAY", "PHOTO", "UID", "REV"}
MAPPED = SINGLE | {
    "EMAIL",
    "TEL",
    "URL",
    "ADR",
    "NOTE",
    "CATEGORIES",
    GOODWILL_FIELD,
    GOODWILL_CONNECTED_ON,
    GOODWILL_LINKEDIN,
}
DROPPED = {"BEGIN", "END", "VERSION", "PRODID"}
GROUP_LABELS = {"X-ABLABEL", "LABEL"}  # consumed with the grouped property they describe
_TYPED = {"EMAIL": "emails", "TEL": "phones", "URL": "urls"}
MAX_CARD_CHARS = 64 * 1024 * 1024  # a card without END:VCARD must not eat the memory
GOOGLE_SYSTEM_GROUP = "myContacts"  # Google puts every contact in it


def read_vcards(lines: Iterable[Line], file: str) -> Iterator[ContactRecord | Problem]:
    card: list[Property] | None = None
    start = size = 0
    for logical in unfold(lines):
        if logical.error:
            yield Problem(
                file, logical.number, None, f"{logical.error}; the line was skipped (re-save the file as UTF-8)"
            )
            continue
        try:
            prop = parse_property(logical)
        except PropertyError as exc:
            yield Problem(
                file,
                logical.number,
                _apparent_name(logical),
                f"{exc}; the line was skipped, the rest of the card imports"
                if card is not None
                else "text outside BEGIN:VCARD ... END:VCARD was ignored",
            )
            continue
        name = prop.name
        word = prop.value.strip().upper() if name == "BEGIN" or name == "END" else ""
        if name == "BEGIN" and word == "VCARD":
            if card is not None:
                yield Problem(
                    file, start, None, "the card has no END:VCARD before the next BEGIN:VCARD; imported what it had"
                )
                yield from _finish(card, start, file)
            card, start, size = [], logical.number, 0
        elif prop.name == "END" and word == "VCARD" and card is not None:
            yield from _finish(card, start, file)
            card = None
        elif card is None:
            yield Problem(file, logical.number, prop.name, "text outside BEGIN:VCARD ... END:VCARD was ignored")
        elif size + len(prop.value) > MAX_CARD_CHARS:
            yield Problem(
                file,
                logical.number,
                prop.name,
                f"the card begun at line {start} is over {MAX_CARD_CHARS // 2**20} MB; the property was skipped",
            )
        else:
            size += len(prop.value)
            card.append(prop)
    if card is not None:
        yield Problem(
            file,
            start,
            None,
            "the file ends inside this card (no END:VCARD); imported what it had — check the export is complete",
        )
        yield from _finish(card, start, file)


def _apparent_name(logical: LogicalLine) -> str | None:
    name = logical.text.split(":", 1)[0].split(";", 1)[0].strip()
    return name[:30] or None


def _finish(card: list[Property], start: int, file: str) -> Iterator[ContactRecord | Problem]:
    record = ContactRecord("vcard", start)
    problems: list[Problem] = []
    _CardBuilder(record, card, problems, file).build()
    yield from problems
    yield record


class _CardBuilder:
    def __init__(self, record: ContactRecord, card: list[Property], problems: list[Problem], file: str):
        self.record, self.card, self.problems, self.file = record, card, problems, file
        self.seen: set[str] = set()
        mapped_groups = {p.group for p in card if p.group and p.name in ("EMAIL", "TEL", "URL", "ADR")}
        self.labels = {p.group: _text(p.value) for p in card if p.name == "X-ABLABEL" and p.group in mapped_groups}
        adr_groups = {p.group for p in card if p.group and p.name == "ADR"}
        self.adr_labels = {p.group: _text(p.value) for p in card if p.name == "LABEL" and p.group in adr_groups}
        self.consumed_groups = mapped_groups

    def build(self) -> None:
        for prop in self.card:
            for message in prop.problems:
                self.problem(prop, message)
            self.take(prop)
        record = self.record
        if not record.full_name.strip():
            record.full_name = compose_name(record.prefix, record.given, record.middle, record.family, record.suffix)
        if GOODWILL_LINKEDIN not in self.seen:
            record.linkedin_url = linkedin_from(record.urls, record.extra)

    def problem(self, prop: Property, message: str) -> None:
        self.problems.append(Problem(self.file, prop.line, prop.name, message))

    def keep(self, prop: Property) -> None:
        if prop.params.get("ENCODING", [""])[0].upper() == "QUOTED-PRINTABLE":
            # Stored decoded, so the transport parameters go; newlines as vCard escapes.
            value = prop.value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
            self.record.add_extra(prop.head(drop=("ENCODING", "CHARSET")), value)
        else:
            self.record.add_extra(prop.head(), prop.value)

    def take(self, prop: Property) -> None:
        name, record = prop.name, self.record
        if name in DROPPED:
            return
        column = prop.params.get(COLUMN_PARAM)
        if column:  # a custom field Goodwill wrote (names.column_line)
            record.add_extra(column[0], _text(column_value(name, prop.value)))
            return
        if name in GROUP_LABELS and prop.group in self.consumed_groups:
            return
        if name in SINGLE and name in self.seen or name not in MAPPED:
            if name.startswith("X-GOODWILL-") and not prop.group and not prop.raw_params:
                record.add_extra(prop.raw_name, _text(prop.value))
            else:
                self.keep(prop)
            return
        self.seen.add(name)
        if name == "FN":
            record.full_name = _text(prop.value).strip()
        elif name == "N":
            parts = _components(prop.value, 5)
            record.family, record.given, record.middle, record.prefix, record.suffix = parts
        elif name == "NICKNAME":
            record.nickname = _text(prop.value).strip()
        elif name == "ORG":
            parts = [_text(p).strip() for p in split_unescaped(prop.value, ";")]
            record.organization = parts[0]
            record.department = ";".join(p for p in parts[1:] if p)
        elif name == "TITLE":
            record.title = _text(prop.value).strip()
        elif name in _TYPED:
            self.typed(prop, getattr(record, _TYPED[name]))
        elif name == "ADR":
            self.address(prop)
        elif name == "BDAY":
            self.birthday(prop)
        elif name == "NOTE":
            note = _text(prop.value)
            record.note = f"{record.note}\n\n{note}" if record.note else note
        elif name == "CATEGORIES":
            for tag in split_unescaped(prop.value, ","):
                tag = _text(tag).strip()
                if tag and tag != GOOGLE_SYSTEM_GROUP and tag not in record.tags:
                    record.tags.append(tag)
        elif name == "PHOTO":
            self.photo(prop)
        elif name == "UID":
            record.uid = _text(prop.value).strip()
        elif name == "REV":
            record.rev = prop.value.strip()
        elif name == GOODWILL_FIELD:
            key = prop.params.get("X-NAME", [""])[0]
            record.add_extra(key, _text(prop.value))
        elif name == GOODWILL_CONNECTED_ON:
            record.connected_on = _text(prop.value).strip() or None
        elif name == GOODWILL_LINKEDIN:
            record.linkedin_url = _text(prop.value).strip() or None

    def kind(self, prop: Property) -> tuple[str, bool]:
        types = prop.types()
        preferred = "pref" in types or "PREF" in prop.params
        label = self.labels.get(prop.group) if prop.group else None
        return (kind_from_label(label) if label else kind_from_types(types)), preferred

    def typed(self, prop: Property, target: list[Typed]) -> None:
        value = _text(prop.value).strip()
        for scheme in ("mailto:", "tel:"):
            if value[: len(scheme)].lower() == scheme and prop.name != "URL":
                value = value[len(scheme) :]
        if value:
            kind, preferred = self.kind(prop)
            target.append(Typed(value, kind, preferred))

    def address(self, prop: Property) -> None:
        po_box, extended, street, city, region, code, country = _components(prop.value, 7)
        kind, preferred = self.kind(prop)
        # RFC 6350's own example writes newlines in LABEL as \n, RFC 6868 as ^n.
        label = _label_param(prop.params.get("LABEL", [""])[0]) or self.adr_labels.get(prop.group, "")
        address = Address(
            kind, street, city, region, code, country, po_box, extended, label.replace("\r\n", "\n"), preferred
        )
        if not address.is_empty():
            self.record.addresses.append(address)

    def birthday(self, prop: Property) -> None:
        omit = prop.params.get("X-APPLE-OMIT-YEAR", [None])[0]
        text = _text(prop.value).strip()
        parsed = parse_date(text, omit_year=APPLE_NO_YEAR if omit else None)
        if parsed is None:
            self.problem(prop, f"'{text[:40]}' is not a date; kept as it is (write it as YYYY-MM-DD or --MM-DD)")
            self.keep(prop)
        self.record.birthday = parsed

    def photo(self, prop: Property) -> None:
        value = prop.value.strip()
        encoding = prop.params.get("ENCODING", [""])[0].lower()
        declared = _media_type(prop)
        try:
            if encoding in ("b", "base64"):
                data = decode_base64(value)
                self.record.photo = Photo(declared or sniff_media_type(data), data)
            elif value[:5].lower() == "data:":
                media_type, data = parse_data_uri(value)
                self.record.photo = Photo(media_type or declared or sniff_media_type(data), data)
            elif value:
                self.record.photo = Photo(declared, None, _text(value))  # Google: https\://
        except ValueError as exc:
            self.problem(prop, f"{exc}; the photo was kept as it is, not imported")
            self.keep(prop)


def _text(value: str) -> str:
    if "\\" not in value and "\r" not in value:
        return value
    return unescape(value).replace("\r\n", "\n").replace("\r", "\n")


def _label_param(value: str) -> str:
    return re.sub(r"\\([\\nN])", lambda m: "\\" if m[1] == "\\" else "\n", value)


def _components(value: str, count: int) -> list[str]:
    parts = [_text(p).strip() for p in split_unescaped(value, ";")][:count]
    return parts + [""] * (count - len(parts))


def _media_type(prop: Property) -> str:
    if prop.params.get("MEDIATYPE"):
        return prop.params["MEDIATYPE"][0].lower()
    for kind in prop.params.get("TYPE", []):
        kind = kind.strip().lower()
        if "/" in kind:
            return kind
        if kind and kind not in ("pref", "internet"):
            return "image/" + ("jpeg" if kind == "jpg" else kind)
    return ""
