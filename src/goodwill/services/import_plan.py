"""What a dry run remembers instead of writing: the keys, names and organizations of
the people earlier chunks would have created or changed, so later chunks match
against them exactly as an applied import matches against the rows it wrote;
and the columns it reports because no field takes them (UnmappedColumn).

Small files stay in dicts; past SPILL_AT entries the registry moves to a throwaway
SQLite file (not the user's database), so a dry run of a huge file keeps its memory
flat like the applied import does."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass

from goodwill.formats.contact import ContactRecord
from goodwill.formats.csv.sources import EXTRA_PREFIX

SPILL_AT = 100_000
_BATCH = 500  # values per IN (...) on the spill file


class PlanRegistry:
    """key ("email:a@b.c") → person id, first registration wins (like the lowest row id
    in the database); and (exact name) → [(id, lower-cased organization)]."""

    def __init__(self) -> None:
        self._keys: dict[str, int] = {}
        self._names: dict[str, list[list]] = {}  # name → [[id, org], ...] in id order
        self._orgless: dict[int, list] = {}  # id → its entry, for people with no organization yet
        self._size = 0
        self._db: sqlite3.Connection | None = None
        self._path = ""

    # -- writing ---------------------------------------------------------------
    def add_key(self, key: str, pk: int) -> None:
        if self._db is not None:
            self._db.execute("INSERT OR IGNORE INTO k VALUES (?, ?)", (key, pk))
            return
        if key not in self._keys:
            self._keys[key] = pk
            self._size += 1
            self._grew()

    def add_keys(self, pairs: list[tuple[str, int]]) -> None:
        if self._db is not None:
            self._db.executemany("INSERT OR IGNORE INTO k VALUES (?, ?)", pairs)
            return
        keys = self._keys
        before = len(keys)
        for key, pk in pairs:
            if key not in keys:
                keys[key] = pk
        self._size += len(keys) - before
        self._grew()

    def add_name(self, name: str, pk: int, org: str) -> None:
        if self._db is not None:
            self._db.execute("INSERT INTO n VALUES (?, ?, ?)", (pk, name, org))
            return
        entry = [pk, org]
        self._names.setdefault(name, []).append(entry)
        if not org:
            self._orgless[pk] = entry
        self._size += 1
        self._grew()

    def fill_org(self, pk: int, org: str) -> None:
        """A person created earlier gains an organization (only if it had none)."""
        if self._db is not None:
            self._db.execute("UPDATE n SET org = ? WHERE id = ? AND org = ''", (org, pk))
            return
        entry = self._orgless.pop(pk, None)
        if entry is not None:
            entry[1] = org

    # -- reading ---------------------------------------------------------------
    @property
    def empty(self) -> bool:
        """Nothing registered yet: a re-import that creates nobody never asks it."""
        return self._size == 0 and self._db is None

    def keys(self, wanted: set[str]) -> dict[str, int]:
        if self._db is None:
            keys = self._keys
            return {k: keys[k] for k in wanted if k in keys}
        found: dict[str, int] = {}
        items = list(wanted)
        for start in range(0, len(items), _BATCH):
            part = items[start : start + _BATCH]
            marks = ",".join("?" * len(part))
            found.update(self._db.execute(f"SELECT key, id FROM k WHERE key IN ({marks})", part))
        return found

    def names(self, wanted: set[str]) -> list[tuple[int, str, str]]:
        """(id, name, organization) of the people with one of these exact names, by id."""
        if self._db is None:
            rows = [(pk, name, org) for name in wanted for pk, org in self._names.get(name, ())]
        else:
            rows = []
            items = list(wanted)
            for start in range(0, len(items), _BATCH):
                part = items[start : start + _BATCH]
                marks = ",".join("?" * len(part))
                rows += self._db.execute(f"SELECT id, name, org FROM n WHERE name IN ({marks})", part)
        rows.sort()
        return rows

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            try:
                os.unlink(self._path)
            except OSError:
                pass

    # -- spilling ----------------------------------------------------------------
    def _grew(self) -> None:
        if self._size > SPILL_AT and self._db is None:
            self._spill()

    def _spill(self) -> None:
        handle, self._path = tempfile.mkstemp(prefix="goodwill-import-plan-", suffix=".sqlite3")
        os.close(handle)
        db = sqlite3.connect(self._path, isolation_level=None)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("CREATE TABLE k (key TEXT PRIMARY KEY, id INTEGER) WITHOUT ROWID")
        db.execute("CREATE TABLE n (id INTEGER, name TEXT, org TEXT)")
        db.execute("BEGIN")
        db.executemany("INSERT INTO k VALUES (?, ?)", self._keys.items())
        db.executemany(
            "INSERT INTO n VALUES (?, ?, ?)",
            ((pk, name, org) for name, entries in self._names.items() for pk, org in entries),
        )
        db.execute("CREATE INDEX n_name ON n (name)")
        db.execute("CREATE INDEX n_id ON n (id)")
        self._keys, self._names, self._orgless = {}, {}, {}
        self._db = db


@dataclass
class UnmappedColumn:
    """A CSV column no field takes: its cells are kept as custom fields on the person
    (and exported again), but mail, duplicates and pass-on never look at them."""

    file: str
    column: str
    rows: int = 0  # rows with a value in it

    def __str__(self) -> str:
        if not self.rows:
            return f"{self.column} (empty in every row)"
        return f"{self.column} ({self.rows} {'row' if self.rows == 1 else 'rows'} with a value)"


def unmapped_by_key(path: str, columns: list[str]) -> dict[str, UnmappedColumn]:
    """A file's unmapped columns by the key their cells get in a record's extra."""
    return {column.removeprefix(EXTRA_PREFIX): UnmappedColumn(path, column) for column in columns}


def count_unmapped(columns: dict[str, UnmappedColumn], record: ContactRecord) -> None:
    for key in record.extra:
        column = columns.get(key)
        if column is not None:
            column.rows += 1
