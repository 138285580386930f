"""What gets a vector of its own: a profile entry whole, a note sentence by sentence.

A note that says two things ("Back from Lisbon. Her son is applying to
colleges") would average into a vector that means neither; one vector per
sentence keeps each findable, and the reason can quote the sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s*[\r\n\u2028\u2029]\s*")  # a line break ends a sentence too
LONG_KINDS = frozenset({"note", "summary"})
MAX_PIECES = 8  # a long note's first sentences; the full-text index still has the rest
MIN_WORDS = 2


def pieces(kind: str, text: str) -> list[str]:
    """The texts to embed for one field, in order (part 0, 1, …)."""
    return list(_pieces(kind, text))


@lru_cache(maxsize=65536)
def _pieces(kind: str, text: str) -> tuple[str, ...]:
    # Kept: every ranking splits every candidate's notes again (about 3 ms at 100,000 people).
    flat = " ".join(text.split())
    if not flat:
        return ()
    if kind not in LONG_KINDS:
        return (flat,)
    # Split before the spaces are evened out: a line break is where a sentence ends.
    sentences = [" ".join(s.split()) for s in SENTENCE_END.split(text.strip())]
    return tuple(([s for s in sentences if len(s.split()) >= MIN_WORDS] or [flat])[:MAX_PIECES])


def windows(text: str, sizes: tuple[int, ...] = (2, 3, 4)) -> list[str]:
    """Short runs of words from an item, to say which of its words met a field ("≈ cloud bills")."""
    from goodwill.habits.matching import STOPWORDS, WORD

    tokens = text.split()
    found: dict[str, None] = {}
    for size in sizes:
        for start in range(0, max(len(tokens) - size + 1, 1)):
            run = tokens[start : start + size]
            clean = [w.strip(".,;:!?\"'()[]") for w in run]
            # A run that starts or ends on a little word reads badly as a reason.
            if not clean or not clean[0] or not clean[-1]:
                continue
            if clean[0].lower() in STOPWORDS or clean[-1].lower() in STOPWORDS:
                continue
            if not any(WORD.fullmatch(w.lower()) for w in clean):
                continue
            found[" ".join(clean)] = None
    return list(found) or [text]
