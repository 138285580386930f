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


class ImportPrint(models.Model):
    """A fingerprint of a contact record an import folded into a person, kept so that a
    later import of the same record knows "unchanged" without reading and folding the
    person again (services.contacts_import.prints).

    Derived data: a row says "folding the record with this digest into this person, as
    they stand, changes nothing". Database triggers (goodwill.import_prints) delete a
    person's rows whenever anything fold reads of them changes, whoever writes it; merge
    and deletion never move or keep them, and a backup leaves them out, so a restored
    network simply folds in full the first time."""

    # No index of its own: import_print_person (person, digest) serves both lookups.
    person = models.ForeignKey(
        "goodwill.Person", on_delete=models.CASCADE, related_name="import_prints", db_index=False
    )
    digest = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["person", "digest"], name="import_print_person")]
