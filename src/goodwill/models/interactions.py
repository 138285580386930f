from django.db import models

from goodwill.models.base import Owned
from goodwill.models.choices import Confidentiality, Direction, InteractionKind


class Interaction(Owned):
    """One encounter: a call, meeting, email, message, event, or a note."""

    kind = models.CharField(max_length=10, choices=InteractionKind.choices)
    # The word the user wrote when it is more than the kind ("lunch", "coffee", "video call" are meetings).
    kind_label = models.CharField(max_length=30, blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.OUTBOUND)
    occurred_at = models.DateTimeField()
    participants = models.ManyToManyField("goodwill.Person", related_name="interactions")
    summary = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    confidentiality = models.CharField(max_length=12, choices=Confidentiality.choices, default=Confidentiality.PRIVATE)
    # A reply owed: an inbound call, email or message that awaits my answer.
    awaiting_reply = models.BooleanField(default=False)
    replied_at = models.DateTimeField(null=True, blank=True)
    # Message-ID of an imported email or UID of an imported meeting: re-imports change nothing.
    external_id = models.CharField(max_length=400, blank=True)
    thread_id = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["owner", "occurred_at"], name="interaction_when"),
            # Partial: only the few replies still owed are in it, and its condition is
            # written as Django writes the agenda's filter, so SQLite can use it.
            models.Index(
                fields=["owner", "occurred_at"],
                name="interaction_reply_owed",
                condition=models.Q(awaiting_reply=True, replied_at__isnull=True),
            ),
            models.Index(fields=["owner", "external_id"], name="interaction_external"),
            # Partial and covering: whatever awaited my reply, answered or not, by owner and time,
            # with when I answered, so the response stats (queries.replies) read no row of the table
            # (awaiting_reply too, though always true here: SQLite covers only the columns it holds).
            models.Index(
                fields=["owner", "occurred_at", "replied_at", "awaiting_reply"],
                name="interaction_awaited",
                condition=models.Q(awaiting_reply=True),
            ),
            # Partial: the outbound touches alone, which momentum counts (queries.momentum writes
            # this condition as its own, so that SQLite can use it, and reads no row of the table).
            models.Index(
                fields=["owner", "occurred_at"],
                name="interaction_outbound_touch",
                condition=models.Q(direction="outbound")
                & (
                    models.Q(kind="call")
                    | models.Q(kind="email")
                    | models.Q(kind="event")
                    | models.Q(kind="meeting")
                    | models.Q(kind="message")
                ),
            ),
        ]
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_at:%Y-%m-%d}: {self.summary}"


class Note(Owned):
    """A fact or note about a person, with its confidentiality and its source."""

    person = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    confidentiality = models.CharField(max_length=12, choices=Confidentiality.choices, default=Confidentiality.PRIVATE)
    # Who told me (for confidences), when it is not the person themself.
    source = models.ForeignKey("goodwill.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
