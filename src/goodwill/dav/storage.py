"""Radicale's storage plugin: the network as each user's three fixed collections.

    /                      the root (lists nothing: users never see each other)
    /<user>/               the principal, also the address-book and calendar home
    /<user>/contacts/      people as vCards          (goodwill.services.dav_sync, dav_cards)
    /<user>/tasks/         my open steps as to-dos   (goodwill.services.dav_sync, dav_tasks)
    /<user>/dates/         read-only VEVENTs         (goodwill.services.dav_dates)

Radicale handles the protocol; this module only answers its questions (what is at a
path, which items, what changed since a token) and hands writes to the services. Each
write request runs in one database transaction (acquire_lock "w"), so a failed merge
leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC
from email.utils import format_datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from radicale import item as radicale_item
from radicale import pathutils
from radicale.storage import BaseCollection, BaseStorage

from goodwill.dav import context
from goodwill.formats.ical_tasks import COMPONENT as TASK_COMPONENT
from goodwill.models import DavCollection

NAMES: tuple[str, ...] = (DavCollection.CONTACTS, DavCollection.TASKS, DavCollection.DATES)

META: dict[str, dict[str, str]] = {
    DavCollection.CONTACTS: {
        "tag": "VADDRESSBOOK",
        "D:displayname": "Goodwill",
        "CR:addressbook-description": "Your network in Goodwill",
    },
    DavCollection.TASKS: {
        "tag": "VCALENDAR",
        "D:displayname": "Goodwill: next steps",
        "C:calendar-description": "Your open next steps and promises",
        "C:supported-calendar-component-set": TASK_COMPONENT,
        "ICAL:calendar-color": "#2f6f4f",
    },
    DavCollection.DATES: {
        "tag": "VCALENDAR",
        "D:displayname": "Goodwill: dates and touches",
        "C:calendar-description": "Birthdays, important dates and planned touches (read-only)",
        "C:supported-calendar-component-set": "VEVENT",
        "ICAL:calendar-color": "#8a6d3b",
    },
}
COMPONENT: dict[str, str] = {
    DavCollection.CONTACTS: "VCARD",
    DavCollection.TASKS: TASK_COMPONENT,
    DavCollection.DATES: "VEVENT",
}


def _owner(username: str):
    state = context.current.get()
    cache = state.owners if state is not None else None
    if cache is not None and username in cache:
        return cache[username]
    owner = get_user_model().objects.filter(username=username, is_active=True).first()
    if cache is not None:
        cache[username] = owner
    return owner


class _Fixed(BaseCollection):
    """The root and the principals: they hold no items and never change."""

    def __init__(self, path: str):
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def get_multi(self, hrefs):
        return ((href, None) for href in hrefs)

    def get_all(self):
        return iter(())

    def has_uid(self, uid: str) -> bool:
        return False

    def get_meta(self, key=None):
        return {} if key is None else None

    def set_meta(self, props: Mapping[str, str]) -> None:
        raise ValueError("Goodwill's collections are fixed")

    def upload(self, href, item):
        raise ValueError("nothing can be stored here; use the contacts or tasks collection")

    def delete(self, href=None):
        raise ValueError("Goodwill's collections are fixed")

    @property
    def last_modified(self) -> str:
        return "Thu, 01 Jan 2026 00:00:00 GMT"

    @property
    def etag(self) -> str:
        return '"fixed"'


class Collection(BaseCollection):
    def __init__(self, owner, username: str, name: str):
        self.owner_user, self.username, self.name = owner, username, name

    @property
    def path(self) -> str:
        return f"{self.username}/{self.name}"

    @property
    def owner(self) -> str:
        return self.username

    # Reading.

    def _refresh(self) -> None:
        """Once per request: later reads in the same request see the same state."""
        if self.name == DavCollection.DATES:
            return
        from goodwill.services import dav_sync

        state = context.current.get()
        key = (self.owner_user.pk, self.name)
        if state is not None and key in state.refreshed:
            return
        dav_sync.refresh(self.owner_user, self.name)
        if state is not None:
            state.refreshed.add(key)

    def _item(self, href: str, uid: str, text: str, etag: str, changed) -> radicale_item.Item:
        if self.name == DavCollection.CONTACTS and context.vcard_version() != "4.0":
            from goodwill.services.dav_cards import card_in_version

            text = card_in_version(text, context.vcard_version())
            # The same ETag as the 4.0 card: it names the card's state, which both versions
            # show. One client can get either version from one request to the next (a
            # listing by User-Agent, a multiget asking for 3.0), and its If-Match must
            # still match, and an unchanged card must never look changed to it.
        return radicale_item.Item(
            collection=self,
            href=href,
            text=text,
            etag=etag,
            uid=uid,
            name="VCARD" if self.name == DavCollection.CONTACTS else "VCALENDAR",
            component_name=COMPONENT[self.name],
            last_modified=_http_date(changed) if changed else None,
        )

    def _dates(self) -> list[radicale_item.Item]:
        """Rendered once per request: a PROPFIND asks for the list, its tag and each item."""
        from goodwill.services.dav_dates import date_items

        state = context.current.get()
        if state is not None and self.owner_user.pk in state.dates:
            return state.dates[self.owner_user.pk]
        items = [self._item(href, uid, text, _text_etag(text), None) for href, uid, text in date_items(self.owner_user)]
        if state is not None:
            state.dates[self.owner_user.pk] = items
        return items

    def get_multi(self, hrefs: Iterable[str]) -> Iterator[tuple[str, radicale_item.Item | None]]:
        wanted = list(dict.fromkeys(hrefs))
        if self.name == DavCollection.DATES:
            found = {item.href: item for item in self._dates()}
        else:
            from goodwill.services import dav_sync

            self._refresh()
            found = {
                row.href: self._item(row.href, row.uid, row.text, row.etag, row.changed_at)
                for row in dav_sync.live_items(self.owner_user, self.name, wanted)
            }
        return ((href, found.get(href)) for href in wanted)

    def get_all(self) -> Iterator[radicale_item.Item]:
        if self.name == DavCollection.DATES:
            yield from self._dates()
            return
        from goodwill.services import dav_sync

        self._refresh()
        for row in dav_sync.live_items(self.owner_user, self.name):
            yield self._item(row.href, row.uid, row.text, row.etag, row.changed_at)

    def has_uid(self, uid: str) -> bool:
        if self.name == DavCollection.DATES:
            return any(item.uid == uid for item in self._dates())
        from goodwill.services import dav_sync

        self._refresh()
        return dav_sync.has_uid(self.owner_user, self.name, uid)

    def sync(self, old_token: str = "") -> tuple[str, Iterable[str]]:
        if self.name == DavCollection.DATES:
            return super().sync(old_token)  # a small read-only calendar: always a full listing
        from goodwill.services import dav_sync

        self._refresh()
        try:
            return dav_sync.changes_since(self.owner_user, self.name, old_token)
        except dav_sync.StaleToken as exc:
            raise ValueError(str(exc)) from None  # Radicale answers 403 valid-sync-token: the client starts over

    @property
    def etag(self) -> str:
        if self.name == DavCollection.DATES:
            return super().etag
        from goodwill.services import dav_sync

        self._refresh()
        return dav_sync.collection_tag(self.owner_user, self.name)

    @property
    def last_modified(self) -> str:
        from goodwill.services import dav_sync

        changed = None if self.name == DavCollection.DATES else dav_sync.last_changed(self.owner_user, self.name)
        return _http_date(changed) if changed else "Thu, 01 Jan 2026 00:00:00 GMT"

    def get_meta(self, key=None):
        meta = dict(META[self.name])
        return meta if key is None else meta.get(key)

    def set_meta(self, props: Mapping[str, str]) -> None:
        """PROPPATCH (a client renaming or colouring the list): accepted and not kept; the
        collections' names come from Goodwill."""

    # Writing (inside acquire_lock "w": one transaction).

    def upload(self, href: str, item: radicale_item.Item):
        if self.name == DavCollection.DATES:
            raise ValueError("the dates calendar is read-only")
        from goodwill.errors import InvalidInput
        from goodwill.services import dav_sync

        old = next(iter(self.get_multi([href])))[1]
        try:
            row = dav_sync.receive(self.owner_user, self.name, href, item.serialize())
        except InvalidInput as exc:
            raise ValueError(str(exc)) from None  # Radicale answers 400 Bad Request
        state = context.current.get()
        if state is not None:
            state.refreshed.discard((self.owner_user.pk, self.name))
        text = row.text or item.serialize()
        return self._item(href, row.uid or item.uid, text, row.etag, row.changed_at), old

    def delete(self, href: str | None = None) -> None:
        if href is None or self.name == DavCollection.DATES:
            raise ValueError("Goodwill's collections can't be deleted")
        from goodwill.services import dav_sync

        dav_sync.remove(self.owner_user, self.name, href)


def _http_date(moment) -> str:
    """An HTTP date is always GMT; the clock may hand out times in the user's zone."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def _text_etag(text: str) -> str:
    from goodwill.services.dav_sync import etag_of

    return etag_of(text)


class Storage(BaseStorage):
    def discover(self, path: str, depth: str = "0", child_context_manager=None, user_groups=frozenset()):
        sane = pathutils.strip_path(path)
        parts = sane.split("/") if sane else []
        if not parts:
            yield _Fixed("")
            return
        owner = _owner(parts[0])
        if owner is None:
            return
        if len(parts) == 1:
            yield _Fixed(parts[0])
            if depth != "0":
                for name in NAMES:
                    yield Collection(owner, parts[0], name)
            return
        if parts[1] not in NAMES or len(parts) > 3:
            return
        collection = Collection(owner, parts[0], parts[1])
        if len(parts) == 2:
            yield collection
            if depth != "0":
                yield from collection.get_all()
            return
        found = next(iter(collection.get_multi([parts[2]])))[1]
        if found is not None:
            yield found

    def move(self, item, to_collection, to_href) -> None:
        raise ValueError("moving items is not supported; delete and create instead")

    def create_collection(self, href: str, items=None, props=None):
        sane = pathutils.strip_path(href)
        parts = sane.split("/") if sane else []
        if len(parts) == 1 and not items and not props and _owner(parts[0]) is not None:
            return _Fixed(parts[0]), {}, []  # the principal exists already
        raise ValueError("Goodwill's collections are fixed: contacts, tasks and dates")

    @contextlib.contextmanager
    def acquire_lock(self, mode: str, user: str = "", *args, **kwargs):
        if mode == "w":
            with transaction.atomic():
                yield
        else:
            yield

    def verify(self) -> bool:
        return True
