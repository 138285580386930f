"""Profile suggestions from what notes say: "looking for a CFO" → a need.

Pure text rules. Goodwill only ever *suggests* these; the user accepts them
(`goodwill profile suggest NAME --accept 1,2`), nothing is set silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAIL = r"(?P<what>[^.;!?\n]{3,120})"
RULES: list[tuple[str, re.Pattern[str]]] = [
    ("need", re.compile(r"\b(?:is |are |she's |he's |they're )?(?:looking|searching|hunting) for " + _TAIL, re.I)),
    ("need", re.compile(r"\bneeds? (?:a |an |some |help with |help finding )" + _TAIL, re.I)),
    ("need", re.compile(r"\b(?:is |are )?(?:hiring|recruiting) (?:a |an )?" + _TAIL, re.I)),
    ("need", re.compile(r"\b(?:is |are )?(?:raising|fundraising for) (?:a |an |their )?" + _TAIL, re.I)),
    ("need", re.compile(r"\bwants? (?:an? )?(?:intro|introduction)s? to " + _TAIL, re.I)),
    (
        "interest",
        re.compile(r"\b(?:interested in|passionate about|fascinated by|curious about|keen on) " + _TAIL, re.I),
    ),
    (
        "interest",
        re.compile(
            r"\b(?:writes|blogs|posts|speaks) (?:a monthly newsletter |often |regularly )?(?:on|about) " + _TAIL, re.I
        ),
    ),
    ("interest", re.compile(r"\b(?:big fan of|loves|follows) " + _TAIL, re.I)),
    (
        "offer",
        re.compile(
            r"\b(?:expert (?:in|on)|specializes in|specialises in|knows a lot about|deep experience in) " + _TAIL, re.I
        ),
    ),
    ("offer", re.compile(r"\bcan (?:help|advise) (?:with|on) " + _TAIL, re.I)),
    ("offer", re.compile(r"\bcan (?:help with |make )?introductions? to " + _TAIL, re.I)),
    ("offer", re.compile(r"\b(?:happy|glad|offered) to (?:help|advise|mentor) (?:with |on )?" + _TAIL, re.I)),
]
_TRIM = re.compile(r"\s+(?:and|but|so|because|since|when|if)\s.*$", re.I)


@dataclass(frozen=True)
class Hint:
    kind: str
    text: str
    sentence: str


def hints(text: str) -> list[Hint]:
    """Profile entries a note suggests, in the order written; duplicates removed."""
    found: list[Hint] = []
    seen: set[tuple[str, str]] = set()
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text or ""):
        for kind, pattern in RULES:
            for match in pattern.finditer(sentence):
                what = _TRIM.sub("", match.group("what")).strip(" ,:-\"'")
                if len(what) < 3:
                    continue
                if kind == "need" and pattern.pattern.startswith(r"\b(?:is |are )?(?:hiring"):
                    what = f"hiring {what}"
                elif kind == "need" and "raising" in pattern.pattern:
                    what = f"raising {what}"
                elif kind == "need" and "intro" in pattern.pattern:
                    what = f"an introduction to {what}"
                elif kind == "offer" and "introduction" in pattern.pattern:
                    what = f"introductions to {what}"
                key = (kind, what.lower())
                if key not in seen:
                    seen.add(key)
                    found.append(Hint(kind, what, sentence.strip()))
    return found
