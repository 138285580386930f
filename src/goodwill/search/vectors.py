"""The meaning signal's store and index: one vector per searchable piece of a person.

- `write(owner_id, fields)`: with the search documents (goodwill.search._write),
  the vectors of these people's fields; an unchanged text keeps its vector.
- `nearest_people(owner_id, query, limit)`: people whose best piece is closest
  in meaning, best first. The index is the owner's vectors in one matrix, in
  memory: a product with the query and a maximum per person, the same on SQLite
  and PostgreSQL (docs/serving.md gives its speed at 100,000 people).
- `vectors_of(person_ids)`: {person: {digest: vector}}, to score a candidate's
  fields one by one and say which matched.

Confidential text never reaches here: the fields come from documents.fields_for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from goodwill.habits.matching import Field
from goodwill.habits.meaning import DIMENSIONS, Vectors, encode
from goodwill.habits.meaning.pieces import pieces
from goodwill.habits.meaning.score import digest

KINDS = ("need", "interest", "offer", "role", "tag", "note", "summary")
KIND_CODE = {k: i for i, k in enumerate(KINDS)}
CACHE_FROM = 20_000  # rows: below this, reading them again is cheaper than keeping them
LOOKUP_BATCH = 500


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()


def from_bytes(raw: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype=np.float16).astype(np.float32)


def write(owner_id: int, fields: Mapping[int, Sequence[Field]]) -> int:
    """Replace these people's vectors; returns how many texts had to be encoded."""
    from goodwill.models import FieldVector

    person_ids = list(fields)
    wanted: list[tuple[int, str, int | None, int, str, str]] = []
    for pid, person_fields in fields.items():
        for f in person_fields:
            for part, text in enumerate(pieces(f.kind, f.text)):
                wanted.append((pid, f.kind, f.ref, part, text, digest(text)))
    known: dict[str, bytes] = {}
    for d, v in FieldVector.objects.filter(person_id__in=person_ids).values_list("digest", "vector"):
        known[d] = bytes(v)
    missing = list(dict.fromkeys(d for *_, d in wanted if d not in known))
    # The same text elsewhere in the network ("angel investors") is not encoded twice.
    for start in range(0, len(missing), LOOKUP_BATCH):
        chunk = missing[start : start + LOOKUP_BATCH]
        for d, v in FieldVector.objects.filter(owner_id=owner_id, digest__in=chunk).values_list("digest", "vector"):
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
    return len(texts)


def vectors_of(person_ids: Iterable[int]) -> dict[int, dict[str, np.ndarray]]:
    from goodwill.models import FieldVector

    result: dict[int, dict[str, np.ndarray]] = {}
    rows = FieldVector.objects.filter(person_id__in=list(person_ids)).values_list("person_id", "digest", "vector")
    for pid, d, v in rows:
        result.setdefault(pid, {})[d] = from_bytes(v)
    return result


@dataclass
class _Index:
    signature: tuple[int, int]
    people: np.ndarray  # person id of each group
    starts: np.ndarray  # first row of each person's group
    kinds: np.ndarray  # kind code of each row
    matrix: Vectors  # one unit vector per row, grouped by person


_cache: dict[tuple[str, int], _Index] = {}
_lock = threading.Lock()


def _signature(owner_id: int) -> tuple[int, int]:
    from django.db.models import Count, Max

    from goodwill.models import FieldVector

    row = FieldVector.objects.filter(owner_id=owner_id).aggregate(n=Count("id"), top=Max("id"))
    return row["n"] or 0, row["top"] or 0


def _load(owner_id: int, signature: tuple[int, int]) -> _Index:
    from goodwill.models import FieldVector

    n = signature[0]
    matrix = np.empty((n, DIMENSIONS), dtype=np.float32)
    person = np.empty(n, dtype=np.int64)
    kinds = np.empty(n, dtype=np.int8)
    rows = (
        FieldVector.objects.filter(owner_id=owner_id)
        .order_by("person_id", "id")
        .values_list("person_id", "kind", "vector")
        .iterator(chunk_size=5000)
    )
    used = 0  # rows read: fewer than counted when some were deleted since
    for pid, kind, raw in rows:
        if used >= n:  # written to since we counted: the next search reloads
            break
        person[used], kinds[used] = pid, KIND_CODE.get(kind, KIND_CODE["note"])
        matrix[used] = np.frombuffer(bytes(raw), dtype=np.float16)
        used += 1
    person, kinds, matrix = person[:used], kinds[:used], matrix[:used]
    starts = np.flatnonzero(np.r_[True, person[1:] != person[:-1]]) if used else np.zeros(0, dtype=np.int64)
    return _Index(signature, person[starts] if used else person, starts, kinds, matrix)


def _index(owner_id: int) -> _Index:
    from django.db import connection

    signature = _signature(owner_id)
    key = (str(connection.settings_dict.get("NAME")), owner_id)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached.signature == signature:
            return cached
    index = _load(owner_id, signature)
    if signature[0] >= CACHE_FROM:
        with _lock:
            _cache[key] = index
    return index


def forget() -> None:
    """Drop the cached indexes (tests; a restore that rewrites rows with old ids)."""
    with _lock:
        _cache.clear()


def nearest_people(
    owner_id: int,
    query: np.ndarray,
    limit: int,
    weights: Sequence[float],
    exclude: Iterable[int] = (),
) -> list[tuple[int, float]]:
    """(person id, best weighted similarity), best first; `weights` by KINDS order."""
    index = _index(owner_id)
    if not len(index.matrix):
        return []
    scores = (index.matrix @ query.astype(np.float32)) * np.asarray(weights, dtype=np.float32)[index.kinds]
    best = np.maximum.reduceat(scores, index.starts)
    excluded = set(exclude)
    take = min(len(best), limit + len(excluded))
    top = np.argpartition(-best, take - 1)[:take]
    top = top[np.argsort(-best[top], kind="stable")]
    out = [(int(index.people[i]), float(best[i])) for i in top if int(index.people[i]) not in excluded]
    return out[:limit]
