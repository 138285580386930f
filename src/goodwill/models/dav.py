"""The network in the phone (issue 16): per-device app passwords, and the state that
CardDAV/CalDAV sync needs (goodwill.dav serves it through Radicale).

- DavPassword: one per device ("iPhone"), hashed like a login's password, revocable.
- DavBook: one per user and collection (contacts, tasks, dates): the collection's change
  counter. A sync token is "<token_base>-<seq>"; a client that sends an older one gets
  only the items whose `seq` is larger, tombstones included.
- DavItem: each card or task as the phone last could have seen it: its href (the name
  the phone chose for what it created), the object it shows, the rendered text and its
  ETag, and the change number that last touched it. `deleted` rows are tombstones.
- DavDirty: written by database triggers (goodwill.dav_changes) whenever a row a card or
  a task is built from changes, from any code path (the ORM, bulk imports, raw SQL, undo);
  the next DAV request re-renders just those objects and bumps `seq` where the text changed.
- PhoneTask: a task made on the phone whose words name nobody in the network; the digest
  asks whom it is for, and it becomes that person's next step.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from goodwill.models.base import Owned


class DavCollection(models.TextChoices):
    CONTACTS = "contacts", "address book"
    TASKS = "tasks", "next steps and promises"
    DATES = "dates", "important dates and planned touches"


class DavObject(models.TextChoices):
    PERSON = "p", "person"
    STEP = "s", "next step"
    PHONE_TASK = "t", "phone task"


class DavPassword(Owned):
    owned_noun = "device password"

    name = models.CharField(max_length=60)  # the device: "iPhone", "Pixel", "Thunderbird"
    password_hash = models.CharField(max_length=200)  # django.contrib.auth.hashers (argon2)
    hint = models.CharField(max_length=8)  # the last characters, to tell devices apart in a list
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class DavBook(Owned):
    collection = models.CharField(max_length=10, choices=DavCollection.choices)
    token_base = models.CharField(max_length=24)  # random: a rebuilt database never repeats old tokens
    seq = models.BigIntegerField(default=0)  # the last change number given out
    floor = models.BigIntegerField(default=0)  # tokens older than this can't be answered (tombstones pruned)
    filled_at = models.DateTimeField(null=True, blank=True)  # every object rendered once

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "collection"], name="davbook_per_owner")]


class DavItem(Owned):
    collection = models.CharField(max_length=10, choices=DavCollection.choices)
    href = models.CharField(max_length=255)
    uid = models.CharField(max_length=255)
    object_kind = models.CharField(max_length=1, choices=DavObject.choices)
    object_id = models.BigIntegerField()
    etag = models.CharField(max_length=70)
    text = models.TextField(blank=True)  # empty for a tombstone
    seq = models.BigIntegerField()
    deleted = models.BooleanField(default=False)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "collection", "href"], name="davitem_href"),
        ]
        indexes = [
            models.Index(fields=["owner", "collection", "seq"], name="davitem_changes"),
            models.Index(fields=["owner", "object_kind", "object_id"], name="davitem_object"),
            models.Index(fields=["owner", "collection", "uid"], name="davitem_uid"),
        ]


class DavDirty(models.Model):
    """Objects whose card or task may have changed (triggers write it; goodwill.services.dav_sync reads it)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    object_kind = models.CharField(max_length=1, choices=DavObject.choices)
    object_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["owner", "id"], name="davdirty_owner")]


class PhoneTask(Owned):
    owned_noun = "phone task"

    uid = models.CharField(max_length=255)
    text = models.CharField(max_length=500)
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    # Set once the user says whom it is for (it is then that person's step).
    step = models.ForeignKey("goodwill.NextStep", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)  # done or deleted on the phone, or assigned

    class Meta:
        ordering = ["created_at", "id"]
