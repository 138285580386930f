"""Who would care about this? Pure matching for pass-it-on, intro suggestions and ideas.

The database's full-text index (goodwill.search) finds candidates fast; this
module ranks them the same way on SQLite and PostgreSQL and says why:

- text is split into words, stop words dropped, and each word stemmed (a light
  Porter-style stemmer: "hiring", "hires" and "hire" meet);
- each query word is a *concept*; its synonyms (habits.synonyms) match it too,
  at a lower weight; --tags add concepts of their own, weighted up;
- a concept's weight is its rarity in the candidate pool (idf), so "guidance"
  counts for less than "custody";
- a person's fields count by kind: an open need most, then interests, offers,
  role, and notes last; a need stated recently counts a little more;
- the score is the best field plus part of the rest, and the reasons are the
  fields that matched, quoted. Confidential text never reaches this module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from goodwill.habits.synonyms import GROUPS

WORD = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)?")

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him
his how i if in into is it its itself just let me more most my new no nor not now of off on once only or other our
out over own same she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your yours via per
next latest just get got make made use using one two three four five q1 q2 q3 q4 2024 2025 2026 2027 vs etc
news update updates article read guide tips report week month year today way look looking want wants like good great
help helps need needs know interested interest someone anyone thing things lot best top
""".split()
)

# Words that say little about who would care ("firms", "small"): they count, but a third.
GENERIC = frozenset(
    """
firm firms small big large company companies business businesses team teams people work working plan plans
find finding start starting run running make making way ways time times year years change changes changing
thing matter matters really actually still back first last more less market markets world case cases idea ideas
""".split()
)
GENERIC_WEIGHT = 0.35

# How much a field counts, by kind: a stated need is the strongest signal.
KIND_WEIGHTS = {"need": 3.0, "interest": 2.0, "offer": 1.3, "role": 1.0, "tag": 1.0, "note": 0.6, "summary": 0.5}
SYNONYM_WEIGHT = 0.7
TAG_WEIGHT = 1.3
REST_SHARE = 0.35  # how much the fields after the best one add
COVERAGE = 0.25  # bonus for each further concept of the query a person matches
RECENT_NEED_DAYS = 120


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light Porter-style stemmer: plurals, -ing/-ed, and common derivations."""
    w = word
    if len(w) <= 3:
        return w
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("xes", "ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and _has_vowel(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if w.endswith(("at", "bl", "iz")):
                w += "e"
            elif len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in "aeiou":
                w = w[:-1]
            elif _short_cvc(w):
                w += "e"
            break
    for suffix, replacement in (
        ("ization", "ize"),
        ("isation", "ize"),
        ("ational", "ate"),
        ("ation", "ate"),
        ("ement", ""),
        ("ment", ""),
        ("ness", ""),
        ("ity", ""),
        ("atory", "ate"),
        ("ory", ""),
        ("ical", "ic"),
        ("ally", "al"),
        ("ly", ""),
        ("er", ""),
        ("or", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)] + replacement
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _has_vowel(text: str) -> bool:
    return any(ch in "aeiouy" for ch in text)


def _short_cvc(w: str) -> bool:
    if len(w) < 3 or len(w) > 5:
        return False
    a, b, c = w[-3], w[-2], w[-1]
    return a not in "aeiou" and b in "aeiou" and c not in "aeiouwxy" and sum(ch in "aeiou" for ch in w) == 1


def words(text: str) -> list[str]:
    return WORD.findall((text or "").lower())


def stems(text: str, *, keep_stopwords: bool = False) -> list[str]:
    return [stem(w) for w in words(text) if keep_stopwords or w not in STOPWORDS]


def _phrase(term: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(term))


def _synonym_index() -> dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]:
    """Stemmed phrase → the other members of its groups, as (stemmed phrase, words as written)."""
    index: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
    for group in GROUPS:
        phrases = [(_phrase(t), t) for t in group]
        for p, _ in phrases:
            known = index.setdefault(p, [])
            known += [(q, raw) for q, raw in phrases if q != p and all(q != k for k, _ in known)]
    return index


SYNONYM_INDEX = _synonym_index()


@dataclass
class Concept:
    """One thing the query is about: the words as written, and words meaning the same."""

    label: str
    forms: list[tuple[tuple[str, ...], float]]  # (stemmed phrase, weight)
    boost: float = 1.0
    generic: bool = False  # a word like "firms": it scores a little, but finds nobody by itself
    raw: list[str] = field(default_factory=list)  # the forms as words, for the database's own stemmer


@dataclass
class Query:
    text: str
    concepts: list[Concept]
    tags: list[str] = field(default_factory=list)
    # First stem of each form -> (concept index, stemmed phrase, weight); see _field_hits.
    _forms: dict[str, list[tuple[int, tuple[str, ...], float]]] | None = field(default=None, repr=False, compare=False)
    # A field text's hits (see _field_hits), worked out once per query: a pool's people share
    # many texts ("industry: software", "based in London", a tag, an offer said the same way).
    _hits_of_text: dict[str, list[float]] = field(default_factory=dict, repr=False, compare=False)

    def forms_by_first_stem(self) -> dict[str, list[tuple[int, tuple[str, ...], float]]]:
        if self._forms is None:
            index: dict[str, list[tuple[int, tuple[str, ...], float]]] = {}
            for n, concept in enumerate(self.concepts):
                for phrase, weight in concept.forms:
                    if phrase:
                        index.setdefault(phrase[0], []).append((n, phrase, weight))
            self._forms = index
        return self._forms

    def meaning_text(self) -> str:
        """What the meaning model reads: the words, then the tags."""
        return " ".join([self.text, *self.tags])

    def search_terms(self) -> list[str]:
        """Every form, as written, for the full-text candidate search (OR-ed): the
        database stems them with its own stemmer, the same one that built its index."""
        return list(dict.fromkeys(raw for concept in self.concepts if not concept.generic for raw in concept.raw))


def build_query(text: str, tags: Iterable[str] = ()) -> Query:
    """Concepts from the text (single words, plus synonym phrases) and from tags."""
    raw = [w for w in words(text) if w not in STOPWORDS and len(w) > 1]
    concepts: list[Concept] = []
    seen: set[tuple[str, ...]] = set()

    def add(label: str, phrase: tuple[str, ...], boost: float) -> None:
        if not phrase or phrase in seen:
            return
        seen.add(phrase)
        synonyms = SYNONYM_INDEX.get(phrase, [])
        forms = [(phrase, 1.0)] + [(s, SYNONYM_WEIGHT) for s, _ in synonyms]
        concepts.append(
            Concept(
                label=label,
                forms=forms,
                boost=boost,
                raw=[label] + [raw for _, raw in synonyms],
                generic=label in GENERIC,
            )
        )

    # Two-word phrases the synonym map knows ("venture capital") become one concept.
    index, used = 0, set()
    stemmed = [stem(w) for w in raw]
    while index < len(raw) - 1:
        pair = (stemmed[index], stemmed[index + 1])
        if pair in SYNONYM_INDEX:
            add(f"{raw[index]} {raw[index + 1]}", pair, 1.0)
            used |= {index, index + 1}
        index += 1
    for i, word in enumerate(raw):
        if i not in used:
            add(word, (stemmed[i],), GENERIC_WEIGHT if word in GENERIC else 1.0)
    for tag in tags:
        phrase = _phrase(tag)
        phrase = tuple(s for s, w in zip(phrase, words(tag)) if w not in STOPWORDS) or phrase
        if phrase in seen:  # a tag repeating a word of the text weighs that word up
            for concept in concepts:
                if concept.forms[0][0] == phrase:
                    concept.boost = TAG_WEIGHT
        else:
            add(tag.strip().lower(), phrase, TAG_WEIGHT)
    return Query(text=text, concepts=concepts, tags=[t.strip().lstrip("#") for t in tags if t.strip()])


@dataclass
class Field:
    """One piece of what I know about a person, already free of confidential text."""

    kind: str  # need, interest, offer, role, tag, note, summary
    text: str
    since: date | None = None
    ref: int | None = None  # the profile entry, note or interaction it came from
    confidentiality: str = "shareable"
    _stems: list[str] | None = field(default=None, repr=False)
    _set: frozenset[str] | None = field(default=None, repr=False)

    def stem_list(self) -> list[str]:
        if self._stems is None:
            stemmed, self._set = _stemmed(self.text)
            self._stems = list(stemmed)
        return self._stems

    def has(self, phrase: tuple[str, ...]) -> bool:
        stemmed = self.stem_list()
        assert self._set is not None  # stem_list() fills it
        if len(phrase) == 1:
            return phrase[0] in self._set
        return phrase[0] in self._set and _contains(stemmed, phrase)


@lru_cache(maxsize=65536)
def _stemmed(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A field's stems, as a list and a set: the same notes come back search after search."""
    stemmed = tuple(stems(text, keep_stopwords=True))
    return stemmed, frozenset(stemmed)


@dataclass
class Candidate:
    person_id: int
    name: str
    fields: list[Field]
    # Which concepts each field matched, for the last query (see _field_hits).
    _hits: tuple[Query, list[Field], int, list[list[float]]] | None = field(default=None, repr=False, compare=False)


@dataclass
class Reason:
    kind: str
    text: str
    matched: list[str]  # the query's words it shares; empty when it matched by meaning only
    since: date | None = None
    confidentiality: str = "shareable"
    near: str = ""  # the query's words closest in meaning to it ("cloud bills")

    def label(self) -> str:
        if self.kind == "note" and self.since:
            return f"from your note of {self.since.day} {self.since:%b %Y}"
        return {"summary": "we talked about", "note": "note", "role": "role", "tag": "tag"}.get(self.kind, self.kind)

    def describe(self) -> str:
        since = f" (since {self.since:%b %Y})" if self.since and self.kind == "need" else ""
        if self.matched:
            tail = f" — matched {', '.join(self.matched)}"
        elif self.near:
            tail = f' ≈ "{self.near}"'
        else:
            tail = " — close in meaning"
        return f'{self.label()}: "{_clip(self.text)}"{since}{tail}'


@dataclass
class Match:
    person_id: int
    name: str
    score: float
    reasons: list[Reason]


def _clip(text: str, size: int = 90) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _contains(haystack: list[str], phrase: tuple[str, ...]) -> bool:
    if len(phrase) == 1:
        return phrase[0] in haystack
    n = len(phrase)
    return any(tuple(haystack[i : i + n]) == phrase for i in range(len(haystack) - n + 1))


def _concept_hit(concept: Concept, f: Field) -> float:
    best = 0.0
    for phrase, weight in concept.forms:
        if weight > best and f.has(phrase):
            best = weight
    return best


def _field_hits(query: Query, candidate: Candidate) -> list[list[float]]:
    """For each field, each concept's hit (0.0 for none). Worked out once per query and
    candidate: concept_weights and score_candidate both read it."""
    memo = candidate._hits
    if memo is not None and memo[0] is query and memo[1] is candidate.fields and memo[2] == len(candidate.fields):
        return memo[3]
    # The same as _concept_hit for each field and concept, the best weight among the concept's
    # forms the field has, but looked up from the field's words: a field shares few with a query.
    # A row depends on the text alone; rows are shared, so nothing may change one.
    forms, known = query.forms_by_first_stem(), query._hits_of_text
    table = []
    for f in candidate.fields:
        row = known.get(f.text)
        if row is None:
            stemmed = f.stem_list()
            assert f._set is not None  # stem_list() fills it
            row = known[f.text] = [0.0] * len(query.concepts)
            for first in f._set.intersection(forms):
                for n, phrase, weight in forms[first]:
                    if weight > row[n] and (len(phrase) == 1 or _contains(stemmed, phrase)):
                        row[n] = weight
        table.append(row)
    candidate._hits = (query, candidate.fields, len(candidate.fields), table)
    return table


def idf(documents: int, df: int) -> float:
    """bm25's inverse document frequency (as FTS5's bm25 weighs words): how much rarer a word
    held by `df` of `documents` is; never negative, even when a count runs ahead of the total."""
    documents = max(documents, df)
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


def concept_weights(query: Query, pool: list[Candidate], total_people: int) -> list[float]:
    """Rarer concepts count for more (idf over the whole network, df from the pool)."""
    total = max(total_people, len(pool), 1)
    df = [0] * len(query.concepts)
    for c in pool:
        # One pass over each candidate's rows; most rows are all zero, which any() skips in C.
        held = {n for row in _field_hits(query, c) if any(row) for n, hit in enumerate(row) if hit}
        for n in held:
            df[n] += 1
    return [concept.boost * idf(total, count) for concept, count in zip(query.concepts, df)]


def _recency(f: Field, today: date | None) -> float:
    if f.kind == "need" and f.since and today and (today - f.since).days <= RECENT_NEED_DAYS:
        return 1.15
    return 1.0


def score_candidate(query: Query, weights: list[float], candidate: Candidate, today: date | None = None) -> Match:
    scored: list[tuple[float, Field, list[str]]] = []
    for f, row in zip(candidate.fields, _field_hits(query, candidate)):
        if not any(row):
            continue
        total, matched = 0.0, []
        for concept, weight, hit in zip(query.concepts, weights, row):
            if hit:
                total += hit * weight
                matched.append(concept.label)
        if total:
            scored.append((total * KIND_WEIGHTS.get(f.kind, 0.5) * _recency(f, today), f, matched))
    scored.sort(key=lambda row: -row[0])
    if not scored:
        return Match(candidate.person_id, candidate.name, 0.0, [])
    # Evidence from several fields adds up, with diminishing weight.
    score = scored[0][0] + REST_SHARE * sum(s for s, _, _ in scored[1:4])
    covered = {label for _, _, m in scored for label in m}
    score *= 1 + COVERAGE * (len(covered) - 1)  # more of the query explained, more likely to care
    reasons = [Reason(f.kind, f.text, m, f.since, f.confidentiality) for _, f, m in scored[:3]]
    return Match(candidate.person_id, candidate.name, score, reasons)


def rank(
    query: Query,
    pool: list[Candidate],
    total_people: int,
    *,
    today: date | None = None,
    limit: int = 10,
    min_score: float = 0.0,
) -> list[Match]:
    """The pool, best first, with reasons; people nothing matched are left out."""
    weights = concept_weights(query, pool, total_people)
    matches = [score_candidate(query, weights, c, today) for c in pool]
    matches = [m for m in matches if m.score > min_score]
    matches.sort(key=lambda m: (-m.score, m.name))
    return matches[:limit]


# -- evaluation -------------------------------------------------------------------


def dcg(gains: Sequence[float]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at(ranked: list[int], relevance: dict[int, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain of a ranking against graded labels."""
    ideal = dcg(sorted(relevance.values(), reverse=True)[:k])
    if ideal == 0:
        return 1.0 if not ranked else 0.0
    return dcg([relevance.get(pid, 0) for pid in ranked[:k]]) / ideal


def recall_at(ranked: list[int], relevance: dict[int, int], k: int = 10) -> float:
    """Share of the relevant people (grade ≥ 1) found in the top k, out of at most k."""
    relevant = {pid for pid, grade in relevance.items() if grade > 0}
    if not relevant:
        return 1.0
    return len(relevant & set(ranked[:k])) / min(len(relevant), k)
