"""The meaning signal's store and index: one vector per searchable piece of a person.

- `write(owner_id, fields)`: with the search documents (goodwill.search._write),
  the vectors of these people's fields; an unchanged text keeps its vector.
- `nearest(owner_id, query, limit, weights)`: people whose best piece is closest
  in meaning, best first. The index is in memory: each distinct text's vector
  once, each row (a person's piece) pointing at it; a product with the query, a
  value per text and kind, and the people found from the highest values down
  (each text and kind's holders, `_Holders`). The same on SQLite
  and PostgreSQL; kept from CACHE_FROM rows and brought up to date from the rows
  written since (docs/performance.md, "Pass-on by meaning at 100,000 people"), and on
  PostgreSQL read whole again in the background every REREAD_AFTER (late commits).
  Each distinct text costs 1.5 KB and ~0.15 µs a search: cheap while texts repeat
  ("the vector index at distinct-text scale"). A process keeps the indexes it has
  searched within a budget (GOODWILL_VECTOR_MEMORY_MB): the least recently searched go first.
  A big index read whole is also written to a file the next process maps instead of reading
  the rows again (`_read_whole`, goodwill.search.vector_files), when the file is current.
- `vectors_of(person_ids, owner_id)`: {person: {digest: vector}}, to score a
  candidate's fields one by one and say which matched.

Confidential text never reaches here: the fields come from documents.fields_for.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from goodwill import config, memory
from goodwill.habits.matching import Field
from goodwill.habits.meaning import DIMENSIONS, Vectors, encode
from goodwill.habits.meaning.pieces import pieces
from goodwill.habits.meaning.score import HITS_COUNTED, digest
from goodwill.search import background, vector_files

KINDS = ("need", "interest", "offer", "role", "tag", "note", "summary")
KIND_CODE = {k: i for i, k in enumerate(KINDS)}
CACHE_FROM = 20_000  # rows: below this, reading them again is cheaper than keeping them
# Rows from which an index's holders (_Holders) are made in a thread of their own: 60 ms of CPU
# at 1.45 million rows, which the first search after each write would otherwise wait for; that
# search takes every person's best instead (~6 ms there), which lists the same people.
HOLDERS_AHEAD_FROM = 50_000
WALK_EVERY_CODE_UP_TO = 100_000  # codes a walk may look at (each a few bytes of temporaries)
TEXT_BYTES = 200  # a distinct text's digest, its slot in `slots` and in `digests` (tracemalloc)
LOOKUP_BATCH = 500


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()


def from_bytes(raw: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype=np.float16).astype(np.float32)


def _wanted(fields: Mapping[int, Sequence[Field]]) -> list[tuple[int, str, int | None, int, str, str]]:
    """(person, kind, ref, part, text, digest) of each piece of these fields."""
    return [
        (pid, f.kind, f.ref, part, text, digest(text))
        for pid, person_fields in fields.items()
        for f in person_fields
        for part, text in enumerate(pieces(f.kind, f.text))
    ]


def encode_missing(owner_id: int, fields: Mapping[int, Sequence[Field]]) -> dict[str, bytes]:
    """{digest: vector} for the pieces of these fields that no stored vector of the owner's
    network has: encoded ahead of the write that stores them (search.model_upgrade)."""
    texts = {d: text for *_, text, d in _wanted(fields)}
    for d, _ in stored_vectors(owner_id, list(texts)):
        texts.pop(d, None)
    return {d: to_bytes(vector) for d, vector in zip(texts, encode(list(texts.values())))} if texts else {}


def write(owner_id: int, fields: Mapping[int, Sequence[Field]], made: Mapping[str, bytes] | None = None) -> int:
    """Replace these people's vectors; returns how many texts had to be encoded (`made`: vectors
    encoded ahead, by digest)."""
    from goodwill.models import FieldVector
    from goodwill.search import model_upgrade

    person_ids = list(fields)
    wanted = _wanted(fields)
    known: dict[str, bytes] = dict(made or {})
    for d, v in FieldVector.objects.filter(person_id__in=person_ids).values_list("digest", "vector"):
        known[d] = bytes(v)
    missing = list(dict.fromkeys(d for *_, d in wanted if d not in known))
    # The same text elsewhere in the network ("angel investors") is not encoded twice.
    for d, v in stored_vectors(owner_id, missing):
        known.setdefault(d, bytes(v))
    texts = {d: text for *_, text, d in wanted if d not in known}
    if texts:
        for d, vector in zip(texts, encode(list(texts.values()))):
            known[d] = to_bytes(vector)
    FieldVector.objects.filter(person_id__in=person_ids).delete()
    FieldVector.objects.bulk_create(
        [
            FieldVector(owner_id=owner_id, person_id=pid, kind=kind, ref=ref, part=part, digest=d, vector=known[d])
            for pid, kind, ref, part, _, d in wanted
        ],
        batch_size=1000,
    )
    if wanted:
        model_upgrade.written(owner_id)
    return len(texts)


def stored_vectors(owner_id: int, digests: Sequence[str]) -> list[tuple[str, bytes]]:
    """(digest, vector) for each of these texts the owner's network already has a vector
    for: one probe of the (owner, digest) index a text, LOOKUP_BATCH texts a statement. A
    plain IN read every row with those texts, and a common one is on thousands of people:
    rebuilding a 100,000-person network's 1.45 million pieces read each text's rows again for
    every batch (5.5 million rows for 2,000 people, 10 ms a person)."""
    from goodwill.models import FieldVector

    table = FieldVector._meta.db_table
    found: list[tuple[str, bytes]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(digests), LOOKUP_BATCH):
            chunk = list(digests[start : start + LOOKUP_BATCH])
            params: list = [chunk]  # PostgreSQL: one array
            texts = "unnest(%s::text[]) AS v(column1)"
            if connection.vendor != "postgresql":
                texts, params = f"(VALUES {', '.join(['(%s)'] * len(chunk))}) AS v", chunk
            cursor.execute(
                f"SELECT v.column1, (SELECT f.vector FROM {table} f WHERE f.owner_id = %s AND f.digest = v.column1 "
                f"LIMIT 1) FROM {texts}",
                [owner_id, *params],
            )
            found.extend((d, v) for d, v in cursor.fetchall() if v is not None)
    return found


def vectors_of(person_ids: Iterable[int], owner_id: int | None = None) -> dict[int, dict[str, np.ndarray]]:
    """{person: {digest: vector}}; from the owner's index when it is kept in memory and current."""
    from goodwill.models import FieldVector

    ids = list(person_ids)
    kept = _kept(owner_id) if owner_id is not None else None
    if kept is not None:
        return kept.vectors_of(ids)
    result: dict[int, dict[str, np.ndarray]] = {}
    rows = FieldVector.objects.filter(person_id__in=ids).values_list("person_id", "digest", "vector")
    for pid, d, v in rows:
        result.setdefault(pid, {})[d] = from_bytes(v)
    return result


@dataclass
class _Index:
    """An owner's vectors, ready to search.

    Rows (one per field piece) are grouped by person; each row points at its text's
    vector in `vectors`, which holds each distinct text once (a network where many
    people say "angel investors" keeps that vector once, and scores it once)."""

    top: int  # the highest FieldVector id (of any owner) when last brought up to date
    people: np.ndarray  # person id of each group
    starts: np.ndarray  # first row of each group
    codes: np.ndarray  # each row's vector slot * len(KINDS) + its kind code (32-bit where they fit)
    vectors: Vectors  # one unit vector per distinct text (rows past `size` are spare room)
    size: int
    slots: dict[str, int]  # digest -> slot in `vectors`
    digests: list[str]  # slot -> digest
    groups: _Groups | None = None  # person -> group, made when first asked
    holders: _Holders | None = None  # who holds each text of each kind, made when first asked
    read_at: float = field(default_factory=time.monotonic)  # when its rows were last read whole

    def group_of(self, person_id: int) -> int | None:
        if self.groups is None:
            with _making:  # made by one thread while the others wait, as holders are
                if self.groups is None:
                    self.groups = _Groups(self.people)
        return self.groups.get(person_id)

    @property
    def nbytes(self) -> int:
        """What keeping it costs, near enough to weigh it against the budget (_trim)."""
        arrays = (self.people, self.starts, self.codes, self.vectors)
        return (
            sum(a.nbytes for a in arrays)
            + TEXT_BYTES * len(self.digests)
            + (self.holders.nbytes if self.holders else 0)
            + (self.groups.nbytes if self.groups else 0)
        )

    def row_people(self) -> np.ndarray:
        """Each row's person, worked out when a catch-up needs it (~5 ms at 1.45 million rows)
        rather than kept: 6 MB of every process's memory at 100,000 people."""
        return np.repeat(self.people, np.diff(np.r_[self.starts, len(self.codes)]))

    def holders_of_codes(self) -> _Holders:
        """Who holds each code, made once for this state of the index (a write makes a new
        _Index, and so new holders)."""
        found = self.holders
        if found is None:
            # Eight threads making it at once would hold eight times its temporaries (~30 MB at
            # 100,000 people), and malloc would keep them. A lock of its own: a request asking
            # for the groups meanwhile must not wait for the holders' thread.
            with _making_holders:
                found = self.holders
                if found is None:
                    found = self.holders = _Holders.of(self)
                    if len(self.codes) >= HOLDERS_AHEAD_FROM:  # a small one's are nothing to give back
                        memory.give_back()
        return found

    def holders_now(self) -> _Holders | None:
        """The holders, made here for a small index; for a big one, None until a thread of their
        own has made them."""
        if self.holders is None and len(self.codes) >= HOLDERS_AHEAD_FROM:
            _holders_made.start(id(self), self._make_holders)
            return None
        return self.holders_of_codes()

    def _make_holders(self) -> None:
        self.holders_of_codes()

    def best_pieces(
        self, person_ids: Iterable[int], similarity: np.ndarray, weights: np.ndarray, n: int
    ) -> dict[int, list[float]]:
        """Each person's `n` best pieces, best first: their rows' text similarity times kind
        weight (fewer when they have fewer rows; people without rows left out). All at once: a
        ranking asks for its ~140 candidates', and one at a time cost ~10 µs each."""
        found = [(pid, group) for pid in person_ids if (group := self.group_of(pid)) is not None]
        if not found:
            return {}
        groups = np.fromiter((group for _, group in found), dtype=np.int64, count=len(found))
        starts = self.starts[groups].astype(np.int64)
        following = np.minimum(groups + 1, len(self.starts) - 1)
        ends = np.where(groups + 1 < len(self.starts), self.starts[following], len(self.codes)).astype(np.int64)
        lengths = ends - starts
        firsts = np.cumsum(lengths) - lengths  # where each person's rows begin among those gathered
        codes = self.codes[np.arange(int(lengths.sum())) + np.repeat(starts - firsts, lengths)]
        values = similarity[codes // len(weights)] * weights[codes % len(weights)]
        whose = np.repeat(np.arange(len(found)), lengths)
        ranked = values[np.lexsort((-values, whose))]  # each person's rows together, best first
        return {
            pid: ranked[first : first + min(length, n)].tolist()
            for (pid, _), first, length in zip(found, firsts.tolist(), lengths.tolist())
        }

    def vectors_of(self, person_ids: Iterable[int]) -> dict[int, dict[str, np.ndarray]]:
        result: dict[int, dict[str, np.ndarray]] = {}
        for pid in person_ids:
            group = self.group_of(pid)
            if group is None:
                continue
            slots = self._codes_of(group) // len(KINDS)
            result[pid] = {self.digests[s]: self.vectors[s] for s in slots.tolist()}
        return result

    def _codes_of(self, group: int) -> np.ndarray:
        """One group's rows' codes. Each group's own end: every group's (an array of them all)
        cost 0.8 MB and ~0.05 ms a call at 100,000 people, for the ~140 candidates of a ranking."""
        end = int(self.starts[group + 1]) if group + 1 < len(self.starts) else len(self.codes)
        return self.codes[int(self.starts[group]) : end]


class _Groups:
    """Person id -> their group in an index. A network's people are mostly numbered in a run, so
    a table indexed by id does it in 4 bytes a person (0.4 MB at 100,000 people, where a dict
    took 11 MB a worker); ids spread wider than DENSE a person (a firm's colleagues' people
    interleaved) go in a dict."""

    DENSE = 8

    def __init__(self, people: np.ndarray):
        self.base = int(people.min()) if len(people) else 0
        span = int(people.max()) - self.base + 1 if len(people) else 0
        self.table: np.ndarray | None = None
        self.ids: dict[int, int] = {}
        if span <= self.DENSE * len(people):
            self.table = np.full(span, -1, dtype=np.int32)
            self.table[people - self.base] = np.arange(len(people), dtype=np.int32)
        else:
            self.ids = dict(zip(people.tolist(), range(len(people))))

    def get(self, person_id: int) -> int | None:
        if self.table is None:
            return self.ids.get(person_id)
        at = person_id - self.base
        group = int(self.table[at]) if 0 <= at < len(self.table) else -1
        return group if group >= 0 else None

    @property
    def nbytes(self) -> int:
        return self.table.nbytes if self.table is not None else 100 * len(self.ids)


@dataclass(frozen=True)
class _Holders:
    """The index turned inside out: for each code (a text and a kind) present, the groups that
    hold it. A person's best piece is the largest value of the codes they hold, so walking the
    codes from the highest value finds the people nearest a query in the order of their best,
    each met first at their best code: where many people say the same few texts (a firm's
    network: 1,507 codes for 1.45 million rows at 100,000 people), the walk looks at a handful
    of codes instead of taking every person's maximum over every row (docs/performance.md,
    "The nearest people from the texts down")."""

    codes: np.ndarray  # the distinct codes present, ascending
    bounds: np.ndarray  # the holders of codes[i] are groups[bounds[i] : bounds[i + 1]]
    groups: np.ndarray  # each holder's group, by code; a group once a code

    @classmethod
    def of(cls, index: _Index) -> _Holders:
        codes = index.codes
        rows = len(codes)
        # numpy sorts 16-bit keys by radix: 15 ms for 1.45 million rows, against ~110 ms for
        # the wider codes (64-bit when measured), and those of a network under ~9,000 distinct
        # texts fit.
        fits = rows == 0 or int(codes.max()) < 2**16
        order = np.argsort(codes.astype(np.uint16) if fits else codes, kind="stable")
        by_code = codes[order]
        sizes = np.diff(np.r_[index.starts, rows])
        groups = np.repeat(np.arange(len(index.starts), dtype=np.int32), sizes)[order]
        del order
        # The sort is stable and each group's rows are together, so a group holding a code
        # twice (two notes saying the same sentence) is two neighbours: kept once.
        new = np.r_[True, (by_code[1:] != by_code[:-1]) | (groups[1:] != groups[:-1])] if rows else np.zeros(0, bool)
        by_code, groups = by_code[new], groups[new]
        first = np.flatnonzero(np.r_[True, by_code[1:] != by_code[:-1]]) if len(by_code) else np.zeros(0, np.int64)
        return cls(by_code[first], np.r_[first, len(by_code)], groups)

    @property
    def nbytes(self) -> int:
        return self.codes.nbytes + self.bounds.nbytes + self.groups.nbytes

    def best_people(
        self, similarity: np.ndarray, weights: np.ndarray, people: np.ndarray, take: int
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """The groups of the `take` people whose best piece (a text's `similarity` times its
        kind's weight) is highest above 0 (fewer when fewer are above 0), in _best_people's
        order, and their bests. The texts most similar come first: a code of any other text is
        worth at most the least of them times the heaviest weight, so the walk down their codes
        is exact above that line, and looks further only when it reaches it. None when that
        would mean every code of a big index (few people above 0): every person's maximum is
        cheaper then."""
        kinds = np.flatnonzero(weights > 0)
        texts = len(similarity)
        look = min(texts, take)
        while len(kinds) and len(self.codes):
            if look == texts and texts * len(kinds) > WALK_EVERY_CODE_UP_TO:
                return None
            if look < texts:
                split = np.argpartition(similarity, texts - look)
                near = split[texts - look :]
                line = float(similarity[split[texts - look]] * weights[kinds].max())
            else:
                near, line = np.arange(texts), 0.0
            codes = (near[:, None] * len(weights) + kinds[None, :]).ravel()
            values = (similarity[near][:, None] * weights[kinds][None, :]).ravel()
            at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
            held = self.codes[at] == codes
            at, values = at[held], values[held]
            order = np.argsort(-values, kind="stable")
            found = self._walk(at[order], values[order], people, take, max(line, 0.0))
            if found is not None:
                return found
            look = min(texts, 4 * look)
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=similarity.dtype)

    def _walk(
        self, at: np.ndarray, values: np.ndarray, people: np.ndarray, take: int, line: float
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """The walk down codes (`at`: their places in self.codes, highest `values` first); None
        when it would need a value at or below `line`, where codes not given may come."""
        seen = np.zeros(len(people), dtype=bool)
        chosen: list[np.ndarray] = []
        bests: list[np.ndarray] = []
        count, n = 0, 0
        while count < take:
            if n == len(at) or values[n] <= line:
                if line > 0:
                    return None  # the codes not given may hold more people above 0
                break
            value = values[n]
            # Every code of this value together: people tied on it go by their id.
            tied = []
            while n < len(at) and values[n] == value:
                holders = self.groups[self.bounds[at[n]] : self.bounds[at[n] + 1]]
                holders = holders[~seen[holders]]
                seen[holders] = True
                tied.append(holders)
                n += 1
            group = np.concatenate(tied) if len(tied) > 1 else tied[0]
            wanted = take - count
            if len(group) > wanted:  # the last tie taken in part: the lowest ids
                group = group[np.argpartition(people[group], wanted - 1)[:wanted]]
            group = group[np.argsort(people[group], kind="stable")]
            chosen.append(group)
            bests.append(np.full(len(group), value, dtype=values.dtype))
            count += len(group)
        if not chosen:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=values.dtype)
        return np.concatenate(chosen), np.concatenate(bests)


# The big indexes, least recently searched first: kept within the budget (_trim).
_cache: OrderedDict[tuple[str, int], _Index] = OrderedDict()
BUDGET: int | None = None  # bytes; None: config.vector_memory_bytes() (tests set it)
# Small indexes (under CACHE_FROM rows) are cheap to read but not free (10–15 ms of CPU for the
# demo's 3,500 rows), and a person page ranks once per need: the last few are kept, checked by
# the highest id *and* the row count, since a deletion alone doesn't move the highest id.
_small: OrderedDict[tuple[str, int], tuple[int, _Index]] = OrderedDict()
SMALL_KEPT = 8  # owners: bounded, so a server with many small networks stays small
_lock = threading.Lock()
# What a kept index makes when first asked (its person -> group map, its holders): one thread
# makes each while the others wait.
_making = threading.Lock()
_making_holders = threading.Lock()
_settled: ContextVar[dict[tuple[str, int], _Index] | None] = ContextVar("goodwill_vectors_settled", default=None)


def marker() -> int:
    """The highest FieldVector id: one look at the primary key, on SQLite and PostgreSQL.

    Every write of a person's vectors deletes their rows and inserts new ones, and every write
    of a search document rewrites its person's vectors (goodwill.search._write), so a change to
    anyone's fields moves it; a rebuild from scratch does too. What a process keeps of the
    index (here, and goodwill.search.postings) is checked against it."""
    from goodwill.models import FieldVector

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {FieldVector._meta.db_table}")
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def _rows(owner_id: int, after: int, upto: int) -> Iterator[list[tuple[int, int, str, str]]]:
    """(id, person, kind, digest) of the owner's rows with after < id <= upto, a batch at a time.

    By the primary key, in the table's order: read through the index on person
    instead, each row costs a look-up of its table page (1.5 million of them at
    100,000 people); _grow sorts them by person."""
    from goodwill.models import FieldVector

    table = FieldVector._meta.db_table
    # A whole read (1.5 million rows at 100,000 people) through a server-side cursor on
    # PostgreSQL, a batch per FETCH: a plain cursor's result sat whole in libpq's memory,
    # ~125 MB beside the batches being read (a worker peaked at 305 MB reading it, 178 MB streamed).
    with connection.chunked_cursor() if not after else connection.cursor() as cursor:
        if after:  # the rows written since: the primary key finds them, whoever owns them
            cursor.execute(
                f"SELECT id, owner_id, person_id, kind, digest FROM {table} WHERE id > %s AND id <= %s",
                [after, upto],
            )
            while batch := cursor.fetchmany(20_000):
                yield [(i, p, k, d) for i, o, p, k, d in batch if o == owner_id]
            return
        cursor.execute(
            f"SELECT id, person_id, kind, digest FROM {table} WHERE owner_id = %s AND id <= %s", [owner_id, upto]
        )
        while batch := cursor.fetchmany(20_000):
            yield batch


_FIRSTS = "SELECT MIN(id) FROM {table} WHERE owner_id = %s AND id <= %s GROUP BY digest"  # a row per text


def _count_texts(owner_id: int, upto: int) -> int:
    from goodwill.models import FieldVector

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM ({_FIRSTS.format(table=FieldVector._meta.db_table)}) AS t", [owner_id, upto]
        )
        return int(cursor.fetchone()[0])


def _all_vectors(owner_id: int, upto: int, counted: int | None = None) -> tuple[np.ndarray, dict[str, int], list[str]]:
    """Each of the owner's distinct texts' vectors, in one float32 matrix read straight into
    (counted first), with each digest's slot and each slot's digest. A text's vector went
    through a dict of small arrays before: 1.45 million distinct texts would have held ~1.3 GB
    of them beside the matrix while it was read."""
    from goodwill.models import FieldVector

    table = FieldVector._meta.db_table
    firsts = _FIRSTS.format(table=table)
    if counted is None:
        counted = _count_texts(owner_id, upto)
    vectors = np.empty((counted, DIMENSIONS), dtype=np.float32)
    slots: dict[str, int] = {}
    digests: list[str] = []
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT digest, vector FROM {table} WHERE id IN ({firsts})", [owner_id, upto])
        while batch := cursor.fetchmany(LOOKUP_BATCH):
            if len(digests) + len(batch) > len(vectors):  # written (and committed late) since the count
                vectors = np.concatenate([vectors, np.empty((len(batch), DIMENSIONS), dtype=np.float32)])
            for d, raw in batch:
                if d in slots:
                    continue
                vectors[len(digests)] = np.frombuffer(raw, dtype=np.float16)
                slots[d] = len(digests)
                digests.append(d)
    return vectors, slots, digests


def _grow(index: _Index | None, owner_id: int, top: int, texts_counted: int | None = None) -> _Index:
    """`index` brought up to `top` (or built from nothing, its distinct texts counted or not
    yet): the rows written since replace their people's old rows; texts not seen before get a
    slot."""
    after = index.top if index is not None else 0
    ids, people, kinds, texts = array("q"), array("q"), array("b"), array("i")
    note = KIND_CODE["note"]
    if index is None:
        # A whole read: the texts' vectors first, then each row points at its text's slot.
        vectors, slots, digests = _all_vectors(owner_id, top, texts_counted)
        size = len(digests)
        for batch in _rows(owner_id, after, top):
            for i, p, k, d in batch:
                ids.append(i)
                people.append(p)
                kinds.append(KIND_CODE.get(k, note))
                texts.append(slots.get(d, -1))  # -1: a text deleted between the two reads
        slot_of = np.frombuffer(texts, dtype=np.int32) if len(texts) else np.zeros(0, dtype=np.int32)
    else:
        slots, digests = dict(index.slots), list(index.digests)
        seen: dict[str, int] = {}  # digest -> its number among those read here
        for batch in _rows(owner_id, after, top):
            for i, p, k, d in batch:
                ids.append(i)
                people.append(p)
                kinds.append(KIND_CODE.get(k, note))
                t = seen.get(d)
                if t is None:
                    t = seen[d] = len(seen)
                texts.append(t)
        unseen = [d for d in seen if d not in slots]
        fetched = {d: np.frombuffer(bytes(v), dtype=np.float16) for d, v in stored_vectors(owner_id, unseen)}
        size, vectors = index.size, index.vectors
        wanted = size + sum(1 for d in unseen if d in fetched)
        if wanted > len(vectors):  # room to spare, so a few new texts don't copy the matrix
            grown = np.empty((max(wanted, len(vectors) + len(vectors) // 4), DIMENSIONS), dtype=np.float32)
            grown[:size] = vectors[:size]
            vectors = grown
        for d in unseen:
            if d in fetched:
                vectors[size] = fetched[d]
                slots[d] = size
                digests.append(d)
                size += 1
        # A text deleted between the two reads has no vector: its person's new rows come next time.
        slot_of_text = np.fromiter((slots.get(d, -1) for d in seen), dtype=np.int32, count=len(seen))
        slot_of = slot_of_text[np.frombuffer(texts, dtype=np.int32)] if len(texts) else np.zeros(0, dtype=np.int32)
    # Handed over in a list the helper empties, so each array goes as soon as it is used.
    read = [ids, people, kinds, slot_of]
    del ids, people, kinds, texts, slot_of
    new_people, new_codes = _by_person(read)
    if index is not None and len(new_people):
        kept_people = index.row_people()
        stay = ~np.isin(kept_people, np.unique(new_people))
        row_people = np.concatenate([kept_people[stay], new_people])
        del kept_people
        codes = np.concatenate([index.codes[stay], new_codes])
    elif index is not None:  # rows of other owners moved `top`: the same people and rows
        return _Index(
            top, index.people, index.starts, index.codes, vectors, size, slots, digests, read_at=index.read_at
        )
    else:
        row_people, codes = new_people, new_codes
    # 32-bit where they fit: half a per-row array's memory (6 MB each at 100,000 people). numpy
    # widens a 32-bit index to its own as it looks up, which costs only on the rows a search
    # gathers (an introduction's ~140 candidates'), or a chunk at a time (best_per_group).
    row_people, codes = _narrow(row_people), _narrow(codes)
    if len(row_people):
        starts = np.flatnonzero(np.r_[True, row_people[1:] != row_people[:-1]])
    else:
        starts = np.zeros(0, dtype=np.int64)
    read_at = index.read_at if index is not None else time.monotonic()
    return _Index(top, row_people[starts], starts, codes, vectors, size, slots, digests, read_at=read_at)


def _by_person(read: list) -> tuple[np.ndarray, np.ndarray]:
    """The rows read, by person then as written: each one's person and code, rows whose text
    has no vector (slot -1) left out. A whole read is 1.45 million rows at 100,000 people, and
    each temporary here a row's worth of 8 bytes (12 MB): they are made one at a time and
    dropped as soon as used, so the read's peak is the rows as read plus about two of them
    (47 MB traced at its peak, where holding them all at once took 111 MB). `read`: the rows'
    ids, people and kind codes (arrays) and text slots (numpy), taken out of the list."""
    ids, people, kinds, slot_of = read
    read.clear()
    if not len(ids):
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
    persons, codes = np.frombuffer(people, dtype=np.int64), np.frombuffer(kinds, dtype=np.int8)
    written = np.frombuffer(ids, dtype=np.int64)
    del ids, people, kinds  # the views hold each buffer now, and free it when they go
    has = slot_of >= 0
    if not has.all():  # rare: texts deleted between the reads
        persons, codes, written, slot_of = persons[has], codes[has], written[has], slot_of[has]
    del has
    order = np.lexsort((written, persons))
    del written
    row_people = _narrow(persons)[order]
    del persons
    row_codes = slot_of[order].astype(np.int64)
    del slot_of
    row_codes *= len(KINDS)
    row_codes += codes[order]
    return row_people, row_codes


def _narrow(values: np.ndarray) -> np.ndarray:
    """32-bit integers where they fit (person ids do below two billion, codes below ~300 million
    distinct texts): half the memory of a per-row array, 6 MB of a worker's at 100,000 people."""
    if values.dtype == np.int32 or (len(values) and not -(2**31) <= values.min() <= values.max() < 2**31):
        return values
    return values.astype(np.int32)


@contextmanager
def settled() -> Iterator[None]:
    """Within it, each owner's index is checked against the database once, not at every use: a
    Person page ranks once per need, and each ranking uses the index three times (nearest
    people, their vectors, the need's own vector), two statements a check. What it finds is
    what it would have found a few milliseconds earlier. Nested, the outer one counts."""
    if _settled.get() is not None:
        yield
        return
    token = _settled.set({})
    try:
        yield
    finally:
        _settled.reset(token)


def _index(owner_id: int) -> _Index:
    """The owner's index: kept in memory from CACHE_FROM rows, and brought up to date
    from the rows written since, never read whole again while the process lives.

    A person deleted since stays in it (nearest's callers keep only active
    people) until the next full read."""
    key = (str(connection.settings_dict.get("NAME")), owner_id)
    memo = _settled.get()
    if memo is not None and key in memo:
        return memo[key]
    index = _current(owner_id, key)
    if memo is not None:
        memo[key] = index
    return index


def version(owner_id: int) -> tuple[int, int]:
    """(the highest FieldVector id, the owner's rows) as the owner's index was last checked
    (once within settled()): it moves with every write of a search document, as each rewrites
    its person's vectors; a deletion, or someone's words all gone, leaves fewer rows."""
    index = _index(owner_id)
    return index.top, len(index.codes)


def _current(owner_id: int, key: tuple[str, int]) -> _Index:
    with _lock:
        small_only = key not in _cache and key in _small
    # A kept small index needs the row count too: both in one statement.
    top, counted = _top_and_count(owner_id) if small_only else (marker(), None)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and _late_commits_possible() and time.monotonic() - cached.read_at > REREAD_AFTER:
            _reread_in_background(key, owner_id)
        if cached is not None and cached.top == top:
            _cache.move_to_end(key)
            return cached
        if cached is not None and cached.top > top:  # ids went back (a restore): read it all again
            cached = None
        if cached is None and (small := _small.get(key)) is not None:
            count, index = small
            if index.top == top and count == counted:
                if len(index.codes) < CACHE_FROM:
                    _small.move_to_end(key)
                    return index
                cached = index  # current, and now big enough to keep as the big ones are
        index = _grow(cached, owner_id, top) if cached is not None else _read_whole(owner_id, top, key)
        if len(index.codes) >= CACHE_FROM:
            if cached is None:  # a whole read: the rows it went through are garbage now
                memory.give_back()
            _cache[key] = index
            _cache.move_to_end(key)
            _small.pop(key, None)
        else:
            _cache.pop(key, None)
            _small[key] = (len(index.codes), index)
            _small.move_to_end(key)
            while len(_small) > SMALL_KEPT:
                _small.popitem(last=False)
        _trim(key)
        return index


# On PostgreSQL a transaction can commit rows numbered below the highest id already seen (it
# took its ids first, a quicker one committed first): a catch-up, which reads the ids above it,
# never sees them. A kept index is read whole again after REREAD_AFTER, in a thread of its own
# while the one kept goes on answering, so such a row is missing for minutes, not until the
# process ends. SQLite has one writer: its highest id cannot run ahead of a commit.
REREAD_AFTER = 600.0  # seconds, as goodwill.search.postings.MAX_AGE
_rereads = background.Reads("vectors")
_holders_made = background.Reads("vector-holders")
log = logging.getLogger(__name__)


def _late_commits_possible() -> bool:
    return connection.vendor == "postgresql"


def _reread_in_background(key: tuple[str, int], owner_id: int) -> None:
    """Read the owner's index whole in a thread of its own, then put it in place of the kept one
    (under _lock; the next use catches it up from its own highest id, as any kept index). While
    it reads, the process holds the network twice, over the budget: letting other networks go
    for a copy that lasts seconds would cost each of them a whole read."""

    def reread() -> None:
        try:
            fresh = _read_whole(owner_id, marker(), None, may_map=False)
            with _lock:
                if key in _cache:  # not let go meanwhile
                    _cache[key] = fresh
            memory.give_back()  # the read's garbage, and the index it replaced once unused
        except Exception:  # the kept index goes on answering; tried again after REREAD_AFTER
            log.exception("reading the vector index of owner %s again failed", owner_id)
            with _lock:
                if key in _cache:
                    _cache[key].read_at = time.monotonic()

    _rereads.start(key, reread)


wait_for_rereads = _rereads.wait  # until the indexes being read again are in place (tests, benchmarks)


def _budget() -> int:
    if BUDGET is not None:
        return BUDGET
    try:
        return config.vector_memory_bytes()
    except ValueError:  # `goodwill serve` says so at start; a one-off command keeps the default
        return config.DEFAULT_VECTOR_MEMORY_MB * 2**20


def _trim(keep: tuple[str, int], room: int = 0) -> None:
    """Let the indexes searched least recently go until those kept fit the budget (under _lock):
    the small ones first, as reading one again costs least. Without it a firm's server kept
    every professional's index in every worker: 60,000 pieces each at 5,000 people, 100 MB when
    their texts don't repeat. `keep`, the one just read or brought up to date, stays whatever
    its size. A whole read makes `room` for what it will hold first, so the budget holds while
    it reads too; one let go is read again when next searched."""
    budget = _budget() - room
    big = {key: index.nbytes for key, index in _cache.items()}
    small = {key: index.nbytes for key, (_, index) in _small.items()}
    total = sum(big.values()) + sum(small.values())
    let_go_big = False
    for kept, sizes in ((_small, small), (_cache, big)):
        for key in list(kept):
            if total <= budget:
                break
            if key != keep:
                total -= sizes[key]
                del kept[key]
                let_go_big = let_go_big or kept is _cache
    if let_go_big:
        memory.give_back()


def _read_whole(owner_id: int, top: int, key: tuple[str, int] | None, *, may_map: bool = True) -> _Index:
    """The owner's index at `top` from nothing: mapped from its file when the file is current
    (may_map), else read from the database, and then written to the file for the next process
    (a server's other worker, the next start, a command) when it is big enough to be worth it.
    With `key` (under _lock), room is made within the budget first for what a read will hold."""
    where = vector_files.folder()
    identity = _database_identity() if where is not None else None
    if where is None or identity is None:
        return _read_from_database(owner_id, top, key)
    # Counted before the read: rows committed late during it (PostgreSQL) make the file's count
    # differ from the database's, so it is not mapped, rather than mapped without them. A small
    # network is read from its rows with no file, lock or folder: reading it is cheap.
    rows = _rows_summary(owner_id, top)
    if rows[0] < CACHE_FROM:
        return _read_from_database(owner_id, top, key)
    name = hashlib.sha1(json.dumps([identity, owner_id]).encode()).hexdigest()[:24]
    with vector_files.locked(where, name):
        expected = {
            "identity": identity,
            "owner": owner_id,
            "top": top,
            "rows": rows,
            "layout": [list(KINDS), DIMENSIONS],
        }
        if may_map and (mapped := _mapped(where, name, expected)) is not None:
            return mapped
        index = _read_from_database(owner_id, top, key)
        # Only what is committed: a rolled-back transaction's ids come back on SQLite.
        if not connection.in_atomic_block:
            _save(where, name, expected, index)
        return index


def _read_from_database(owner_id: int, top: int, key: tuple[str, int] | None) -> _Index:
    texts = _count_texts(owner_id, top)
    if key is not None:  # room made first for the texts' vectors it will hold
        _trim(key, room=texts * (DIMENSIONS * 4 + TEXT_BYTES))
    return _grow(None, owner_id, top, texts)


def _database_identity() -> list | None:
    """What tells this database from another in the files' names: SQLite's file (its path and
    inode: a database moved into its place, or the demo built again, is another; one copied over
    the same file is told by its rows, _rows_summary);
    PostgreSQL's host, port and name. None for a database that is not a file (tests' in memory)."""
    settings = connection.settings_dict
    if connection.vendor != "sqlite":
        return [connection.vendor, str(settings.get("HOST")), str(settings.get("PORT")), str(settings.get("NAME"))]
    try:
        found = os.stat(settings["NAME"])
    except (OSError, TypeError, ValueError):
        return None
    return ["sqlite", os.path.realpath(settings["NAME"]), found.st_dev, found.st_ino]


def _rows_summary(owner_id: int, top: int) -> list[int]:
    """How many rows the owner has up to `top`, and the sum of their ids: with `top`, what a file
    must match to stand for the database (ids are never reused once committed, every change to a
    person's vectors deletes their rows and writes new ones, and a deletion lowers both)."""
    from goodwill.models import FieldVector

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), COALESCE(SUM(id), 0) FROM {FieldVector._meta.db_table} WHERE owner_id = %s AND id <= %s",
            [owner_id, top],
        )
        count, total = cursor.fetchone()
    return [int(count), int(total)]


def _save(where, name: str, expected: dict, index: _Index) -> None:
    holders = index.holders_of_codes()  # made once, here, and shared with whoever maps the file
    arrays = {
        "people": index.people,
        "starts": index.starts,
        "codes": index.codes,
        "vectors": index.vectors[: index.size],
        "holder_codes": holders.codes,
        "holder_bounds": holders.bounds,
        "holder_groups": holders.groups,
    }
    meta = {**expected, "read_at": time.time() - (time.monotonic() - index.read_at)}
    if not vector_files.write(where, name, meta, arrays, index.digests):
        log.warning("could not keep the vector index of owner %s in %s", expected["owner"], where)


def _mapped(where, name: str, expected: dict) -> _Index | None:
    """The index from its file, when the file is this database's, at this `top`, with these rows."""
    found = vector_files.read(where, name)
    if found is None:
        return None
    meta, arrays, digests = found
    if any(meta.get(k) != v for k, v in expected.items()) or not _consistent(arrays, len(digests)):
        return None
    # On PostgreSQL the ten-minute read again counts from when the rows were read, not mapped.
    age = max(0.0, time.time() - float(meta.get("read_at", 0)))
    return _Index(
        expected["top"],
        arrays["people"],
        arrays["starts"],
        arrays["codes"],
        arrays["vectors"],
        len(digests),
        {d: slot for slot, d in enumerate(digests)},
        digests,
        holders=_Holders(arrays["holder_codes"], arrays["holder_bounds"], arrays["holder_groups"]),
        read_at=time.monotonic() - age,
    )


def _consistent(arrays: dict[str, np.ndarray], texts: int) -> bool:
    """The arrays fit together, so a search can't index past one (a file is trusted no further)."""
    names = ("people", "starts", "codes", "vectors", "holder_codes", "holder_bounds", "holder_groups")
    if any(arrays.get(n) is None or arrays[n].dtype.kind not in "if" for n in names):
        return False
    people, starts, codes, vectors = arrays["people"], arrays["starts"], arrays["codes"], arrays["vectors"]
    bounds, groups = arrays["holder_bounds"], arrays["holder_groups"]
    if vectors.shape != (texts, DIMENSIONS) or people.shape != starts.shape or codes.ndim != 1:
        return False
    if len(codes) and (int(codes.min()) < 0 or int(codes.max()) >= texts * len(KINDS)):
        return False
    if len(starts) and (int(starts[0]) != 0 or int(starts.max()) >= len(codes)):
        return False
    if len(bounds) != len(arrays["holder_codes"]) + 1 or (len(bounds) and int(bounds[-1]) != len(groups)):
        return False
    return not len(groups) or (int(groups.min()) >= 0 and int(groups.max()) < len(people))


def _top_and_count(owner_id: int) -> tuple[int, int]:
    """`marker` and how many rows the owner has: together, what tells a kept small index is current
    (ids are never reused, so rows added move the highest id and rows deleted the count)."""
    from goodwill.models import FieldVector

    table = FieldVector._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {table}), (SELECT COUNT(*) FROM {table} WHERE owner_id = %s)", [owner_id]
        )
        top, count = cursor.fetchone()
    return int(top or 0), int(count)


def _kept(owner_id: int) -> _Index | None:
    """The owner's index if it is kept in memory, big or small (brought up to date), else None.

    A small one too: a ranking reads it for the nearest people just before, and a person
    page's ideas rank once per need, so its candidates' vectors come from memory rather
    than ~1,300 rows read and converted again each time (the demo)."""
    key = (str(connection.settings_dict.get("NAME")), owner_id)
    with _lock:
        if key not in _cache and key not in _small:
            return None
    index = _index(owner_id)
    with _lock:
        small = _small.get(key)
        return index if _cache.get(key) is index or (small is not None and small[1] is index) else None


def forget() -> None:
    """Drop the cached indexes (tests; a restore that rewrites rows with old ids)."""
    with _lock:
        _cache.clear()
        _small.clear()


def stored(owner_id: int, text_digest: str) -> np.ndarray | None:
    """The vector of a text some field in the owner's network already has (a need asked about
    on its own person's page), so ranking by it needs no model; None when no field has it."""
    index = _index(owner_id)
    slot = index.slots.get(text_digest)
    return None if slot is None else index.vectors[slot]


CHUNK = 131_072  # rows looked up at a time


def best_per_group(table: np.ndarray, codes: np.ndarray, starts: np.ndarray, chunk: int | None = None) -> np.ndarray:
    """The largest `table[code]` of each group of rows (groups begin at `starts`), a chunk of
    rows at a time. Looking every row up at once made a 5.8 MB array per ranking at 100,000
    people; freed, it raised glibc's mmap threshold, so each of a worker's threads kept one in
    its arena (docs/performance.md, "the postings' lists kept in the process"). A chunk's 512 kB
    is reused instead."""
    chunk = chunk or CHUNK
    if len(codes) <= chunk:
        return np.maximum.reduceat(table[codes], starts)
    best = np.empty(len(starts), dtype=table.dtype)
    group = 0
    while group < len(starts):
        row = int(starts[group])
        # The groups that begin within this chunk (at least one: a group may be longer than a chunk).
        end = max(int(np.searchsorted(starts, row + chunk)), group + 1)
        end_row = int(starts[end]) if end < len(starts) else len(codes)
        best[group:end] = np.maximum.reduceat(table[codes[row:end_row]], starts[group:end] - row)
        group = end
    return best


@dataclass(frozen=True)
class Similarity:
    """Each distinct text's cosine similarity to one query, as nearest() worked it out for the
    whole index: scoring a ranking's candidates looks their pieces up here instead of taking a
    product per piece (~500 of them for the ~80 candidates of an introduction on the demo)."""

    index: _Index  # whose texts `values` follow, slot by slot
    values: np.ndarray
    weights: np.ndarray  # by kind code

    def get(self, text_digest: str) -> float | None:
        slot = self.index.slots.get(text_digest)
        return None if slot is None else float(self.values[slot])

    def best_pieces(self, person_ids: Iterable[int]) -> dict[int, list[float]]:
        """Each person's three best pieces, best first, each its similarity times its kind's
        weight (people with no pieces in the index left out): the bound a ranking cuts its
        candidates with (habits.meaning.score.best_matches). Pieces of kinds not weighed count 0."""
        return self.index.best_pieces(person_ids, self.values, self.weights, HITS_COUNTED)

    def vectors_of(self, person_id: int) -> dict[str, np.ndarray]:
        """The person's pieces' vectors, {digest: vector}, from the same index: a ranking asks
        only for the candidates it scores (about one in seven of an introduction's)."""
        return self.index.vectors_of([person_id]).get(person_id, {})


def nearest(
    owner_id: int,
    query: np.ndarray,
    limit: int,
    weights: Sequence[float],
    exclude: Iterable[int] = (),
) -> tuple[list[tuple[int, float]], Similarity | None]:
    """(person id, best weighted similarity), best first, ties by id (`weights` by KINDS
    order), and every distinct text's similarity to the query, for scoring the candidates
    (None: no rows)."""
    index = _index(owner_id)
    if not len(index.codes):
        return [], None
    similarity = index.vectors[: index.size] @ query.astype(np.float32)  # each distinct text once
    weights32 = np.asarray(weights, dtype=np.float32)
    excluded = set(exclude)
    similarity_of = Similarity(index, similarity, weights32)
    holders = index.holders_now()
    if holders is not None:
        # From the highest codes down: when `limit` people are above 0, they are the answer.
        walked = holders.best_people(similarity, weights32, index.people, limit + len(excluded))
        found = _listed(index.people[walked[0]], walked[1], limit, excluded) if walked is not None else []
        if len(found) == limit:
            return found, similarity_of
    # Too few above 0: every person's maximum, over one value per code (text and kind).
    table = np.multiply.outer(similarity, weights32).ravel()
    best = best_per_group(table, index.codes, index.starts)
    return _best_people(best, index.people, limit, excluded), similarity_of


def _listed(people: np.ndarray, bests: np.ndarray, limit: int, excluded: set[int]) -> list[tuple[int, float]]:
    out = [(p, float(b)) for p, b in zip(people.tolist(), bests.tolist()) if p not in excluded]
    return out[:limit]


def _best_people(best: np.ndarray, people: np.ndarray, limit: int, excluded: set[int]) -> list[tuple[int, float]]:
    """The `limit` people with the highest `best` (group by group), best first and ties by id,
    none excluded: when fewer than `limit` are above 0, the whole index in one pass."""
    take = min(len(best), limit + len(excluded))
    if not take:
        return []
    line = np.partition(best, len(best) - take)[len(best) - take]  # the take-th highest
    above = np.flatnonzero(best > line)
    tied = np.flatnonzero(best == line)
    tied = tied[np.argsort(people[tied], kind="stable")][: take - len(above)]
    top = np.r_[above, tied]
    top = top[np.lexsort((people[top], -best[top]))]
    return _listed(people[top], best[top], limit, excluded)
