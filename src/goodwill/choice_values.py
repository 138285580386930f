"""The values of the choices the agenda reads, without Django: `goodwill today` runs its
reads through the sqlite3 driver alone (goodwill.queries.prepared), so what it compares
rows with can't live in the models. The models build their choices from these."""

from __future__ import annotations

from enum import StrEnum


class Ball(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"


class StepStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
    RELEASED = "released"
    BROKEN = "broken"


class Confidentiality(StrEnum):
    SHAREABLE = "shareable"
    PRIVATE = "private"
    CONFIDENTIAL = "confidential"


# Kinds that reach the other person; a note to self does not reset the rhythm.
TOUCH_KINDS = frozenset({"call", "meeting", "email", "message", "event"})
# Kinds that can leave a reply owed when they come in.
REPLYABLE_KINDS = frozenset({"call", "email", "message"})

# An introduction's statuses and their labels, in the order the choices list them.
INTRO_STATUSES = [
    ("proposed", "proposed"),
    ("asked_a", "asked A"),
    ("asked_b", "asked B"),
    ("introduced", "introduced"),
    ("declined", "declined"),
    ("met", "met"),
    ("business", "business came of it"),
    ("nothing", "nothing came of it"),
]
INTRO_OPEN_STATUSES = ("proposed", "asked_a", "asked_b", "introduced")

# The first-run checklist's marks in a user's settings (UserSettings.onboarding).
ONBOARDING_GOAL_SET = "goal_set"
ONBOARDING_DISMISSED = "checklist_dismissed"
