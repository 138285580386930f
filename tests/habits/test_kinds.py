"""Everyday words for encounters are taken as the kind they are, the word kept."""

import pytest

from goodwill.habits.kinds import KINDS, WORDS, classify, describe


@pytest.mark.parametrize(
    "word,expected",
    [
        ("call", ("call", "")),
        ("Meeting", ("meeting", "")),
        ("lunch", ("meeting", "lunch")),
        ("Coffee", ("meeting", "coffee")),
        ("dinner", ("meeting", "dinner")),
        ("breakfast", ("meeting", "breakfast")),
        ("drinks", ("meeting", "drinks")),
        ("video call", ("meeting", "video call")),
        ("Video  Call", ("meeting", "video call")),
        ("zoom", ("meeting", "zoom")),
        ("visit", ("meeting", "visit")),
        ("text", ("message", "text")),
        ("SMS", ("message", "sms")),
        ("whatsapp", ("message", "whatsapp")),
        ("phone", ("call", "phone")),
        ("coffees", ("meeting", "coffee")),
    ],
)
def test_everyday_words(word, expected):
    assert classify(word) == expected


@pytest.mark.parametrize("word", ["fax", "", "  ", "lunchtime", "x" * 1000])
def test_unknown_words(word):
    assert classify(word) is None


def test_every_word_maps_to_a_kind_and_fits_the_label():
    assert set(WORDS.values()) <= set(KINDS)
    assert all(len(word) <= 30 for word in WORDS)


def test_describe_prefers_the_word():
    assert describe("meeting", "lunch") == "lunch" and describe("call") == "call"
