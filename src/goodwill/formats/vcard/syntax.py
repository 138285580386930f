"""vCard content lines, tolerantly: unfolding (incl. quoted-printable soft breaks and
unindented 2.1 base64), the property head, parameters, escapes and QP.
Shared by the reader and the writer."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..encoding import Line

_NAME = re.compile(r"[A-Za-z0-9_-]+")
_SIMPLE = re.compile(r"((?:[A-Za-z0-9_-]+\.)+)?([A-Za-z0-9_-]+):(.*)", re.S)
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]+")
_QP_TOKEN = re.compile(r"=([0-9A-Fa-f]{2})|([^=]+|=)", re.S)
# vCard 2.1 allows bare parameters: TEL;WORK;VOICE: and PHOTO;JPEG;BASE64:
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


class PropertyError(ValueError):
    """A content line that is not a vCard property."""


@dataclass(slots=True)
class Property:
    group: str
    name: str  # upper case
    params: dict[str, list[str]]  # keys upper case, values decoded
    raw_params: list[str]  # as written, for verbatim round trips
    value: str  # after quoted-printable and charset decoding, still escaped
    line: int = 0
    raw_name: str = ""  # the name as written, for verbatim round trips
    problems: list[str] = field(default_factory=list)

    def types(self) -> list[str]:
        return [t.lower() for value in self.params.get("TYPE", []) for t in value.split(",") if t]

    def head(self, drop: Iterable[str] = ()) -> str:
        """group.NAME;params as written, minus the named parameters."""
        dropped = {name.upper() for name in drop}
        kept = [p for p in self.raw_params if _param_key(p) not in dropped]
        original_name = self.raw_name or self.name
        return ".".join(filter(None, (self.group, ";".join([original_name, *kept]))))


class LogicalLine(NamedTuple):  # a tuple: one per property of the file
    number: int  # where the property starts
    text: str
    error: str | None = None


def unfold(lines: Iterable[Line]) -> Iterator[LogicalLine]:
    """Join folded lines into logical lines. Blank lines are dropped."""
    parts: list[str] = []
    start, error = 0, None
    first = ""  # the logical line's first physical line, whose head may say BASE64
    for line in lines:
        text = line.text
        if parts:
            lead = text[:1]
            if lead == " " or lead == "\t":
                parts.append(text[1:])
                error = error or line.error
                continue
            if ":" not in text and _is_bare_base64(text) and _says_base64(first):
                parts.append(text)
                error = error or line.error
                continue
            if parts[-1][-1:] == "=" and _wants_soft_break(parts):
                parts[-1] = parts[-1][:-1]
                parts.append(text)
                error = error or line.error
                continue
            yield LogicalLine(start, parts[0] if len(parts) == 1 else "".join(parts), error)
            parts = []
        if line.error:
            yield LogicalLine(line.number, "", line.error)
            continue
        if not text.strip():
            continue
        start, parts, error, first = line.number, [text], None, text
    if parts:
        yield LogicalLine(start, "".join(parts), error)


def _says_base64(text: str) -> bool:
    head = text.partition(":")[0].upper()
    return "BASE64" in head or "ENCODING=B" in head


def _wants_soft_break(parts: list[str]) -> bool:
    # Quoted-printable: a line ending in "=" goes on, unindented, on the next line.
    return parts[-1].endswith("=") and "QUOTED-PRINTABLE" in parts[0].split(":", 1)[0].upper()


def _is_bare_base64(text: str) -> bool:
    # Some 2.1 writers (old Outlook) put base64 photo lines at column 0.
    return bool(text) and ":" not in text and _BASE64_LINE.fullmatch(text.strip()) is not None


def parse_property(line: LogicalLine) -> Property:
    """Split a logical line into group, name, parameters and value. Raises PropertyError."""
    text = line.text
    simple = _SIMPLE.match(text)
    if simple:  # most lines: [group.]NAME:value, no parameters; one regex instead of the walk below
        group, name = simple[1], simple[2]
        return Property(group[:-1] if group else "", name.upper(), {}, [], simple[3], line.number, raw_name=name)
    colon = text.find(":")
    if colon > 0 and '"' in text[:colon]:  # a quoted parameter value may hold a colon
        colon = _value_colon(text)
    if colon < 0:
        raise PropertyError("has no ':' between the property name and its value")
    head, value = text[:colon], text[colon + 1 :]
    pieces = _split_outside_quotes(head, ";") if '"' in head else head.split(";")
    group, _, name = pieces[0].strip().rpartition(".")
    if not _NAME.fullmatch(name) or (group and not all(_NAME.fullmatch(g) for g in group.split("."))):
        raise PropertyError(f"'{pieces[0][:40]}' is not a vCard property name")
    params: dict[str, list[str]] = {}
    if len(pieces) == 1:  # most properties: no parameters
        return Property(group, name.upper(), params, [], value, line.number, raw_name=name)
    raw_params = [p for p in pieces[1:] if p.strip()]
    for raw in raw_params:
        key, sep, values = raw.partition("=")
        key = key.strip().upper()
        if not sep:
            key, values = ("ENCODING" if key in _BARE_ENCODINGS else "TYPE"), raw.strip()
        for item in _split_outside_quotes(values, ",") if '"' in values else values.split(","):
            params.setdefault(key, []).append(decode_param(item.strip()))
    prop = Property(group, name.upper(), params, raw_params, value, line.number, raw_name=name)
    encoding = params.get("ENCODING", [""])[0].upper()
    if encoding == "QUOTED-PRINTABLE":
        charset = params.get("CHARSET", [None])[0]
        prop.value, problem = decode_quoted_printable(value, charset)
        if problem:
            prop.problems.append(problem)
    return prop


def _param_key(raw: str) -> str:
    key, sep, value = raw.partition("=")
    if not sep:
        return "ENCODING" if raw.strip().upper() in _BARE_ENCODINGS else "TYPE"
    return key.strip().upper()


def _value_colon(text: str) -> int:
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return text.find(":")  # unbalanced quotes: fall back to the first colon


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def decode_param(value: str) -> str:
    """Strip quotes and undo RFC 6868 caret escapes (^n newline, ^' quote, ^^ caret)."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    if "^" not in value:
        return value
    return re.sub(r"\^([n'^])", lambda m: {"n": "\n", "'": '"', "^": "^"}[m[1]], value)


def encode_param(value: str) -> str:
    """Quote a parameter value when it needs it, with RFC 6868 caret escapes."""
    value = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return f'"{value}"' if re.search(r"[;:,\s]", value) or not value else value


def decode_quoted_printable(text: str, charset: str | None) -> tuple[str, str | None]:
    """Decode =XX sequences, then the bytes in the given charset. Never raises.
    Without a CHARSET, UTF-8 is tried first, then windows-1252 (what Outlook writes)."""
    problem = None
    try:
        codec = text_codec(charset or "utf-8")
    except LookupError:
        codec, problem = "utf-8", f"unknown CHARSET={charset}; read as UTF-8"
    out = bytearray()
    for hex_pair, other in _QP_TOKEN.findall(text):
        out += bytes.fromhex(hex_pair) if hex_pair else other.encode(codec, errors="replace")
    try:
        return out.decode(codec), problem
    except UnicodeDecodeError:
        if charset is None:
            return out.decode("windows-1252", errors="replace"), problem
        return out.decode(codec, errors="replace"), f"quoted-printable text is not valid {charset}"


def text_codec(charset: str) -> str:
    """The codec for a CHARSET parameter; LookupError for unknown or non-text codecs."""
    info = codecs.lookup(charset)
    if not getattr(info, "_is_text_encoding", True):  # base64_codec, zlib_codec, ...
        raise LookupError(charset)
    return info.name


def unescape(text: str) -> str:
    """Undo vCard text escapes: \\n \\N \\, \\; \\: \\\\. Unknown escapes stay as written."""
    if "\\" not in text:
        return text
    return re.sub(r"\\([nN,;:\\])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def split_unescaped(text: str, sep: str) -> list[str]:
    """Split on separators that are not backslash-escaped; parts stay escaped."""
    if "\\" not in text:
        return text.split(sep)
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets without splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= limit:
        return line + "\r\n"
    chunks, start, width = [], 0, limit
    while start < len(encoded):
        end = min(start + width, len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:
            end -= 1  # back off to a character boundary
        chunks.append(encoded[start:end].decode("utf-8"))
        start, width = end, limit - 1  # continuation lines start with a space
    return "\r\n ".join(chunks) + "\r\n"
