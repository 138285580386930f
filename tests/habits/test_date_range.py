"""The one date range every front door keeps: from 1900, at most ten years ahead, no counting backwards."""

from datetime import date

import pytest

from goodwill.habits.dates import DateError, check_day, parse_due

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("day", [date(1900, 1, 1), TODAY, date(2036, 11, 23), date(2026, 1, 1)])
def test_days_in_the_range_pass(day):
    assert check_day(day, TODAY) == day


@pytest.mark.parametrize(
    "day,expected",
    [
        (date(1899, 12, 31), "1899-12-31 is before 1900; give a date from 1900-01-01 on"),
        (date(2036, 11, 24), "2036-11-24 is more than 10 years ahead; give a date up to 2036-11-23"),
        (date(9999, 12, 31), "more than 10 years ahead"),
    ],
)
def test_days_out_of_range_are_one_line_errors(day, expected):
    with pytest.raises(DateError, match=expected):
        check_day(day, TODAY)


def test_a_day_that_happened_is_not_in_the_future():
    assert check_day(TODAY, TODAY, happened=True) == TODAY
    with pytest.raises(DateError, match="in the future"):
        check_day(date(2026, 11, 24), TODAY, happened=True)


def test_ten_years_from_a_leap_day_is_the_end_of_february():
    assert check_day(date(2038, 2, 28), date(2028, 2, 29)) == date(2038, 2, 28)


@pytest.mark.parametrize("text", ["in -3 weeks", "-3 weeks", "in - 2 days", "in \u22125 days"])
def test_counting_backwards_is_refused(text):
    with pytest.raises(DateError, match="counts backwards"):
        parse_due(text, TODAY)


@pytest.mark.parametrize("text", ["2026-12-01", "12-3", "in 3 weeks", "2026-11-30"])
def test_dashes_in_dates_are_not_minus_signs(text):
    assert parse_due(text, TODAY).day >= TODAY
