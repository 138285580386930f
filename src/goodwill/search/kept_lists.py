"""One kept postings list, compact and patchable in place (goodwill.search.postings keeps them).

A list is a lexeme's postings in one owner's network: person ids, sorted, and each one's
weight. Ids are kept in 32 bits when they fit, or, when the list holds more than one id in 32
of its range (a common word's: "state" is held by 80 % of a network), as one bit an id of the
range: ~1 byte a posting in all instead of 5, so the common words' lists, the ones a first
sight pays most for, fit the budget together. Weights take few distinct values (they depend
only on the weights of a lexeme's positions in a document), so each is kept as one byte into a
table of them. When someone's document is written, their postings are replaced where they
stand, so a list follows small writes without being read again.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

CODES = 256  # distinct weights a one-byte code can point at


def _ids(ids: np.ndarray) -> np.ndarray:
    return ids.astype(np.int32) if len(ids) and ids.min() >= 0 and ids.max() < 2**31 else ids.astype(np.int64)


class KeptList(NamedTuple):
    ids: np.ndarray  # sorted; or, when `base` >= 0, one bit an id from `base` up (little bit order)
    table: np.ndarray  # the distinct weights, or each posting's weight when `codes` is None
    codes: np.ndarray | None  # each posting's place in `table`
    top: int  # the marker (goodwill.search.vectors.marker) the list is current at
    base: int = -1  # the id of the first bit of a list kept as bits; -1: `ids` are the ids

    @classmethod
    def of(cls, ids: np.ndarray, weights: np.ndarray, top: int) -> KeptList:
        order = np.argsort(ids, kind="stable")  # the index gives them in order: this costs little
        ids, weights = ids[order], weights[order]
        table, codes = np.unique(weights, return_inverse=True)
        if len(table) <= CODES:
            return cls.packed(ids, table, codes.astype(np.uint8), top)
        return cls.packed(ids, weights.astype(np.float64), None, top)

    @classmethod
    def packed(cls, ids: np.ndarray, table: np.ndarray, codes: np.ndarray | None, top: int) -> KeptList:
        """Sorted ids kept as bits or as themselves, whichever is smaller."""
        ids = _ids(ids)
        if len(ids) and ids[0] >= 0:
            span = int(ids[-1]) - int(ids[0]) + 1
            if (span + 7) // 8 < ids.nbytes:
                bits = np.zeros(span, dtype=bool)
                bits[ids - ids[0]] = True
                return cls(np.packbits(bits, bitorder="little"), table, codes, top, int(ids[0]))
        return cls(ids, table, codes, top)

    def people(self) -> np.ndarray:
        """The person ids, sorted."""
        if self.base < 0:
            return self.ids
        ids = np.flatnonzero(np.unpackbits(self.ids, bitorder="little").view(bool))  # as bools: 5x faster
        ids += self.base
        return ids

    def pair(self) -> tuple[np.ndarray, np.ndarray]:
        """(person ids, weights), as the ranking sums them."""
        return self.people(), self.table if self.codes is None else self.table[self.codes]

    @property
    def size(self) -> int:
        """Postings."""
        return len(self.table) if self.codes is None else len(self.codes)

    @property
    def nbytes(self) -> int:
        return self.ids.nbytes + self.table.nbytes + (0 if self.codes is None else self.codes.nbytes)

    def patched(self, people: np.ndarray, ids: np.ndarray, weights: np.ndarray, top: int) -> KeptList:
        """This list with the postings of `people` replaced by (ids, weights): theirs now (ids
        among `people`; someone with none has lost the word)."""
        held = self.people()
        at = np.searchsorted(held, people)
        found = at < len(held)
        found[found] = held[at[found]] == people[found]
        drop = at[found]  # a person has at most one posting of a lexeme
        kept_ids = np.delete(held, drop)
        order = np.argsort(ids, kind="stable")
        ids, weights = ids[order], weights[order]
        if self.codes is None or len(np.union1d(self.table, weights)) > CODES:
            _, old = self.pair()
            return KeptList.of(np.concatenate([kept_ids, ids]), np.concatenate([np.delete(old, drop), weights]), top)
        table = self.table
        new = np.setdiff1d(weights, table)
        if len(new):  # appended, so the codes already given still point at their weights
            table = np.concatenate([table, new])
        place = {w: i for i, w in enumerate(table.tolist())}
        codes = np.fromiter((place[w] for w in weights.tolist()), dtype=np.uint8, count=len(weights))
        where = np.searchsorted(kept_ids, ids)
        merged = np.insert(kept_ids.astype(np.int64), where, ids.astype(np.int64))
        return KeptList.packed(merged, table, np.insert(np.delete(self.codes, drop), where, codes), top)
