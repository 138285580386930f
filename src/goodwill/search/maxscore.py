"""Which of a query's terms must be read in full for an exact top k (MaxScore), in pure Python.

A document's score is a sum over the query's terms of idf(term) × its weight for that term.
A term's upper bound is its idf times the largest weight it can have. Read in full only the
*essential* terms, the ones with the highest bounds; for the documents they find, look up the
other terms' weights one by one. A document that none of the essential terms holds scores at
most the sum of the other terms' bounds: once that sum is below the k-th best score found, no
such document can reach the page, so the top k is exact without reading the common terms'
long lists (Turtle and Flood, 1995). Common terms have a low idf, so a low bound.

PostgreSQL's ranking (goodwill.search.backends.PostgresFTS) runs this with its postings:
`plan` picks the first essential terms, `settled` says whether a page read with them is
exact, and `widen` moves more terms into the essential ones when it is not. `top_k` is the
reference the SQL is tested against, and the algorithm in miniature.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# The largest value goodwill_term_rank (migration 0020: one lexeme's share of ts_rank) can
# take, whatever the lexeme's positions: (the largest weight + every other position's weight
# over (j + 1)²) / 1.64493, greatest with a B position then A ones, about 1.0909. Rounded up,
# it bounds every posting, now and after any write, so a bound never needs reading the postings.
POSTING_BOUND = 1.1


def idf(documents: int, df: int) -> float:
    """bm25's inverse document frequency, as FTS5's bm25 and habits.matching.concept_weights use it."""
    documents = max(documents, df)
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


@dataclass(frozen=True)
class Term:
    name: str
    df: int  # documents that hold it
    top: float  # the largest weight it can have in any document
    idf: float

    @property
    def bound(self) -> float:
        return self.idf * self.top


def terms(stats: Sequence[tuple[str, int, float]], documents: int) -> list[Term]:
    """(name, df, largest weight) per term -> Terms, the highest bound first; terms no document holds drop out."""
    found = [Term(name, df, top, idf(documents, df)) for name, df, top in stats if df]
    return sorted(found, key=lambda t: (-t.bound, t.name))


def plan(ranked: Sequence[Term], k: int) -> int:
    """How many of the terms (highest bound first) to read in full at first: enough that their
    documents could fill the page twice over, so the k-th best score is a useful line."""
    read = 0
    for count, term in enumerate(ranked, 1):
        read += term.df
        if read >= 2 * k:
            return count
    return len(ranked)


# A sum's last bits depend on the order it is added in (the database adds each person's values
# in its own order): the bound is taken a hair high, so rounding never lets a document past it.
SLACK = 1e-9


def rest_bound(ranked: Sequence[Term], essential: int) -> float:
    """The most a document can score from the terms not read in full."""
    return sum(t.bound for t in ranked[essential:]) * (1 + SLACK)


def settled(ranked: Sequence[Term], essential: int, kth: float | None) -> bool:
    """Is a page read with the first `essential` terms exact? `kth`: the k-th best score among
    the documents found (None when fewer than k were found)."""
    if essential >= len(ranked):
        return True
    return kth is not None and rest_bound(ranked, essential) < kth


def widen(ranked: Sequence[Term], essential: int, kth: float | None) -> int:
    """The fewest essential terms for which a page at least as good as `kth` would be exact:
    the k-th best score only rises as terms join, so one more read settles it."""
    if kth is None:
        return len(ranked)
    while essential < len(ranked) and rest_bound(ranked, essential) >= kth:
        essential += 1
    return essential


def top_k(
    postings: Mapping[str, Mapping[int, float]], documents: int, k: int, bound: float | None = None
) -> tuple[list[tuple[int, float]], int]:
    """The k best documents by the weighted sum, best first (ties by id), and how many terms were
    read in full: MaxScore over in-memory postings {term: {document: weight}}. `bound`: every
    term's largest weight (each term's own largest when None)."""
    ranked = terms(
        [(t, len(p), max(p.values(), default=0.0) if bound is None else bound) for t, p in postings.items()],
        documents,
    )
    essential = plan(ranked, k)
    while True:
        found: dict[int, float] = {}
        for term in ranked[:essential]:
            for doc, weight in postings[term.name].items():
                found[doc] = found.get(doc, 0.0) + term.idf * weight
        for doc in found:
            found[doc] += sum(t.idf * postings[t.name].get(doc, 0.0) for t in ranked[essential:])
        page = sorted(found.items(), key=lambda row: (-row[1], row[0]))[:k]
        kth = page[-1][1] if len(page) >= k else None
        if settled(ranked, essential, kth):
            return page, essential
        essential = widen(ranked, essential, kth)
