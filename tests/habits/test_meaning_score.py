"""Words and meaning blended, with hand-made vectors: no model, just the arithmetic a user
sees as "who comes first" and "why"."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.habits.matching import Candidate, Field, build_query, concept_weights
from goodwill.habits.meaning import DIMENSIONS
from goodwill.habits.meaning.pieces import pieces
from goodwill.habits.meaning.score import (
    FLOOR,
    HITS_COUNTED,
    KIND_WEIGHTS,
    LEXICAL_SHARE,
    REST_SHARE,
    best_matches,
    blend_scores,
    closest_words,
    digest,
    meaning_bound,
    meaning_hits,
    meaning_score,
    score_person,
)

QUERY = np.eye(DIMENSIONS, dtype=np.float32)[0]  # the item's meaning: the first axis


def at(similarity: float, axis: int = 1) -> np.ndarray:
    """A unit vector whose cosine with QUERY is `similarity` (the rest along another axis)."""
    v = np.zeros(DIMENSIONS, dtype=np.float32)
    v[0] = similarity
    v[axis] = np.sqrt(1 - similarity**2)
    return v


def store(pieces: dict[str, float]) -> dict[str, np.ndarray]:
    """{digest(text): vector}, as goodwill.search.vectors.vectors_of gives them."""
    return {digest(text): at(sim) for text, sim in pieces.items()}


def person(pid: int, name: str, *fields: Field) -> Candidate:
    return Candidate(pid, name, list(fields))


def score(query_text: str, candidate: Candidate, vectors: dict[str, np.ndarray], pool=None):
    query = build_query(query_text)
    weights = concept_weights(query, pool or [candidate], 50)
    return score_person(query, weights, candidate, QUERY, vectors, today=date(2026, 11, 23))


ITEM = "Startups trimming cloud invoices"  # shares no word with the fields below


def test_a_need_counts_more_than_an_offer_at_the_same_closeness():
    vectors = store({"a fractional CFO": 0.6, "finance leadership advice": 0.6})
    need = score(ITEM, person(1, "Nina", Field("need", "a fractional CFO")), vectors)
    offer = score(ITEM, person(2, "Olga", Field("offer", "finance leadership advice")), vectors)
    assert need.score > offer.score > 0
    assert KIND_WEIGHTS["need"] > KIND_WEIGHTS["interest"] > KIND_WEIGHTS["offer"]


def test_closer_in_meaning_scores_higher():
    vectors = store({"cutting our AWS spend": 0.7, "hiring engineers": 0.3})
    close = score(ITEM, person(1, "A", Field("need", "cutting our AWS spend")), vectors)
    far = score(ITEM, person(2, "B", Field("need", "hiring engineers")), vectors)
    assert close.score > far.score > 0


def test_similarity_below_the_floor_says_nothing():
    vectors = store({"trail running": FLOOR - 0.01})
    match = score(ITEM, person(1, "Tess", Field("interest", "trail running")), vectors)
    assert match.score == 0.0
    assert match.reasons == []
    assert meaning_hits([Field("interest", "trail running")], vectors, QUERY) == []


def test_a_field_without_a_vector_yet_is_skipped():
    match = score(ITEM, person(1, "New", Field("need", "cutting our AWS spend")), {})
    assert match.score == 0.0 and match.reasons == []


def test_shared_words_add_to_meaning():
    vectors = store({"cloud invoices keep growing": 0.5, "bills keep growing": 0.5})
    worded = score(ITEM, person(1, "Wes", Field("need", "cloud invoices keep growing")), vectors)
    unworded = score(ITEM, person(2, "Una", Field("need", "bills keep growing")), vectors)
    assert worded.score > unworded.score
    assert worded.reasons[0].matched  # the shared words are named
    assert unworded.reasons[0].matched == []


def test_blending_words_never_outweighs_meaning():
    assert blend_scores(0.4, 0.0) == pytest.approx(0.4)
    assert blend_scores(0.4, 1.0) < blend_scores(0.4, 8.0) < blend_scores(0.4, 100.0) < 0.4 + LEXICAL_SHARE
    assert blend_scores(0.0, 1000.0) < LEXICAL_SHARE  # words alone add at most LEXICAL_SHARE
    assert blend_scores(0.3, 0.0) > blend_scores(0.0, 1000.0)  # one common word never beats a meaning


def test_the_best_field_counts_most_and_the_next_two_a_little():
    fields = [Field("need", f"field {n}") for n in range(4)]
    vectors = {digest(f.text): at(sim) for f, sim in zip(fields, (0.9, 0.8, 0.7, 0.6))}
    hits = meaning_hits(fields, vectors, QUERY)
    assert [h.field.text for h in hits] == ["field 0", "field 1", "field 2", "field 3"]
    assert meaning_score(hits) == pytest.approx(hits[0].weighted + REST_SHARE * (hits[1].weighted + hits[2].weighted))
    assert meaning_score([]) == 0.0


def test_similarities_worked_out_already_stand_in_for_the_products():
    fields = [Field("need", "field 0"), Field("offer", "field 1"), Field("need", "field 2")]
    vectors = {digest(f.text): at(sim) for f, sim in zip(fields, (0.9, 0.5, 0.4))}
    known = {digest("field 0"): 0.3, digest("field 1"): 0.8}  # "field 2" is not there: its own product
    hits = meaning_hits(fields, vectors, QUERY, known)
    assert [(h.field.text, round(h.similarity, 5)) for h in hits] == [
        ("field 1", 0.8),
        ("field 2", 0.4),
        ("field 0", 0.3),
    ]
    # A piece without a vector of this person's is skipped, whatever the similarities say.
    assert meaning_hits([Field("need", "unknown")], vectors, QUERY, {digest("unknown"): 0.9}) == []
    assert meaning_hits(fields, vectors, QUERY, {}) == meaning_hits(fields, vectors, QUERY)


def test_a_note_is_judged_by_its_closest_sentence():
    note = Field("note", "Back from Lisbon. Her cloud bills are ballooning.", since=date(2026, 5, 3))
    vectors = store({"Back from Lisbon.": 0.1, "Her cloud bills are ballooning.": 0.8})
    (hit,) = meaning_hits([note], vectors, QUERY)
    assert hit.piece == "Her cloud bills are ballooning."
    assert hit.similarity == pytest.approx(0.8, abs=1e-5)


def test_a_meaning_only_reason_quotes_the_field_and_the_items_closest_words():
    vectors = store({"cutting our AWS spend": 0.7})
    match = score(ITEM, person(1, "Cal", Field("need", "cutting our AWS spend", since=date(2026, 10, 1))), vectors)
    (reason,) = match.reasons
    assert reason.matched == []
    assert reason.describe() == 'need: "cutting our AWS spend" (since Oct 2026) — close in meaning'
    reason.near = "cloud invoices"  # what rank_people fills in
    assert reason.describe() == 'need: "cutting our AWS spend" (since Oct 2026) ≈ "cloud invoices"'


def test_a_note_reason_says_when_i_wrote_it():
    note = Field("note", "Her cloud bills are ballooning.", since=date(2026, 5, 3), confidentiality="private")
    vectors = store({"Her cloud bills are ballooning.": 0.8})
    (reason,) = score(ITEM, person(1, "Pia", note), vectors).reasons
    assert reason.describe().startswith('from your note of 3 May 2026: "Her cloud bills are ballooning."')
    assert reason.confidentiality == "private"  # carried through, so no draft ever quotes it


def test_confidentiality_is_carried_for_worded_reasons_too():
    field = Field("interest", "cloud invoices", confidentiality="private")
    vectors = store({"cloud invoices": 0.6})
    (reason,) = score(ITEM, person(1, "Pat", field), vectors).reasons
    assert reason.matched and reason.confidentiality == "private"


def test_at_most_three_reasons_strongest_first():
    fields = [Field("interest", f"topic {n}") for n in range(5)]
    vectors = {digest(f.text): at(sim) for f, sim in zip(fields, (0.3, 0.9, 0.5, 0.7, 0.4))}
    match = score(ITEM, person(1, "Many", *fields), vectors)
    assert [r.text for r in match.reasons] == ["topic 1", "topic 3", "topic 2"]


def test_a_field_matching_by_words_and_meaning_is_one_reason():
    vectors = store({"cloud invoices": 0.6})
    match = score(ITEM, person(1, "Pat", Field("interest", "cloud invoices")), vectors)
    assert len(match.reasons) == 1 and match.reasons[0].matched


def test_closest_words_picks_the_run_nearest_the_field():
    runs = ["trimming cloud", "cloud invoices", "Startups trimming"]
    run_vectors = np.stack([at(0.1, 2), at(0.9, 2), at(0.3, 2)])
    assert closest_words(at(0.9, 2), runs, run_vectors) == "cloud invoices"
    assert closest_words(QUERY, [], np.zeros((0, DIMENSIONS), dtype=np.float32)) == ""


def test_digest_depends_on_the_text_only():
    assert digest("a fractional CFO") == digest("a fractional CFO")
    assert digest("a fractional CFO") != digest("a fractional cfo")


class IndexSimilarities:
    """What search.vectors.nearest hands a ranking: each text's similarity, and each person's
    three best pieces (similarity times its kind's weight, over the kinds ranked; a person's
    pieces are their fields', one each, as the index has a row a field)."""

    def __init__(self, pool, vectors_by_person, kinds):
        self.values = {d: float(v @ QUERY) for found in vectors_by_person.values() for d, v in found.items()}
        self.best = {}
        for c in pool:
            pieces_of = [(digest(f.text), KIND_WEIGHTS[f.kind]) for f in c.fields if f.kind in kinds]
            found = [self.values[d] * w for d, w in pieces_of if d in vectors_by_person.get(c.person_id, {})]
            if found:
                self.best[c.person_id] = sorted(found, reverse=True)[:HITS_COUNTED]

    def get(self, text_digest):
        return self.values.get(text_digest)

    def best_pieces(self, person_ids):
        return {pid: self.best[pid] for pid in person_ids if pid in self.best}


WORDS = ["cloud", "bills", "finance", "angel", "investors", "hiring", "trail", "running", "startups", "invoices"]
field_of = st.builds(
    Field,
    st.sampled_from(["offer", "role", "tag"]),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(field_of, max_size=4), min_size=1, max_size=25),
    st.lists(st.floats(-0.3, 0.95), min_size=40, max_size=40),
    st.integers(1, 4),
    st.sampled_from([0.0, 0.05, 0.21]),
)
def test_the_cut_ranking_is_the_ranking_of_everyone(fields_of, closeness, limit, min_score):
    """best_matches skips the meaning of whoever cannot reach the list; what it lists (names,
    scores, reasons, order) is what scoring everyone and sorting lists."""
    pool = [person(n + 1, f"P{n % 7}", *fields) for n, fields in enumerate(fields_of)]  # names tie
    texts = sorted({f.text for c in pool for f in c.fields})
    vectors = {digest(t): at(closeness[i % len(closeness)], axis=1 + i % 5) for i, t in enumerate(texts)}
    vectors_by_person = {c.person_id: {digest(f.text): vectors[digest(f.text)] for f in c.fields} for c in pool}
    query = build_query("startups trimming cloud invoices")
    weights = concept_weights(query, pool, 50)
    kinds = {"offer", "role", "tag"}
    similarity = IndexSimilarities(pool, vectors_by_person, kinds)
    day = date(2026, 11, 23)
    everyone = [score_person(query, weights, c, QUERY, vectors_by_person[c.person_id], day) for c in pool]
    expected = sorted((m for m in everyone if m.reasons and m.score >= min_score), key=lambda m: (-m.score, m.name))
    asked = []

    def vectors_of(person_id):
        asked.append(person_id)
        return vectors_by_person.get(person_id, {})

    cut = best_matches(
        query,
        weights,
        pool,
        QUERY,
        vectors_of,
        day,
        similarity,
        lightest=min(KIND_WEIGHTS[k] for k in kinds),
        limit=limit,
        min_score=min_score,
    )
    assert [(m.person_id, m.score, m.reasons) for m in cut] == [
        (m.person_id, m.score, m.reasons) for m in expected[:limit]
    ]
    assert {m.person_id for m in cut} <= set(asked)  # the vectors of those it scored, read as it scored them
    # An index with no vectors at all: words alone, every bound exact.
    words = [score_person(query, weights, c, QUERY, {}, day) for c in pool]
    expected = sorted((m for m in words if m.reasons and m.score >= min_score), key=lambda m: (-m.score, m.name))
    cut = best_matches(
        query, weights, pool, QUERY, lambda _: {}, day, None, lightest=0.75, limit=limit, min_score=min_score
    )
    assert [(m.person_id, m.score) for m in cut] == [(m.person_id, m.score) for m in expected[:limit]]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["offer", "role", "tag", "need", "note", "summary"]),
            st.lists(st.floats(-0.5, 1.0), min_size=1, max_size=3),  # its pieces' closeness (a note's sentences)
        ),
        max_size=6,
    )
)
def test_the_meaning_bound_holds_for_every_kind_closeness_and_number_of_pieces(fields):
    # A person's meaning score is never above the bound of their best pieces as the index ranks
    # them: closeness times kind weight, every piece of every field, best first.
    person_fields, vectors, ranked = [], {}, []
    for n, (kind, closeness) in enumerate(fields):
        field = Field(kind, " ".join(f"Field {n} sentence {i}." for i in range(len(closeness))))
        person_fields.append(field)
        for piece, value in zip(pieces(kind, field.text), closeness):
            vectors[digest(piece)] = at(value)
            ranked.append(float(at(value) @ QUERY) * KIND_WEIGHTS[kind])
    ranked.sort(reverse=True)
    score = meaning_score(meaning_hits(person_fields, vectors, QUERY))
    # best_matches leaves 1e-6 for the float bits between the index's sums and these
    assert score <= meaning_bound(ranked[:HITS_COUNTED], min(KIND_WEIGHTS.values())) + 1e-6
    assert meaning_bound([], 0.75) == 0.0
    assert meaning_bound([0.0, 0.0], 0.75) == 0.0


def test_the_bound_counts_a_persons_next_pieces_as_they_are():
    # Best piece 0.9 × 0.75; the next two weak: the bound is 0.6375 + 0.2 × (0 + 0), not the best
    # counted three times, so a ranking that has two people above it never reads their vectors.
    assert meaning_bound([0.675, 0.1, 0.05], 0.75) == pytest.approx((0.675 - FLOOR * 0.75) / (1 - FLOOR))
    assert meaning_bound([0.675, 0.675, 0.675], 0.75) == pytest.approx(
        (0.675 - FLOOR * 0.75) / (1 - FLOOR) * (1 + 2 * REST_SHARE)
    )
