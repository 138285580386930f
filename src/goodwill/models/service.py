"""Serving the network: what people need and offer, items passed on, introductions, and the ledger."""

from django.conf import settings
from django.db import models

from goodwill import choice_values
from goodwill.models.base import Owned
from goodwill.models.choices import Confidentiality


class ProfileEntry(Owned):
    """An interest, a need (what they look for now) or an offer (what they can help with)."""

    INTEREST, NEED, OFFER = "interest", "need", "offer"
    KINDS = [(INTEREST, "interest"), (NEED, "need"), (OFFER, "offer")]

    person = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="profile")
    kind = models.CharField(max_length=10, choices=KINDS)
    text = models.CharField(max_length=300)
    since = models.DateField(null=True, blank=True)
    confidentiality = models.CharField(max_length=12, choices=Confidentiality.choices, default=Confidentiality.PRIVATE)
    active = models.BooleanField(default=True)  # a need that was met stays as history
    created_at = models.DateTimeField()
    closed_on = models.DateField(null=True, blank=True)  # when a need was met or an entry dropped

    class Meta:
        indexes = [models.Index(fields=["owner", "kind", "active"], name="profile_kind")]


class Item(Owned):
    """Something worth passing on: an article, a lead, a piece of news."""

    title = models.CharField(max_length=500)
    url = models.CharField(max_length=1000, blank=True)
    tags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()
    text = models.TextField(blank=True)  # the whole text given, when longer than a title
    # Same item = same normalised URL, or same normalised title when there is no URL.
    key = models.CharField(max_length=64, blank=True)
    # Its meaning, computed once when it is kept or passed on, so the ideas on a person's page
    # rank it without running the model; the digest names the text and model it was made from.
    meaning_digest = models.CharField(max_length=40, blank=True)
    meaning = models.BinaryField(null=True, blank=True)  # float16, like FieldVector.vector

    class Meta:
        indexes = [models.Index(fields=["owner", "key"], name="item_key")]


class Share(Owned):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="shares")
    person = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="shares")
    interaction = models.ForeignKey("goodwill.Interaction", null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="share_once_per_person")]


class Introduction(Owned):
    """A double opt-in introduction of A to B."""

    STATUSES = choice_values.INTRO_STATUSES
    OPEN_STATUSES = choice_values.INTRO_OPEN_STATUSES
    # Both sides were put in touch, whatever came of it afterwards.
    MADE_STATUSES = ("introduced", "met", "business", "nothing")
    person_a = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="intros_as_a")
    person_b = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="intros_as_b")
    why = models.TextField()
    status = models.CharField(max_length=12, choices=STATUSES, default="proposed")
    declined_by = models.CharField(max_length=1, blank=True)  # "a" or "b"
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Each step's date, and the day to follow up on the step that is waiting.
    asked_a_at = models.DateTimeField(null=True, blank=True)
    asked_b_at = models.DateTimeField(null=True, blank=True)
    introduced_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    outcome_note = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "status", "follow_up_on"], name="intro_follow_up")]


class Exchange(Owned):
    owned_noun = "ledger entry"
    """One line of the referral balance sheet: value given to or received from someone."""

    KINDS = [(k, k) for k in ("referral", "lead", "introduction", "information", "advice", "favour", "business")]
    DIRECTIONS = [("given", "given"), ("received", "received")]
    STATUSES = [("pending", "pending"), ("won", "won"), ("lost", "lost")]

    person = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="exchanges")
    kind = models.CharField(max_length=12, choices=KINDS)
    direction = models.CharField(max_length=8, choices=DIRECTIONS)
    occurred_on = models.DateField()
    description = models.CharField(max_length=500, blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    status = models.CharField(max_length=8, choices=STATUSES, blank=True)
    # For business received: who the lead came from (lead-source tracking).
    source = models.ForeignKey(
        "goodwill.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="leads_sourced"
    )
    introduction = models.ForeignKey(Introduction, null=True, blank=True, on_delete=models.SET_NULL)
    share = models.ForeignKey(Share, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["owner", "occurred_on"], name="exchange_when"),
            models.Index(fields=["owner", "person"], name="exchange_person"),
        ]
        ordering = ["-occurred_on", "-id"]


class SearchDocument(Owned):
    """What pass-it-on searches for one person: derived text, rebuilt by goodwill.search.

    Confidential notes and entries never go in here, so no match or reason can leak
    them. The full-text index follows this table by triggers: FTS5 on SQLite (migration
    0003), a narrow table of tsvectors, goodwill_search_rank, on PostgreSQL (migration 0017)."""

    person = models.OneToOneField("goodwill.Person", on_delete=models.CASCADE, related_name="search_doc")
    needs = models.TextField(blank=True)
    interests = models.TextField(blank=True)
    offers = models.TextField(blank=True)
    role = models.TextField(blank=True)  # title, industry, organization, tags
    notes = models.TextField(blank=True)  # shareable and private notes and interaction summaries
    stale = models.BooleanField(default=True)  # something it is built from changed
    indexed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # Partial: almost every row is fresh, so "which are stale" must not scan them all.
            models.Index(fields=["owner"], condition=models.Q(stale=True), name="searchdoc_stale_only"),
            # Whose is each document, from the index alone: SQLite's postings name FTS5's
            # documents by person (goodwill.search.fts5_postings), and a row holds all its text.
            models.Index(fields=["owner", "person"], name="searchdoc_owner_person"),
        ]


class FieldVector(Owned):
    """The meaning of one searchable piece of a person (a need, a note's sentence…), as a vector.

    Derived, like SearchDocument, from goodwill.search.documents.fields_for, so
    confidential text never gets a vector. Rebuilt with the person's document;
    `digest` lets an unchanged text keep its vector instead of being encoded again."""

    person = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="field_vectors")
    kind = models.CharField(max_length=16)  # need, interest, offer, role, tag, note, summary
    ref = models.BigIntegerField(null=True, blank=True)  # the entry, note or interaction
    part = models.PositiveSmallIntegerField(default=0)  # which sentence of a note or summary
    digest = models.CharField(max_length=40)  # sha1 of the text and the model version
    vector = models.BinaryField()  # float16, goodwill.habits.meaning.DIMENSIONS of them

    class Meta:
        indexes = [
            models.Index(fields=["owner", "person"], name="fieldvector_person"),
            models.Index(fields=["owner", "digest"], name="fieldvector_digest"),
        ]


class MeaningIndex(models.Model):
    """Which sentence model made an owner's stored vectors (FieldVector), and how far a pass
    that makes them again with the installed model has come (goodwill.search.model_upgrade).

    A vector's digest names its text under a model version: vectors of another model are in
    another space, and a product with a query this one made means nothing. An owner with no
    row has never had a vector made by any model but the installed one."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+")
    model_version = models.CharField(max_length=64)  # every stored vector is this model's
    upgrading_to = models.CharField(max_length=64, blank=True)  # the model a pass is making them with
    upgraded_through = models.BigIntegerField(default=0)  # that pass has done every person up to this id
    claimed_until = models.DateTimeField(null=True, blank=True)  # a worker is making the next chunk
