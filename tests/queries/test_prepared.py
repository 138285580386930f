"""The agenda's reads from their prepared SQL (queries.prepared), as `goodwill today` runs
them without Django: the file is what the querysets compile to, and the agenda it reads is
the agenda Django reads, field for field, on networks that take each of its paths."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection

from goodwill.queries import compiled, prepared
from goodwill.queries.accounts import PlainUser
from goodwill.queries.prepared_sqlite import PLANS

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="prepared SQL is SQLite's")


def test_the_prepared_file_is_what_the_querysets_compile_to():
    from goodwill.queries.prepared_build import build, render

    written = (Path(prepared.__file__).parent / "prepared_sqlite.py").read_text()
    assert written == render(build()), "a read changed: run .venv/bin/python scripts/prepared_sql.py"


def test_a_list_slot_is_written_once_per_item():
    slots = (("owner_id", None, None, None), ("ids", "each", None, None), (None, None, None, "open"))
    text, params = prepared._bind("a = ? AND id IN (?) AND s = ?", slots, {"owner_id": 7, "ids": [1, 2, 3]})
    assert text == "a = ? AND id IN (?, ?, ?) AND s = ?"
    assert params == [7, 1, 2, 3, "open"]


def test_values_bind_and_read_back_as_djangos_sqlite_backend_does():
    moment = datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    assert prepared._adapt("datetime", moment) == str(moment.replace(tzinfo=None))
    assert prepared._adapt("datetime", moment.astimezone(UTC).astimezone()) == "2026-03-04 05:06:07.000890"
    assert prepared._adapt("date", date(2026, 3, 4)) == "2026-03-04"
    assert prepared._convert("datetime", "2026-03-04 05:06:07.000890") == moment
    assert prepared._convert("date", "2026-03-04") == date(2026, 3, 4)
    assert prepared._convert("bool", 1) is True and prepared._convert("json", '{"a": 1}') == {"a": 1}
    assert prepared._convert("datetime", None) is None


def test_a_value_it_cannot_read_sends_the_command_back_to_django():
    with pytest.raises(prepared.NotPrepared):
        prepared._convert("date", "the fourth of March")


@pytest.fixture
def both_ways(transactional_db, monkeypatch):
    """agenda(user) through Django and from the prepared SQL, on the test database (committed
    rows: transactional_db; the in-memory test database's shared-cache name opens it again)."""
    from goodwill.queries.today import agenda

    name = connection.settings_dict["NAME"]

    def run(user, now: datetime):
        by_django = agenda(user, now=now)
        runner = prepared.PreparedSQLite(sqlite3.connect(name, uri=name.startswith("file:")), PLANS)
        prepared.name_reads()
        compiled.use_runner(runner)
        try:
            without = agenda(PlainUser(user.pk), now=now)
            assert runner.columns  # the reads ran from the prepared SQL
        finally:
            prepared.stop()
        return by_django, without

    return run


def test_the_demo_networks_agenda_is_the_same_both_ways(both_ways, alice, monkeypatch):
    from goodwill.demo import build_demo
    from goodwill.queries import rhythm

    moment = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    monkeypatch.setenv("GOODWILL_NOW", moment.isoformat())
    build_demo(alice, people=120, now=moment)
    by_django, without = both_ways(alice, moment)
    assert without == by_django
    assert by_django.replies_owed and by_django.my_steps and by_django.people_due and by_django.their_steps
    # A big network ranks the due a rhythm at a time (its own statements): the same again.
    monkeypatch.setattr(rhythm, "RHYTHM_AT_A_TIME_FROM", 1)
    by_django, without = both_ways(alice, moment)
    assert without == by_django and len(by_django.people_due) == 10
    # Other days: a week that passes 28 February of a year without a 29th, and past every step.
    for later in (datetime(2027, 2, 25, 9, 0, tzinfo=UTC), moment + timedelta(days=40)):
        monkeypatch.setenv("GOODWILL_NOW", later.isoformat())
        by_django, without = both_ways(alice, later)
        assert without == by_django


def test_an_empty_network_shows_the_same_guide_and_checklist(both_ways, alice, now):
    by_django, without = both_ways(alice, now)
    assert without == by_django and by_django.first_run and by_django.checklist


def test_a_user_with_no_settings_row_is_left_to_django(both_ways, alice, now):
    from goodwill.models import UserSettings

    UserSettings.objects.filter(user=alice).delete()
    with pytest.raises(prepared.NotPrepared):
        both_ways(alice, now)
