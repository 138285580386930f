"""Settings shows the latest scheduled runs and their errors; each user sees only their own."""

from datetime import datetime
from zoneinfo import ZoneInfo

from goodwill.models import JobRun

WHEN = datetime(2026, 11, 23, 7, 30, tzinfo=ZoneInfo("UTC"))


def _runs(alice, bob):
    JobRun.objects.create(
        owner=alice, kind="digest", slot="2026-11-23", queued_at=WHEN, status="done", summary="sent: 3 replies owed"
    )
    JobRun.objects.create(
        owner=alice,
        kind="digest",
        slot="2026-11-20",
        queued_at=WHEN.replace(day=20),
        status="failed",
        attempts=2,
        error="smtp.example.com refused the connection",
        next_try_at=WHEN.replace(day=20, hour=8),
    )
    JobRun.objects.create(owner=bob, kind="digest", slot="2026-11-23", queued_at=WHEN, status="done", summary="BOBS")


def test_settings_shows_my_runs_and_their_errors(client, alice, bob):
    _runs(alice, bob)
    client.force_login(alice)
    page = client.get("/settings/").content.decode()
    assert "Scheduled work" in page and "sent: 3 replies owed" in page
    assert "refused the connection" in page and "trying again 20 Nov 08:30" in page
    assert "BOBS" not in page


def test_settings_with_nothing_run(client, charlie):
    client.force_login(charlie)
    assert "Nothing has run yet" in client.get("/settings/").content.decode()


def test_the_settings_title_is_just_settings(client, alice):
    """A stray include once put the whole Notifications section inside <title>."""
    client.force_login(alice)
    page = client.get("/settings/").content.decode()
    assert page[page.index("<title>") : page.index("</title>")].count("<") == 1
