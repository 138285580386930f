"""The best people by a weighted sum of their postings (goodwill.search.sums), against a plain loop."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.search.sums import best

WEIGHTS = st.sampled_from([0.0607927, 0.121585, 0.243171, 0.6079271, 0.7599, 1.0])


def brute_force(lists, idfs, single, wanted):
    scores: dict[int, float] = {}
    sure: dict[int, bool] = {}
    for lexeme, postings in lists.items():
        for person, weight in postings.items():
            scores[person] = scores.get(person, 0.0) + idfs[lexeme] * weight
            sure[person] = sure.get(person, False) or single[lexeme]
    ranked = sorted(scores.items(), key=lambda row: (-row[1], row[0]))[:wanted]
    return [(p, s, sure[p]) for p, s in ranked]


def arrays(lists):
    return {
        lexeme: (np.array(list(postings), dtype=np.int64), np.array(list(postings.values()), dtype=float))
        for lexeme, postings in lists.items()
    }


@given(
    lists=st.dictionaries(
        st.sampled_from(["state", "custodi", "crypto", "loan", "sba"]),
        st.dictionaries(st.integers(1, 80), WEIGHTS, max_size=60),
        max_size=5,
    ),
    idf=st.lists(st.floats(0.05, 8), min_size=5, max_size=5),
    singles=st.lists(st.booleans(), min_size=5, max_size=5),
    wanted=st.integers(1, 40),
    offset=st.sampled_from([0, 2**40]),  # dense ids are counted by id; sparse ones sorted
)
def test_the_page_is_the_plain_loops_page(lists, idf, singles, wanted, offset):
    lists = {lexeme: {p + offset: w for p, w in postings.items()} for lexeme, postings in lists.items()}
    names = ["state", "custodi", "crypto", "loan", "sba"]
    idfs, single = dict(zip(names, idf)), dict(zip(names, singles))
    found = best(arrays(lists), idfs, single, wanted)
    expected = brute_force(lists, idfs, single, wanted)
    assert [p for p, _, _ in found] == [p for p, _, _ in expected] or _ties_only(found, expected)
    for (_, a, _), (_, b, _) in zip(found, expected):
        assert a == pytest.approx(b, rel=1e-12)
    assert {p: u for p, _, u in found} == {p: u for p, _, u in expected if p in {q for q, _, _ in found}}


def _ties_only(found, expected):
    # Sums added in another order may differ in their last bit: people level to 12 digits may trade places.
    return len(found) == len(expected) and all(
        a == pytest.approx(b, rel=1e-12) for (_, a, _), (_, b, _) in zip(found, expected)
    )


def test_ties_go_to_the_lowest_ids_as_the_database_orders_them():
    lists = arrays({"state": {9: 0.1, 3: 0.1, 7: 0.1, 5: 0.1}, "custodi": {8: 0.6}})
    found = best(lists, {"state": 0.2, "custodi": 3.0}, {"state": True, "custodi": False}, 3)
    assert found == [(8, pytest.approx(1.8), False), (3, pytest.approx(0.02), True), (5, pytest.approx(0.02), True)]


def test_nothing_to_rank():
    assert best({}, {}, {}, 5) == []
    assert best(arrays({"state": {}}), {"state": 1.0}, {"state": True}, 5) == []
    assert best(arrays({"state": {1: 0.1}}), {}, {}, 5) == []  # a lexeme no document holds has no idf


def test_a_weightless_holder_still_fills_a_page_with_room():
    # The page is read from the totals by id only when enough people score above zero; a
    # posting of weight zero is still a match (ranked last), as the plain loop lists it.
    lists = arrays({"state": {4: 0.0, 2: 0.5}, "custodi": {6: 0.0}})
    found = best(lists, {"state": 1.0, "custodi": 2.0}, {"state": True, "custodi": False}, 3)
    assert found == [(2, 0.5, True), (4, 0.0, True), (6, 0.0, False)]


def test_a_big_network_page_comes_from_the_totals_by_id():
    # Thousands of holders, as a common word has on a big network: the page and its ties.
    rng = np.random.default_rng(7)
    held = {
        int(p): float(w) for p, w in zip(rng.choice(50_000, 20_000, replace=False), rng.choice([0.25, 0.5], 20_000))
    }
    rare = {int(p): 1.0 for p in rng.choice(50_000, 300, replace=False)}
    lists = {"state": held, "sba": rare}
    idfs, single = {"state": 0.3, "sba": 4.0}, {"state": False, "sba": True}
    assert best(arrays(lists), idfs, single, 200) == [
        (p, pytest.approx(s), u) for p, s, u in brute_force(lists, idfs, single, 200)
    ]
