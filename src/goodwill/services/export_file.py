"""The network as one file (the JSON backup, vCard or CSV) for every door: the CLI writes it
to a file or standard output (`goodwill export`), the web app and the API send it as a
download. Confidential notes and entries go only into a JSON backup that asks for them."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from datetime import date
from typing import IO, Any, NamedTuple

from goodwill.errors import InvalidInput

# format -> (media type, file extension). A vdir (a folder of cards) is the CLI's alone.
FORMATS = {
    "json": ("application/json", "json"),
    "vcard": ("text/vcard", "vcf"),
    "csv": ("text/csv", "csv"),
}


def write_export(
    owner,
    format: str,
    stream: IO[str],
    *,
    v3: bool = False,
    include_confidential: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int] | None:
    """Write the owner's network to `stream` in `format`; a JSON backup returns its row counts."""
    from goodwill.services import backup, contacts_export

    if format not in FORMATS:
        raise InvalidInput(f'"{format}" is not an export format; use one of: {", ".join(FORMATS)}')
    if format == "json":
        return backup.write_backup(owner, stream, include_confidential=include_confidential)
    if include_confidential:
        raise InvalidInput("confidential notes go into the JSON backup only, never into vCard or CSV")
    if format == "vcard":
        contacts_export.export_vcard(owner, version="3.0" if v3 else "4.0", stream=stream, progress=progress)
    else:
        contacts_export.export_csv(owner, stream, progress=progress)
    return None


def _temporary_file(owner, format: str, **options: Any) -> IO[bytes]:
    raw = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    try:
        write_export(owner, format, text, **options)
        text.flush()
    except BaseException:
        text.close()
        raise
    text.detach()
    raw.seek(0)
    return raw


class Download(NamedTuple):
    file: IO[bytes]  # rewound; the file goes when it is closed
    name: str  # goodwill-2026-12-07.json, .vcf or .csv
    media_type: str


def download(owner, format: str, today: date, **options: Any) -> Download:
    """write_export into a temporary file (on disk, whatever the network's size), with the
    name and media type a door sends it under."""
    return Download(
        _temporary_file(owner, format, **options),
        f"goodwill-{today.isoformat()}.{FORMATS[format][1]}",
        FORMATS[format][0],
    )
