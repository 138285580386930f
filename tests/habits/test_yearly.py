"""Yearly dates: the next occurrence, 29 February, the year-end wrap, and how they read."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.yearly import next_occurrence, parse_yearly, spoken, spoken_with_weekday, years_on


def test_later_this_year_and_today_itself():
    assert next_occurrence(7, 17, date(2026, 7, 1)) == date(2026, 7, 17)
    assert next_occurrence(7, 17, date(2026, 7, 17)) == date(2026, 7, 17)


def test_already_past_this_year_means_next_year():
    assert next_occurrence(7, 17, date(2026, 7, 18)) == date(2027, 7, 17)


def test_year_end_wrap():
    assert next_occurrence(1, 2, date(2026, 12, 30)) == date(2027, 1, 2)


def test_29_february():
    assert next_occurrence(2, 29, date(2026, 2, 1)) == date(2026, 2, 28)  # no 29th in 2026
    assert next_occurrence(2, 29, date(2027, 12, 30)) == date(2028, 2, 29)  # 2028 has one
    assert next_occurrence(2, 29, date(2026, 3, 1)) == date(2027, 2, 28)
    assert next_occurrence(2, 29, date(2100, 1, 1)) == date(2100, 2, 28)  # not a leap year


@pytest.mark.parametrize("text,expected", [
    ("1985-07-17", (1985, 7, 17)), ("--07-17", (None, 7, 17)), ("--02-29", (None, 2, 29)),
    ("", None), ("--13-01", None), ("1985-02-30", None), ("17/07/1985", None), ("--7-17", None),
])
def test_parse(text, expected):
    assert parse_yearly(text) == expected


def test_reads_as_words_never_as_iso():
    assert spoken(7, 17) == "17 July"
    assert spoken_with_weekday(date(2026, 7, 17)) == "Fri 17 July"


def test_years_marked():
    assert years_on(1985, date(2026, 7, 17)) == 41
    assert years_on(None, date(2026, 7, 17)) is None
    assert years_on(2030, date(2026, 7, 17)) is None


@given(month=st.integers(1, 12), day=st.integers(1, 31), today=st.dates(date(1901, 1, 1), date(2998, 12, 31)))
def test_next_occurrence_is_the_first_matching_day_within_a_year(month, day, today):
    try:
        date(2000, month, day)
    except ValueError:
        return  # not a calendar date at all
    found = next_occurrence(month, day, today)
    assert today <= found < today + timedelta(days=366)
    if (month, day) == (2, 29):
        assert (found.month, found.day) in ((2, 29), (2, 28))
    else:
        assert (found.month, found.day) == (month, day)
    # No earlier day since today matches: it is the next one, not any later one.
    earlier = found - timedelta(days=1)
    assert earlier < today or next_occurrence(month, day, earlier) == found


def test_a_stored_birthday_in_words():
    from goodwill.habits.yearly import in_words

    assert in_words("1985-07-17") == "17 July 1985"
    assert in_words("--07-17") == "17 July"
    assert in_words("") == "" and in_words("July-ish") == "July-ish"
