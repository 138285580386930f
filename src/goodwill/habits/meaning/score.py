"""Words and meaning together: how well a person fits a query, and why.

The lexical score (habits.matching.score_candidate) finds shared words and
their synonyms; the meaning score finds fields that say the same thing in
other words ("cloud bills ballooning" ≈ "cutting our AWS spend"). Each field
piece's cosine similarity to the query counts above FLOOR (unrelated short
texts sit below it), weighted by the field's kind. A person's meaning score
is their best piece plus a little of the next two; the lexical score is
squashed into [0, 1) and added with a smaller weight, so shared words break
ties and rescue what the model misses, without letting one common word win.

The constants were set on the regression sets (tests/data/pass_on/), never on
a held-out set; docs/serving.md has the figures.
"""

from __future__ import annotations

import hashlib
from bisect import insort
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

import numpy as np

from goodwill.habits.matching import Candidate, Field, Match, Query, Reason, score_candidate
from goodwill.habits.meaning.model import MODEL_VERSION
from goodwill.habits.meaning.pieces import pieces

# How much a piece counts, by the kind of field it comes from.
KIND_WEIGHTS = {
    "need": 1.0,
    "interest": 0.95,
    "note": 1.0,  # what I wrote down about them weighs like what they said they need
    "offer": 0.75,  # an expert cares about news in the field, but less than someone who needs it
    "summary": 0.8,
    "role": 0.8,
    "tag": 0.8,
}
FLOOR = 0.2  # similarity below which a piece says nothing
REST_SHARE = 0.2  # what the second and third best pieces add
HITS_COUNTED = 3  # the best piece and the next two
LEXICAL_SHARE = 0.25  # the word signal's weight beside meaning
LEXICAL_HALF = 16.0  # a lexical score this high counts half its share
# When the best person scores below this, no one stands out: pass-on says so
# instead of naming people. Chosen with the constants above, leave-one-set-out on
# the four regression sets (benchmarks/tune_pass_on.py; docs/serving.md has the
# figures): each set's best line, chosen on the other three, fell in 0.19-0.22.
STANDS_OUT = 0.21
LISTED = 0.05  # once someone stands out, the others listed must reach at least this
# An introduction idea names the best helper for a need and, beside them, only someone nearly as
# good: on a page of ideas a distant second (a CTO beside a fractional CFO, for a CFO need) is noise.
CLOSE_TO_BEST = 0.5


@lru_cache(maxsize=65536)
def digest(text: str) -> str:
    """The key of a text's vector: the same text under the same model, the same vector."""
    return hashlib.sha1(f"{MODEL_VERSION}\0{text}".encode()).hexdigest()


@dataclass
class Hit:
    field: Field
    piece: str
    similarity: float
    weighted: float


class Similarities(Protocol):
    def get(self, text_digest: str) -> float | None: ...


class RankedSimilarities(Similarities, Protocol):
    """Similarities the vector index worked out for a ranking (search.vectors.Similarity)."""

    def best_pieces(self, person_ids: list[int]) -> dict[int, list[float]]:
        """Each person's HITS_COUNTED best pieces, best first, each its similarity times its
        kind's weight (fewer when they have fewer; people with no pieces left out)."""
        ...


def meaning_hits(
    fields: list[Field],
    vectors: Mapping[str, np.ndarray],
    query: np.ndarray,
    similarity: Similarities | None = None,
) -> list[Hit]:
    """Each field's best piece above FLOOR, best first (a field without a vector yet is skipped).
    `similarity`: the pieces' similarities to `query`, worked out already for the whole index
    (search.vectors.nearest); a piece it lacks gets its own product."""
    hits = []
    for f in fields:
        best: Hit | None = None
        for piece in pieces(f.kind, f.text):
            key = digest(piece)
            vector = vectors.get(key)
            if vector is None:
                continue
            value = similarity.get(key) if similarity is not None else None
            if value is None:
                value = float(vector @ query)
            if value >= FLOOR and (best is None or value > best.similarity):
                weighted = (value - FLOOR) / (1 - FLOOR) * KIND_WEIGHTS.get(f.kind, 0.7)
                best = Hit(f, piece, value, weighted)
        if best is not None:
            hits.append(best)
    hits.sort(key=lambda h: -h.weighted)
    return hits


def meaning_score(hits: list[Hit]) -> float:
    if not hits:
        return 0.0
    return hits[0].weighted + REST_SHARE * sum(h.weighted for h in hits[1:HITS_COUNTED])


def blend_scores(meaning: float, lexical: float) -> float:
    return meaning + LEXICAL_SHARE * lexical / (lexical + LEXICAL_HALF)


def score_person(
    query: Query,
    weights: list[float],
    candidate: Candidate,
    query_vector: np.ndarray,
    vectors: Mapping[str, np.ndarray],
    today: date | None = None,
    similarity: Similarities | None = None,
    lexical: Match | None = None,
) -> Match:
    """One person's fit, words and meaning together, with up to three reasons (`similarity`:
    as meaning_hits; `lexical`: score_candidate's match, when the caller has it)."""
    if lexical is None:
        lexical = score_candidate(query, weights, candidate, today)
    hits = meaning_hits(candidate.fields, vectors, query_vector, similarity)
    score = blend_scores(meaning_score(hits), lexical.score)
    # Reasons: the fields that matched by words keep their words; fields that
    # matched only by meaning follow, quoting the piece that did.
    reasons = list(lexical.reasons)
    worded = {(r.kind, r.text) for r in reasons}
    for h in hits:
        if (h.field.kind, h.field.text) in worded:
            continue
        reasons.append(Reason(h.field.kind, h.piece, [], h.field.since, h.field.confidentiality))
    strength = {(h.field.kind, h.field.text): h.weighted for h in hits}
    strength.update({(h.field.kind, h.piece): h.weighted for h in hits})
    reasons.sort(key=lambda r: -(strength.get((r.kind, r.text), 0.0) + (0.05 if r.matched else 0.0)))
    return Match(candidate.person_id, candidate.name, score, reasons[:3])


def closest_words(piece_vector: np.ndarray, windows: list[str], window_vectors: np.ndarray) -> str:
    """The run of the item's words nearest a field piece, for the reason ("≈ cloud bills")."""
    if not windows:
        return ""
    return windows[int(np.argmax(window_vectors @ piece_vector))]


def meaning_bound(best: Sequence[float], lightest: float) -> float:
    """The most a meaning score can be when the person's best pieces, each its similarity times
    its kind's weight, are `best` (best first), and the lightest kind weighed weighs `lightest`.
    A hit is (similarity - FLOOR) / (1 - FLOOR) * weight <= (piece - FLOOR * lightest) / (1 - FLOOR);
    the hits are some of the pieces (each field's best), so the i-th best hit is at most that
    of the i-th best piece."""
    most = [max(0.0, (piece - FLOOR * lightest) / (1 - FLOOR)) for piece in best[:HITS_COUNTED]]
    return most[0] + REST_SHARE * sum(most[1:]) if most else 0.0


def best_matches(
    query: Query,
    weights: list[float],
    pool: list[Candidate],
    query_vector: np.ndarray,
    vectors_of: Callable[[int], Mapping[str, np.ndarray]],
    today: date | None,
    similarity: RankedSimilarities | None,
    *,
    lightest: float,
    limit: int,
    min_score: float,
) -> list[Match]:
    """The pool's best `limit` matches at or above `min_score` (and with a reason), best first:
    the same list as scoring everyone with score_person and sorting, but the meaning part and
    the reasons (most of a candidate's cost) are worked out only for those whose bound can still
    reach the list. The bound: the exact word score, and meaning_bound of the person's best
    pieces as the vector index found them (`similarity.best_pieces`; `lightest`: the lightest
    weight of the kinds ranked; None: the index has no vectors, so words alone, and the bound is
    exact). `vectors_of(person_id)`: their pieces' vectors, asked for only for those scored.
    An introduction's ranking on a 100,000-person network scores about one in seven of its
    ~140 candidates."""
    scored: list[tuple[float, Candidate, Match]] = []
    bests = similarity.best_pieces([c.person_id for c in pool]) if similarity is not None else {}
    for c in pool:
        lexical = score_candidate(query, weights, c, today)
        best = bests.get(c.person_id)
        if best is None and vectors_of(c.person_id):
            bound = float("inf")  # pieces the index did not rank: no bound, score them
        else:
            bound = blend_scores(meaning_bound(best or [], lightest), lexical.score)
        scored.append((bound, c, lexical))
    scored.sort(key=lambda row: -row[0])
    found: list[Match] = []
    for bound, c, lexical in scored:
        # A tie with the last one listed could still win on the name: only a bound below both
        # it and min_score (with room for the last float bits) is left out.
        if bound + 1e-6 < min_score or (len(found) >= limit and bound + 1e-6 < found[limit - 1].score):
            break
        match = score_person(query, weights, c, query_vector, vectors_of(c.person_id), today, similarity, lexical)
        if match.reasons and match.score >= min_score:
            # In order as they come, and no more than `limit`: one past it can never come back.
            insort(found, match, key=_listed_order)
            del found[limit:]
    return found


def _listed_order(match: Match) -> tuple[float, str]:
    return -match.score, match.name
