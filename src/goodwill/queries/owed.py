"""Replies I owe one person: the one rule for "owed" on a person (their page's count, its
ideas, marking them answered)."""

from __future__ import annotations

from django.db.models import QuerySet

from goodwill.models import Interaction, Person
from goodwill.models.base import Owner
from goodwill.queries.compiled import Compiled


def replies_owed_to(owner: Owner | int, person: Person | int) -> QuerySet[Interaction]:
    """Their calls and emails still awaiting my reply."""
    return Interaction.objects.filter(owner=owner, participants=person, awaiting_reply=True, replied_at__isnull=True)


# Compiled once: every Person page built reads it (its count, and its ideas quote the oldest).
_OWED = Compiled(
    lambda owner_id, person_id: (
        replies_owed_to(owner_id, person_id).order_by("occurred_at").values_list("kind", "summary", "confidentiality")
    )
)


def owed_to(owner: Owner, person: Person) -> list[tuple[str, str, str]]:
    """(kind, summary, confidentiality) of each reply owed to them, oldest first."""
    return _OWED.rows(owner_id=owner.pk, person_id=person.pk)
