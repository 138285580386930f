from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.cadence import (
    DEFAULT_CIRCLES,
    Rhythm,
    TouchState,
    parse_cadence,
    touch_state,
    urgency_key,
)

TODAY = date(2026, 11, 23)
MONTHLY = Rhythm.from_cadence(30)  # due at 30 days, overdue at 45


def state(days_ago, rhythm=MONTHLY, **kwargs):
    kwargs.setdefault("since", date(2020, 1, 1))
    return touch_state(rhythm, last_touch=TODAY - timedelta(days=days_ago), today=TODAY, **kwargs)


# Rhythm


def test_from_cadence_max_is_one_and_a_half_times_ideal():
    assert Rhythm.from_cadence(14) == Rhythm(14, 21)
    assert Rhythm.from_cadence(30) == Rhythm(30, 45)


def test_from_cadence_rounds_half_up():
    assert Rhythm.from_cadence(3).max_days == 5
    assert Rhythm.from_cadence(5).max_days == 8
    assert Rhythm.from_cadence(365).max_days == 548


def test_from_cadence_max_is_at_least_one_more_than_ideal():
    assert Rhythm.from_cadence(1) == Rhythm(1, 2)


def test_default_circles():
    assert {name: r.ideal_days for name, r in DEFAULT_CIRCLES.items()} == {
        "inner": 14,
        "close": 30,
        "network": 90,
        "outer": 365,
    }
    assert DEFAULT_CIRCLES["network"] == Rhythm.from_cadence(90)


@pytest.mark.parametrize("ideal, maximum", [(0, 1), (-5, 3), (10, 10), (10, 9)])
def test_rhythm_rejects_impossible_gaps(ideal, maximum):
    with pytest.raises(ValueError):
        Rhythm(ideal, maximum)


# touch_state boundaries


@pytest.mark.parametrize(
    "days_ago, status",
    [(0, "ok"), (29, "ok"), (30, "due"), (44, "due"), (45, "overdue"), (400, "overdue")],
)
def test_status_boundaries(days_ago, status):
    assert state(days_ago).status == status


def test_dates_days_and_ratio():
    result = state(69)
    last = TODAY - timedelta(days=69)
    assert result == TouchState(
        status="overdue",
        last_touch=last,
        due_on=last + timedelta(days=30),
        overdue_on=last + timedelta(days=45),
        days_since=69,
        ratio=2.3,
    )


def test_never_touched_is_measured_from_since():
    added = TODAY - timedelta(days=20)
    result = touch_state(Rhythm.from_cadence(14), last_touch=None, since=added, today=TODAY)
    assert result.status == "due"
    assert result.last_touch is None
    assert result.days_since is None
    assert result.due_on == added + timedelta(days=14)
    assert result.overdue_on == added + timedelta(days=21)
    assert result.ratio == pytest.approx(20 / 14)


def test_never_touched_added_today_is_ok():
    result = touch_state(MONTHLY, last_touch=None, since=TODAY, today=TODAY)
    assert (result.status, result.ratio) == ("ok", 0.0)


def test_last_touch_wins_over_since():
    result = touch_state(MONTHLY, last_touch=TODAY, since=TODAY - timedelta(days=999), today=TODAY)
    assert (result.status, result.days_since) == ("ok", 0)


def test_future_touch_counts_as_today():
    result = touch_state(MONTHLY, last_touch=TODAY + timedelta(days=3), since=TODAY, today=TODAY)
    assert (result.status, result.days_since, result.ratio) == ("ok", 0, 0.0)


# snooze


def test_snoozed_whatever_the_gap():
    result = state(400, snoozed_until=TODAY + timedelta(days=1))
    assert result.status == "snoozed"
    assert result.ratio == pytest.approx(400 / 30)  # still known, for display


def test_snooze_ends_on_its_date():
    assert state(400, snoozed_until=TODAY).status == "overdue"
    assert state(10, snoozed_until=TODAY).status == "ok"


def test_past_snooze_is_ignored():
    assert state(35, snoozed_until=TODAY - timedelta(days=5)).status == "due"


def test_snooze_applies_to_never_touched():
    result = touch_state(
        MONTHLY,
        last_touch=None,
        since=TODAY - timedelta(days=100),
        today=TODAY,
        snoozed_until=TODAY + timedelta(days=7),
    )
    assert result.status == "snoozed"


# urgency_key


def test_urgency_orders_overdue_then_due_then_ok_then_snoozed():
    weekly = Rhythm.from_cadence(7)
    overdue_mildly = state(46)  # 1.5x
    overdue_badly = state(30, rhythm=weekly)  # 4.3x
    due = state(31)
    ok = state(1)
    snoozed = state(500, snoozed_until=TODAY + timedelta(days=3))
    ranked = sorted([ok, snoozed, due, overdue_mildly, overdue_badly], key=urgency_key)
    assert ranked == [overdue_badly, overdue_mildly, due, ok, snoozed]


def test_urgency_ranks_by_ratio_not_days():
    yearly_late = state(600, rhythm=DEFAULT_CIRCLES["outer"])  # 1.6x
    inner_late = state(40, rhythm=DEFAULT_CIRCLES["inner"])  # 2.9x
    assert sorted([yearly_late, inner_late], key=urgency_key) == [inner_late, yearly_late]


# parse_cadence


@pytest.mark.parametrize(
    "text, days",
    [
        ("14", 14),
        ("14d", 14),
        ("14 days", 14),
        ("1 day", 1),
        ("2w", 14),
        ("3 weeks", 21),
        ("week", 7),
        ("1m", 30),
        ("month", 30),
        ("2 months", 60),
        ("quarterly", 91),
        ("1q", 91),
        ("yearly", 365),
        ("1y", 365),
        ("annually", 365),
        ("monthly", 30),
        ("weekly", 7),
        ("fortnightly", 14),
        ("every 2 weeks", 14),
        ("  3  WEEKS ", 21),
        ("10y", 3650),
        ("3650", 3650),
    ],
)
def test_parse_cadence(text, days):
    assert parse_cadence(text) == days


@pytest.mark.parametrize("text", ["", "  ", "abc", "2x", "w2", "1.5w", "every", "two weeks"])
def test_parse_cadence_rejects_unreadable_text(text):
    with pytest.raises(ValueError, match="cannot read cadence") as error:
        parse_cadence(text)
    message = str(error.value)
    assert repr(text) in message
    assert "2w" in message and "quarterly" in message
    assert "\n" not in message


@pytest.mark.parametrize("text", ["0", "0d", "-3", "3651", "11y", "522w"])
def test_parse_cadence_rejects_out_of_range(text):
    with pytest.raises(ValueError) as error:
        parse_cadence(text)
    message = str(error.value)
    assert repr(text) in message
    assert "2w" in message
    assert "\n" not in message


# properties


@given(
    ideal=st.integers(1, 3650),
    last=st.dates(date(2000, 1, 1), date(2030, 1, 1)),
    later=st.integers(0, 5000),
    step=st.integers(0, 5000),
)
def test_ratio_is_monotonic_in_today(ideal, last, later, step):
    rhythm = Rhythm.from_cadence(ideal)
    first = touch_state(rhythm, last_touch=last, since=last, today=last + timedelta(days=later))
    second = touch_state(rhythm, last_touch=last, since=last, today=last + timedelta(days=later + step))
    assert second.ratio >= first.ratio
    assert urgency_key(second) <= urgency_key(first)


@given(ideal=st.integers(1, 3650), gap=st.integers(0, 10_000))
def test_status_agrees_with_dates(ideal, gap):
    rhythm = Rhythm.from_cadence(ideal)
    last = date(2020, 1, 1)
    today = last + timedelta(days=gap)
    result = touch_state(rhythm, last_touch=last, since=last, today=today)
    assert (result.status == "overdue") == (today >= result.overdue_on)
    assert (result.status == "ok") == (today < result.due_on)
    assert result.ratio == gap / ideal


@given(st.integers(1, 3650))
def test_parse_cadence_round_trips_days(days):
    assert parse_cadence(str(days)) == days
    assert parse_cadence(f"{days}d") == days
