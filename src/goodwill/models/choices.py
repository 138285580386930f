from django.db import models

from goodwill import choice_values


class Confidentiality(models.TextChoices):
    SHAREABLE = choice_values.Confidentiality.SHAREABLE.value, "shareable"
    PRIVATE = choice_values.Confidentiality.PRIVATE.value, "private"
    # Told in confidence: never leaves its own person's page.
    CONFIDENTIAL = choice_values.Confidentiality.CONFIDENTIAL.value, "confidential"


class InteractionKind(models.TextChoices):
    CALL = "call", "call"
    MEETING = "meeting", "meeting"
    EMAIL = "email", "email"
    MESSAGE = "message", "message"
    EVENT = "event", "event"
    NOTE = "note", "note"


# Kinds that reach the other person, and kinds that can leave a reply owed (goodwill.choice_values).
TOUCH_KINDS = choice_values.TOUCH_KINDS
REPLYABLE_KINDS = choice_values.REPLYABLE_KINDS


class Direction(models.TextChoices):
    OUTBOUND = "outbound", "outbound"
    INBOUND = "inbound", "inbound"


class Ball(models.TextChoices):
    """Whose move it is: a next step I owe, they owe, or we both agreed on."""

    MINE = choice_values.Ball.MINE.value, "mine"
    THEIRS = choice_values.Ball.THEIRS.value, "theirs"
    BOTH = choice_values.Ball.BOTH.value, "both"


class StepStatus(models.TextChoices):
    """A step's life. For a promise, "done" is kept; "released" means the other
    side let me off; "broken" means past due and abandoned."""

    OPEN = choice_values.StepStatus.OPEN.value, "open"
    DONE = choice_values.StepStatus.DONE.value, "done"
    DROPPED = choice_values.StepStatus.DROPPED.value, "dropped"
    RELEASED = choice_values.StepStatus.RELEASED.value, "released"
    BROKEN = choice_values.StepStatus.BROKEN.value, "broken"
