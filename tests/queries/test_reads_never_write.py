"""A read never writes: the agenda, the checklist and the rest read a user's settings
without creating them (the defaults stand in, unsaved); the services that change a
setting create the row."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goodwill.models import UserSettings

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.fixture
def newcomer(db):
    """A user with no settings row yet (as a login made outside Goodwill's own services would be)."""
    return get_user_model().objects.create_user(username="dora")


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def test_the_agenda_writes_nothing_for_a_user_without_settings(newcomer, now):
    from goodwill.queries.first_run import checklist
    from goodwill.queries.momentum import touch_momentum
    from goodwill.queries.today import agenda
    from goodwill.queries.zones import my_zone

    with CaptureQueriesContext(connection) as ctx:
        result = agenda(newcomer)
        checklist(newcomer)
        touch_momentum(newcomer, now.date())
        my_zone(newcomer)
    assert _writes(ctx.captured_queries) == []
    assert not UserSettings.objects.filter(user=newcomer).exists()
    assert result.today == now.date()


def test_a_read_gives_the_defaults_unsaved(newcomer):
    from goodwill.services.accounts import settings_for

    prefs = settings_for(newcomer)
    assert (prefs.pk, prefs.weekly_goal, prefs.response_window_days, prefs.default_currency) == (None, 5, 1, "USD")
    assert not UserSettings.objects.filter(user=newcomer).exists()


def test_changing_a_setting_creates_the_row(newcomer):
    from goodwill.services.onboarding import dismiss_checklist
    from goodwill.services.preferences import set_preference

    set_preference(newcomer, "weekly-goal", "7")
    dismiss_checklist(newcomer)
    prefs = UserSettings.objects.get(user=newcomer)
    assert prefs.weekly_goal == 7 and prefs.onboarding == {"goal_set": True, "checklist_dismissed": True}
