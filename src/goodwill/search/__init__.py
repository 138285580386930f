"""Full-text search over people, behind one interface for SQLite FTS5 and PostgreSQL.

- `mark_stale(owner_id, person_ids)`: something about them changed (signals call it
  on every save of a person, note, interaction or profile entry; it is cheap).
- `ensure_current(owner)`: rebuild the documents that are stale or missing; pass-on
  calls it before searching, so bulk imports (which skip signals) are picked up too.
- `rebuild(owner)`: every document again (`goodwill reindex`).
- with each document, the vectors of its fields (goodwill.search.vectors), for
  matching by meaning.
- `search(owner, terms, limit)`: person ids, best first, among active people.

The documents live in goodwill_searchdocument (goodwill.models.service.SearchDocument);
the index follows them by triggers (SQLite) or a generated column (PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import connection, transaction

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


def ensure_current(owner) -> int:
    """Index people whose document is stale or missing; returns how many were written.

    Reads first and writes only when something changed: a search usually takes no
    write lock (SQLite transactions here begin IMMEDIATE)."""
    from goodwill.models import Person

    SearchDocument = _model()
    ids = list(SearchDocument.objects.filter(owner=owner, stale=True).values_list("person_id", flat=True))
    if Person.objects.filter(owner=owner).count() != SearchDocument.objects.filter(owner=owner).count():
        ids += list(Person.objects.filter(owner=owner, search_doc__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        return _write(owner.pk, sorted(set(ids)))


@transaction.atomic
def rebuild(owner, progress=None) -> int:
    """Every document of this owner again, from the people, entries, notes and interactions."""
    from goodwill.models import FieldVector, Person

    _model().objects.filter(owner=owner).delete()
    FieldVector.objects.filter(owner=owner).delete()
    ids = list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH * 4):
        written += _write(owner.pk, ids[start : start + BATCH * 4])
        if progress:
            progress(written)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO goodwill_search_fts(goodwill_search_fts) VALUES ('optimize')")
    return written


def search(owner, terms: list[str], limit: int = 200, exclude: Iterable[int] = ()) -> list[tuple[int, float]]:
    """(person id, score) for active people matching any term, best first."""
    from goodwill.search.backends import backend

    cleaned = [t for t in dict.fromkeys(" ".join(t.split()) for t in terms) if t]
    if not cleaned:
        return []
    excluded = set(exclude)
    rows = backend().search(owner.pk, cleaned, limit + len(excluded))
    return [(pid, score) for pid, score in rows if pid not in excluded][:limit]


def indexed_count(owner) -> int:
    return _model().objects.filter(owner=owner).count()
