"""Yearly dates: read as people write them, shown as people read them; the next occurrence,
29 February and the year-end wrap."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.yearly import (
    format_yearly,
    next_occurrence,
    parse_yearly,
    read_stored,
    spoken_with_weekday,
    stored,
    years_on,
)


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


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1985-07-17", (7, 17, 1985)),
        ("--07-17", (7, 17, None)),
        ("--02-29", (2, 29, None)),
        ("", None),
        ("--13-01", None),
        ("1985-02-30", None),
        ("17/07/1985", None),
    ],
)
def test_read_stored(text, expected):
    assert read_stored(text) == expected


def test_reads_as_words_never_as_iso():
    assert format_yearly(7, 17) == "17 July"
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


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1984-07-17", (7, 17, 1984)),
        ("--07-17", (7, 17, None)),
        ("--0717", (7, 17, None)),
        ("17 July", (7, 17, None)),
        ("17 july 1984", (7, 17, 1984)),
        ("July 17", (7, 17, None)),
        ("Jul 17, 1984", (7, 17, 1984)),
        ("17th Jul", (7, 17, None)),
        ("29 February", (2, 29, None)),
        ("  3   march  ", (3, 3, None)),
    ],
)
def test_read(text, expected):
    assert parse_yearly(text) == expected


@pytest.mark.parametrize(
    "text,message",
    [
        ("31 June", "there is no day 31 in June"),
        ("29 February 2023", "no day 29 in February"),
        ("--13-01", "write it as 17 July"),
        ("17 Jully", "write it as 17 July"),
        ("", "write it as"),
        ("17 July 1850", "a year between 1900 and 2999"),
        ("ju 17", "write it as"),
        ("tomorrow", "write it as"),
    ],
)
def test_refuse_with_one_line(text, message):
    with pytest.raises(ValueError, match=message):
        parse_yearly(text)


def test_show_and_store():
    assert format_yearly(7, 17) == "17 July" and format_yearly(7, 17, 1984) == "17 July 1984"
    assert stored(7, 17, None) == "--07-17" and stored(7, 17, 1984) == "1984-07-17"
    assert read_stored("--07-17") == (7, 17, None) and read_stored("") is None and read_stored("garbage") is None
