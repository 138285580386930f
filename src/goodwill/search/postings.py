"""The postings of a query's lexemes, as arrays, kept in the process on big networks.

Each engine has a Source of them. PostgreSQL's (PostgresPostings): goodwill_search_posting
(migration 0020) holds, for every document and lexeme, the lexeme's share of ts_rank; at
100,000 people an item's common words have long lists ("state": 80,000 postings), and adding
them up on the server cost most of a ranking; read once as arrays (two strings of 8-byte values
a lexeme, parsed by numpy), the same sums take a millisecond here. SQLite's
(goodwill.search.fts5_postings): the same values, from FTS5's own index. Pass-on adds them up
per person, each weighted by the lexeme's idf (goodwill.search.backends).

From a source's `keep_from` documents the lists are kept, within a BUDGET of bytes (the least
recently used dropped first; goodwill.search.kept_lists: 5 bytes a posting, ~1 for a common
word's), as the vector index is kept (goodwill.search.vectors): each list knows the highest FieldVector id it is
current at. Every write of a person's search document rewrites their vectors with it
(goodwill.search._write), so the rows above that id name the people written since; a list is
brought up to date by reading those people's postings of its lexeme alone and putting them in
place, and read whole again when more than PATCH_AT_MOST were written or after a restore. After
MAX_AGE, whatever the ids say (on PostgreSQL a transaction can commit after one with a higher
id), every list kept is read whole again in a thread of its own while the kept ones go on
answering: dropping them made the next rankings read their common words' lists on the request,
a first sight's cost (docs/performance.md, "Issue 18 on a slower morning"). From AHEAD_FROM
documents, a network's first search in a process also has the lists of its commonest words read
ahead in a thread (_read_ahead): they were three quarters of what a first sight of an item's
words read. A smaller network reads its lists at every search: it is cheap there (SQLite's source keeps a small network's
lists its own way, while nothing at all changed).

What a kept list can miss between those checks is someone's words changed a moment ago (or a
person left with no words at all, whose write moves no vector id); the page is still checked
against the database (archived and deleted people, phrases), and every candidate is scored on
the fields the database gives now, so nothing confidential or deleted is ever shown.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, Protocol

import numpy as np

from goodwill.search import background
from goodwill.search.kept_lists import KeptList

KEEP_FROM = 20_000  # documents: below this, reading the lists again is cheaper than keeping them
BUDGET = 8 * 2**20  # bytes kept in all: ~1.6 million postings (a 100,000-person network has 4.5 million)
MAX_AGE = 600.0  # seconds: then every list is read whole again
PATCH_AT_MOST = 2_000  # people written since a list was kept: past this, it is read whole again
LOGGED = 20_000  # people remembered as written, per database: older lists are read whole again
REFRESH_AT_ONCE = 100  # lexemes at most a statement when lists are read in the background
READ_AT_ONCE = 50_000  # postings about a statement then: they are all in memory at once before they are kept
AHEAD_FROM = 20_000  # documents: from this, a network's commonest words' lists are read ahead
AHEAD_SHARE = 0.1  # of the documents: a word held by more is read ahead
AHEAD_BUDGET = 6 * 2**20  # bytes kept at most when reading ahead stops (the requests' lists come first)

Lists = dict[str, tuple[np.ndarray, np.ndarray]]  # lexeme -> (person ids, weights)
Key = tuple[str, str, int, str]  # database, table, owner, lexeme


class _Mark(NamedTuple):
    top: int  # the marker the log reaches
    since: float  # time.monotonic() when the lists were last all dropped


_kept: OrderedDict[Key, KeptList] = OrderedDict()
_marks: dict[str, _Mark] = {}
# database -> [(from, to, {owner: people written}), ...], oldest first: who was written between two markers
_log: dict[str, list[tuple[int, int, dict[int, np.ndarray]]]] = {}
_size = 0  # bytes
_lock = threading.Lock()
# Reading a database's kept lists whole again in the background (_refresh_in_background): the
# sources by name, the reads at work (one a database), and a count that every drop moves, so a
# read that lists were let go during keeps nothing.
_sources: dict[str, Source] = {}
_refreshes = background.Reads("postings")
_drops: dict[str, int] = {}
# The (database, source, owner) whose commonest words' lists were read ahead (_read_ahead): once
# each, until their lists are dropped.
_ahead: set[tuple[str, str, int]] = set()
log = logging.getLogger(__name__)

# Each lexeme's postings from the primary key's index alone (owner, lexeme, person, and the
# weight it includes), as two strings of 8-byte big-endian values (int8send, float8send) that
# numpy reads as they come: one plain aggregate a lexeme (a LATERAL join over the lexemes asked
# for) costs ~0.6x a GROUP BY of array_agg/array_send, whose hashing and arrays were most of a
# common word's read (docs/performance.md, "A first sight without offsets").
READ = """
    SELECT l.lexeme, a.ids, a.weights FROM (VALUES (%s::bigint)) o(owner_id), unnest(%s::text[]) l(lexeme)
    CROSS JOIN LATERAL (
        SELECT string_agg(int8send(p.person_id), '') AS ids, string_agg(float8send(p.weight), '') AS weights
        FROM {table} p WHERE p.owner_id = o.owner_id AND p.lexeme = l.lexeme
    ) a
"""


def _unpack(raw: bytes | memoryview | None, dtype: str) -> np.ndarray:
    """8-byte big-endian values, one after another, as native ones."""
    return np.frombuffer(raw if raw is not None else b"", dtype=dtype).astype(dtype.replace(">", "="))


# The owner's lexemes by how many documents hold them: a scan of the primary key's index over
# the owner's postings (~0.9 s at 100,000 people), once a process, in the background.
COMMONEST = """
    SELECT lexeme, count(*) FROM {table} WHERE owner_id = %s GROUP BY lexeme HAVING count(*) >= %s
    ORDER BY count(*) DESC, lexeme
"""

# Some people's postings of some lexemes, by the primary key.
PATCH = """
    SELECT lexeme, person_id, weight FROM {table}
    WHERE owner_id = %s AND lexeme = ANY(%s) AND person_id = ANY(%s)
"""


def empty() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(0, dtype=np.int64), np.zeros(0)


class Source(Protocol):
    """Where an engine's postings come from: PostgreSQL's tables of them (PostgresPostings),
    or FTS5's own index on SQLite (goodwill.search.fts5_postings)."""

    name: str  # which lists, within a database and owner: part of a kept list's key

    @property
    def keep_from(self) -> int:
        """Documents: below this, the lists are read at every search."""
        ...

    def read(self, cursor, owner_id: int, lexemes: Sequence[str], top: int | None) -> Lists:
        """Every posting of these lexemes in the owner's network (an empty list for a lexeme
        nobody holds); `top`: the marker the lists will be kept at (None: not kept)."""
        ...

    def patch(self, cursor, owner_id: int, lexemes: Sequence[str], people: np.ndarray) -> Lists:
        """These people's postings of these lexemes, as they are now."""
        ...

    def commonest(self, cursor, owner_id: int, at_least: int) -> list[tuple[str, int]]:
        """(lexeme, documents) of the lexemes held by at least `at_least` of the owner's
        documents (or about: what to read ahead), commonest first."""
        ...


class PostgresPostings:
    """goodwill_search_posting or goodwill_search_offer_posting, by the primary key's index."""

    def __init__(self, table: str):
        self.name = self.table = table

    @property
    def keep_from(self) -> int:
        return KEEP_FROM

    def read(self, cursor, owner_id: int, lexemes: Sequence[str], top: int | None) -> Lists:
        cursor.execute(READ.format(table=self.table), [owner_id, list(lexemes)])
        found: Lists = {lexeme: empty() for lexeme in lexemes}
        for lexeme, ids, weights in cursor.fetchall():
            found[lexeme] = (_unpack(ids, ">i8"), _unpack(weights, ">f8"))
        return found

    def commonest(self, cursor, owner_id: int, at_least: int) -> list[tuple[str, int]]:
        cursor.execute(COMMONEST.format(table=self.table), [owner_id, at_least])
        return cursor.fetchall()

    def patch(self, cursor, owner_id: int, lexemes: Sequence[str], people: np.ndarray) -> Lists:
        cursor.execute(PATCH.format(table=self.table), [owner_id, list(lexemes), people.tolist()])
        rows: dict[str, list[tuple[int, float]]] = {lexeme: [] for lexeme in lexemes}
        for lexeme, person, weight in cursor.fetchall():
            rows[lexeme].append((person, weight))
        return {lexeme: _as_arrays(found) for lexeme, found in rows.items()}


def _as_arrays(postings: Sequence[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.array([p for p, _ in postings], dtype=np.int64),
        np.array([w for _, w in postings], dtype=np.float64),
    )


# Who was written between two markers: their vectors were rewritten with their search
# documents (goodwill.search._write), so the rows above the old marker name them.
WRITTEN = """
    SELECT DISTINCT owner_id, person_id FROM goodwill_fieldvector WHERE id > %s AND id <= %s
"""


def _drop(database: str) -> None:
    global _size
    for key in [key for key in _kept if key[0] == database]:
        _size -= _kept.pop(key).nbytes
    _drops[database] = _drops.get(database, 0) + 1
    _ahead.difference_update({key for key in _ahead if key[0] == database})


def _catch_up(cursor, database: str, top: int, now: float) -> None:
    """Bring the log of who was written up to `top`; drop everything kept of `database` after a
    restore (the marker went back), and after MAX_AGE have it read whole again in the background."""
    with _lock:
        mark = _marks.get(database)
        if mark is not None and mark.top == top and now - mark.since <= MAX_AGE:
            return
        # Ids went back (a restore), or so many rows written (a rebuild, a big import: ~15 rows
        # a person) that naming their people would cost more than reading again.
        if mark is None or not 0 <= top - mark.top <= 15 * PATCH_AT_MOST:
            _drop(database)
            _log[database] = []
            _marks[database] = _Mark(top, now)
            return
    people: dict[int, np.ndarray] = {}
    if mark.top != top:
        cursor.execute(WRITTEN, [mark.top, top])
        written: dict[int, list[int]] = {}
        for owner, person in cursor.fetchall():
            written.setdefault(owner, []).append(person)
        people = {owner: np.unique(np.array(ids, dtype=np.int64)) for owner, ids in written.items()}
    with _lock:
        if _marks.get(database) != mark:  # another thread caught up meanwhile
            return
        if mark.top != top:
            entries = _log.setdefault(database, [])
            entries.append((mark.top, top, people))
            while sum(len(p) for _, _, entry in entries for p in entry.values()) > LOGGED and len(entries) > 1:
                entries.pop(0)
        aged = now - mark.since > MAX_AGE
        _marks[database] = _Mark(top, now if aged else mark.since)
    if aged:
        _refresh_in_background(database, top)


def _refresh_in_background(database: str, top: int) -> None:
    """Read every list kept of `database` whole again in a thread of its own, each put in place
    of the one kept as current at `top` (later writes are put in place from the log, as for any
    list kept at `top`). The kept lists answer meanwhile; a list let go meanwhile stays let go."""
    with _lock:
        wanted: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for (db, name, owner, lexeme), kept in _kept.items():
            if db == database:
                wanted.setdefault((name, owner), []).append((lexeme, kept.size))
        drops = _drops.get(database, 0)
    if not wanted:
        return

    def refresh() -> None:
        from django.db import connection  # this thread's own

        try:
            with connection.cursor() as cursor:
                for (name, owner), lexemes in wanted.items():
                    for batch in _batches(lexemes):
                        found = _sources[name].read(cursor, owner, batch, top)
                        if not _put(database, drops, name, owner, found, top):
                            return
        except Exception:  # the kept lists go on answering; read again after MAX_AGE
            log.exception("reading the kept postings lists of %s again failed", database)

    _refreshes.start(database, refresh)


def _put(database: str, drops: int, name: str, owner: int, found: Lists, top: int, *, ahead: bool = False) -> bool:
    """Lists read in the background, put in place: read whole again (`ahead` False), each in
    place of the one kept, its place in the order of use kept, and none for a list let go
    meanwhile; read ahead, each kept as the least recently used unless a request keeps it
    already. False when the database's lists were dropped since the read began (a restore)."""
    global _size
    packed = {lexeme: KeptList.of(ids, weights, top) for lexeme, (ids, weights) in found.items()}  # not under the lock
    with _lock:
        if _drops.get(database, 0) != drops:
            return False
        for lexeme, fresh in packed.items():
            key = (database, name, owner, lexeme)
            old = _kept.get(key)
            if (old is None) != ahead:  # let go meanwhile / kept already
                continue
            _kept[key] = fresh
            if ahead:
                _kept.move_to_end(key, last=False)
            _size += fresh.nbytes - (old.nbytes if old is not None else 0)
        _within_budget()
    return True


def _within_budget() -> None:
    """The least recently used lists let go until the rest fit the BUDGET (lock held)."""
    global _size
    while _size > BUDGET and _kept:
        _size -= _kept.popitem(last=False)[1].nbytes


def _batches(sized: Sequence[tuple[str, int]]) -> Iterator[list[str]]:
    """Lexemes (with their postings, or about) in statements of at most REFRESH_AT_ONCE lexemes
    (SQLite's source asks in a compound SELECT, which holds 500) and about READ_AT_ONCE postings
    (a statement's lists are in memory together before they are kept: a common word's is ~80,000)."""
    batch: list[str] = []
    held = 0
    for lexeme, size in sized:
        if batch and (len(batch) == REFRESH_AT_ONCE or held + size > READ_AT_ONCE):
            yield batch
            batch, held = [], 0
        batch.append(lexeme)
        held += size
    if batch:
        yield batch


wait_for_refreshes = _refreshes.wait  # until the lists being read (again, or ahead) are in place (tests, benchmarks)


def _read_ahead(database: str, source: Source, owner_id: int, documents: int, top: int) -> None:
    """At a big network's first search in this process, the lists of its commonest words (held
    by over AHEAD_SHARE of its documents) read in a thread of their own, commonest first, until
    AHEAD_BUDGET is kept: those are most of what a first sight of an item's words reads (three
    quarters of it at 100,000 people), and kept as bits they take about a byte a posting. Each
    goes in as the least recently used, so a request's own lists are kept before them."""
    key = (database, source.name, owner_id)
    with _lock:
        if key in _ahead:
            return
        _ahead.add(key)
        drops = _drops.get(database, 0)

    def read() -> None:
        from django.db import connection  # this thread's own

        with _lock:  # a firm's worker that keeps other networks' lists: not even the count
            if _size >= AHEAD_BUDGET:
                return
        try:
            with connection.cursor() as cursor:
                for batch in _batches(source.commonest(cursor, owner_id, max(1, int(documents * AHEAD_SHARE)))):
                    with _lock:
                        if _size >= AHEAD_BUDGET:
                            return
                        wanted = [w for w in batch if (*key, w) not in _kept]
                    found = source.read(cursor, owner_id, wanted, top) if wanted else {}
                    if not _put(database, drops, source.name, owner_id, found, top, ahead=True):
                        return
        except Exception:  # the requests read what they need, as without it
            log.exception("reading ahead the commonest postings lists of %s failed", database)

    _refreshes.start((database, "ahead", source.name, owner_id), read)


def _written_since(database: str, owner_id: int, since: int) -> np.ndarray | None:
    """The owner's people written since marker `since` (lock held); None when the log no longer
    reaches back that far."""
    log = _log.get(database, [])
    if not log or log[0][0] > since:
        return None
    found = [entry[owner_id] for start, _, entry in log if start >= since and owner_id in entry]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def among(ids: np.ndarray, weights: np.ndarray, people: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The postings of `people` alone. A patch: one read serves lists kept at different
    markers, and a list must not be given again the postings of someone it already holds as
    they are. A crowded page (goodwill.search.backends): the postings of those who match."""
    mine = np.isin(ids, people)
    return ids[mine], weights[mine]


def lists(
    cursor,
    database: str,
    source: Source,
    owner_id: int,
    lexemes: Sequence[str],
    documents: int,
    marker: Callable[[], int],
) -> Lists:
    """{lexeme: (person ids, weights)} of the owner's postings from `source`; `marker`: the highest
    FieldVector id now (goodwill.search.vectors.marker), which tells who was written since a
    list was kept."""
    global _size
    if documents < source.keep_from:
        return source.read(cursor, owner_id, lexemes, None)
    _sources[source.name] = source
    top = marker()
    _catch_up(cursor, database, top, time.monotonic())
    found: Lists = {}
    behind: dict[str, np.ndarray] = {}  # lexeme -> the people written since it was kept
    stale: dict[str, KeptList] = {}
    with _lock:
        for lexeme in lexemes:
            key = (database, source.name, owner_id, lexeme)
            kept = _kept.get(key)
            if kept is None:
                continue
            _kept.move_to_end(key)
            if kept.top == top:
                found[lexeme] = kept.pair()
                continue
            people = _written_since(database, owner_id, kept.top)
            if people is not None and len(people) <= PATCH_AT_MOST:
                if len(people):
                    behind[lexeme], stale[lexeme] = people, kept
                else:  # nobody of this owner was written: current as it is
                    found[lexeme] = kept.pair()
                    _kept[key] = kept._replace(top=top)
    fresh: dict[str, KeptList] = {}
    if behind:
        people = np.unique(np.concatenate(list(behind.values())))
        for lexeme, (ids, weights) in source.patch(cursor, owner_id, list(behind), people).items():
            ids, weights = among(ids, weights, behind[lexeme])
            fresh[lexeme] = stale[lexeme].patched(behind[lexeme], ids, weights, top)
            found[lexeme] = fresh[lexeme].pair()
    missing = [lexeme for lexeme in lexemes if lexeme not in found]
    if missing:
        for lexeme, (ids, weights) in source.read(cursor, owner_id, missing, top).items():
            fresh[lexeme] = KeptList.of(ids, weights, top)
            found[lexeme] = fresh[lexeme].pair()
    if fresh:
        with _lock:
            if _marks.get(database, _Mark(-1, 0.0)).top == top:  # no other thread moved on meanwhile
                for lexeme, kept in fresh.items():
                    key = (database, source.name, owner_id, lexeme)
                    old = _kept.pop(key, None)
                    _size += kept.nbytes - (old.nbytes if old is not None else 0)
                    _kept[key] = kept
                _within_budget()
    if documents >= AHEAD_FROM:
        _read_ahead(database, source, owner_id, documents, top)
    return found


def kept_postings() -> int:
    """How many postings are kept in this process (tests, benchmarks)."""
    with _lock:
        return sum(kept.size for kept in _kept.values())


def kept_bytes() -> int:
    with _lock:
        return _size


def forget() -> None:
    """Drop every kept list (tests; a restore)."""
    global _size
    with _lock:
        for database in {key[0] for key in _kept} | set(_marks):
            _drops[database] = _drops.get(database, 0) + 1
        _kept.clear()
        _marks.clear()
        _log.clear()
        _ahead.clear()
        _size = 0
