"""Shared by the format tests: fixture paths and splitting a read into records and problems."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from goodwill.formats import ContactRecord, Problem, read_contacts

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def read_all(path, **kwargs) -> tuple[list[ContactRecord], list[Problem]]:
    items = list(read_contacts(path, **kwargs))
    return ([i for i in items if isinstance(i, ContactRecord)], [i for i in items if isinstance(i, Problem)])


def records(name: str) -> list[ContactRecord]:
    found, problems = read_all(DATA / name)
    assert problems == [], problems
    return found


def content(record: ContactRecord) -> ContactRecord:
    """The record without where it came from, for round-trip comparisons."""
    return dataclasses.replace(record, source="", line=0)
