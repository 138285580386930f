"""The entry points: detect a contact file's format and stream its records."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator

from .contact import ContactRecord
from .csv_fields import parse_mapping
from .csv_read import CsvTable
from .csv_sources import RowReader, Source, detect_source, generic_source, guess_mapping
from .encoding import TextSource
from .errors import FormatError, Problem
from .vcard_read import read_vcards

_VCARD = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.I | re.M)

Mapping = dict[str, str] | str | None


def detect_format(path: str | os.PathLike) -> str:
    """"vcard", "linkedin", "google", "outlook", "thunderbird", "act", or "csv" for a CSV
    of no known client. Raises FormatError for an empty, binary or unreadable file."""
    text = TextSource(path)
    try:
        if _is_vcard(text):
            return "vcard"
        table = CsvTable(text)
        source = detect_source(table.header)
        return source.name if source else "csv"
    finally:
        text.close()


def read_contacts(path: str | os.PathLike, mapping: Mapping = None) -> Iterator[ContactRecord | Problem]:
    """Stream the records of a vCard or CSV file, with a Problem for each bad row or
    property. Checks the file first: raises FormatError only when it is unusable."""
    text = TextSource(path)
    if _is_vcard(text) and mapping is None:
        return read_vcards(text.lines(), text.name)
    return _read_table(text, mapping)


def read_csv(path: str | os.PathLike, mapping: Mapping = None) -> Iterator[ContactRecord | Problem]:
    """A CSV file, with a column mapping ({"Full Name": "full_name"} or the --map string
    "Full Name=full_name,E-mail=email") or, without one, its detected client."""
    return _read_table(TextSource(path), mapping)


def _is_vcard(text: TextSource) -> bool:
    return bool(_VCARD.search(text.head_text[:4096]))


def _read_table(text: TextSource, mapping: Mapping) -> Iterator[ContactRecord | Problem]:
    try:
        if isinstance(mapping, str):
            mapping = parse_mapping(mapping)
        wanted = set(mapping or ())
        try:
            table = CsvTable(text, (lambda cells: bool(wanted & {c.strip() for c in cells}))
                             if wanted else None)
        except FormatError:
            if not wanted:
                raise
            raise FormatError(f"{text.name}: no header row has the columns --map names "
                              f"({', '.join(sorted(wanted))}); check their spelling against "
                              "the file's first line") from None
        if missing := sorted(wanted - set(table.header)):
            raise FormatError(f"{text.name}: --map names columns the header does not have: "
                              f"{', '.join(missing)} (it has: {', '.join(table.header[:12])})")
        source = _source_for(table.header, mapping, text.name)
    except BaseException:
        text.close()
        raise
    return _records(table, source)


def _source_for(header: list[str], mapping: dict[str, str] | None, name: str) -> Source:
    if mapping:
        return generic_source(mapping)
    source = detect_source(header)
    if source:
        return source
    guessed = guess_mapping(header)
    if guessed:
        return generic_source(guessed)
    columns = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
    raise FormatError(f"{os.fspath(name)}: CSV columns not recognized ({columns}); "
                      "say where they go with --map 'Column=field,...'")


def _records(table: CsvTable, source: Source) -> Iterator[ContactRecord | Problem]:
    reader = RowReader(source, table.header)
    for row in table.rows():
        if isinstance(row, Problem):
            yield row
            continue
        record, problems = reader.read_values(row.values, row.line)
        for column, message in problems:
            yield Problem(table.file, row.line, column, message)
        yield record
