"""Photo bytes inside contact files: tolerant base64 (vCard's PHOTO;ENCODING=b),
data: URIs (vCard 4.0 PHOTO and CSV photo cells) and the image type their first bytes
show. Shared by the vCard and CSV readers and writers."""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse


def decode_base64(text: str) -> bytes:
    """Tolerant: whitespace and missing padding are fine. Raises ValueError."""
    compact = re.sub(r"\s+", "", text)
    compact += "=" * (-len(compact) % 4)
    try:
        return base64.b64decode(compact, validate=False)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"the base64 data is damaged ({exc})") from None


def parse_data_uri(uri: str) -> tuple[str, bytes]:
    """data:[<media type>][;base64],<data> -> (media type, bytes). Raises ValueError."""
    if not uri[:5].lower() == "data:" or "," not in uri:
        raise ValueError("not a data: URI")
    meta, payload = uri[5:].split(",", 1)
    parts = meta.split(";")
    media_type = parts[0].strip().lower()
    if any(part.strip().lower() == "base64" for part in parts[1:]):
        return media_type, decode_base64(payload)
    return media_type, urllib.parse.unquote_to_bytes(payload)


def sniff_media_type(data: bytes) -> str:
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"
