"""MaxScore: an exact top k that skips the common terms' long lists (goodwill.search.maxscore)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.search import maxscore


def brute_force(postings, documents, k):
    scores: dict[int, float] = {}
    for docs in postings.values():
        weight = maxscore.idf(documents, len(docs))
        for doc, value in docs.items():
            scores[doc] = scores.get(doc, 0.0) + weight * value
    return sorted(scores.items(), key=lambda row: (-row[1], row[0]))[:k]


def same_page(found, expected):
    # Sums added in another order may differ in their last bit: ties can trade places, nothing else.
    assert len(found) == len(expected)
    for (_, a), (_, b) in zip(found, expected):
        assert a == pytest.approx(b, rel=1e-9)
    exact = dict(expected)
    line = expected[-1][1] if expected else 0.0
    for doc, score in found:
        assert doc in exact or score == pytest.approx(line, rel=1e-9)


WEIGHTS = st.sampled_from([0.1, 0.2, 0.4, 1.0, 0.0607927, 0.121585, 0.243171, 0.6079271, 0.7599])


@given(
    postings=st.dictionaries(
        st.sampled_from("abcdefgh"),
        st.dictionaries(st.integers(1, 60), WEIGHTS, max_size=60),
        max_size=6,
    ),
    extra=st.integers(0, 200),
    k=st.integers(1, 25),
    bound=st.sampled_from([None, maxscore.POSTING_BOUND]),
)
def test_the_top_k_is_the_brute_force_top_k(postings, extra, k, bound):
    # With each term's own largest weight as its bound, or one bound for every term (PostgreSQL's).
    documents = len({d for docs in postings.values() for d in docs}) + extra
    found, _ = maxscore.top_k(postings, documents, k, bound)
    same_page(found, brute_force(postings, documents, k))


def test_a_common_word_is_not_read_when_rare_words_fill_the_page():
    # "state" is in 900 of 1,000 documents; "custody" and "crypto" in a few. A page of three
    # needs only the rare words' lists: nobody holding "state" alone can reach it.
    postings = {
        "state": {doc: 0.1 for doc in range(1, 901)},
        "custody": {1000: 1.0, 999: 0.4, 998: 0.2, 5: 0.1},
        "crypto": {1000: 0.4, 997: 1.0, 996: 0.2},
    }
    for bound in (None, maxscore.POSTING_BOUND):  # the terms' own largest weights, or one bound for all
        found, read = maxscore.top_k(postings, 1_000, 3, bound)
        assert read == 2
        assert [doc for doc, _ in found] == [1000, 997, 999]
        assert found == brute_force(postings, 1_000, 3)


def test_when_the_rare_words_cannot_fill_the_page_the_common_one_is_read():
    postings = {"state": {doc: 0.1 for doc in range(1, 901)}, "custody": {1000: 1.0}}
    found, read = maxscore.top_k(postings, 1_000, 5)
    assert read == 2
    assert found == brute_force(postings, 1_000, 5)


def test_rarer_words_weigh_more():
    assert maxscore.idf(100_000, 10) > maxscore.idf(100_000, 1_000) > maxscore.idf(100_000, 80_000) > 0
    assert maxscore.idf(100, 100) == pytest.approx(math.log(1 + 0.5 / 100.5))
    assert maxscore.idf(10, 50) > 0  # a count behind the documents' never makes a weight negative


def test_the_first_read_covers_the_page_twice_over():
    ranked = maxscore.terms([("rare", 3, 1.0), ("mid", 40, 1.0), ("common", 900, 0.1)], 1_000)
    assert [t.name for t in ranked] == ["rare", "mid", "common"]
    assert maxscore.plan(ranked, 10) == 2
    assert maxscore.plan(ranked, 1) == 1  # three documents are two pages of one
    assert maxscore.plan(ranked, 2) == 2
    assert maxscore.plan(ranked, 500) == 3


def test_widening_stops_at_the_first_bound_under_the_line():
    ranked = maxscore.terms([("a", 1, 1.0), ("b", 50, 0.4), ("c", 500, 0.1)], 1_000)
    assert not maxscore.settled(ranked, 1, None)
    assert maxscore.widen(ranked, 1, None) == 3
    line = ranked[2].bound * 1.5
    assert maxscore.widen(ranked, 1, line) == 2 and maxscore.settled(ranked, 2, line)
    assert maxscore.settled(ranked, 3, None)
