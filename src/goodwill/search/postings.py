"""PostgreSQL's postings of a query's lexemes, as arrays, kept in the process on big networks.

goodwill_search_posting (migration 0020) holds, for every document and lexeme, the lexeme's
share of ts_rank; pass-on adds them up per person, each weighted by the lexeme's idf
(goodwill.search.backends.PostgresFTS). At 100,000 people an item's common words have long
lists ("state": 80,000 postings), and adding them up on the server cost most of a ranking;
read once as arrays (two `array_send`s per lexeme, parsed by numpy), the same sums take a
millisecond here. From KEEP_FROM documents the lists are kept, within a BUDGET of postings
(the least recently used dropped first), as the vector index is kept (goodwill.search.vectors):
checked against the highest FieldVector id, which every write of a person's search document
moves (the document and the vectors are written together, goodwill.search._write), and read
again after MAX_AGE whatever it says, since on PostgreSQL a transaction can commit after one
with a higher id. A smaller network reads its lists at every search: it is cheap there.

What a kept list can miss between those checks is someone's words changed a moment ago (or a
person left with no words at all, whose write moves no vector id); the page is still checked
against the database (archived and deleted people, phrases), and every candidate is scored on
the fields the database gives now, so nothing confidential or deleted is ever shown.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

KEEP_FROM = 20_000  # documents: below this, reading the lists again is cheaper than keeping them
BUDGET = 16 * 2**20  # bytes kept in all: ~3 million postings (a 100,000-person network has 4.5 million)
MAX_AGE = 600.0  # seconds

Lists = dict[str, tuple[np.ndarray, np.ndarray]]  # lexeme -> (person ids, weights)


class _Kept(NamedTuple):
    """A list as kept: ids in 32 bits when they fit, and weights (few distinct values: they
    depend only on a lexeme's positions' weights) as one byte each into a table of them, so a
    posting costs 5 bytes instead of 16."""

    ids: np.ndarray
    table: np.ndarray  # the distinct weights, or every weight when there are too many
    codes: np.ndarray | None  # each posting's weight's place in `table`

    @classmethod
    def of(cls, ids: np.ndarray, weights: np.ndarray) -> _Kept:
        if len(ids) and ids.max() < 2**31:
            ids = ids.astype(np.int32)
        table, codes = np.unique(weights, return_inverse=True)
        if len(table) <= 256:
            return cls(ids, table, codes.astype(np.uint8))
        return cls(ids, weights, None)

    def pair(self) -> tuple[np.ndarray, np.ndarray]:
        return self.ids, self.table if self.codes is None else self.table[self.codes]

    @property
    def nbytes(self) -> int:
        return self.ids.nbytes + self.table.nbytes + (0 if self.codes is None else self.codes.nbytes)


_kept: OrderedDict[tuple[str, str, int, str], _Kept] = OrderedDict()
_marks: dict[str, tuple[int, float]] = {}  # database -> (FieldVector top, time.monotonic()) when kept
_size = 0  # bytes
_lock = threading.Lock()

# array_send's binary form of a one-dimensional array without NULLs: a 20-byte header
# (dimensions, flags, element type, size, lower bound), then each element's length and value.
HEADER = 20
_IDS = np.dtype([("length", ">i4"), ("value", ">i8")])
_WEIGHTS = np.dtype([("length", ">i4"), ("value", ">f8")])


def idf(documents: int, df: int) -> float:
    """bm25's inverse document frequency, as FTS5's bm25 and habits.matching.concept_weights use it."""
    documents = max(documents, df)
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


def _unpack(raw: bytes | memoryview, dtype: np.dtype) -> np.ndarray:
    data = bytes(raw)
    if len(data) <= HEADER:  # an empty array's header is shorter still
        return np.zeros(0, dtype=dtype["value"].newbyteorder("="))
    return np.frombuffer(data, dtype=dtype, offset=HEADER)["value"].astype(dtype["value"].newbyteorder("="))


# From the primary key's index alone (owner, lexeme, person, and the weight it includes).
READ = """
    SELECT lexeme, array_send(array_agg(person_id)), array_send(array_agg(weight)) FROM {table}
    WHERE owner_id = %s AND lexeme = ANY(%s) GROUP BY lexeme
"""


def _read(cursor, table: str, owner_id: int, lexemes: Sequence[str]) -> Lists:
    cursor.execute(READ.format(table=table), [owner_id, list(lexemes)])
    found: Lists = {lexeme: (np.zeros(0, dtype=np.int64), np.zeros(0)) for lexeme in lexemes}
    for lexeme, ids, weights in cursor.fetchall():
        found[lexeme] = (_unpack(ids, _IDS), _unpack(weights, _WEIGHTS))
    return found


def _drop_before(database: str, top: int, now: float) -> None:
    """Forget what was kept of `database` when it was kept at another top, or too long ago (lock held)."""
    global _size
    mark = _marks.get(database)
    if mark is not None and mark[0] == top and now - mark[1] <= MAX_AGE:
        return
    for key in [key for key in _kept if key[0] == database]:
        _size -= _kept.pop(key).nbytes
    _marks[database] = (top, now)


def lists(
    cursor, database: str, table: str, owner_id: int, lexemes: Sequence[str], documents: int, marker: Callable[[], int]
) -> Lists:
    """{lexeme: (person ids, weights)} of the owner's postings in `table`; `marker`: the highest
    FieldVector id now (goodwill.search.vectors._top), which tells whether kept lists are current."""
    global _size
    if documents < KEEP_FROM:
        return _read(cursor, table, owner_id, lexemes)
    top = marker()
    found: Lists = {}
    with _lock:
        _drop_before(database, top, time.monotonic())
        for lexeme in lexemes:
            kept = _kept.get((database, table, owner_id, lexeme))
            if kept is not None:
                _kept.move_to_end((database, table, owner_id, lexeme))
                found[lexeme] = kept.pair()
    missing = [lexeme for lexeme in lexemes if lexeme not in found]
    if missing:
        read = _read(cursor, table, owner_id, missing)
        found.update(read)
        with _lock:
            if _marks.get(database, (None,))[0] == top:  # no other thread moved on meanwhile
                for lexeme, (ids, weights) in read.items():
                    key = (database, table, owner_id, lexeme)
                    if key not in _kept:
                        kept = _kept[key] = _Kept.of(ids, weights)
                        _size += kept.nbytes
                while _size > BUDGET and _kept:
                    _size -= _kept.popitem(last=False)[1].nbytes
    return found


def kept_postings() -> int:
    """How many postings are kept in this process (tests, benchmarks)."""
    with _lock:
        return sum(len(kept.ids) for kept in _kept.values())


def kept_bytes() -> int:
    with _lock:
        return _size


def forget() -> None:
    """Drop every kept list (tests; a restore)."""
    global _size
    with _lock:
        _kept.clear()
        _marks.clear()
        _size = 0
