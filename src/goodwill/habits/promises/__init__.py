"""Promise finding: commitments in notes, emails and chat (docs/promises.md)."""

from goodwill.habits.promises.finder import FoundPromise, find_promises

__all__ = ["FoundPromise", "find_promises"]
