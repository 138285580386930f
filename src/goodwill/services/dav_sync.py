"""What each phone collection holds, and what changed since a client last looked.

A collection (contacts, tasks) is a set of objects (people; steps and phone tasks), each
served as one item at an address (href). For every item the state a client could have
seen is kept as a DavItem: the text served, its ETag, and the change number (`seq`) that
last touched it; deleted items stay as tombstones so an incremental sync can report them.

`refresh` brings that state up to date before any read: the first time, by rendering
every object; after that, by re-rendering only the objects the database triggers marked
(goodwill.dav_changes), bumping `seq` only where the text really changed. So a sync
after one edit costs one render, however large the network.

Writes from the phone go through `receive` and `remove`, which hand the card or task to
the service that merges it (dav_card_merge, dav_tasks) and then record the new state, so
the phone's own edit is not reported back to it as a change of Goodwill's.

The dates calendar is read-only and small: it is rendered per request (dav_dates).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import DavBook, DavCollection, DavDirty, DavItem, DavObject

TOKEN_PREFIX = "http://goodwill.invalid/sync/"  # an opaque URI, as RFC 6578 asks
CHUNK = 500  # objects rendered per query
MARKS_PER_STEP = 5000  # change marks settled per transaction


class StaleToken(Exception):
    """A sync token this collection can't answer (another database, or older than kept tombstones)."""


@dataclass(frozen=True)
class Source:
    kinds: tuple[str, ...]
    suffix: str
    members: Callable[[object], Iterable[tuple[str, int]]]
    render: Callable[[object, str, list[int]], dict[int, tuple[str, str]]]
    # Before the first full render: what rendering would otherwise write (people's UIDs),
    # so those writes' marks come before the render and don't cost a second one.
    prepare: Callable[[object], object] = lambda owner: None


def _contacts() -> Source:
    from goodwill.services import dav_cards
    from goodwill.services.contacts_export import ensure_uids

    return Source(
        kinds=(DavObject.PERSON,),
        suffix=".vcf",
        members=lambda owner: ((DavObject.PERSON, pk) for pk in dav_cards.card_members(owner)),
        render=dav_cards.render_cards,
        prepare=ensure_uids,
    )


def _tasks() -> Source:
    from goodwill.services import dav_tasks

    return Source(
        kinds=(DavObject.STEP, DavObject.PHONE_TASK),
        suffix=".ics",
        members=dav_tasks.task_members,
        render=dav_tasks.render_tasks,
    )


SOURCES: dict[str, Callable[[], Source]] = {DavCollection.CONTACTS: _contacts, DavCollection.TASKS: _tasks}
SYNCED = tuple(SOURCES)


def etag_of(text: str) -> str:
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:40] + '"'


def href_for(uid: str, suffix: str) -> str:
    """An item's address from its UID, with only safe characters (as vdirsyncer names files)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in uid.removeprefix("urn:uuid:"))
    return (safe or "item")[:200] + suffix


def token(book: DavBook) -> str:
    return f"{TOKEN_PREFIX}{book.token_base}-{book.seq}"


def _seq_of(book: DavBook, text: str) -> int:
    if not text.startswith(TOKEN_PREFIX):
        raise StaleToken("not one of this server's sync tokens")
    base, _, number = text[len(TOKEN_PREFIX) :].rpartition("-")
    if base != book.token_base or not number.isdecimal():
        raise StaleToken("a sync token from another database")
    seq = int(number)
    if seq < book.floor or seq > book.seq:
        raise StaleToken("a sync token older than the changes kept")
    return seq


def _book(owner, collection: str) -> DavBook:
    book = DavBook.objects.select_for_update().filter(owner=owner, collection=collection).first()
    if book is None:
        DavBook.objects.get_or_create(owner=owner, collection=collection, defaults={"token_base": secrets.token_hex(6)})
        book = DavBook.objects.select_for_update().get(owner=owner, collection=collection)
    return book


def refresh(owner, collection: str) -> DavBook:
    """The collection's items, up to date with the network (see the module's docstring).

    In steps of their own transaction (CHUNK objects, MARKS_PER_STEP marks): a first look
    at 10,000 people or the marks of a large import never hold SQLite's one writer for
    long, so the CLI and the web go on writing meanwhile. Inside a caller's transaction
    (a write from the phone) the steps are savepoints of it."""
    if collection not in SOURCES:
        raise InvalidInput(f"{collection} is not a synced collection")
    source = SOURCES[collection]()
    book = DavBook.objects.filter(owner=owner, collection=collection).first()
    if book is None or book.filled_at is None:
        _fill(owner, collection, source)
    while True:
        with transaction.atomic():
            book = _book(owner, collection)
            marks = list(
                DavDirty.objects.filter(owner=owner, object_kind__in=source.kinds)
                .order_by("pk")
                .values_list("pk", "object_kind", "object_id")[:MARKS_PER_STEP]
            )
            if not marks:
                return book
            by_kind: dict[str, set[int]] = {}
            for _pk, kind, object_id in marks:
                by_kind.setdefault(kind, set()).add(object_id)
            now = clock.now()
            for kind, ids in by_kind.items():
                ordered = sorted(ids)
                for start in range(0, len(ordered), CHUNK):
                    chunk = ordered[start : start + CHUNK]
                    _settle(owner, book, source, kind, chunk, source.render(owner, kind, chunk), now)
            DavDirty.objects.filter(owner=owner, object_kind__in=source.kinds, pk__lte=marks[-1][0]).delete()
            book.save(update_fields=["seq"])
        if len(marks) < MARKS_PER_STEP:
            return book


def _fill(owner, collection: str, source: Source) -> None:
    """The first look: every object rendered once (the first full sync pays for it), a chunk
    per transaction. Changes made meanwhile leave marks after `top`: the next step sees them."""
    with transaction.atomic():
        _book(owner, collection)  # exists from now on: the triggers mark this owner's changes
    source.prepare(owner)
    # Marks made before this point are covered by the full render.
    top = DavDirty.objects.filter(owner=owner, object_kind__in=source.kinds).aggregate(m=Max("pk"))["m"]
    by_kind: dict[str, list[int]] = {}
    for kind, object_id in source.members(owner):
        by_kind.setdefault(kind, []).append(object_id)
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            with transaction.atomic():
                book = _book(owner, collection)  # one filler at a time: a second waits, then finds the rows
                _settle(owner, book, source, kind, chunk, source.render(owner, kind, chunk), clock.now())
                book.save(update_fields=["seq"])
    with transaction.atomic():
        book = _book(owner, collection)
        if top is not None:
            DavDirty.objects.filter(owner=owner, object_kind__in=source.kinds, pk__lte=top).delete()
        book.filled_at = clock.now()
        book.save(update_fields=["filled_at"])


def _bury(book: DavBook, item: DavItem, now: datetime) -> None:
    """Make `item` a tombstone under the book's next change number (the caller saves it)."""
    book.seq += 1
    item.deleted, item.text, item.seq, item.changed_at = True, "", book.seq, now
    item.etag = etag_of(f"gone {item.href} {book.seq}")


TOMBSTONE_FIELDS = ["deleted", "text", "seq", "changed_at", "etag"]


def _settle(owner, book: DavBook, source: Source, kind: str, ids: list[int], rendered, now: datetime) -> None:
    """Compare what these objects render to now with what was served; record the differences."""
    current: dict[int, DavItem] = {}
    item: DavItem | None
    for item in DavItem.objects.filter(owner=owner, collection=book.collection, object_kind=kind, object_id__in=ids):
        # One live item per object; tombstones only when there is no live one.
        if item.object_id not in current or current[item.object_id].deleted:
            current[item.object_id] = item
    changed: list[DavItem] = []
    created: list[DavItem] = []
    for object_id in ids:
        item = current.get(object_id)
        if object_id not in rendered:
            if item is not None and not item.deleted:
                _bury(book, item, now)
                changed.append(item)
            continue
        uid, text = rendered[object_id]
        etag = etag_of(text)
        if item is None:
            book.seq += 1
            created.append(
                DavItem(
                    owner=owner,
                    collection=book.collection,
                    href=href_for(uid, source.suffix),
                    uid=uid,
                    object_kind=kind,
                    object_id=object_id,
                    etag=etag,
                    text=text,
                    seq=book.seq,
                    changed_at=now,
                )
            )
        elif item.deleted or item.etag != etag:
            book.seq += 1
            item.deleted, item.text, item.etag, item.uid, item.seq, item.changed_at = (
                False,
                text,
                etag,
                uid,
                book.seq,
                now,
            )
            changed.append(item)
    if changed:
        DavItem.objects.bulk_update(changed, ["deleted", "text", "etag", "uid", "seq", "changed_at"], batch_size=CHUNK)
    if created:
        _give_free_hrefs(owner, book.collection, created)
        DavItem.objects.bulk_create(created, batch_size=CHUNK)


def _give_free_hrefs(owner, collection: str, items: list[DavItem]) -> None:
    """Addresses come from UIDs; two UIDs can make the same one (or meet an old tombstone's):
    the later gets "-2", "-3"... One query for the batch, one more per clash."""
    wanted = [item.href for item in items]
    taken = set(
        DavItem.objects.filter(owner=owner, collection=collection, href__in=wanted).values_list("href", flat=True)
    )
    for item in items:
        if item.href in taken:
            item.href = _free_href(owner, collection, item.href, also_taken=taken)
        taken.add(item.href)


def _free_href(owner, collection: str, href: str, also_taken: set[str]) -> str:
    taken = DavItem.objects.filter(owner=owner, collection=collection)
    stem, _dot, suffix = href.rpartition(".")
    n = 2
    while f"{stem}-{n}.{suffix}" in also_taken or taken.filter(href=f"{stem}-{n}.{suffix}").exists():
        n += 1
    return f"{stem}-{n}.{suffix}"


# Reads (after refresh).


def live_items(owner, collection: str, hrefs: Iterable[str] | None = None) -> list[DavItem]:
    rows = DavItem.objects.filter(owner=owner, collection=collection, deleted=False)
    if hrefs is not None:
        rows = rows.filter(href__in=list(hrefs))
    return list(rows.order_by("href"))


def item_at(owner, collection: str, href: str) -> DavItem | None:
    return DavItem.objects.filter(owner=owner, collection=collection, href=href, deleted=False).first()


def has_uid(owner, collection: str, uid: str) -> bool:
    return DavItem.objects.filter(owner=owner, collection=collection, uid=uid, deleted=False).exists()


def changes_since(owner, collection: str, old_token: str) -> tuple[str, list[str]]:
    """(the current token, the hrefs changed since `old_token`, tombstones included);
    everything live when `old_token` is empty. StaleToken when it can't be answered."""
    book = refresh(owner, collection)
    rows = DavItem.objects.filter(owner=owner, collection=collection)
    if old_token:
        since = _seq_of(book, old_token)
        hrefs = list(rows.filter(seq__gt=since).order_by("seq").values_list("href", flat=True))
    else:
        hrefs = list(rows.filter(deleted=False).order_by("href").values_list("href", flat=True))
    return token(book), hrefs


def collection_tag(owner, collection: str) -> str:
    """The collection's ETag and CTag: it changes whenever any item does. Read after
    `refresh` (the storage refreshes once per request), so it costs one query."""
    book = DavBook.objects.filter(owner=owner, collection=collection).only("token_base", "seq").first()
    return f'"{book.token_base}-{book.seq}"' if book is not None else '"empty"'


def last_changed(owner, collection: str) -> datetime | None:
    return DavItem.objects.filter(owner=owner, collection=collection).aggregate(m=Max("changed_at"))["m"]


# Writes from the phone.


@transaction.atomic
def receive(owner, collection: str, href: str, text: str) -> DavItem:
    """The phone PUT `text` at `href`: merge it into the network, then record what the
    address shows now (Goodwill's rendering of the merged object)."""
    book = refresh(owner, collection)
    source = SOURCES[collection]()
    existing = item_at(owner, collection, href)
    before = existing.text if existing is not None else None
    kind: str
    if collection == DavCollection.CONTACTS:
        from goodwill.models import Person
        from goodwill.services.dav_card_merge import apply_card

        person = None
        if existing is not None:
            person = Person.objects.filter(owner=owner, pk=existing.object_id).first()
        merged = apply_card(owner, person, before if person is not None else None, text)
        kind, object_id = DavObject.PERSON, merged.pk
    else:
        from goodwill.services.dav_tasks import apply_task

        kind, object_id = apply_task(
            owner,
            existing.object_kind if existing is not None else None,
            existing.object_id if existing is not None else None,
            before,
            text,
        )
    now = clock.now()
    rendered = source.render(owner, kind, [object_id]).get(object_id)
    # The object is now at this address: any other live address for it is a tombstone
    # (a contact made on the phone that turned out to be someone already in the network).
    for other in DavItem.objects.filter(
        owner=owner, collection=collection, object_kind=kind, object_id=object_id, deleted=False
    ).exclude(href=href):
        _bury(book, other, now)
        other.save(update_fields=TOMBSTONE_FIELDS)
    book.seq += 1
    if rendered is None:
        # No longer in the collection (a task ticked off): the phone's copy is answered,
        # and the next sync removes it.
        uid, served, deleted = "", "", True
    else:
        uid, served = rendered
        deleted = False
    item, _ = DavItem.objects.update_or_create(
        owner=owner,
        collection=collection,
        href=href,
        defaults={
            "uid": uid or (existing.uid if existing is not None else ""),
            "object_kind": kind,
            "object_id": object_id,
            "etag": etag_of(served or text),
            "text": served,
            "seq": book.seq,
            "deleted": deleted,
            "changed_at": now,
        },
    )
    # The change is recorded: the marks the merge made for this object are settled.
    DavDirty.objects.filter(owner=owner, object_kind=kind, object_id=object_id).delete()
    book.save(update_fields=["seq"])
    return item


@transaction.atomic
def remove(owner, collection: str, href: str) -> None:
    """The phone deleted the item at `href`: a person is deleted (undoable), a step dropped."""
    book = refresh(owner, collection)
    item = item_at(owner, collection, href)
    if item is None:
        return
    if collection == DavCollection.CONTACTS:
        from goodwill.models import Person
        from goodwill.services.deletion import delete_person

        person = Person.objects.filter(owner=owner, pk=item.object_id).first()
        if person is not None:
            delete_person(owner, person)
    else:
        from goodwill.services.dav_tasks import remove_task

        remove_task(owner, item.object_kind, item.object_id)
    _bury(book, item, clock.now())
    item.save(update_fields=TOMBSTONE_FIELDS)
    DavDirty.objects.filter(owner=owner, object_kind=item.object_kind, object_id=item.object_id).delete()
    book.save(update_fields=["seq"])


# Housekeeping (the worker's hourly prune, goodwill.jobs.scheduler).

KEEP_TOMBSTONES_DAYS = 90  # a phone silent longer than this starts over with a full sync


@transaction.atomic
def prune_tombstones(now: datetime | None = None) -> int:
    """Forget deletions older than KEEP_TOMBSTONES_DAYS. A book's `floor` rises past the
    change numbers forgotten, so a token from before them is refused (the client then
    syncs in full) instead of silently missing a deletion."""
    from datetime import timedelta

    cutoff = (now or clock.now()) - timedelta(days=KEEP_TOMBSTONES_DAYS)
    old = DavItem.objects.filter(deleted=True, changed_at__lt=cutoff)
    tops = old.values("owner_id", "collection").annotate(top=Max("seq"))
    for row in tops:
        DavBook.objects.filter(owner_id=row["owner_id"], collection=row["collection"], floor__lt=row["top"]).update(
            floor=row["top"]
        )
    deleted, _ = old.delete()
    return deleted


@transaction.atomic
def forget_idle_books(now: datetime | None = None) -> int:
    """A user none of whose devices has synced for KEEP_TOMBSTONES_DAYS (or who revoked them
    all) stops paying for the change marks: their sync state goes, and a phone that comes
    back later syncs in full (its token names a book that no longer exists)."""
    from datetime import timedelta

    from django.db.models import Q

    from goodwill.models import DavPassword

    cutoff = (now or clock.now()) - timedelta(days=KEEP_TOMBSTONES_DAYS)
    active = DavPassword.objects.filter(revoked_at__isnull=True).filter(
        Q(last_used_at__gte=cutoff) | Q(created_at__gte=cutoff)
    )
    idle = list(DavBook.objects.exclude(owner_id__in=active.values("owner_id")).values_list("owner_id", flat=True))
    if not idle:
        return 0
    DavItem.objects.filter(owner_id__in=idle).delete()
    DavDirty.objects.filter(owner_id__in=idle).delete()
    forgotten, _ = DavBook.objects.filter(owner_id__in=idle).delete()
    return forgotten
