"""The meaning model: unit vectors, paraphrases closer than strangers, shipped and offline;
what gets a vector of its own (pieces) and which of an item's words a reason quotes (windows)."""

from __future__ import annotations

import fnmatch
import socket
import tomllib
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.habits.matching import STOPWORDS
from goodwill.habits.meaning import DIMENSIONS, encode, encode_one, model
from goodwill.habits.meaning.pieces import LONG_KINDS, MAX_PIECES, pieces, windows

MODEL_FILES = ("model.onnx", "tokenizer.json", "model.json")
KINDS = ("need", "interest", "offer", "role", "tag", "note", "summary")


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


# -- encode ---------------------------------------------------------------------


def test_encode_gives_one_unit_vector_per_text():
    vectors = encode(["cloud bills ballooning", "trail running", ""])
    assert vectors.shape == (3, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_encode_of_nothing_is_an_empty_matrix():
    vectors = encode([])
    assert vectors.shape == (0, DIMENSIONS)


def test_a_paraphrase_is_closer_than_an_unrelated_text():
    bills, spend, running = encode(["cloud bills ballooning", "cutting our AWS spend", "trail running"])
    assert cosine(bills, spend) > cosine(bills, running) + 0.1
    assert cosine(spend, bills) > cosine(spend, running) + 0.1


def test_the_same_text_gives_the_same_vector():
    text = "looking for a fractional CFO"
    alone = encode_one(text)
    assert np.array_equal(encode_one(text), alone)
    twice = encode([text, text])
    assert np.array_equal(twice[0], twice[1])
    # Spacing does not change the meaning.
    assert np.array_equal(encode_one("  looking for a\nfractional   CFO "), alone)


def test_a_text_means_nearly_the_same_whatever_it_is_encoded_with():
    # The int8 model quantizes its activations per batch, so the company a text keeps in
    # a batch moves its vector a little (cosine about 0.99): never enough to change a meaning.
    text = "looking for a fractional CFO"
    alone = encode_one(text)
    batch = encode(["a", text, "a much longer sentence about something else entirely, with many words in it"])
    assert cosine(batch[1], alone) > 0.97


def test_the_model_ships_in_the_package():
    data = resources.files("goodwill.habits.meaning") / "data"
    for name in MODEL_FILES:
        assert (data / name).is_file(), f"{name} is missing from goodwill/habits/meaning/data"
    assert (data / "model.onnx").stat().st_size > 1_000_000  # the weights, not a Git LFS pointer
    # ... and the wheel takes them: setuptools' package-data patterns cover each file.
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["goodwill"]
    for name in MODEL_FILES:
        path = f"habits/meaning/data/{name}"
        assert any(fnmatch.fnmatch(path, p) for p in patterns), f"{path} is not in the package data"


def test_encoding_needs_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the meaning model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    model._model.cache_clear()  # load the model again, from the files, with the network gone
    vector = encode_one("a warm introduction to a seed investor")
    assert vector.shape == (DIMENSIONS,)


# -- pieces -----------------------------------------------------------------------


def test_an_entry_is_one_piece_whatever_its_punctuation():
    assert pieces("need", "A CFO. Part-time; two days a week!") == ["A CFO. Part-time; two days a week!"]
    assert pieces("interest", "  trail\n running ") == ["trail running"]
    assert pieces("need", "   ") == []


def test_a_note_is_split_into_sentences():
    note = "Back from Lisbon. Her son is applying to colleges!\nWants a new job soon"
    assert pieces("note", note) == ["Back from Lisbon.", "Her son is applying to colleges!", "Wants a new job soon"]
    # A one-word sentence says too little alone; a note of one word is still one piece.
    assert pieces("note", "Ok. Moving to Austin in March.") == ["Moving to Austin in March."]
    assert pieces("note", "Ok.") == ["Ok."]


def test_a_line_break_ends_a_sentence():
    # Notes typed or imported line by line, without full stops.
    note = "Met at the fintech summit\n\nWants intros to custody banks\r\nPlays golf on weekends"
    assert pieces("note", note) == [
        "Met at the fintech summit",
        "Wants intros to custody banks",
        "Plays golf on weekends",
    ]
    assert pieces("summary", "Call about the raise\u2028Next: send the deck") == [
        "Call about the raise",
        "Next: send the deck",
    ]
    assert pieces("need", "a fractional CFO\nfor two days a week") == ["a fractional CFO for two days a week"]


def test_a_long_note_keeps_its_first_sentences():
    note = " ".join(f"Sentence number {n} here." for n in range(20))
    found = pieces("summary", note)
    assert len(found) == MAX_PIECES
    assert found[0] == "Sentence number 0 here."


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(KINDS + ("unknown",)), text=st.text(max_size=400))
def test_pieces_never_fail_and_never_give_an_empty_piece(kind, text):
    found = pieces(kind, text)
    assert len(found) <= MAX_PIECES
    assert all(p.strip() for p in found)
    if not text.split():
        assert found == []
    else:
        assert found
    if kind not in LONG_KINDS:
        assert found == ([" ".join(text.split())] if text.split() else [])


_sentence = st.lists(st.sampled_from(["Moved", "to", "Austin", "the", "bank", "CFO", "in", "March", "a"]), min_size=1)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_sentence, st.sampled_from([".", "!", "?", ";", "\n"])), min_size=1, max_size=12))
def test_note_pieces_are_its_sentences_in_order(sentences):
    text = " ".join(" ".join(words) + end for words, end in sentences)
    found = pieces("note", text)
    flat = " ".join(text.split())
    position = 0
    for piece in found:  # each piece is a run of the note's own text, in order
        at = flat.find(piece, position)
        assert at >= 0, piece
        position = at + len(piece)


# -- windows ----------------------------------------------------------------------


def test_windows_are_short_runs_of_the_items_words():
    runs = windows("Startups cutting cloud bills")
    assert "cloud bills" in runs
    assert "cutting cloud bills" in runs
    assert all(2 <= len(r.split()) <= 4 for r in runs)


def test_windows_skip_runs_that_start_or_end_on_little_words():
    runs = windows("The cost of the cloud")
    assert "cost of the cloud" in runs
    assert not any(r.split()[0].lower() in STOPWORDS or r.split()[-1].lower() in STOPWORDS for r in runs)


def test_windows_of_one_word_or_only_little_words_still_say_something():
    assert windows("Kubernetes") == ["Kubernetes"]
    assert windows("of the") == ["of the"]


_word = st.one_of(
    st.sampled_from(sorted(STOPWORDS)[:40]),
    st.sampled_from(["cloud", "bills", "AWS", "CFO", "fintech", "custody", "(note)", "—", "...", "2026", "Ōsaka"]),
    st.text(min_size=1, max_size=8).filter(lambda w: not any(c.isspace() for c in w)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_word, min_size=1, max_size=12))
def test_windows_never_empty_and_never_end_on_a_stopword(tokens):
    text = " ".join(tokens)
    runs = windows(text)
    assert runs
    if runs == [text]:
        return  # nothing better to quote: the item itself
    for run in runs:
        first, *_, last = run.split() if len(run.split()) > 1 else run.split() * 2
        assert first.lower() not in STOPWORDS and last.lower() not in STOPWORDS, run
        assert run.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(str.strip))
def test_windows_never_fail_on_any_text(text):
    runs = windows(text)
    assert runs and all(isinstance(r, str) and r for r in runs)


@pytest.mark.parametrize("text", ["cloud bills", "The AWS bill, again!"])
def test_windows_of_short_items_are_found_in_the_item(text):
    flat = " ".join(text.split()).lower()
    for run in windows(text):
        assert all(word.lower() in flat for word in run.split())
