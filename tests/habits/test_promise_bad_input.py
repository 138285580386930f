"""Bad input: empty, huge, foreign and binary text find nothing, crash never,
and the work done is bounded by construction (caps in segment.py), not by luck."""

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill.habits.dates import MAX_SENTENCE, find_due
from goodwill.habits.promises import find_promises
from goodwill.habits.promises.segment import (
    MAX_LINE,
    MAX_SENTENCE_LEN,
    MAX_SENTENCES,
    MAX_TEXT,
    looks_binary,
    sentences,
)

MON = date(2026, 11, 23)
PROMISE = "I'll send you the article by Friday."


def find(text, **kw):
    return find_promises(text, base=MON, **kw)


def test_empty_and_blank_text_find_nothing():
    assert find("") == []
    assert find("   \n\t\n ") == []
    assert find(None) == []  # a missing body is an empty one


def test_non_english_text_finds_nothing():
    for text in [
        "Je t'enverrai le document demain.",
        "Ich schicke dir morgen die Unterlagen.",
        "Le enviaré el informe el viernes.",
        "明天我会把文件发给你。",
        "سأرسل لك المقال غدا.",
        "Я пришлю тебе статью завтра.",
    ]:
        assert find(text) == [], text


def test_binary_garbage_finds_nothing():
    assert looks_binary(os.urandom(1 << 16).decode("latin-1"))
    assert find(os.urandom(1 << 16).decode("latin-1")) == []
    # Words inside binary data are not a note: a NUL or many control characters say "binary".
    assert find("\x00\x01\x02I'll send you the deck\x00\x00") == []
    assert find("I'll send you the deck. " + "\ufffd" * 50) == []
    # An odd control character in a real note is not enough to call it binary.
    assert [p.action for p in find("I'll send you the deck.\x0c\nThanks")] == ["send the deck"]


def test_a_one_megabyte_note_is_read_only_up_to_the_cap():
    filler = "Long rambling meeting notes about the market and nothing else.\n"
    early = PROMISE + "\n" + filler * 100
    late = filler * (MAX_TEXT // len(filler) + 1) + "I'll call you tomorrow.\n"
    huge = early + late + filler * ((1 << 20) // len(filler))
    assert len(huge) > 1 << 20
    found = find(huge)
    # The promise near the start is found; the one past MAX_TEXT characters is not read.
    assert [p.action for p in found] == ["send the article"]


def test_the_caps_bound_what_is_examined():
    one_line = "I will " * (MAX_LINE // 3)  # a single enormous line
    assert all(len(s.text) <= MAX_SENTENCE_LEN for s in sentences(one_line))
    assert max(s.end for s in sentences(one_line)) <= MAX_LINE
    many = "Send it.\n" * (MAX_SENTENCES + 500)
    assert len(sentences(many)) == MAX_SENTENCES
    assert len(find(PROMISE + "\n" + "I'll call you.\n" * (MAX_SENTENCES + 500))) <= MAX_SENTENCES


def test_pathological_repetition_is_handled():
    # Each of these once drove a regular expression quadratic (runs of dots,
    # spaces, "!!"); the patterns are now anchored at the start of a run and
    # possessive.  The caps keep any remaining cost proportional to the cap.
    for text in [
        "." * 50_000,
        " " * 50_000,
        "!" * 50_000,
        "\n" * 50_000,
        "I'll " * 10_000,
        "by the " * 10_000,
        "1/" * 20_000,
        "- " * 20_000,
        "Jane: " * 10_000,
        "and " * 20_000,
    ]:
        assert isinstance(find(text), list)
        assert find_due(text, MON) is None or len(find_due(text, MON)[0].phrase) <= MAX_SENTENCE


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_text_gives_well_formed_promises(text):
    for p in find(text):
        assert p.owner in ("me", "them", "both")
        assert len(p.action.split()) <= 10
        assert 0 <= p.span[0] < p.span[1] <= len(text)
        assert p.sentence == text[p.span[0] : p.span[1]]
        assert p.due is None or p.due.day >= MON


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "I'll",
                "send",
                "you",
                "the",
                "deck",
                "by",
                "Friday",
                "soon",
                "if",
                "not",
                "Jane",
                "will",
                "let's",
                "\n",
                "> ",
                "-",
                ".",
                "?",
                "wrote:",
                "Best,",
                "tomorrow",
                "and",
                "call",
                "me",
                "next",
                "week",
                "Sure",
                "could you",
            ]
        ),
        max_size=80,
    )
)
def test_word_salad_never_crashes_and_never_dates_the_past(words):
    for direction in ("outbound", "inbound"):
        for p in find(" ".join(words), direction=direction):
            assert p.due is None or p.due.day >= MON
