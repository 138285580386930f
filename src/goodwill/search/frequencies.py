"""How many of an owner's documents hold each lexeme, for the idf of PostgreSQL's ranking.

Counting a lexeme reads its postings: for an item's common words ("state": 80,000 postings
at 100,000 people) that costs what ranking by them did, so on a big network the counts are
kept in the process. An idf over 100,000 documents barely moves with a few more or fewer
(log(1 + N/df)), and a count is only a weight: MaxScore's page is exact for the weights it is
given, whatever they are. Counts are read again when the owner's documents have grown or
shrunk by DRIFT, or after MAX_AGE. Small networks count every time: it is cheap, and a
ranking then follows every write at once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

KEEP_FROM = 20_000  # documents: below this, counting again is cheaper than keeping the counts
DRIFT = 0.05  # the documents' count moved by 5 %: count again
MAX_AGE = 3600.0  # seconds: edits move counts too, without moving the documents' count
KEPT = 20_000  # lexemes per owner and table, the least recently used dropped first


@dataclass
class _Counts:
    documents: int  # the owner's documents when these counts were read
    since: float  # time.monotonic() then
    df: OrderedDict[str, int] = field(default_factory=OrderedDict)


_kept: dict[tuple[str, str, int], _Counts] = {}
_lock = threading.Lock()


def _count(cursor, table: str, owner_id: int, lexemes: Sequence[str]) -> dict[str, int]:
    cursor.execute(
        f"SELECT lexeme, count(*) FROM {table} WHERE owner_id = %s AND lexeme = ANY(%s) GROUP BY lexeme",
        [owner_id, list(lexemes)],
    )
    found = dict.fromkeys(lexemes, 0)
    found.update(cursor.fetchall())
    return found


def document_frequencies(
    cursor, database: str, table: str, owner_id: int, lexemes: Sequence[str], documents: int
) -> dict[str, int]:
    """{lexeme: how many of the owner's documents have a posting of it in `table`}."""
    if documents < KEEP_FROM:
        return _count(cursor, table, owner_id, lexemes)
    key = (database, table, owner_id)
    now = time.monotonic()
    with _lock:
        counts = _kept.get(key)
        if (
            counts is None
            or abs(documents - counts.documents) > DRIFT * counts.documents
            or now - counts.since > MAX_AGE
        ):
            counts = _kept[key] = _Counts(documents, now)
        known = {lexeme: counts.df[lexeme] for lexeme in lexemes if lexeme in counts.df}
        for lexeme in known:
            counts.df.move_to_end(lexeme)
    missing = [lexeme for lexeme in lexemes if lexeme not in known]
    if missing:
        read = _count(cursor, table, owner_id, missing)
        with _lock:
            counts.df.update(read)
            while len(counts.df) > KEPT:
                counts.df.popitem(last=False)
        known.update(read)
    return known


def forget() -> None:
    """Drop the kept counts (tests; a restore)."""
    with _lock:
        _kept.clear()
