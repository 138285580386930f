from datetime import date

import pytest

from goodwill.models import NextStep
from goodwill.queries.promises import keeping_record, promises
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person
from goodwill.services.promises import keep, mark_broken, release, renegotiate, suggest_promises
from goodwill.services.steps import add_step

ESSAY = "I'll call you with that information. I'll send you the article. We need to have lunch together soon."


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe", circle="close"))


def test_the_essays_sentences_become_promises_with_sensible_dates(alice, jane, now):
    found = suggest_promises(text=ESSAY, people=[jane], when=now)
    assert [(p.ball, p.text) for p in found] == [
        ("mine", "call Jane Doe with that information"),
        ("mine", "send the article"),
        ("both", "have lunch together"),
    ]
    # No timing, or "soon": a soft date about half a rhythm away (close circle: 30 days → 15).
    assert all(p.due == date(2026, 12, 8) and p.firm is False for p in found)
    assert found[1].source_sentence == "I'll send you the article."


def test_inner_circle_soft_dates_come_sooner(alice, now):
    ida = add_person(alice, PersonFields(name="Ida", circle="inner"))
    [found] = suggest_promises(text="Let's grab coffee soon.", people=[ida], when=now)
    assert found.due == date(2026, 11, 30) and not found.firm


def test_stated_dates_are_firm_and_theirs_are_theirs(alice, jane, now):
    found = suggest_promises(text="She'll send me the contract by Friday. I sent the deck.", people=[jane], when=now)
    assert [(p.ball, p.due, p.firm) for p in found] == [("theirs", date(2026, 11, 27), True)]


def test_inbound_email_author_is_them(alice, jane, now):
    found = suggest_promises(
        text="Hi,\nI'll send you the signed contract tomorrow.\nBest,\nJane",
        people=[jane],
        when=now,
        direction="inbound",
    )
    assert [(p.ball, p.due) for p in found] == [("theirs", date(2026, 11, 24))]


def test_promises_link_to_their_source(alice, jane, now):
    requests = suggest_promises(text=ESSAY, people=[jane], when=now)
    result = log_interaction(alice, LogRequest(kind="call", people=[jane], summary=ESSAY, next_steps=requests))
    step = NextStep.objects.get(text="send the article")
    assert step.interaction == result.interaction and step.source_sentence == "I'll send you the article."


def test_lifecycle_and_listing(alice, bob, jane, now):
    a = add_step(alice, jane, "send the article", due=date(2026, 11, 20))
    b = add_step(alice, jane, "send me the CV", due=date(2026, 11, 30), ball="theirs")
    today = now.date()
    assert list(promises(alice, today, whose="mine")) == [a]
    assert list(promises(alice, today, whose="theirs")) == [b]
    assert list(promises(alice, today, overdue=True)) == [a]
    assert list(promises(bob, today)) == []
    renegotiate(alice, a, date(2026, 11, 27))
    assert promises(alice, today, whose="mine").get().renegotiations == 1
    release(alice, b)
    assert list(promises(alice, today)) == [a]


def test_keeping_record(alice, jane, now, set_now):
    sam = add_person(alice, PersonFields(name="Sam Lee"))
    on_time = add_step(alice, jane, "send article", due=date(2026, 11, 24))
    late = add_step(alice, jane, "send deck", due=date(2026, 11, 24))
    broken = add_step(alice, sam, "call back", due=date(2026, 11, 25))
    released = add_step(alice, sam, "lunch", due=date(2026, 11, 25))
    add_step(alice, sam, "they owe me", due=date(2026, 11, 24), ball="theirs")
    add_step(alice, sam, "still open", due=date(2026, 11, 26))
    keep(alice, on_time)
    set_now("2026-11-27T10:00:00+00:00")
    keep(alice, late)
    mark_broken(alice, broken)
    release(alice, released)
    record = keeping_record(alice, date(2026, 11, 27))
    overall = record.overall
    assert (overall.due, overall.kept_on_time, overall.kept_late, overall.broken, overall.open_overdue) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert overall.share_on_time == 0.25
    assert [(line.label, line.due) for line in record.by_person] == [("Jane Doe", 2), ("Sam Lee", 2)]
    assert [line.label for line in record.by_month] == ["2026-11"]
