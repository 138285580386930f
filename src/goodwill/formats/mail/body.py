"""A message's text: its first text/plain part, else its HTML as plain lines, in
whatever charset it declares (or really uses). Pure: no Django, no database."""

from __future__ import annotations

import binascii
import html
import re
from email.message import Message
from typing import Any

MAX_TEXT_BYTES = 256 * 1024  # of one body part: the first lines are all that is kept


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes in a declared charset; a wrong or unknown one falls back to UTF-8, then
    Windows-1252 (what mislabelled mail almost always is)."""
    for candidate in (charset, "utf-8"):
        if not candidate or candidate.lower() in ("unknown-8bit", "x-unknown", "unknown"):
            continue
        try:
            return data.decode(_charset_alias(candidate))
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # UTF-8 cut mid-character at the very end
            return data[: exc.start].decode("utf-8") + "\ufffd"
    return data.decode("cp1252", "replace")


def _charset_alias(name: str) -> str:
    name = name.strip().strip('"').lower()
    # Mail in the wild labels Windows-1252 as Latin-1 and GB18030 as GB2312.
    return {
        "iso-8859-1": "cp1252",
        "latin1": "cp1252",
        "latin-1": "cp1252",
        "us-ascii": "ascii",
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "ks_c_5601-1987": "cp949",
    }.get(name, name)


_BLOCK_TAGS = re.compile(r"<\s*(?:br|/p|/div|/tr|/li|/h\d|p|div|tr|li)\b[^>]*>", re.I)
_DROP = re.compile(r"<\s*(style|script|head)\b.*?<\s*/\s*\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]{0,2000}>")
_QUOTE_BLOCK = re.compile(r"<\s*blockquote\b.*?<\s*/\s*blockquote\s*>", re.I | re.S)


def body_text(message: Message | None) -> str:
    if message is None:
        return ""
    plain = html_part = None
    for part in message.walk():
        if part.is_multipart():
            continue
        disposition = (part.get("Content-Disposition") or "").lower()
        if disposition.startswith("attachment"):
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and plain is None:
            plain = part
        elif kind == "text/html" and html_part is None:
            html_part = part
        if plain is not None:
            break
    if plain is not None:
        return _part_text(plain)
    if html_part is not None:
        return html_to_text(_part_text(html_part))
    return ""


def _part_text(part: Message) -> str:
    data: Any
    try:
        data = part.get_payload(decode=True)
    except (ValueError, TypeError, AssertionError, LookupError, binascii.Error):
        data = None
    if data is None:
        payload = part.get_payload()
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    data = data[:MAX_TEXT_BYTES]
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return decode_bytes(data, charset).replace("\r\n", "\n").replace("\r", "\n")


def html_to_text(text: str) -> str:
    """Enough of HTML for the first lines: quoted replies dropped, tags and entities gone."""
    text = _DROP.sub(" ", text)
    text = _QUOTE_BLOCK.sub("\n", text)
    text = _BLOCK_TAGS.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines())
