"""The entry points: detect a contact file's format and stream its records."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from .contact import ContactRecord
from .csv.fields import parse_mapping
from .csv.read import CsvTable
from .csv.sources import RowReader, Source, detect_source, generic_source, guess_mapping
from .encoding import TextSource
from .errors import FormatError, Problem
from .vcard.read import read_vcards

_VCARD = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.I | re.M)

Mapping = dict[str, str] | str | None


def detect_format(path: str | os.PathLike[str]) -> str:
    """ "vcard", "linkedin", "google", "outlook", "thunderbird", "roundcube", "act", or
    "csv" for a CSV of no known client. Raises FormatError for an empty, binary or
    unreadable file."""
    return inspect_file(path)[0]


def inspect_file(path: str | os.PathLike[str], mapping: Mapping = None) -> tuple[str, list[str]]:
    """The file's format (as detect_format, "csv" with a mapping) and, for a CSV, the
    columns no field takes: their cells are kept as custom fields, which mail,
    duplicates and pass-on do not use, so a dry run lists them. Reads the header only.
    Raises FormatError (and MappingError) as read_contacts does."""
    text = TextSource(path)
    try:
        if _is_vcard(text) and mapping is None:
            return "vcard", []
        if mapping is not None:
            table, source = _table_and_source(text, mapping)
            return "csv", source.unmapped(table.header)
        table = CsvTable(text)
        known = detect_source(table.header)
        if known is None:  # a CSV of no known client: what would be guessed, if anything
            guessed = guess_mapping(table.header)
            return "csv", generic_source(guessed, patterns=True).unmapped(table.header) if guessed is not None else []
        return known.name, known.unmapped(table.header)
    finally:
        text.close()


def read_contacts(path: str | os.PathLike[str], mapping: Mapping = None) -> Iterator[ContactRecord | Problem]:
    """Stream the records of a vCard or CSV file, with a Problem for each bad row or
    property. Checks the file first: raises FormatError only when it is unusable."""
    text = TextSource(path)
    if _is_vcard(text) and mapping is None:
        return read_vcards(text.lines(), text.name)
    return _read_table(text, mapping)


def read_csv(path: str | os.PathLike[str], mapping: Mapping = None) -> Iterator[ContactRecord | Problem]:
    """A CSV file, with a column mapping ({"Full Name": "full_name"} or the --map string
    "Full Name=full_name,E-mail=email") or, without one, its detected client."""
    return _read_table(TextSource(path), mapping)


def _is_vcard(text: TextSource) -> bool:
    return bool(_VCARD.search(text.head_text[:4096]))


def _read_table(text: TextSource, mapping: Mapping) -> Iterator[ContactRecord | Problem]:
    table, source = _table_and_source(text, mapping)
    return _records(table, source)


def _table_and_source(text: TextSource, mapping: Mapping) -> tuple[CsvTable, Source]:
    try:
        if isinstance(mapping, str):
            mapping = parse_mapping(mapping)
        wanted = set(mapping or ())
        try:
            table = CsvTable(text, (lambda cells: bool(wanted & {c.strip() for c in cells})) if wanted else None)
        except FormatError:
            if not wanted:
                raise
            raise FormatError(
                f"{text.name}: no header row has the columns the column map names "
                f"({', '.join(sorted(wanted))}); check their spelling against "
                "the file's first line",
                code="map-columns",
            ) from None
        if missing := sorted(wanted - set(table.header)):
            raise FormatError(
                f"{text.name}: the column map names columns the header does not have: "
                f"{', '.join(missing)} (it has: {', '.join(table.header[:12])})",
                code="map-columns",
            )
        source = _source_for(table.header, mapping, text.name)
    except BaseException:
        text.close()
        raise
    return table, source


def _source_for(header: list[str], mapping: dict[str, str] | None, name: str) -> Source:
    if mapping:
        return generic_source(mapping)
    source = detect_source(header)
    if source:
        return source
    guessed = guess_mapping(header)
    if guessed is not None:
        return generic_source(guessed, patterns=True)
    columns = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
    raise FormatError(
        f"{os.fspath(name)}: CSV columns not recognized ({columns}); say which column holds which field",
        code="unknown-columns",
    )


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
