"""One kept postings list, compact and patchable in place (goodwill.search.postings keeps them).

A list is a lexeme's postings in one owner's network: person ids, sorted, and each one's
weight. Ids are kept in 32 bits when they fit; weights take few distinct values (they depend
only on the weights of a lexeme's positions in a document), so each is kept as one byte into a
table of them: 5 bytes a posting instead of 16. When someone's document is written, their
postings are replaced where they stand (a binary search each, then one copy of the arrays),
so a list follows small writes without being read again.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

CODES = 256  # distinct weights a one-byte code can point at


def _ids(ids: np.ndarray) -> np.ndarray:
    return ids.astype(np.int32) if len(ids) and ids.min() >= 0 and ids.max() < 2**31 else ids.astype(np.int64)


class KeptList(NamedTuple):
    ids: np.ndarray  # sorted
    table: np.ndarray  # the distinct weights, or each posting's weight when `codes` is None
    codes: np.ndarray | None  # each posting's place in `table`
    top: int  # the marker (goodwill.search.vectors.marker) the list is current at

    @classmethod
    def of(cls, ids: np.ndarray, weights: np.ndarray, top: int) -> KeptList:
        order = np.argsort(ids, kind="stable")  # the index gives them in order: this costs little
        ids, weights = ids[order], weights[order]
        table, codes = np.unique(weights, return_inverse=True)
        if len(table) <= CODES:
            return cls(_ids(ids), table, codes.astype(np.uint8), top)
        return cls(_ids(ids), weights.astype(np.float64), None, top)

    def pair(self) -> tuple[np.ndarray, np.ndarray]:
        """(person ids, weights), as the ranking sums them."""
        return self.ids, self.table if self.codes is None else self.table[self.codes]

    @property
    def nbytes(self) -> int:
        return self.ids.nbytes + self.table.nbytes + (0 if self.codes is None else self.codes.nbytes)

    def patched(self, people: np.ndarray, ids: np.ndarray, weights: np.ndarray, top: int) -> KeptList:
        """This list with the postings of `people` replaced by (ids, weights): theirs now (ids
        among `people`; someone with none has lost the word)."""
        at = np.searchsorted(self.ids, people)
        found = at < len(self.ids)
        found[found] = self.ids[at[found]] == people[found]
        drop = at[found]  # a person has at most one posting of a lexeme
        kept_ids = np.delete(self.ids, drop)
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
        return KeptList(_ids(merged), table, np.insert(np.delete(self.codes, drop), where, codes), top)
