"""Dates as exports write them (issue 12: an unambiguous day-first date is read)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.formats.dates import parse_date

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@pytest.mark.parametrize(
    "text, dayfirst, expected",
    [
        ("20/01/1991", False, "1991-01-20"),  # Roundcube, in a file of no day-first client
        ("4/13/1985", True, "1985-04-13"),  # a US date in a day-first file
        ("03/04/1990", False, "1990-03-04"),  # ambiguous: the file's order decides
        ("03/04/1990", True, "1990-04-03"),
        ("31/31/1991", False, None),
        ("13/13/1991", True, None),
    ],
)
def test_numeric_dates(text, dayfirst, expected):
    assert parse_date(text, dayfirst=dayfirst) == expected


@given(DATES, st.sampled_from("/.-"), st.booleans())
def test_a_day_after_the_twelfth_is_read_day_first_either_way(day, sep, dayfirst):
    text = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"
    parsed = parse_date(text, dayfirst=dayfirst)
    if day.day > 12 or dayfirst or sep == ".":
        assert parsed == day.isoformat()


@given(DATES, st.booleans())
def test_a_month_first_date_is_read_unless_the_file_says_day_first(day, dayfirst):
    text = f"{day.month}/{day.day}/{day.year}"
    parsed = parse_date(text, dayfirst=dayfirst)
    if not dayfirst or day.day > 12:
        assert parsed == day.isoformat()


@given(st.text(max_size=30), st.booleans())
def test_any_text_is_a_date_or_none(text, dayfirst):
    parsed = parse_date(text, dayfirst=dayfirst)
    assert parsed is None or date.fromisoformat(parsed.replace("--", "2000-", 1) if parsed.startswith("--") else parsed)
