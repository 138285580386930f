from django.db import models

from goodwill.models.base import Owned
from goodwill.models.choices import Ball, StepStatus


class NextStep(Owned):
    """A next step or promise: who holds the ball, for whom, and by when."""

    person = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="steps")
    interaction = models.ForeignKey(
        "goodwill.Interaction", null=True, blank=True, on_delete=models.SET_NULL, related_name="steps"
    )
    text = models.CharField(max_length=500)
    ball = models.CharField(max_length=6, choices=Ball.choices, default=Ball.MINE)
    due_on = models.DateField(null=True, blank=True)
    # A soft date comes from vague timing ("soon"): a reminder, never a deadline.
    due_firm = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=StepStatus.choices, default=StepStatus.OPEN)
    # The sentence a promise was found in, as written (empty when typed as a step).
    source_sentence = models.TextField(blank=True)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "status", "ball", "due_on"], name="step_due"),
            # My promises on Today, soonest first: with two balls (mine, both) step_due gives no
            # one order by day, and PostgreSQL sorted all ~6,000 open ones at 100,000 people.
            models.Index(fields=["owner", "status", "due_on", "id"], name="step_due_order"),
        ]
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text


class StepChange(Owned):
    """History of a step: every status or date change, so nothing is rewritten silently."""

    step = models.ForeignKey(NextStep, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField()
    field = models.CharField(max_length=20)
    old = models.CharField(max_length=100, blank=True)
    new = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
