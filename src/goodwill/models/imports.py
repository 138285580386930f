from django.db import models

from goodwill.models.base import Owned


class ImportBatch(Owned):
    owned_noun = "import"
    """One import: atomic, and undoable because it remembers what it did."""

    source = models.CharField(
        max_length=20
    )  # vcard, linkedin, google, outlook, thunderbird, act, csv, ics, mbox, maildir, imap, vdir, backup
    filename = models.CharField(max_length=1000)
    created_at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict)  # counts: created, updated, merged, skipped, problems

    class Meta:
        ordering = ["-created_at"]


class ImportItem(Owned):
    """What one batch created or changed; `previous` holds the fields it overwrote."""

    CREATED, UPDATED = "created", "updated"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    model = models.CharField(max_length=40)  # person, contactpoint, address, interaction, note, ...
    object_id = models.BigIntegerField()
    action = models.CharField(max_length=10)
    previous = models.JSONField(default=dict, blank=True)


class MergeRecord(Owned):
    owned_noun = "merge"
    """A merge of two people, with what is needed to undo it."""

    kept = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="merges")
    merged_id = models.BigIntegerField()  # the merged person's former id, restored on undo
    snapshot = models.JSONField()  # the merged person's fields and the rows moved to `kept`
    created_at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)
