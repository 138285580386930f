"""Ideas for bringing value to someone: intros for their needs, items for their interests, promises, and more."""

from datetime import date

import pytest

from goodwill.errors import NotFound
from goodwill.queries.ideas import ideas_for
from goodwill.services.ledger import add_exchange
from goodwill.services.pass_on import pass_on
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry
from goodwill.services.steps import add_step

TODAY = date(2026, 11, 23)


def person(owner, name, **kw):
    return add_person(owner, PersonFields(name=name, **kw))


@pytest.fixture
def world(alice, now):
    ann = person(alice, "Ann Able", birthday="--11-30")
    ben = person(alice, "Ben Baker", title="Fractional CFO")
    cat = person(alice, "Cat Cole")
    add_entry(alice, ann, "need", "a fractional CFO")
    add_entry(alice, ann, "interest", "climate tech")
    add_entry(alice, ben, "offer", "fractional CFO services")
    pass_on(alice, "Climate tech funding report", [cat])
    return ann, ben, cat


def kinds(ideas):
    return [i.kind for i in ideas]


def test_ideas_cover_what_the_data_supports(alice, world):
    ann, ben, cat = world
    add_step(alice, ann, "send the deck", due=date(2026, 11, 25))
    add_exchange(alice, ann, "referral", "received")
    add_exchange(alice, ann, "advice", "received")
    add_exchange(alice, ann, "lead", "given")
    ideas = ideas_for(alice, ann, TODAY)
    assert {"promise", "introduce", "pass_on", "birthday", "referral"} <= set(kinds(ideas))
    intro = next(i for i in ideas if i.kind == "introduce")
    assert intro.text == "Introduce them to Ben Baker" and "fractional CFO" in intro.why
    assert 'goodwill intro propose "Ann Able" "Ben Baker"' in intro.command
    item = next(i for i in ideas if i.kind == "pass_on")
    assert "Climate tech funding report" in item.text and '--to "Ann Able"' in item.command


def test_no_item_twice_and_nothing_from_others(alice, bob, world):
    ann, ben, cat = world
    assert "pass_on" not in kinds(ideas_for(alice, cat, TODAY))  # Cat already got it
    with pytest.raises(NotFound):  # bob cannot see alice's data about Ann
        ideas_for(bob, ann, TODAY)


def test_people_i_owe_get_a_return_the_favour_idea(alice, world):
    ann, ben, cat = world
    add_exchange(alice, ben, "referral", "received")
    assert "return_favour" in kinds(ideas_for(alice, ben, TODAY))
