"""What one scheduled job did, in a line the user reads in Settings and `goodwill jobs`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JobOutcome:
    summary: str  # e.g. "sent to jane@example.com: 3 replies owed, 2 promises"
    skipped: bool = False  # nothing needed doing (a digest with nothing in it)
