"""Pairs the user looked at and declared two different people."""

from django.db import models

from goodwill.models.base import Owned


class DupeDismissal(Owned):
    """ "Not a duplicate": `goodwill dupes` stops listing this pair.

    Stored as an ordered pair (the lower person id first) so one pair has one row
    whichever way round it was named."""

    person_a = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "person_a", "person_b"], name="dupe_dismissal_once"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="dupe_dismissal_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.person_a_id} ≠ #{self.person_b_id}"
