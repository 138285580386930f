from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.workdays import add_business_days, business_days_late, reply_deadline

# The week of 2026-11-16: Monday 16th ... Friday 20th, Saturday 21st, Sunday 22nd.
MON, THU, FRI, SAT, SUN = 16, 19, 20, 21, 22


def at(day, hour=0, minute=0):
    return datetime(2026, 11, day, hour, minute)


@pytest.mark.parametrize(
    "start, days, expected",
    [
        (at(MON, 9), 1, at(17, 9)),
        (at(THU, 18), 1, at(FRI, 18)),
        (at(FRI, 18), 1, at(23, 18)),  # Friday evening: Monday, same time
        (at(FRI, 18), 2, at(24, 18)),
        (at(MON, 9), 5, at(23, 9)),
        (at(MON, 9), 10, at(30, 9)),
        (at(THU, 9), 7, at(30, 9)),
        (at(MON, 9), 0, at(MON, 9)),
    ],
)
def test_add_business_days_on_weekdays(start, days, expected):
    assert add_business_days(start, days) == expected


@pytest.mark.parametrize("day", [SAT, SUN])
def test_weekend_window_starts_monday_morning(day):
    assert add_business_days(at(day, 10, 30), 0) == at(23)
    # One business day from the weekend: the end of Monday.
    assert add_business_days(at(day, 10, 30), 1) == at(24)
    assert add_business_days(at(day, 23, 59), 5) == at(30)


def test_add_business_days_keeps_timezone():
    zone = timezone(timedelta(hours=-5))
    start = datetime(2026, 11, SAT, 12, tzinfo=zone)
    assert add_business_days(start, 1) == datetime(2026, 11, 24, tzinfo=zone)


def test_add_business_days_rejects_negative():
    with pytest.raises(ValueError):
        add_business_days(at(MON), -1)


def test_reply_deadline_defaults_to_one_business_day():
    assert reply_deadline(at(FRI, 17, 45)) == at(23, 17, 45)
    assert reply_deadline(at(SUN, 8)) == at(24)
    assert reply_deadline(at(MON, 9), window_days=3) == at(THU, 9)


# business_days_late


def test_within_window_is_not_late():
    deadline = reply_deadline(at(THU, 18))  # Friday 18:00
    assert business_days_late(deadline, at(FRI, 6)) == pytest.approx(-0.5)
    assert business_days_late(deadline, deadline) == 0


def test_weekend_time_does_not_count():
    deadline = at(FRI, 18)
    assert business_days_late(deadline, at(SAT, 12)) == pytest.approx(0.25)
    assert business_days_late(deadline, at(SUN, 23)) == pytest.approx(0.25)
    assert business_days_late(deadline, at(23, 18)) == pytest.approx(1.0)


def test_late_by_a_week():
    assert business_days_late(at(MON, 9), at(23, 9)) == pytest.approx(5.0)
    assert business_days_late(at(MON, 9), at(23, 21)) == pytest.approx(5.5)


def test_still_ahead_before_the_weekend():
    # Due Monday 09:00, asked on Friday 09:00: one business day left.
    assert business_days_late(at(23, 9), at(FRI, 9)) == pytest.approx(-1.0)


def test_late_compares_wall_clocks_in_the_deadline_zone():
    new_york = timezone(timedelta(hours=-5))
    deadline = datetime(2026, 11, FRI, 18, tzinfo=new_york)
    # Saturday 01:00 UTC is still Friday 20:00 in New York.
    now = datetime(2026, 11, SAT, 1, tzinfo=UTC)
    assert business_days_late(deadline, now) == pytest.approx(2 / 24)


def test_late_refuses_mixed_naive_and_aware():
    with pytest.raises(TypeError):
        business_days_late(at(MON), datetime(2026, 11, MON, tzinfo=UTC))


# properties

moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1))


@given(moments, st.integers(0, 600))
def test_never_lands_on_a_weekend(start, days):
    result = add_business_days(start, days)
    assert result.weekday() < 5
    assert result >= start


@given(moments, st.integers(0, 600))
def test_deadline_is_exactly_window_days_away(start, days):
    deadline = add_business_days(start, days)
    assert business_days_late(deadline, start) == pytest.approx(-days, abs=1e-6)


@given(moments, moments)
def test_lateness_is_monotonic_in_now(first, second):
    deadline = at(THU, 12)
    early, late = sorted([first, second])
    assert business_days_late(deadline, early) <= business_days_late(deadline, late)


@given(st.integers(1, 600), st.integers(0, 600))
def test_adding_windows_composes(first, second):
    start = at(MON, 9)
    assert add_business_days(add_business_days(start, first), second) == add_business_days(start, first + second)


ZONES = ["UTC", "America/New_York", "Europe/London", "Asia/Kathmandu", "Australia/Lord_Howe"]


@given(
    st.lists(
        st.tuples(
            st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
            st.sampled_from(ZONES),
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(min_value=0, max_value=12),
)
def test_reply_deadlines_remembered_by_day_are_reply_deadline(moments, window):
    """The memo the response stats use gives each message exactly its own deadline, in any
    order, zone (across daylight-saving changes) or hour of a weekend."""
    from zoneinfo import ZoneInfo

    from goodwill.habits.workdays import reply_deadlines

    deadline = reply_deadlines(window)
    for naive, zone in moments + moments[::-1]:
        received = naive.replace(tzinfo=ZoneInfo(zone))
        expected = reply_deadline(received, window)
        found = deadline(received)
        assert found == expected and found.replace(tzinfo=None) == expected.replace(tzinfo=None)
