from django.db import models


class Confidentiality(models.TextChoices):
    SHAREABLE = "shareable", "shareable"
    PRIVATE = "private", "private"
    # Told in confidence: never leaves its own person's page.
    CONFIDENTIAL = "confidential", "confidential"


class InteractionKind(models.TextChoices):
    CALL = "call", "call"
    MEETING = "meeting", "meeting"
    EMAIL = "email", "email"
    MESSAGE = "message", "message"
    EVENT = "event", "event"
    NOTE = "note", "note"


# Kinds that reach the other person; a note to self does not reset the rhythm.
TOUCH_KINDS = frozenset({"call", "meeting", "email", "message", "event"})
# Kinds that can leave a reply owed when they come in.
REPLYABLE_KINDS = frozenset({"call", "email", "message"})


class Direction(models.TextChoices):
    OUTBOUND = "outbound", "outbound"
    INBOUND = "inbound", "inbound"


class Ball(models.TextChoices):
    """Whose move it is: a next step I owe, they owe, or we both agreed on."""

    MINE = "mine", "mine"
    THEIRS = "theirs", "theirs"
    BOTH = "both", "both"


class StepStatus(models.TextChoices):
    """A step's life. For a promise, "done" is kept; "released" means the other
    side let me off; "broken" means past due and abandoned."""

    OPEN = "open", "open"
    DONE = "done", "done"
    DROPPED = "dropped", "dropped"
    RELEASED = "released", "released"
    BROKEN = "broken", "broken"
