"""A kept postings list (goodwill.search.kept_lists): compact, and patched in place as a fresh read would be."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from goodwill.search.kept_lists import KeptList

WEIGHTS = [0.0607927, 0.121585, 0.243171, 0.6079271, 0.7599]


def as_dict(kept):
    ids, weights = kept.pair()
    assert list(ids) == sorted(ids)
    return dict(zip(ids.tolist(), weights.tolist()))


def make(postings, top=1):
    return KeptList.of(np.array(list(postings), dtype=np.int64), np.array(list(postings.values())), top)


postings = st.dictionaries(st.integers(1, 200), st.sampled_from(WEIGHTS), max_size=80)


@given(before=postings, written=st.sets(st.integers(1, 220), max_size=30), now=postings)
def test_a_patched_list_is_the_list_read_again(before, written, now):
    # The people written since get their postings now (or none: they lost the word); the rest stay.
    theirs = {p: w for p, w in now.items() if p in written}
    patched = make(before).patched(
        np.array(sorted(written), dtype=np.int64),
        np.array(list(theirs), dtype=np.int64),
        np.array(list(theirs.values()), dtype=np.float64),
        top=2,
    )
    expected = {p: w for p, w in before.items() if p not in written} | theirs
    assert as_dict(patched) == expected and patched.top == 2


def test_a_posting_costs_five_bytes_and_the_weights_come_back_exactly():
    sparse = {40 * n: WEIGHTS[n % 5] for n in range(1, 1001)}  # one id in 40: kept as the ids
    kept = make(sparse)
    assert kept.ids.dtype == np.int32 and kept.codes is not None and kept.codes.dtype == np.uint8
    assert kept.nbytes == 1000 * 5 + 5 * 8 and kept.size == 1000
    assert as_dict(kept) == sparse


def test_a_common_words_list_is_kept_as_bits_at_about_a_byte_a_posting():
    # "state" is held by 80 % of a network: its ids as one bit each of their range.
    rng = np.random.default_rng(7)
    common = {int(n): WEIGHTS[int(n) % 5] for n in np.flatnonzero(rng.random(100_000) < 0.8) + 1_000}
    kept = make(common)
    assert kept.base == min(common) and kept.size == len(common)
    assert kept.nbytes < 1.2 * len(common)
    assert as_dict(kept) == common
    # Patched, it stays bits; patched down to a few, it is kept as ids again.
    patched = kept.patched(np.array([1_000, 5, 200_000]), np.array([5, 200_000]), np.array([0.5, 0.25]), top=2)
    assert patched.base == 5 and as_dict(patched) == {k: v for k, v in common.items() if k != 1_000} | {
        5: 0.5,
        200_000: 0.25,
    }
    held = sorted(common)
    few = [held[0], held[len(held) // 2], held[-1]]  # three across the whole range
    gone = np.setdiff1d(np.array(held), np.array(few))
    left = kept.patched(gone, np.zeros(0, dtype=np.int64), np.zeros(0), top=3)
    assert left.base == -1 and as_dict(left) == {p: common[p] for p in few}


@given(ids=st.sets(st.integers(0, 5_000), max_size=400), start=st.integers(0, 2**31 - 6_000))
def test_any_list_comes_back_as_it_was_kept(ids, start):
    # Dense or sparse, from id 0 or far from it: the same postings.
    expected = {start + n: WEIGHTS[n % 5] for n in ids}
    assert as_dict(make(expected)) == expected


def test_big_ids_and_many_distinct_weights_are_kept_as_they_are():
    many = {n: n / 1000 for n in range(1, 400)}
    kept = make(many)
    assert kept.codes is None and as_dict(kept) == many
    big = make({2**40: 0.5, 3: 0.25})
    assert big.ids.dtype == np.int64 and as_dict(big) == {3: 0.25, 2**40: 0.5}
    # A patch that brings the 257th distinct weight turns the codes into the weights themselves.
    coded = make({n: float(n) for n in range(1, 257)})
    assert coded.codes is not None
    grown = coded.patched(np.array([300]), np.array([300]), np.array([0.5]), top=2)
    assert grown.codes is None and as_dict(grown) == {n: float(n) for n in range(1, 257)} | {300: 0.5}
    assert as_dict(make({5: 0.1}).patched(np.array([2**40]), np.array([2**40]), np.array([0.2]), 2)) == {
        5: 0.1,
        2**40: 0.2,
    }
