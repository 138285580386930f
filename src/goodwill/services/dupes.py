"""Saying "these two are different people": `goodwill dupes` then stops listing the pair.

A dismissal is stored once per pair, the lower person id first, so it does not
matter which way round the pair is named. Merging a dismissed pair is still
allowed (services/merge.py carries dismissals over to the kept person).
"""

from __future__ import annotations

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import DupeDismissal, Person


def ordered_pair(owner, a: Person, b: Person) -> tuple[Person, Person]:
    """The pair, lower id first; only the owner's people, and two different ones."""
    for person in (a, b):
        person.check_owner(owner)
    if a.pk == b.pk:
        raise InvalidInput(f"{a.name} (#{a.pk}) was named twice; name the two people who are not the same")
    return (a, b) if a.pk < b.pk else (b, a)


@transaction.atomic
def dismiss_pair(owner, a: Person, b: Person) -> tuple[DupeDismissal, bool]:
    """Mark a and b as two different people; returns the dismissal and whether it is new."""
    low, high = ordered_pair(owner, a, b)
    return DupeDismissal.objects.get_or_create(
        owner=owner, person_a=low, person_b=high, defaults={"created_at": clock.now()}
    )


@transaction.atomic
def undismiss_pair(owner, a: Person, b: Person) -> None:
    """Take a dismissal back: the pair is listed again when it still looks alike."""
    low, high = ordered_pair(owner, a, b)
    deleted, _ = DupeDismissal.objects.filter(owner=owner, person_a=low, person_b=high).delete()
    if not deleted:
        raise InvalidInput(
            f"#{low.pk} {low.name} and #{high.pk} {high.name} were not marked as different people", code="not-dismissed"
        )
