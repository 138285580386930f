"""Pure matching: stemming, synonyms, scoring, reasons, and the evaluation metrics."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.currencies import clean_currency
from goodwill.habits.matching import (
    Candidate,
    Field,
    build_query,
    ndcg_at,
    rank,
    recall_at,
    stem,
    stems,
)
from goodwill.habits.profile_hints import hints


@pytest.mark.parametrize(
    "a,b",
    [
        ("hiring", "hire"),
        ("hires", "hired"),
        ("recruiter", "recruiting"),
        ("investors", "investing"),
        ("regulation", "regulatory"),
        ("taxes", "tax"),
        ("companies", "company"),
        ("pricing", "price"),
        ("startups", "startup"),
        ("advisory", "advising"),
    ],
)
def test_stemmer_brings_word_forms_together(a, b):
    assert stem(a) == stem(b)


@pytest.mark.parametrize("a,b", [("custody", "customer"), ("audit", "author"), ("hire", "hero")])
def test_stemmer_keeps_different_words_apart(a, b):
    assert stem(a) != stem(b)


def test_stop_words_and_synonyms():
    query = build_query("The latest news on hiring and the VC market")
    labels = [c.label for c in query.concepts]
    assert "the" not in labels and "latest" not in labels and "news" not in labels
    hiring = next(c for c in query.concepts if c.label == "hiring")
    assert (stem("recruiting"),) in [form for form, _ in hiring.forms]
    assert "recruiting" in query.search_terms()


def test_two_word_synonym_phrases_are_one_concept():
    query = build_query("venture capital trends")
    assert query.concepts[0].label == "venture capital"


def test_empty_or_stopword_only_text_has_no_concepts():
    assert build_query("the and of").concepts == []


def _person(pid, name, *fields):
    return Candidate(pid, name, [Field(kind, text) for kind, text in fields])


def test_needs_outrank_notes_and_reasons_quote_the_field():
    pool = [
        _person(1, "Note Only", ("note", "Mentioned hiring engineers once")),
        _person(2, "Needs It", ("need", "hiring senior engineers")),
        _person(3, "Nothing", ("interest", "sourdough")),
    ]
    matches = rank(build_query("A playbook for hiring engineers"), pool, total_people=50, today=date(2026, 11, 23))
    assert [m.name for m in matches] == ["Needs It", "Note Only"]
    assert matches[0].reasons[0].describe().startswith('need: "hiring senior engineers"')
    assert matches[0].reasons[0].matched == ["hiring", "engineers"]


def test_synonyms_match_at_a_lower_weight():
    pool = [_person(1, "Exact", ("interest", "recruiting")), _person(2, "Synonym", ("interest", "talent"))]
    matches = rank(build_query("recruiting"), pool, total_people=10)
    assert [m.name for m in matches] == ["Exact", "Synonym"] and matches[0].score > matches[1].score


def test_metrics_known_values():
    relevance = {1: 3, 2: 1}
    assert ndcg_at([1, 2], relevance) == pytest.approx(1.0)
    assert ndcg_at([2, 1], relevance) < 1.0
    assert ndcg_at([], relevance) == 0.0
    assert recall_at([5, 1], relevance) == 0.5


@given(
    st.lists(st.integers(0, 30), unique=True, max_size=15),
    st.dictionaries(st.integers(0, 30), st.integers(0, 3), max_size=15),
)
def test_metrics_stay_between_zero_and_one(ranked, relevance):
    assert 0.0 <= ndcg_at(ranked, relevance) <= 1.0 + 1e-9
    assert 0.0 <= recall_at(ranked, relevance) <= 1.0


@given(st.text(max_size=200))
def test_query_building_never_fails(text):
    query = build_query(text, ["a tag"])
    assert all(c.forms for c in query.concepts)
    assert all(t.strip() for t in query.search_terms())


@given(st.text(alphabet=st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=20))
def test_stems_are_short_and_lower_case(word):
    result = stem(word)
    assert result and result.islower() and len(result) <= len(word) + 1
    assert stems(word.upper(), keep_stopwords=True) == [result]


def test_currency_codes():
    assert clean_currency(" usd ") == "USD" and clean_currency("EUR") == "EUR"
    assert clean_currency("XYZ") is None and clean_currency("") is None and clean_currency("dollars") is None


@pytest.mark.parametrize(
    "text,kind,what",
    [
        ("She is looking for a fractional CFO.", "need", "a fractional CFO"),
        ("Hiring a VP of sales this quarter", "need", "hiring VP of sales this quarter"),
        ("Wants an intro to Foothill Ventures", "need", "an introduction to Foothill Ventures"),
        ("Really interested in climate tech and solar", "interest", "climate tech"),
        ("Expert in SEC custody rules", "offer", "SEC custody rules"),
        ("Can help with introductions to Denver investors", "offer", "introductions to Denver investors"),
    ],
)
def test_profile_hints(text, kind, what):
    assert (kind, what) in [(h.kind, h.text) for h in hints(text)]


def test_no_hints_from_plain_notes():
    assert hints("Prefers calls before 9am. Two kids; coaches soccer.") == []


@given(st.text(max_size=300))
def test_hints_never_fail(text):
    for hint in hints(text):
        assert hint.kind in ("need", "interest", "offer") and len(hint.text) >= 3
