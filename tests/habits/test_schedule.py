"""When scheduled work is due: the digest's hour and days, N-minute slots, backoff (quiet hours: habits.push)."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.schedule import (
    DIGEST_LATE_LIMIT,
    MAX_ATTEMPTS,
    digest_slot,
    every_slot,
    next_try,
)

NY = ZoneInfo("America/New_York")
WORKDAYS = [0, 1, 2, 3, 4]


def test_the_digest_is_due_from_its_hour_on_a_chosen_day():
    thursday = datetime(2026, 12, 3, 7, 30, tzinfo=NY)
    assert digest_slot(thursday, time(7, 30), WORKDAYS) == "2026-12-03"
    assert digest_slot(thursday - timedelta(minutes=1), time(7, 30), WORKDAYS) is None


def test_a_late_machine_still_sends_the_morning_digest_but_not_at_night():
    woke = datetime(2026, 12, 3, 10, 0, tzinfo=NY)
    assert digest_slot(woke, time(7, 30), WORKDAYS) == "2026-12-03"
    assert digest_slot(datetime(2026, 12, 3, 7, 30, tzinfo=NY) + DIGEST_LATE_LIMIT, time(7, 30), WORKDAYS) is None


def test_no_digest_on_a_day_not_chosen():
    saturday = datetime(2026, 12, 5, 8, 0, tzinfo=NY)
    assert digest_slot(saturday, time(7, 30), WORKDAYS) is None
    assert digest_slot(saturday, time(7, 30), [5]) == "2026-12-05"


def test_the_slot_is_the_local_date_not_the_servers():
    # 02:00 UTC on Friday is still Thursday evening in New York.
    late_thursday = datetime(2026, 12, 4, 2, 0, tzinfo=UTC).astimezone(NY)
    assert digest_slot(late_thursday, time(20, 0), WORKDAYS) == "2026-12-03"


def test_every_slot_changes_once_per_window():
    start = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    assert every_slot(start, 15) == every_slot(start + timedelta(minutes=14, seconds=59), 15)
    assert every_slot(start, 15) != every_slot(start + timedelta(minutes=15), 15)


@given(st.datetimes(timezones=st.just(UTC)), st.integers(min_value=1, max_value=24 * 60))
def test_every_slot_is_the_same_in_every_zone(moment, every):
    assert every_slot(moment, every) == every_slot(moment.astimezone(NY), every)


def test_backoff_grows_then_gives_up():
    failed = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    waits = [next_try(failed, attempt) for attempt in range(1, MAX_ATTEMPTS + 1)]
    assert [w - failed for w in waits[:-1] if w] == [timedelta(minutes=m) for m in (1, 5, 30, 120)]
    assert waits[-1] is None
