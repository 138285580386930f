"""The first-run checklist's own state (UserSettings.onboarding): what data cannot
show. A weekly goal always has a value (the default), so saving it is recorded here;
and the user may put the checklist away before it is done."""

from __future__ import annotations

from goodwill.models.settings import DISMISSED, GOAL_SET
from goodwill.services.accounts import settings_for_update


def _mark(owner, key: str) -> None:
    prefs = settings_for_update(owner)
    if not prefs.onboarding.get(key):
        prefs.onboarding = {**prefs.onboarding, key: True}
        prefs.save(update_fields=["onboarding"])


def note_goal_set(owner) -> None:
    """The user saved a weekly goal (settings page, `goodwill config set weekly-goal`)."""
    _mark(owner, GOAL_SET)


def dismiss_checklist(owner) -> None:
    """Put the first-run checklist away for good."""
    _mark(owner, DISMISSED)
