"""Fingerprints of imported records: a re-import knows "unchanged" without folding.

A file imported before matches every row, and telling "unchanged" from "updated" took
reading each person and what they have, and folding the record in: twice the first dry
run. An applied import keeps, per person, a digest of each record it folded into them
(goodwill_importprint). The row stands for "folding this record into this person, as
they stand, changes nothing and reports nothing", which holds because fold only fills
what is empty and adds what is new: after the import the person has everything the
record brings. The triggers of goodwill.import_prints delete a person's rows as soon as
anything fold reads of them changes, whoever writes it. A later import whose record has
a stored digest for the person it matches reports it "unchanged" without folding.

A record gets no fingerprint where folding it twice could differ, so the shortcut never
changes an answer: Goodwill's own X-GOODWILL-* fields (they report problems, set the
circle of new people, and the introducer is overwritten, not filled), values longer than
their column (the stored, cut value no longer equals the record's), and a note that was
not added because it read as the person's notes joined (`settled`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from hashlib import blake2b

import orjson
import xxhash
from django.db import connection

from goodwill.formats.contact import Address, ContactRecord
from goodwill.models import ImportPrint
from goodwill.services.contact_mapping import GOODWILL_PREFIX
from goodwill.services.contacts_import.fold import Pending, PointIn
from goodwill.services.import_sql import array_literal, in_slices, one_of
from goodwill.services.import_writer import BackgroundWriter

# Part of every digest: change it when fold's rule changes, and every stored fingerprint
# stops matching (those people are folded in full once more). 2: xxh3 in place of SHA-256.
FOLD_RULE = 2
TABLE = "goodwill_importprint"
POINT_MAX = 320  # ContactPoint.normalized
# Address parts in address_key's order, with their columns' lengths.
ADDRESS_MAX = (
    ("street", 300),
    ("city", 120),
    ("region", 120),
    ("postal_code", 20),
    ("country", 120),
    ("po_box", 60),
    ("extended", 200),
)
_PREFIX = len(GOODWILL_PREFIX)


def digest(record: ContactRecord, points: Sequence[PointIn], region: str) -> int | None:
    """A 64-bit digest of everything fold reads of `record` (with its contact points as
    normalized for `region`), or None when the record gets no fingerprint."""
    if record.extra and any(key[:_PREFIX].upper() == GOODWILL_PREFIX for key in record.extra):
        return None
    for _, _, normalized in points:
        if len(normalized) > POINT_MAX:
            return None
    for a in record.addresses:
        for name, most in ADDRESS_MAX:
            if len(getattr(a, name)) > most:
                return None
    photo = record.photo
    picture = None
    if photo is not None:
        picture = (photo.media_type, photo.uri, blake2b(photo.data).hexdigest() if photo.data else None)
    r = record
    # Plain values, not the dataclasses: orjson walks those several times slower, and this
    # runs once per row of every import.
    data = orjson.dumps(
        (
            FOLD_RULE,
            region,
            r.given,
            r.middle,
            r.family,
            r.prefix,
            r.suffix,
            r.nickname,
            r.organization,
            r.department,
            r.title,
            r.birthday,
            r.uid,
            r.connected_on,
            r.note,
            r.tags,
            r.extra,
            [(kind, t.value, t.kind, t.preferred, normalized) for kind, t, normalized in points],
            [_address(a) for a in r.addresses] if r.addresses else None,
            picture,
        )
    )
    # xxh3's 64 bits, shifted into a signed BIGINT: a fingerprint needs no defence against
    # crafted collisions (a user's own file against their own people), and SHA-256 cost as
    # much as the rest of the digest (0.5 µs a record against 0.08, a re-import's whole cost).
    return xxhash.xxh3_64_intdigest(data) - 2**63


def _address(a: Address) -> tuple:
    parts = (a.kind, a.street, a.city, a.region, a.postal_code, a.country, a.po_box, a.extended, a.label)
    return (*parts, a.preferred)


def settled(target: Pending, record: ContactRecord) -> bool:
    """Whether the record's note is one of the person's notes now (or it has none). A note
    fold left out because it equals the person's notes joined would be added once they have
    one note more: such a record is folded in full every time."""
    text = record.note.strip()
    return not text or text in target.known.all_notes


def unknown(select: Callable[[str, list], list[tuple]], pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (person id, digest) pairs among these that have no fingerprint kept. The database
    compares and sends back only those (few, in a re-import), not every fingerprint of every
    person."""
    missing: set[tuple[int, int]] = set()
    absent = f"NOT EXISTS (SELECT 1 FROM {TABLE} p WHERE p.person_id = v.column1 AND p.digest = v.column2)"
    if connection.vendor == "postgresql":
        # Two arrays, each one text value ("{1,2,...}"), not a VALUES list: psycopg binds
        # values on the client one at a time, slower than the query runs.
        ordered = sorted(pairs)
        for start in range(0, len(ordered), 5000):
            part = ordered[start : start + 5000]
            rows = select(
                f"SELECT v.column1, v.column2 FROM unnest(%s::bigint[], %s::bigint[]) AS v(column1, column2) "
                f"WHERE {absent}",
                [array_literal(pk for pk, _ in part), array_literal(v for _, v in part)],
            )
            missing.update((pk, value) for pk, value in rows)
        return missing
    for part in in_slices(sorted(pairs), 450):  # two values a pair: 900 a statement
        rows = select(
            f"SELECT v.column1, v.column2 FROM (VALUES {', '.join(['(%s, %s)'] * len(part))}) AS v WHERE {absent}",
            [value for pair in part for value in pair],
        )
        missing.update((pk, value) for pk, value in rows)
    return missing


def kept(select: Callable[[str, list], list[tuple]], ids: set[int], vendor: str) -> set[tuple[int, int]]:
    """The (person id, digest) fingerprints kept for these people. A dry run asks this
    with its look-ups for the next chunk (Matcher.ask), in the second thread: `vendor` is
    read before, in the thread that owns Django's connection."""
    pairs: set[tuple[int, int]] = set()
    for test, params in one_of(sorted(ids), vendor):
        pairs.update(select(f"SELECT person_id, digest FROM {TABLE} WHERE person_id {test}", params))
    return pairs


def keep(sql: BackgroundWriter, pairs: set[tuple[int, int]]) -> None:
    """Store these (person id, digest) fingerprints: queued behind the import's other
    writes on SQLite; on PostgreSQL one INSERT from two arrays (as `unknown`)."""
    if not pairs:
        return
    rows = sorted(pairs)
    if connection.vendor != "postgresql":
        sql.insert(ImportPrint, ["person_id", "digest"], rows)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (person_id, digest) SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
            [array_literal(pk for pk, _ in rows), array_literal(v for _, v in rows)],
        )
