"""ContactRecords out as vCard 4.0 (RFC 6350) or 3.0 (RFC 2426), so that reading the
output back gives the same records, extra fields included."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable

from ..contact import Address, ContactRecord, Photo, Typed, compose_name, linkedin_from
from ..kinds import TYPES_FOR_KIND
from ..photos import sniff_media_type
from .names import column_line, known
from .read import DROPPED, GOODWILL_CONNECTED_ON, GOODWILL_LINKEDIN, MAPPED
from .syntax import LogicalLine, Property, PropertyError, encode_param, escape, fold, parse_property

PRODID = "-//Goodwill//Goodwill contacts//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def write_vcard(records: Iterable[ContactRecord], version: str = "4.0") -> str:
    if version not in ("4.0", "3.0"):
        raise ValueError(f"vCard version must be 4.0 or 3.0, not {version!r}")
    return "".join(card_text(record, version) for record in records)


def card_text(record: ContactRecord, version: str = "4.0") -> str:
    """One card, CRLF line endings, folded at 75 octets."""
    return "".join(fold(line) for line in _CardWriter(record, version).lines())


class _CardWriter:
    def __init__(self, record: ContactRecord, version: str):
        self.record, self.v4 = record, version == "4.0"
        self.version = version
        taken = {key.split(".", 1)[0].lower() for key in record.extra if "." in key.split(";")[0]}
        self._groups = (f"item{n}" for n in range(1, 10**6) if f"item{n}" not in taken)
        self.out: list[str] = []

    def lines(self) -> list[str]:
        r, out = self.record, self.out
        out += ["BEGIN:VCARD", f"VERSION:{self.version}", f"PRODID:{PRODID}"]
        if r.uid:
            out.append(f"UID:{_text(r.uid)}")
        full_name = r.full_name or compose_name(r.prefix, r.given, r.middle, r.family, r.suffix)
        out.append(f"FN:{_text(full_name)}")
        out.append("N:" + ";".join(_text(p) for p in (r.family, r.given, r.middle, r.prefix, r.suffix)))
        if r.nickname:
            out.append(f"NICKNAME:{_text(r.nickname)}")
        if r.organization or r.department:
            dept = f";{_text(r.department)}" if r.department else ""
            out.append(f"ORG:{_text(r.organization)}{dept}")
        if r.title:
            out.append(f"TITLE:{_text(r.title)}")
        for name, items in (("EMAIL", r.emails), ("TEL", r.phones), ("URL", r.urls)):
            for item in items:
                self.typed(name, item)
        for address in r.addresses:
            self.address(address)
        if r.birthday:
            out.append(f"BDAY:{self.date(r.birthday)}")
        if r.note:
            out.append(f"NOTE:{_text(r.note)}")
        if r.tags:
            out.append("CATEGORIES:" + ",".join(_text(tag) for tag in r.tags))
        if r.photo:
            out.append(self.photo(r.photo))
        if r.rev:
            out.append(f"REV:{_raw(r.rev)}")
        if r.connected_on:
            out.append(f"{GOODWILL_CONNECTED_ON}:{_text(r.connected_on)}")
        if r.linkedin_url != linkedin_from(r.urls, r.extra):
            out.append(f"{GOODWILL_LINKEDIN}:{_text(r.linkedin_url or '')}")
        for key, values in r.extra.items():
            for value in values:
                out.append(_extra_line(key, value, self.version, bool(r.birthday)))
        out.append("END:VCARD")
        return out

    def params(self, kind: str, preferred: bool, base: tuple[str, ...] = (), extra: str = "") -> tuple[str, str | None]:
        """;TYPE=... and PREF for a kind, or the custom label an X-ABLabel must carry."""
        types = TYPES_FOR_KIND.get(kind)
        label = None
        if types is None:
            types, label = [], kind
        types = [*base, *types] + (["PREF"] if preferred and not self.v4 else [])
        text = extra + (f";TYPE={','.join(types)}" if types else "")
        if preferred and self.v4:
            text += ";PREF=1"
        return text, label

    def with_label(self, name: str, params: str, value: str, label: str | None) -> None:
        if label is None:
            self.out.append(f"{name}{params}:{value}")
            return
        group = next(self._groups)
        self.out.append(f"{group}.{name}{params}:{value}")
        self.out.append(f"{group}.X-ABLabel:{_text(label)}")

    def typed(self, name: str, item: Typed) -> None:
        base = ("INTERNET",) if name == "EMAIL" and not self.v4 else ()
        params, label = self.params(item.kind, item.preferred, base)
        value = _uri(item.value) if name == "URL" else _text(item.value)
        self.with_label(name, params, value, label)

    def address(self, a: Address) -> None:
        label_param = (
            f";LABEL={encode_param(_clean(a.label).replace(chr(92), chr(92) * 2))}" if a.label and self.v4 else ""
        )
        params, label = self.params(a.kind, a.preferred, extra=label_param)
        value = ";".join(_text(p) for p in (a.po_box, a.extended, a.street, a.city, a.region, a.postal_code, a.country))
        if a.label and not self.v4:
            # 3.0 has no LABEL parameter: a LABEL property in the same group carries it.
            group = next(self._groups)
            self.out.append(f"{group}.ADR{params}:{value}")
            self.out.append(f"{group}.LABEL:{_text(a.label)}")
            if label is not None:
                self.out.append(f"{group}.X-ABLabel:{_text(label)}")
            return
        self.with_label("ADR", params, value, label)

    def date(self, iso: str) -> str:
        if self.v4:  # RFC 6350 dates are ISO 8601 basic: 19850412, --0412
            return iso.replace("-", "") if not iso.startswith("--") else "--" + iso[2:].replace("-", "")
        return iso

    def photo(self, photo: Photo) -> str:
        if photo.data is None:
            uri = _uri(photo.uri or "")
            if self.v4:
                media = f";MEDIATYPE={encode_param(photo.media_type)}" if photo.media_type else ""
                return f"PHOTO{media}:{uri}"
            media = f";TYPE={encode_param(_photo_type(photo.media_type))}" if photo.media_type else ""
            return f"PHOTO;VALUE=uri{media}:{uri}"
        media_type = photo.media_type or sniff_media_type(photo.data)
        encoded = base64.b64encode(photo.data).decode("ascii")
        if self.v4:
            return f"PHOTO:data:{media_type};base64,{encoded}"
        return f"PHOTO;ENCODING=b;TYPE={encode_param(_photo_type(media_type))}:{encoded}"


def _photo_type(media_type: str) -> str:
    # 3.0 names image types bare (JPEG); anything else keeps its full media type.
    if media_type.startswith("image/") and "/" not in media_type[6:]:
        return media_type[6:].upper()
    return media_type


def _extra_line(key: str, value: str, version: str, has_birthday: bool) -> str:
    """An extra field as a valid content line: verbatim when its key is a property head
    of this version (or X-) that the reader will keep as extra again; else as the
    property that fits, or an X- name, carrying the key (names.column_line)."""
    prop = _kept_head(key)
    if prop is not None and known(prop.name, prop.raw_params, value, version):
        if key.upper().startswith("X-GOODWILL-") and ";" not in key:
            return f"{key}:{_text(value)}"
        return f"{key}:{_raw(value)}"
    return column_line(_clean(key), _clean(value), version, has_birthday)


def _kept_head(key: str) -> Property | None:
    if _CONTROL.search(key) or "\n" in key or "\r" in key:
        return None
    try:
        prop = parse_property(LogicalLine(0, key + ":"))
    except PropertyError:
        return None
    if prop.params.get("ENCODING", [""])[0].upper() == "QUOTED-PRINTABLE":
        return None  # it would be decoded again on the way back in
    if (
        prop.head() == key
        and prop.name not in MAPPED
        and prop.name not in DROPPED
        and not (prop.name.startswith("X-GOODWILL-") and (prop.group or prop.raw_params))
    ):
        return prop
    return None


def _clean(text: str) -> str:
    """No bare CR or control characters in a content line."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _text(text: str) -> str:
    return escape(_clean(text))


def _raw(text: str) -> str:
    return _clean(text).replace("\n", "\\n")


def _uri(text: str) -> str:
    # URIs are not text: only what would break the line is escaped.
    return _clean(text).replace("\\", "\\\\").replace("\n", "\\n")
