"""Introductions by double opt-in: order of asks, drafts, ledger, follow-ups, bad input."""

from datetime import date

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Exchange, Introduction
from goodwill.queries.intros import board, follow_ups_due, suggest_pairs
from goodwill.services.intros import draft_for, get_intro, propose_intro, record_answer, record_outcome
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person, archive_person
from goodwill.services.profiles import add_entry


def person(owner, name, **kw):
    return add_person(owner, PersonFields(name=name, **kw))


@pytest.fixture
def pair(alice, now):
    ann = person(alice, "Ann Able", title="Founder", organization="Kitebase")
    ben = person(alice, "Ben Baker", title="Fractional CFO")
    add_entry(alice, ann, "need", "a fractional CFO for the Series A", confidentiality="shareable")
    add_entry(alice, ben, "offer", "fractional CFO work for startups", confidentiality="shareable")
    add_note(alice, ben, "Told me in confidence he is leaving his firm", "confidential")
    add_note(alice, ann, "Her burn rate worries me", "private")
    return ann, ben


def test_full_double_opt_in_flow(alice, pair, set_now):
    ann, ben = pair
    intro = propose_intro(alice, ann, ben, "Ann needs a CFO and Ben is one")
    assert intro.status == "asked_a" and intro.follow_up_on == date(2026, 11, 26)
    ask = draft_for(intro)
    assert ask.startswith("Hi Ann") and "Ben Baker (Fractional CFO)" in ask
    with pytest.raises(InvalidInput, match="waiting for A"):
        record_answer(alice, intro, "b", "yes")  # never ask B before A said yes
    intro = record_answer(alice, intro, "a", "yes")
    assert intro.status == "asked_b" and draft_for(intro).startswith("Hi Ben")
    intro = record_answer(alice, intro, "b", "yes")
    assert intro.status == "introduced" and intro.follow_up_on == date(2026, 12, 7)
    both = draft_for(intro)
    assert "Hi Ann and Ben" in both and "fractional CFO work" in both
    assert "confidence" not in both and "leaving" not in both and "burn rate" not in both
    ledger = Exchange.objects.filter(owner=alice, introduction=intro)
    assert sorted(e.person.name for e in ledger) == ["Ann Able", "Ben Baker"]
    assert {(e.kind, e.direction) for e in ledger} == {("introduction", "given")}
    set_now("2026-12-08T09:00:00+00:00")
    assert [r.id for r in follow_ups_due(alice, date(2026, 12, 8))] == [intro.pk]
    intro = record_outcome(alice, intro, "met", "Coffee went well")
    assert intro.status == "met" and intro.follow_up_on == date(2027, 2, 6)
    intro = record_outcome(alice, intro, "business")
    assert intro.status == "business" and intro.follow_up_on is None and intro.closed_at
    assert list(board(alice)) == ["business"]


def test_decline_closes_it(alice, pair):
    intro = propose_intro(alice, *pair, "why not")
    intro = record_answer(alice, intro, "a", "no")
    assert (intro.status, intro.declined_by, intro.follow_up_on) == ("declined", "a", None)
    with pytest.raises(InvalidInput, match="not waiting"):
        record_answer(alice, intro, "b", "yes")
    with pytest.raises(InvalidInput, match="no outcome yet"):
        record_outcome(alice, intro, "met")
    assert not Exchange.objects.exists()


def test_bad_input_writes_nothing(alice, pair):
    ann, ben = pair
    with pytest.raises(InvalidInput, match="themselves"):
        propose_intro(alice, ann, ann, "x")
    archive_person(alice, ben)
    with pytest.raises(InvalidInput, match="archived"):
        propose_intro(alice, ann, ben, "x")
    with pytest.raises(InvalidInput, match="say why"):
        propose_intro(alice, ann, person(alice, "Cy"), "  ")
    assert not Introduction.objects.exists()
    intro = propose_intro(alice, ann, Introduction.person_b.field.related_model.objects.get(name="Cy"), "x")
    with pytest.raises(InvalidInput, match="answer"):
        record_answer(alice, intro, "a", "maybe")
    with pytest.raises(InvalidInput, match="already under way"):
        propose_intro(alice, intro.person_b, ann, "again")


def test_isolation(alice, bob, charlie, pair):
    intro = propose_intro(alice, *pair, "reason")
    for other in (bob, charlie):
        with pytest.raises(NotFound):
            get_intro(other, intro.pk)
        assert board(other) == {} and suggest_pairs(other) == []
        with pytest.raises(NotFound):
            propose_intro(other, *pair, "steal")


def test_suggest_pairs_needs_meet_offers(alice, pair):
    ann, ben = pair
    other = person(alice, "Dee Dev", title="Engineer")
    add_entry(alice, other, "offer", "react native development")
    rows = suggest_pairs(alice)
    assert [(r.needs_name, r.offers_name) for r in rows] == [("Ann Able", "Ben Baker")]
    assert "cfo" in rows[0].reason.lower()
    propose_intro(alice, ann, ben, "done")
    assert suggest_pairs(alice) == []  # already introduced
