"""Full-text search over people, behind one interface for SQLite FTS5 and PostgreSQL.

- `mark_stale(owner_id, person_ids)`: something about them changed (signals call it
  on every save of a person, note, interaction or profile entry; it is cheap).
- `ensure_current(owner)`: rebuild the documents that are stale or missing; pass-on
  calls it before searching, so bulk imports (which skip signals) are picked up too.
- `rebuild(owner)`: every document again (`goodwill reindex`).
- with each document, the vectors of its fields (goodwill.search.vectors), for
  matching by meaning; after a release with another sentence model they are made again in
  the background (goodwill.search.model_upgrade).
- `search(owner, terms, limit, kinds=None)`: person ids, best first, among active people
  (within some kinds of field only, when given).

The documents live in goodwill_searchdocument (goodwill.models.service.SearchDocument);
the index follows them by triggers: into FTS5 (SQLite), or on PostgreSQL into goodwill_search_rank,
a narrow table of tsvectors (migration 0017), and from it into goodwill_search_posting, each
document's share of ts_rank for each of its lexemes, which pass-on adds up (migration 0020),
and into goodwill_search_offer_posting, the same for offers and role alone (0021).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from goodwill import clock

if TYPE_CHECKING:
    from goodwill.models.service import SearchDocument

BATCH = 500


def _model() -> type[SearchDocument]:
    from goodwill.models.service import SearchDocument

    return SearchDocument


def mark_stale(owner_id: int, person_ids: Iterable[int]) -> None:
    """Their documents need rebuilding (people with none yet are found by ensure_current)."""
    ids = {int(pid) for pid in person_ids if pid is not None}
    if ids:
        _model().objects.filter(person_id__in=ids).exclude(stale=True).update(stale=True)


def _write(owner_id: int, person_ids: list[int]) -> int:
    from goodwill.search import vectors
    from goodwill.search.documents import document_texts, fields_for

    Document = _model()
    now = clock.now()
    written = 0
    for start in range(0, len(person_ids), BATCH):
        chunk = person_ids[start : start + BATCH]
        fields = fields_for(chunk)
        texts = document_texts(fields)
        existing = {d.person_id: d for d in Document.objects.filter(person_id__in=chunk)}
        create: list[SearchDocument] = []
        update: list[SearchDocument] = []
        for pid, columns in texts.items():
            doc = existing.get(pid) or Document(person_id=pid, owner_id=owner_id)
            for name, value in columns.items():
                setattr(doc, name, value)
            doc.stale, doc.indexed_at = False, now
            (update if pid in existing else create).append(doc)
        Document.objects.bulk_create(create, ignore_conflicts=True)  # another process may have just made it
        for doc in update:  # row by row: the SQLite triggers keep the index in step
            doc.save()
        vectors.write(owner_id, fields)
        written += len(texts)
    return written


@dataclass
class _Known:
    """What the last full check of an owner's documents found (kept for big networks only)."""

    people_top: int  # the highest person id checked: every person up to it had a document
    documents: int  # how many documents there were then
    since_full: int = 0  # checks by id since the last full one


_known: dict[tuple[str, int], _Known] = {}
_lock = threading.Lock()
TRUST_FROM = 20_000  # documents: below this, counting them is cheaper than keeping track
FULL_CHECK_EVERY = 200  # searches: on PostgreSQL ids can commit out of order (see ensure_current)


def _key(owner_id: int) -> tuple[str, int]:
    return (str(connection.settings_dict.get("NAME")), owner_id)


def _one_column(sql: str, owner) -> list:
    """The first column of a plain read by owner. The index check runs before every ranking (a
    Person page ranks once per need): plain SQL, as the documents' reads, since building the ORM's
    query cost more than running it. `{people}` and `{documents}` name the tables."""
    from goodwill.models import Person

    tables = {"people": Person._meta.db_table, "documents": _model()._meta.db_table}
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**tables), [owner.pk])
        return [row[0] for row in cursor.fetchall()]


def _people_top(owner) -> int:
    # As the ORM wrote it: on the primary key backwards, not every one of the owner's rows.
    found = _one_column("SELECT id FROM {people} WHERE owner_id = %s ORDER BY id DESC LIMIT 1", owner)
    return found[0] if found else 0


def _missing(owner, after: int = 0) -> list[int]:
    """People (with an id above `after`) that have no document: bulk imports send no signals."""
    from goodwill.models import Person

    SearchDocument = _model()
    lacking = ~Exists(SearchDocument.objects.filter(person_id=OuterRef("pk")))
    return list(Person.objects.filter(lacking, owner=owner, pk__gt=after).values_list("pk", flat=True))


def _full_check(owner, top: int) -> tuple[list[int], int, int]:
    """(people without a document, highest person id (`top`, just read), documents), counting everything."""
    documents = _documents(owner)
    people = _one_column("SELECT COUNT(*) FROM {people} WHERE owner_id = %s", owner)[0]
    missing = _missing(owner) if people != documents else []
    return missing, top, documents


def ensure_current(owner) -> int:
    """Index people whose document is stale or missing; returns how many were written.

    Reads first and writes only when something changed: a search usually takes no
    write lock (SQLite transactions here begin IMMEDIATE).

    Missing documents: a small network counts its people and documents each time.
    From TRUST_FROM documents, counting both costs more than the rest of the check
    (6 ms on SQLite, 64 ms on PostgreSQL at 100,000 people), so the highest person id
    seen with every person up to it indexed is kept, and only people above it are
    looked for: new people get higher ids (never reused: AUTOINCREMENT on SQLite, a
    sequence on PostgreSQL), and a deleted person takes its document with it. What is
    kept is remembered only once the documents written commit. On SQLite writers take turns, so ids commit in order and this is exact;
    on PostgreSQL a long import could commit a lower id after a higher one was
    checked, which the full check every FULL_CHECK_EVERY searches catches."""
    ids = _one_column("SELECT person_id FROM {documents} WHERE owner_id = %s AND stale", owner)
    key = _key(owner.pk)
    with _lock:
        known = _known.get(key)
        if known is not None:
            known.since_full += 1
            if known.since_full >= FULL_CHECK_EVERY:
                known = None
    top = _people_top(owner)
    counted: int | None = None  # the documents, when the full check counted them
    if known is not None and known.people_top == top:
        missing: list[int] = []
    elif known is not None and known.people_top < top:
        missing = _missing(owner, after=known.people_top)
    else:  # the first search, a restore (ids went back), or time for a full check
        missing, top, counted = _full_check(owner, top)
    ids += missing
    written = 0
    if ids:
        with transaction.atomic():
            written = _write(owner.pk, sorted(set(ids)))
    if counted is not None or missing or (known is not None and known.people_top != top):
        since_full = known.since_full if known is not None and counted is None else 0

        def remember() -> None:
            # New people seen: count again (another process may have indexed some already).
            documents = counted if counted is not None and not missing else _documents(owner)
            with _lock:
                if documents >= TRUST_FROM:
                    _known[key] = _Known(top, documents, since_full)
                else:
                    _known.pop(key, None)

        if ids:
            transaction.on_commit(remember)  # documents written in a transaction rolled back are not there
        else:
            remember()
    return written


def _documents(owner) -> int:
    return _one_column("SELECT COUNT(*) FROM {documents} WHERE owner_id = %s", owner)[0]


def forget() -> None:
    """Drop what is kept about each owner's documents (tests; a restore)."""
    with _lock:
        _known.clear()


@transaction.atomic
def rebuild(owner, progress=None) -> int:
    """Every document of this owner again, from the people, entries, notes and interactions."""
    from goodwill.models import FieldVector, Person
    from goodwill.search import model_upgrade

    with _lock:
        _known.pop(_key(owner.pk), None)
    _model().objects.filter(owner=owner).delete()
    FieldVector.objects.filter(owner=owner).delete()
    ids = list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH * 4):
        written += _write(owner.pk, ids[start : start + BATCH * 4])
        if progress:
            progress(written)
    model_upgrade.current_now(owner.pk)  # every vector is the installed model's now
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO goodwill_search_fts(goodwill_search_fts) VALUES ('optimize')")
    return written


def search(
    owner,
    terms: list[str],
    limit: int = 200,
    exclude: Iterable[int] = (),
    kinds: Iterable[str] | None = None,
    documents: int | None = None,
) -> list[tuple[int, float]]:
    """(person id, score) for active people matching any term, best first; with `kinds`
    (documents.COLUMNS' keys), matched and ranked within those fields only: whom to introduce
    someone to is found among what people offer and do, not among what they need. `documents`:
    indexed_count(owner), when the caller has it (PostgreSQL weighs words by it)."""
    from goodwill.search.backends import backend
    from goodwill.search.documents import COLUMNS

    cleaned = [t for t in dict.fromkeys(" ".join(t.split()) for t in terms) if t]
    if not cleaned:
        return []
    columns = None if kinds is None else frozenset(COLUMNS[k] for k in kinds)
    if columns == frozenset(COLUMNS.values()):  # every column: no filter
        columns = None
    excluded = set(exclude)
    count = (lambda: documents) if documents is not None else (lambda: indexed_count(owner))
    rows = backend().search(owner.pk, cleaned, limit + len(excluded), columns, count)
    return [(pid, score) for pid, score in rows if pid not in excluded][:limit]


def indexed_count(owner) -> int:
    """How many people are indexed, for idf (habits.matching.concept_weights).

    On a big network, the count kept by ensure_current: it is exact up to deletions
    since the last new person, and an idf over 100,000 people barely moves with a few
    more or fewer (log(1 + N/df)), so counting again on every search is not worth it."""
    with _lock:
        known = _known.get(_key(owner.pk))
    if known is not None:
        return known.documents
    return _documents(owner)
