"""Forms of the weekly review: where the walk is (the queue travels in the URL and the
forms), and which action. Each action's own fields are read by the form it shares with
the page that does the same (LogForm, StepForm, RhythmForm, SnoozeForm)."""

from __future__ import annotations

from goodwill.web.forms.base import Parsed, WebForm, box, count

MAX_QUEUE = 50


def queue_of(typed: str) -> list[int]:
    """ "12,7,31" → [12, 7, 31]; anything else is left out (every id is checked against the owner later)."""
    parts = (part.strip() for part in typed.split(","))  # strip() knows more spaces than int() does
    return [int(part) for part in parts if part.isdecimal()][:MAX_QUEUE]


class WalkForm(WebForm):
    """Where the walk is: the queue of people ids, the position in it, how many were reviewed."""

    queue = Parsed(queue_of, empty=[])
    at = Parsed(count, empty=0)
    reviewed = Parsed(count, empty=0)


class ActionForm(WebForm):
    action = box(strip=False)
