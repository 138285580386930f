"""Yearly dates are read as people write them and shown as people read them."""
import pytest

from goodwill.habits.yearly import format_yearly, parse_yearly, read_stored, stored


@pytest.mark.parametrize("text,expected", [
    ("1984-07-17", (7, 17, 1984)), ("--07-17", (7, 17, None)), ("--0717", (7, 17, None)),
    ("17 July", (7, 17, None)), ("17 july 1984", (7, 17, 1984)), ("July 17", (7, 17, None)),
    ("Jul 17, 1984", (7, 17, 1984)), ("17th Jul", (7, 17, None)), ("29 February", (2, 29, None)),
    ("  3   march  ", (3, 3, None)),
])
def test_read(text, expected):
    assert parse_yearly(text) == expected


@pytest.mark.parametrize("text,message", [
    ("31 June", "there is no day 31 in June"), ("29 February 2023", "no day 29 in February"),
    ("--13-01", "write it as 17 July"), ("17 Jully", "write it as 17 July"), ("", "write it as"),
    ("17 July 1850", "a year between 1900 and 2999"), ("ju 17", "write it as"), ("tomorrow", "write it as"),
])
def test_refuse_with_one_line(text, message):
    with pytest.raises(ValueError, match=message):
        parse_yearly(text)


def test_show_and_store():
    assert format_yearly(7, 17) == "17 July" and format_yearly(7, 17, 1984) == "17 July 1984"
    assert stored(7, 17, None) == "--07-17" and stored(7, 17, 1984) == "1984-07-17"
    assert read_stored("--07-17") == (7, 17, None) and read_stored("") is None and read_stored("garbage") is None
