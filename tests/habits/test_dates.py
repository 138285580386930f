"""Natural due dates: a table of phrases over several bases, plus properties."""

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.habits.dates import DateError, DueDate, find_due, parse_due

MON = date(2026, 11, 23)  # a Monday, "today"
FRI = date(2026, 11, 27)
SAT = date(2026, 11, 28)
MONTH_END = date(2026, 11, 30)  # a Monday
NEW_YEARS_EVE = date(2026, 12, 31)  # a Thursday
RESEARCH = date(2025, 1, 15)  # the Wednesday of the research comparison
LEAP = date(2028, 2, 26)  # a Saturday in a leap February

T, F = True, False
TABLE = [
    # base, phrase, expected day, firm
    (MON, "2026-12-01", date(2026, 12, 1), T),
    (MON, "today", MON, T),
    (MON, "tonight", MON, T),
    (MON, "tomorrow", date(2026, 11, 24), T),
    (MON, "EOD", MON, T),
    (MON, "COB", MON, T),
    (MON, "by end of day", MON, T),
    (MON, "friday", FRI, T),
    (MON, "by Friday", FRI, T),
    (MON, "Monday", date(2026, 11, 30), T),  # a weekday is strictly after base
    (MON, "this Friday", FRI, T),
    (MON, "next Tuesday", date(2026, 12, 1), T),  # the Tuesday of next week
    (MON, "next Monday", date(2026, 11, 30), T),
    (MON, "this week", FRI, T),
    (MON, "end of the week", FRI, T),
    (MON, "by the end of the week", FRI, T),
    (MON, "EOW", FRI, T),
    (MON, "next week", date(2026, 12, 4), T),  # Friday of next week
    (MON, "early next week", date(2026, 12, 1), F),
    (MON, "end of month", MONTH_END, T),
    (MON, "EOM", MONTH_END, T),
    (MON, "by month end", MONTH_END, T),
    (MON, "end of next month", date(2026, 12, 31), T),
    (MON, "in two weeks", date(2026, 12, 7), T),
    (MON, "in 3 days", date(2026, 11, 26), T),
    (MON, "two weeks from now", date(2026, 12, 7), T),
    (MON, "within 48 hours", date(2026, 11, 25), T),
    (MON, "in a couple of weeks", date(2026, 12, 7), F),
    (MON, "a few days", date(2026, 11, 26), F),
    (MON, "early March", date(2027, 3, 5), F),
    (MON, "mid March", date(2027, 3, 15), F),
    (MON, "late March", date(2027, 3, 25), F),
    (MON, "mid-February", date(2027, 2, 15), F),
    (MON, "3 Dec", date(2026, 12, 3), T),
    (MON, "December 3", date(2026, 12, 3), T),
    (MON, "Dec 3rd, 2027", date(2027, 12, 3), T),
    (MON, "the 3rd of December", date(2026, 12, 3), T),
    (MON, "12/3", date(2026, 12, 3), T),  # US order: month/day
    (MON, "Nov 20", date(2027, 11, 20), T),  # past without a year rolls forward
    (MON, "11/20", date(2027, 11, 20), T),
    (MON, "by the 5th", date(2026, 12, 5), T),
    (MON, "Q1", date(2027, 3, 31), F),
    (MON, "end of Q1", date(2027, 3, 31), T),
    (MON, "end of quarter", date(2026, 12, 31), T),
    (MON, "after the holidays", date(2027, 1, 5), F),
    (MON, "soon", date(2026, 12, 7), F),
    (MON, "sometime", date(2026, 12, 7), F),
    (MON, "one of these days", date(2026, 12, 7), F),
    (MON, "at some point", date(2026, 12, 7), F),
    (MON, "next time we meet", date(2026, 12, 7), F),
    (MON, "sometime next week", date(2026, 12, 4), F),
    (MON, "asap", date(2026, 11, 24), F),
    (FRI, "friday", date(2026, 12, 4), T),  # on a Friday, "Friday" is next week's
    (FRI, "by Friday", date(2026, 12, 4), T),
    (FRI, "this Friday", FRI, T),
    (FRI, "next Friday", date(2026, 12, 4), T),
    (FRI, "EOW", FRI, T),
    (FRI, "next week", date(2026, 12, 4), T),
    (FRI, "Monday", date(2026, 11, 30), T),
    (FRI, "in a week", date(2026, 12, 4), T),
    (FRI, "within 3 business days", date(2026, 12, 2), T),
    (SAT, "end of the week", SAT, T),  # the week's Friday is past: base
    (SAT, "this weekend", SAT, T),
    (SAT, "next week", date(2026, 12, 4), T),
    (MONTH_END, "end of month", MONTH_END, T),
    (MONTH_END, "end of next month", date(2026, 12, 31), T),
    (MONTH_END, "in a month", date(2026, 12, 30), T),
    (MONTH_END, "next month", date(2026, 12, 31), F),
    (MONTH_END, "early next month", date(2026, 12, 5), F),
    (NEW_YEARS_EVE, "tomorrow", date(2027, 1, 1), T),
    (NEW_YEARS_EVE, "Friday", date(2027, 1, 1), T),
    (NEW_YEARS_EVE, "next week", date(2027, 1, 8), T),
    (NEW_YEARS_EVE, "after the holidays", date(2027, 1, 5), F),
    (NEW_YEARS_EVE, "end of month", NEW_YEARS_EVE, T),
    (NEW_YEARS_EVE, "end of next month", date(2027, 1, 31), T),
    (NEW_YEARS_EVE, "in two weeks", date(2027, 1, 14), T),
    (NEW_YEARS_EVE, "December 3", date(2027, 12, 3), T),
    (NEW_YEARS_EVE, "Jan 5", date(2027, 1, 5), T),
    (NEW_YEARS_EVE, "12/3", date(2027, 12, 3), T),
    (NEW_YEARS_EVE, "Q1", date(2027, 3, 31), F),
    (NEW_YEARS_EVE, "end of quarter", NEW_YEARS_EVE, T),
    (NEW_YEARS_EVE, "next quarter", date(2027, 3, 31), F),
    (NEW_YEARS_EVE, "early January", date(2027, 1, 5), F),
    (NEW_YEARS_EVE, "end of the year", NEW_YEARS_EVE, T),
    (RESEARCH, "by the end of the week", date(2025, 1, 17), T),
    (RESEARCH, "mid-February", date(2025, 2, 15), F),
    (RESEARCH, "next Tuesday", date(2025, 1, 21), T),
    (RESEARCH, "Wednesday", date(2025, 1, 22), T),
    (RESEARCH, "end of month", date(2025, 1, 31), T),
    (LEAP, "end of month", date(2028, 2, 29), T),
    (LEAP, "Feb 29", date(2028, 2, 29), T),
    (date(2027, 3, 1), "Feb 29", date(2028, 2, 29), T),
]


@pytest.mark.parametrize(("base", "phrase", "day", "firm"), TABLE)
def test_parse_due_table(base, phrase, day, firm):
    due = parse_due(phrase, base)
    assert (due.day, due.firm) == (day, firm)
    assert due.phrase == phrase


def test_vague_days_sets_the_soft_date():
    assert parse_due("soon", MON, vague_days=30) == DueDate(date(2026, 12, 23), False, "soon")


def test_fallback_reads_what_the_rules_do_not():
    assert parse_due("3 days from now", MON).day == date(2026, 11, 26)
    assert parse_due("yesterday", MON).day == date(2026, 11, 22)


@pytest.mark.parametrize("text", ["", "   ", "blurday", "2026-02-30", "13/45", "next blurday", "x" * 500])
def test_unreadable_raises_one_line_error(text):
    with pytest.raises(DateError) as err:
        parse_due(text, MON)
    message = str(err.value)
    assert "\n" not in message and "try" in message


def test_error_names_the_text():
    with pytest.raises(DateError, match='"blurday"'):
        parse_due("blurday", MON)


FIND = [
    ("I'll send you the deck by Friday.", "by Friday", FRI, T),
    ("Will call Jane next Tuesday about the intro", "next Tuesday", date(2026, 12, 1), T),
    ("Let's have lunch together soon.", "soon", date(2026, 12, 7), F),
    ("I'll get back to you by the end of the week.", "by the end of the week", FRI, T),
    ("She promised the CV by Dec 3.", "by Dec 3", date(2026, 12, 3), T),
    ("Met on Monday; I will call her by Friday", "by Friday", FRI, T),  # deadline wins
    ("I'll send it by the 3rd.", "by the 3rd", date(2026, 12, 3), T),
    ("Will follow up in a couple of weeks", "in a couple of weeks", date(2026, 12, 7), F),
    # the time of day belongs to the phrase; the day stays
    ("I'll call you tomorrow morning.", "tomorrow morning", date(2026, 11, 24), T),
    ("Send it by Friday at 5pm", "by Friday at 5pm", FRI, T),
    # minutes and hours: "in an hour" is still today
    ("I'll call you back in 10 min", "in 10 min", MON, T),
    ("I'll call you back in an hour", "in an hour", MON, T),
    ("I'll drop it off after work", "after work", MON, T),
    ("sending them in a bit", "in a bit", MON, F),
    # an event named by its date is not the due date, unless led by "by"/"before"
    ("I'll send the minutes before the Dec 10 meeting.", "before the Dec 10", date(2026, 12, 10), T),
]


@pytest.mark.parametrize(("sentence", "phrase", "day", "firm"), FIND)
def test_find_due_in_sentence(sentence, phrase, day, firm):
    due, (start, end) = find_due(sentence, MON)
    assert sentence[start:end] == due.phrase == phrase
    assert (due.day, due.firm) == (day, firm)


@pytest.mark.parametrize(
    "sentence",
    [
        "No timing here, just a note.",
        "I sent it a few days ago.",
        "We met last Friday.",
        "This is the 3rd time I asked.",
        "I may bring a friend.",
        "",
        "I'll make sure she gets the invite to the Dec 10 dinner.",  # names the event
        "I'll send you the slides from today.",  # what, not when
        "I've been waiting since Monday.",
    ],
)
def test_find_due_none(sentence):
    assert find_due(sentence, MON) is None


def test_find_due_reads_only_a_bounded_prefix():
    assert find_due("a" * 5000 + " by Friday", MON) is None


# --- properties -------------------------------------------------------------

RELATIVE = [p for b, p, _d, _f in TABLE if b is MON and not re.search(r"\d{4}", p)] + [
    "later this week",
    "the week after next",
    "in 10 days",
    "within a fortnight",
    "by the 1st",
    "this Monday",
    "next Sunday",
    "in a few weeks",
    "around the 10th",
]
bases = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), bases)
def test_parse_due_raises_only_date_error(text, base):
    try:
        due = parse_due(text, base)
    except DateError:
        return
    assert isinstance(due.day, date)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), bases)
def test_find_due_span_is_the_phrase(text, base):
    found = find_due(text, base)
    if found is not None:
        due, (start, end) = found
        assert text[start:end] == due.phrase


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(RELATIVE), bases, st.integers(min_value=1, max_value=120))
def test_relative_phrases_never_before_base(phrase, base, vague_days):
    due = parse_due(phrase, base, vague_days=vague_days)
    assert due.day >= base


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        [
            "soon",
            "sometime",
            "one of these days",
            "at some point",
            "next time we meet",
            "after the holidays",
            "early March",
            "in a few days",
            "around Friday",
        ]
    ),
    bases,
)
def test_vague_timing_is_never_firm(phrase, base):
    assert parse_due(phrase, base).firm is False
